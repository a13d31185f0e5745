package org.spamtraffic.estimate;

import java.util.Locale;

/** A scenario of the estimate: every parameter at its low, base or high value. */
public enum Scenario {
  LOW,
  BASE,
  HIGH;

  /** The name in output rows: {@code low}, {@code base} or {@code high}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
