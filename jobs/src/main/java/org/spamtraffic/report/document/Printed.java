package org.spamtraffic.report.document;

import org.spamtraffic.report.chart.ValueFormat;

/**
 * How a published value is printed in the report: in the report's language, with the column's
 * format; "suppressed" for a withheld cell, a dash for none. The only place the document turns
 * numbers into text, so that tests can read them back the same way.
 */
public final class Printed {
  /** Printed for a cell that has no value (not reported, not applicable). */
  public static final String NONE = "–";

  private final Labels labels;

  /** Printing in {@code labels}' language. */
  public Printed(Labels labels) {
    this.labels = labels;
  }

  /** {@code value} printed with {@code format}. */
  public String value(Object value, ValueFormat format, boolean suppressed) {
    if (suppressed) {
      return labels.get("suppressed");
    }
    if (value == null) {
      return NONE;
    }
    if (value instanceof Number n) {
      return format.cellFormat(labels.locale()).format(n);
    }
    return value.toString();
  }

  /** {@code value} printed with {@code format}, never suppressed. */
  public String value(Object value, ValueFormat format) {
    return value(value, format, false);
  }
}
