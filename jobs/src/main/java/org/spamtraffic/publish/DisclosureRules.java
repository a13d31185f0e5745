package org.spamtraffic.publish;

import java.util.Optional;

/**
 * When a published cell must be withheld: built from fewer than {@code minOperators} operators, or
 * with one operator above {@code maxShare} of it (the usual threshold rule and dominance rule of
 * official statistics).
 *
 * @param minOperators the smallest number of operators a published cell may come from (k)
 * @param maxShare the largest share (0..1] one operator may have of a published cell
 */
public record DisclosureRules(int minOperators, double maxShare) {
  public static final int DEFAULT_MIN_OPERATORS = 3;
  public static final double DEFAULT_MAX_SHARE = 0.85;

  public DisclosureRules {
    if (minOperators < 1) {
      throw new IllegalArgumentException(
          "The minimum number of operators must be at least 1, got " + minOperators);
    }
    if (!(maxShare > 0 && maxShare <= 1)) {
      throw new IllegalArgumentException(
          "The maximum share of one operator must be in (0, 1], got " + maxShare);
    }
  }

  /** k = 3, dominance above 85%. */
  public static DisclosureRules defaults() {
    return new DisclosureRules(DEFAULT_MIN_OPERATORS, DEFAULT_MAX_SHARE);
  }

  /** Why a cell with these figures must be withheld, if it must. */
  public Optional<Suppression.Reason> primaryReason(int operators, double topOperatorShare) {
    if (operators < minOperators) {
      return Optional.of(Suppression.Reason.FEWER_OPERATORS);
    }
    if (topOperatorShare > maxShare) {
      return Optional.of(Suppression.Reason.DOMINANCE);
    }
    return Optional.empty();
  }
}
