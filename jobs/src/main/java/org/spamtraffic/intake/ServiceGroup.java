package org.spamtraffic.intake;

/**
 * Aggregates of the valid rows of one operator, period and spam type in one submission: what the
 * cross-row rules, supersession and the period-jump warning need, collected to the driver (a return
 * has a few dozen such groups).
 *
 * @param submissionId the submission
 * @param operatorId the operator
 * @param period canonical period
 * @param spamType spam type
 * @param rows valid rows in the group
 * @param minServiceSize smallest service_size
 * @param maxServiceSize largest service_size
 * @param minTotal smallest total_traffic, or null when none given
 * @param maxTotal largest total_traffic, or null when none given
 * @param detected sum of spam_detected
 */
public record ServiceGroup(
    String submissionId,
    String operatorId,
    String period,
    String spamType,
    long rows,
    long minServiceSize,
    long maxServiceSize,
    Long minTotal,
    Long maxTotal,
    long detected) {

  /** The group's key within its submission. */
  public GroupKey key() {
    return new GroupKey(submissionId, operatorId, period, spamType);
  }

  /** Submission, operator, period and spam type. */
  public record GroupKey(String submissionId, String operatorId, String period, String spamType) {}
}
