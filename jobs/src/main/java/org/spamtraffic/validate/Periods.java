package org.spamtraffic.validate;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reporting periods: the spellings accepted and how each becomes a canonical quarter ({@code
 * 2025-Q1}) or month ({@code 2025-03}). The Spark checks build their expressions from the same
 * {@link #SPELLINGS}, so both evaluators accept exactly the same values.
 */
public final class Periods {
  /** Canonical forms: the fast path of both evaluators. */
  public static final String CANONICAL = "^(20[0-9]{2})-(Q[1-4]|0[1-9]|1[0-2])$";

  /**
   * A spelling: a pattern over the upper-cased, trimmed value and the replacement that makes it
   * canonical (or a month that still needs zero-padding, handled by {@link #canonicalMonth}).
   *
   * @param pattern regular expression, anchored
   * @param replacement Java regex replacement producing {@code YYYY-Qn} or {@code YYYY-M}
   */
  public record Spelling(String pattern, String replacement) {}

  /** Accepted spellings, tried in order. */
  public static final List<Spelling> SPELLINGS =
      List.of(
          new Spelling("^(20[0-9]{2}) ?[-/ ]? ?[QT]([1-4])$", "$1-Q$2"),
          new Spelling("^[QT]([1-4]) ?[-/ ]? ?(20[0-9]{2})$", "$2-Q$1"),
          new Spelling("^(20[0-9]{2})[-/.](0?[1-9]|1[0-2])$", "$1-$2"),
          new Spelling("^(20[0-9]{2})(0[1-9]|1[0-2])$", "$1-$2"),
          new Spelling("^(20[0-9]{2})-(0?[1-9]|1[0-2])-[0-3]?[0-9]([T ].*)?$", "$1-$2"),
          new Spelling("^(0?[1-9]|1[0-2])[-/.](20[0-9]{2})$", "$2-$1"));

  /** Excel serial day numbers for 2000-01-01 to 2099-12-31 (a date typed into a CSV). */
  public static final String SERIAL = "^[3-7][0-9]{4}(\\.0+)?$";

  static final long SERIAL_MIN = 36526;
  static final long SERIAL_MAX = 73050;

  private static final Pattern CANONICAL_P = Pattern.compile(CANONICAL);
  private static final List<Pattern> PATTERNS =
      SPELLINGS.stream().map(s -> Pattern.compile(s.pattern())).toList();
  private static final Pattern SERIAL_P = Pattern.compile(SERIAL);

  private Periods() {}

  /** A parsed period. */
  public record Period(String canonical, LocalDate start, int months, String quarter) {}

  /** The canonical period for a raw value, or null when it is not a period. */
  public static String canonical(String raw) {
    if (raw == null) {
      return null;
    }
    String v = raw.strip().toUpperCase(Locale.ROOT);
    if (CANONICAL_P.matcher(v).matches()) {
      return v;
    }
    for (int i = 0; i < PATTERNS.size(); i++) {
      Matcher m = PATTERNS.get(i).matcher(v);
      if (m.matches()) {
        return canonicalMonth(m.replaceFirst(SPELLINGS.get(i).replacement()));
      }
    }
    if (SERIAL_P.matcher(v).matches()) {
      long serial = (long) Double.parseDouble(v);
      if (serial >= SERIAL_MIN && serial <= SERIAL_MAX) {
        LocalDate d = LocalDate.of(1899, 12, 30).plusDays(serial);
        return String.format(Locale.ROOT, "%d-%02d", d.getYear(), d.getMonthValue());
      }
    }
    return null;
  }

  /** Pads {@code 2025-3} to {@code 2025-03}; leaves quarters alone. */
  static String canonicalMonth(String s) {
    if (s.length() == 6 && s.charAt(4) == '-' && s.charAt(5) != 'Q') {
      return s.substring(0, 5) + "0" + s.charAt(5);
    }
    return s;
  }

  /** Parses a canonical period. */
  public static Period parse(String canonical) {
    int year = Integer.parseInt(canonical.substring(0, 4));
    if (canonical.charAt(5) == 'Q') {
      int q = canonical.charAt(6) - '0';
      return new Period(canonical, LocalDate.of(year, (q - 1) * 3 + 1, 1), 3, canonical);
    }
    int month = Integer.parseInt(canonical.substring(5, 7));
    return new Period(
        canonical, LocalDate.of(year, month, 1), 1, year + "-Q" + ((month - 1) / 3 + 1));
  }
}
