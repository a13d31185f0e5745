package org.spamtraffic.intake;

import java.io.Serializable;

/**
 * What the ingest needs to know of one group of read lines, grouped by submission, kind of line,
 * validity, operator, period and spam type: enough for the per-file counts, the file's operator and
 * the service-level rules across rows. Accumulated inside the read tasks and merged on the driver;
 * a file has a few dozen such groups.
 */
final class GroupStats implements Serializable {
  private static final long serialVersionUID = 1L;

  final String submissionId;
  final String kind;
  final boolean valid;
  final String operatorId;
  final String period;
  final String spamType;
  long rows;
  long formulas;
  String error;
  long firstRow = Long.MAX_VALUE;
  Long minServiceSize;
  Long maxServiceSize;
  Long minTotal;
  Long maxTotal;
  long detected;

  GroupStats(
      String submissionId,
      String kind,
      boolean valid,
      String operatorId,
      String period,
      String spamType) {
    this.submissionId = submissionId;
    this.kind = kind;
    this.valid = valid;
    this.operatorId = operatorId;
    this.period = period;
    this.spamType = spamType;
  }

  /** Adds one line. Null measures are left out of the minima, maxima and sums, as in SQL. */
  void add(
      long row, int formulaCells, String error, Long serviceSize, Long total, Long spamDetected) {
    rows++;
    formulas += formulaCells;
    if (error != null && (this.error == null || error.compareTo(this.error) < 0)) {
      this.error = error;
    }
    firstRow = Math.min(firstRow, row);
    minServiceSize = min(minServiceSize, serviceSize);
    maxServiceSize = max(maxServiceSize, serviceSize);
    minTotal = min(minTotal, total);
    maxTotal = max(maxTotal, total);
    if (spamDetected != null) {
      detected += spamDetected;
    }
  }

  /** Adds another task's figures for the same group. */
  void merge(GroupStats o) {
    rows += o.rows;
    formulas += o.formulas;
    if (o.error != null && (error == null || o.error.compareTo(error) < 0)) {
      error = o.error;
    }
    firstRow = Math.min(firstRow, o.firstRow);
    minServiceSize = min(minServiceSize, o.minServiceSize);
    maxServiceSize = max(maxServiceSize, o.maxServiceSize);
    minTotal = min(minTotal, o.minTotal);
    maxTotal = max(maxTotal, o.maxTotal);
    detected += o.detected;
  }

  /** The group's identity, for merging. */
  java.util.List<Object> key() {
    return java.util.Arrays.asList(submissionId, kind, valid, operatorId, period, spamType);
  }

  private static Long min(Long a, Long b) {
    return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
  }

  private static Long max(Long a, Long b) {
    return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
  }
}
