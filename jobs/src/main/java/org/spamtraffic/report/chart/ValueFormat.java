package org.spamtraffic.report.chart;

import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * How the numbers of a chart axis or a table column are printed. Formatting only: a value is never
 * rescaled or rounded before it is stored, only when it is printed.
 */
public enum ValueFormat {
  /** Whole counts with thousands separators: 1,234,567. */
  COUNT,
  /** A share stored as a fraction 0..1, printed as a percentage: 0.123 → 12.3%. */
  PERCENT,
  /** US dollars, whole: 1,234,567. */
  USD,
  /** A score 0..1, two decimals. */
  SCORE,
  /** A year (price year, base year): digits only, never grouped (2025, not 2,025). */
  YEAR,
  /** Any other number, up to three decimals. */
  DECIMAL;

  /** A formatter for table cells and chart data, in {@code locale}. */
  public NumberFormat cellFormat(Locale locale) {
    DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
    DecimalFormat f;
    switch (this) {
      case COUNT:
      case USD:
        f = new DecimalFormat("#,##0", symbols);
        break;
      case PERCENT:
        f = new DecimalFormat("0.0%", symbols);
        break;
      case SCORE:
        f = new DecimalFormat("0.00", symbols);
        break;
      case YEAR:
        f = new DecimalFormat("0", symbols);
        break;
      case DECIMAL:
      default:
        f = new DecimalFormat("#,##0.###", symbols);
        break;
    }
    f.setRoundingMode(RoundingMode.HALF_UP);
    return f;
  }

  /** A compact formatter for axis ticks: 1.5M, 250k, 40%. */
  public NumberFormat tickFormat(Locale locale) {
    switch (this) {
      case PERCENT:
        DecimalFormat p = new DecimalFormat("0%", DecimalFormatSymbols.getInstance(locale));
        p.setRoundingMode(RoundingMode.HALF_UP);
        return p;
      case SCORE:
      case YEAR:
        return cellFormat(locale);
      case COUNT:
      case USD:
      case DECIMAL:
      default:
        NumberFormat c = NumberFormat.getCompactNumberInstance(locale, NumberFormat.Style.SHORT);
        c.setMaximumFractionDigits(1);
        return c;
    }
  }

  /** The Excel number format of a column with this format. */
  public String excelFormat() {
    switch (this) {
      case COUNT:
      case USD:
        return "#,##0";
      case PERCENT:
        return "0.0%";
      case SCORE:
        return "0.00";
      case YEAR:
        return "0";
      case DECIMAL:
      default:
        // Excel's "#,##0.###" prints 12 as "12." (a stray separator); General prints 12 and 1.5.
        return "General";
    }
  }
}
