package org.spamtraffic.estimate;

import java.io.Serializable;

/**
 * A country's investment need, what it already invests, and the gap, as present values in USD.
 *
 * @param technicalUsd sum of the technical components
 * @param institutionalUsd sum of the institutional components
 * @param existingUsd present value of the current yearly investment over the horizon (0 if unknown)
 * @param plannedUsd present value of the planned yearly investment over the horizon (0 if unknown)
 */
public record CountryTotals(
    double technicalUsd, double institutionalUsd, double existingUsd, double plannedUsd)
    implements Serializable {

  /** Technical plus institutional. */
  public double needUsd() {
    return technicalUsd + institutionalUsd;
  }

  /**
   * Need not covered by what the country already invests, never negative: one country's surplus
   * does not cover another's gap.
   */
  public double gapUsd() {
    return Math.max(0, needUsd() - existingUsd);
  }
}
