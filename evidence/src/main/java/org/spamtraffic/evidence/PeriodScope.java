package org.spamtraffic.evidence;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which return period an input's time belongs to. With a period set ({@code 2025-Q1} or {@code
 * 2025-03}) only inputs of that period are used and every row carries it; without one, every input
 * is used and rows are per month or per quarter. Times are instants; the period is taken in UTC.
 */
public final class PeriodScope implements Serializable {
  private static final Pattern QUARTER = Pattern.compile("^([0-9]{4})-Q([1-4])$");
  private static final Pattern MONTH = Pattern.compile("^([0-9]{4})-(0[1-9]|1[0-2])$");

  /** How rows are cut when no period is set. */
  public enum Granularity {
    MONTH,
    QUARTER
  }

  private final String period;
  private final Granularity granularity;

  private PeriodScope(String period, Granularity granularity) {
    this.period = period;
    this.granularity = granularity;
  }

  /**
   * Only the inputs of {@code period}, a quarter ({@code 2025-Q1}) or a month ({@code 2025-03}).
   */
  public static PeriodScope only(String period) {
    String p = period.trim().toUpperCase(Locale.ROOT);
    if (QUARTER.matcher(p).matches()) {
      return new PeriodScope(p, Granularity.QUARTER);
    }
    if (MONTH.matcher(p).matches()) {
      return new PeriodScope(p, Granularity.MONTH);
    }
    throw new IllegalArgumentException(
        "Period '" + period + "' is not a quarter (2025-Q1) or a month (2025-03)");
  }

  /** Every input, in rows per month or per quarter. */
  public static PeriodScope every(Granularity granularity) {
    return new PeriodScope(null, granularity);
  }

  /** The period of {@code time}, or empty when a period is set and the time is outside it. */
  public Optional<String> periodOf(Instant time) {
    LocalDate d = time.atOffset(ZoneOffset.UTC).toLocalDate();
    int m = d.getMonthValue();
    // Built by hand: String.format was a tenth of the time of a CDR.
    String p =
        granularity == Granularity.MONTH
            ? d.getYear() + (m < 10 ? "-0" : "-") + m
            : d.getYear() + "-Q" + ((m + 2) / 3);
    if (period != null && !period.equals(p)) {
      return Optional.empty();
    }
    return Optional.of(p);
  }

  /** The period set, if any. */
  public Optional<String> period() {
    return Optional.ofNullable(period);
  }

  /** How rows are cut. */
  public Granularity granularity() {
    return granularity;
  }

  @Override
  public String toString() {
    return period != null ? period : "every " + granularity.name().toLowerCase(Locale.ROOT);
  }
}
