package org.spamtraffic.estimate;

import java.io.Serializable;

/**
 * A parameter's low, base and high values ({@code low <= base <= high}, checked when a parameter
 * file is read).
 */
public record Range(double low, double base, double high) implements Serializable {
  /** The value of {@code scenario}. */
  public double value(Scenario scenario) {
    switch (scenario) {
      case LOW:
        return low;
      case BASE:
        return base;
      case HIGH:
        return high;
    }
    throw new AssertionError(scenario);
  }
}
