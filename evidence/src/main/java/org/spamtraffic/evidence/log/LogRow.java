package org.spamtraffic.evidence.log;

import org.spamtraffic.evidence.Where;

/**
 * One record of a CSV log, its fields by logical column. Only the columns the kind reads are kept
 * (see {@link LogLayout#read}): recipients and reporters' numbers are never held.
 */
public final class LogRow {
  private final Where where;
  private final String[] values;

  LogRow(Where where, String[] values) {
    this.where = where;
    this.values = values;
  }

  /** Where the record is. */
  public Where where() {
    return where;
  }

  /** The value of {@code column}, trimmed; empty when the log has no such column. */
  public String get(LogLayout.Column column) {
    String v = values[column.ordinal()];
    return v == null ? "" : v;
  }

  /** Whether the log has {@code column} (even if this row's value is empty). */
  public boolean has(LogLayout.Column column) {
    return values[column.ordinal()] != null;
  }
}
