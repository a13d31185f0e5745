package org.spamtraffic.report.table;

import java.util.Locale;
import org.spamtraffic.report.chart.ValueFormat;
import org.spamtraffic.schema.TableContract;

/**
 * How a published column's numbers are printed, from its name and type: shares, rates, ratios and
 * growth are fractions printed as percentages; money in USD; readiness scores with two decimals;
 * counts with thousands separators. Formatting only: values are stored as the table holds them.
 */
public final class ColumnFormats {
  private ColumnFormats() {}

  /** The format of {@code column}, or null for a column that is not a number. */
  public static ValueFormat of(TableContract.Column column) {
    String name = column.name().toLowerCase(Locale.ROOT);
    if ((name.endsWith("_year") || name.equals("year")) && !name.startsWith("growth")) {
      return ValueFormat.YEAR;
    }
    switch (column.type()) {
      case INT:
      case LONG:
        return ValueFormat.COUNT;
      case DOUBLE:
        if (name.contains("usd")) {
          return ValueFormat.USD;
        }
        if (name.contains("share")
            || name.contains("rate")
            || name.contains("ratio")
            || name.startsWith("growth")
            || name.startsWith("coverage")) {
          return ValueFormat.PERCENT;
        }
        if (name.contains("score") || name.startsWith("readiness")) {
          return ValueFormat.SCORE;
        }
        if (name.contains("estimate")) {
          return ValueFormat.COUNT;
        }
        return ValueFormat.DECIMAL;
      case STRING:
      case BOOLEAN:
      case DATE:
      case TIMESTAMP:
      case STRING_ARRAY:
      default:
        return null;
    }
  }
}
