package org.spamtraffic.report.table;

import com.ibm.icu.text.DecimalFormatSymbols;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.util.ULocale;
import java.text.ParsePosition;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a number back from a table cell of the draft as {@code Printed} wrote it in the report's
 * language ("12,300", "4,92", "37.6%", "46,7 %"), with the Excel format that shows the same digits,
 * so that the workbook's copy of a report table holds numbers an analyst can compute with, rounded
 * exactly as the draft prints them. ICU parses with the same CLDR data that printed the cell.
 */
final class PrintedCells {
  /**
   * A number and the Excel format that prints it as the draft does.
   *
   * @param number the value (a share as a fraction: 37.6% is 0.376)
   * @param excelFormat {@code #,##0}, {@code #,##0.00}, {@code 0.0%}...
   */
  record Value(double number, String excelFormat) {}

  private final ULocale locale;
  private final String percent;
  private final char decimal;

  PrintedCells(Locale locale) {
    this.locale = ULocale.forLocale(locale);
    DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(this.locale);
    this.percent = symbols.getPercentString();
    this.decimal = symbols.getDecimalSeparator();
  }

  /** The number {@code text} shows, if it is one number and nothing else. */
  Optional<Value> parse(String text) {
    String t = text.strip();
    boolean share = t.contains(percent);
    NumberFormat format =
        share ? NumberFormat.getPercentInstance(locale) : NumberFormat.getNumberInstance(locale);
    ParsePosition at = new ParsePosition(0);
    Number n = format.parse(t, at);
    if (n == null || at.getIndex() != t.length()) {
      return Optional.empty();
    }
    int decimals = decimals(t);
    String digits = decimals == 0 ? "" : "." + "0".repeat(decimals);
    return Optional.of(
        new Value(n.doubleValue(), share ? "0" + digits + space(t) + "%" : "#,##0" + digits));
  }

  /** The space the language puts before the percent sign ("12,3 %"), quoted for Excel. */
  private String space(String t) {
    int at = t.indexOf(percent);
    if (at > 0 && Character.isSpaceChar(t.charAt(at - 1))) {
      return "\"" + t.charAt(at - 1) + "\"";
    }
    return "";
  }

  /** How many digits the text shows after the decimal separator. */
  private int decimals(String t) {
    int at = t.lastIndexOf(decimal);
    if (at < 0) {
      return 0;
    }
    int n = 0;
    for (int i = at + 1; i < t.length() && Character.isDigit(t.charAt(i)); i++) {
      n++;
    }
    return n;
  }
}
