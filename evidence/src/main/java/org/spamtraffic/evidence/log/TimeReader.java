package org.spamtraffic.evidence.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a log's times as instants. Without a format: ISO 8601 with an offset or {@code Z}; ISO
 * local times ({@code 2025-03-01 10:15:00} or with {@code T}) in the layout's time zone; Unix
 * seconds (10 digits) or milliseconds (13 digits). With a format ({@code dd/MM/yyyy HH:mm:ss}),
 * that pattern, in the layout's zone unless the pattern has one.
 */
public final class TimeReader {
  private static final DateTimeFormatter LOCAL =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private static final java.util.regex.Pattern OFFSET =
      java.util.regex.Pattern.compile("[+-][0-9]{2}:?[0-9]{2}$");

  private final DateTimeFormatter format;
  private final ZoneId zone;

  TimeReader(String pattern, ZoneId zone) {
    this.format = pattern == null ? null : strict(pattern);
    this.zone = zone;
  }

  /**
   * The pattern as a strict formatter: 31/02 is no date (the default would read it as 28/02). A
   * strict year needs an era with {@code y}, so {@code y} is read as {@code u} (the proleptic year,
   * the same for every date of our era).
   */
  private static DateTimeFormatter strict(String pattern) {
    String p = pattern.contains("G") ? pattern : pattern.replace('y', 'u');
    return DateTimeFormatter.ofPattern(p, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
  }

  /** Fails when {@code pattern} is not a date-time pattern. */
  static void check(String pattern) {
    try {
      DateTimeFormatter unused = strict(pattern);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "time_format '" + pattern + "' is not a date-time pattern: " + e.getMessage(), e);
    }
  }

  private static boolean digits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The zone local times are in. */
  public ZoneId zone() {
    return zone;
  }

  /** The instant {@code text} stands for, if it can be read. */
  public Optional<Instant> read(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    if (format == null) {
      Instant common = IsoTimes.instant(t, zone);
      if (common != null) {
        return Optional.of(common);
      }
    }
    return readByJdk(t);
  }

  /** {@link #read} without {@link IsoTimes}: the JDK's parsers only ({@code t} trimmed). */
  Optional<Instant> readByJdk(String t) {
    if (t.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (format != null) {
        TemporalAccessor a = format.parse(t);
        if (a.isSupported(ChronoField.OFFSET_SECONDS)) {
          return Optional.of(OffsetDateTime.from(a).toInstant());
        }
        if (a.query(java.time.temporal.TemporalQueries.zoneId()) != null) {
          return Optional.of(ZonedDateTime.from(a).toInstant());
        }
        return Optional.of(LocalDateTime.from(a).atZone(zone).toInstant());
      }
      if ((t.length() == 10 || t.length() == 13) && digits(t)) {
        long v = Long.parseLong(t);
        return Optional.of(t.length() == 10 ? Instant.ofEpochSecond(v) : Instant.ofEpochMilli(v));
      }
      char last = t.charAt(t.length() - 1);
      if (last == 'Z'
          || last == 'z'
          || (t.length() > 10 && OFFSET.matcher(t).region(10, t.length()).find())) {
        return Optional.of(OffsetDateTime.parse(t.replace(' ', 'T')).toInstant());
      }
      return Optional.of(LocalDateTime.parse(t, LOCAL).atZone(zone).toInstant());
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}
