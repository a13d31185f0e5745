package org.spamtraffic.bench;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Wall-clock timing of one benchmark step, printed with the machine's one-minute load average at
 * its end (the machine is shared: a ratio means something only beside the load it was taken at).
 */
final class Timer {
  private Timer() {}

  /** Runs {@code step}, prints and returns its seconds. */
  static double time(String name, Callable<?> step) throws Exception {
    long start = System.nanoTime();
    Object result = step.call();
    double s = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "  %-46s %8.1f s   load %4.1f   %s%n",
        name,
        s,
        load(),
        result == null ? "" : result);
    return s;
  }

  /** The one-minute load average, as {@code uptime} shows it. */
  static double load() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
