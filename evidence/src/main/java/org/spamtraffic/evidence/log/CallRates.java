package org.spamtraffic.evidence.log;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The operator's call-rate rule: a call is spam when it is short (at most {@code shortCallSeconds})
 * and its caller made at least {@code callsPerDay} calls that day (in the log's time zone), as
 * robocallers and Wangiri dialers do. Callers are kept only as 64-bit hashes of number and day,
 * never as numbers.
 */
public final class CallRates implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * A caller on a day.
   *
   * @param caller the caller number as the log writes it (digits compared as they are)
   * @param day the day of the call
   */
  public record CallerDay(String caller, LocalDate day) {
    /** The hash the rule keeps. */
    public long hash() {
      long h = 0xcbf29ce484222325L; // FNV-1a over the caller's bytes and the day
      for (byte b : caller.getBytes(StandardCharsets.UTF_8)) {
        h = (h ^ (b & 0xff)) * 0x100000001b3L;
      }
      h = (h ^ day.toEpochDay()) * 0x100000001b3L;
      h ^= h >>> 33; // murmur3's finaliser spreads the bits
      h *= 0xff51afd7ed558ccdL;
      h ^= h >>> 33;
      return h;
    }
  }

  private final int callsPerDay;
  private final int shortCallSeconds;
  private final Set<Long> busyCallerDays;

  /** The rule with the callers-days found at or above the threshold. */
  public CallRates(int callsPerDay, int shortCallSeconds, Set<Long> busyCallerDays) {
    if (callsPerDay < 2) {
      throw new IllegalArgumentException("calls per day must be at least 2, not " + callsPerDay);
    }
    this.callsPerDay = callsPerDay;
    this.shortCallSeconds = shortCallSeconds;
    this.busyCallerDays = Set.copyOf(busyCallerDays);
  }

  /** Whether a call of {@code seconds} by {@code caller} on {@code day} is spam by the rule. */
  public boolean robocall(String caller, LocalDate day, long seconds) {
    return seconds <= shortCallSeconds
        && busyCallerDays.contains(new CallerDay(caller, day).hash());
  }

  /** The threshold. */
  public int callsPerDay() {
    return callsPerDay;
  }

  /** The longest call the rule counts. */
  public int shortCallSeconds() {
    return shortCallSeconds;
  }

  /** How many caller-days reached the threshold. */
  public int busyCallerDays() {
    return busyCallerDays.size();
  }

  /** Counts calls per caller-day (the first pass). */
  public static final class Counter implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<Long, Integer> counts = new HashMap<>();

    /** Counts one call. */
    public void add(CallerDay c) {
      counts.merge(c.hash(), 1, Integer::sum);
    }

    /** The counts, by caller-day hash. */
    public Map<Long, Integer> counts() {
      return counts;
    }

    /** The rule for {@code callsPerDay} and {@code shortCallSeconds} over the calls counted. */
    public CallRates rule(int callsPerDay, int shortCallSeconds) {
      Set<Long> busy = new HashSet<>();
      counts.forEach(
          (k, n) -> {
            if (n >= callsPerDay) {
              busy.add(k);
            }
          });
      return new CallRates(callsPerDay, shortCallSeconds, busy);
    }
  }
}
