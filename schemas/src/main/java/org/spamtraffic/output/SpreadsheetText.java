package org.spamtraffic.output;

import java.util.regex.Pattern;

/**
 * The one rule for text this system writes into a CSV file or a spreadsheet cell: text that a
 * spreadsheet would run as a formula is neutralised, following OWASP's advice on CSV injection
 * (https://owasp.org/www-community/attacks/CSV_Injection). An operator's file may hold {@code
 * =HYPERLINK(...)} or {@code =cmd|' /C calc'!A0} in a text column; every workbook and CSV written
 * from it (annotated workbooks, report tables, chart data, templates) goes through {@link
 * #neutralised}, so the text is shown, never run.
 *
 * <p>A value is formula-like when it starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab
 * or a carriage return (and their full-width forms, which some spreadsheets also accept); it is
 * written with a leading apostrophe, which spreadsheets show as text. A plain signed number ({@code
 * -12}, {@code -0.5}) is not a formula anywhere and is left alone; numbers are written as numbers
 * and never pass through this rule.
 *
 * <p>The neutralisation can be undone exactly, so that a program reading the CSV files we publish
 * gets back the value as it was ({@link #original}): text that already starts with an apostrophe
 * gets one more, and a reader removes one leading apostrophe wherever there is one. A source
 * network written {@code +869*} (a number range) is published as {@code '+869*} and read back as
 * {@code +869*}.
 */
public final class SpreadsheetText {
  private static final Pattern PLAIN_NUMBER = Pattern.compile("^[+-]?[0-9]+([.,][0-9]+)?$");

  private SpreadsheetText() {}

  /** Whether a spreadsheet would take {@code text} for a formula or a command. */
  public static boolean isFormulaLike(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    char c = text.charAt(0);
    boolean trigger =
        c == '='
            || c == '+'
            || c == '-'
            || c == '@'
            || c == '\t'
            || c == '\r'
            || c == '\uFF1D' // full-width =
            || c == '\uFF0B' // full-width +
            || c == '\uFF0D' // full-width -
            || c == '\uFF20'; // full-width @
    return trigger && !PLAIN_NUMBER.matcher(text).matches();
  }

  /**
   * {@code text} as it may be written into a CSV or a cell: formula-like text, and text that starts
   * with an apostrophe (so that {@link #original} is exact), gets a leading {@code '}.
   */
  public static String neutralised(String text) {
    return isFormulaLike(text) || (text != null && text.startsWith("'")) ? "'" + text : text;
  }

  /**
   * The value that {@link #neutralised} was given, from what it wrote: one leading apostrophe
   * removed. For programs that read our own CSV files (and the documented way for anyone else).
   */
  public static String original(String written) {
    return written != null && written.startsWith("'") ? written.substring(1) : written;
  }
}
