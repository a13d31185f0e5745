package org.spamtraffic.bench;

import java.util.Locale;
import java.util.concurrent.Callable;

/** Wall-clock timing of one benchmark step. */
final class Timer {
  private Timer() {}

  /** Runs {@code step}, prints and returns its seconds. */
  static double time(String name, Callable<?> step) throws Exception {
    long start = System.nanoTime();
    Object result = step.call();
    double s = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "  %-46s %8.1f s   %s%n", name, s, result == null ? "" : result);
    return s;
  }
}
