package org.spamtraffic.estimate;

import java.util.Locale;
import java.util.SplittableRandom;

/** How a Monte Carlo draw picks a parameter's value from its low, base and high values. */
public enum Distribution {
  /**
   * PERT: a Beta distribution on [low, high] with mode base and shape 4, mean {@code (low + 4 base
   * + high) / 6}; puts less weight on the extremes than the triangular distribution.
   */
  PERT,
  /** Triangular on [low, high] with mode base, mean {@code (low + base + high) / 3}. */
  TRIANGULAR;

  /** The name in options and output rows. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The distribution called {@code key} ({@code pert} or {@code triangular}). */
  public static Distribution byKey(String key) {
    for (Distribution d : values()) {
      if (d.key().equals(key)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "Unknown distribution '" + key + "': use pert or triangular");
  }

  /** One value from {@code r}, using {@code rng}. */
  public double sample(Range r, SplittableRandom rng) {
    double a = r.low();
    double m = r.base();
    double b = r.high();
    if (b == a) {
      return a;
    }
    switch (this) {
      case TRIANGULAR:
        {
          double u = rng.nextDouble();
          double split = (m - a) / (b - a);
          return u < split
              ? a + Math.sqrt(u * (b - a) * (m - a))
              : b - Math.sqrt((1 - u) * (b - a) * (b - m));
        }
      case PERT:
        {
          double alpha = 1 + 4 * (m - a) / (b - a);
          double beta = 1 + 4 * (b - m) / (b - a);
          double x = gamma(alpha, rng);
          double y = gamma(beta, rng);
          return a + (b - a) * x / (x + y);
        }
    }
    throw new AssertionError(this);
  }

  /**
   * A Gamma(shape, 1) variate by Marsaglia and Tsang's method (ACM TOMS 26(3), 2000), valid for
   * shape >= 1, which PERT's shapes always are.
   */
  static double gamma(double shape, SplittableRandom rng) {
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = rng.nextGaussian();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = rng.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x) {
        return d * v;
      }
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }
}
