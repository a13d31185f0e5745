package org.spamtraffic.publish;

import java.util.Locale;

/** Arithmetic on quarters written {@code YYYY-Qn}. */
final class Quarters {
  private Quarters() {}

  /** The quarter {@code by} quarters after {@code quarter} (before, when negative). */
  static String shift(String quarter, int by) {
    if (quarter == null || !quarter.matches("[0-9]{4}-Q[1-4]")) {
      throw new IllegalArgumentException("Not a quarter (YYYY-Qn): '" + quarter + "'");
    }
    int index = Integer.parseInt(quarter.substring(0, 4)) * 4 + quarter.charAt(6) - '1' + by;
    return String.format(
        Locale.ROOT, "%04d-Q%d", Math.floorDiv(index, 4), Math.floorMod(index, 4) + 1);
  }
}
