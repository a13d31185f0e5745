package org.spamtraffic.estimate;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One value for every parameter (a scenario, a Monte Carlo draw or a sensitivity run) and the
 * study's settings: what one evaluation of the {@link InvestmentModel} needs.
 */
public final class ParameterValues implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] values;
  private final int horizonYears;
  private final double discountRate;

  ParameterValues(double[] values, int horizonYears, double discountRate) {
    if (values.length != Parameter.values().length) {
      throw new IllegalArgumentException(
          "Expected " + Parameter.values().length + " parameter values, got " + values.length);
    }
    this.values = values.clone();
    this.horizonYears = horizonYears;
    this.discountRate = discountRate;
  }

  /** The value of {@code p}. */
  public double get(Parameter p) {
    return values[p.ordinal()];
  }

  /** A copy with {@code p} set to {@code value}. */
  public ParameterValues with(Parameter p, double value) {
    double[] copy = values.clone();
    copy[p.ordinal()] = value;
    return new ParameterValues(copy, horizonYears, discountRate);
  }

  /** Planning horizon in years. */
  public int horizonYears() {
    return horizonYears;
  }

  /** Real yearly discount rate. */
  public double discountRate() {
    return discountRate;
  }

  /**
   * Present value of 1 USD a year paid at the end of years 1 to the horizon: {@code (1 - (1 +
   * r)^-H) / r}, or {@code H} when {@code r = 0}.
   */
  public double annuityFactor() {
    if (discountRate == 0) {
      return horizonYears;
    }
    return (1 - Math.pow(1 + discountRate, -horizonYears)) / discountRate;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterValues other
        && Arrays.equals(values, other.values)
        && horizonYears == other.horizonYears
        && discountRate == other.discountRate;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values) * 31 + horizonYears;
  }
}
