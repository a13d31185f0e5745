package org.spamtraffic.evidence.log;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Reads the one layout most logs write, {@code yyyy-MM-dd(T| )HH:mm:ss[.f{1,9}][Z|±HH:MM]}, by
 * hand: {@code OffsetDateTime.parse} spent half of a CDR run resolving {@code java.time}'s generic
 * field maps (docs/benchmarks.md). It answers only for text it is sure of, with the instant the JDK
 * parse gives; for anything else (another layout, a field out of range, a date that does not exist)
 * it answers null and {@link TimeReader} asks the JDK, so the JDK stays the one judge of every time
 * it does not read here ({@code TimeReaderTest} compares the two).
 */
final class IsoTimes {
  private IsoTimes() {}

  /**
   * The instant of {@code t} (trimmed, not empty), local times in {@code zone}; or null when {@code
   * t} is not in the common layout or any doubt remains.
   */
  static Instant instant(String t, ZoneId zone) {
    int n = t.length();
    if (n < 19
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || (t.charAt(10) != 'T' && t.charAt(10) != ' ')
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int i = 19;
    int nano = 0;
    if (i < n && t.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && isDigit(t.charAt(i))) {
        nano = nano * 10 + (t.charAt(i) - '0');
        i++;
      }
      int width = i - start;
      if (width == 0 || (i < n && isDigit(t.charAt(i)))) {
        return null;
      }
      for (int w = width; w < 9; w++) {
        nano *= 10;
      }
    }
    ZoneOffset offset;
    if (i == n) {
      // A local time: the zone's rules decide gaps and overlaps, as LocalDateTime.atZone does.
      try {
        return LocalDateTime.of(year, month, day, hour, minute, second, nano)
            .atZone(zone)
            .toInstant();
      } catch (DateTimeException e) {
        return null;
      }
    } else if (i == n - 1 && t.charAt(i) == 'Z') {
      offset = ZoneOffset.UTC;
    } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
      int oh = digits(t, i + 1, 2);
      int om = digits(t, i + 4, 2);
      if ((oh | om) < 0 || oh > 17 || om > 59) {
        return null;
      }
      int total = oh * 3600 + om * 60;
      offset = ZoneOffset.ofTotalSeconds(t.charAt(i) == '-' ? -total : total);
    } else {
      return null;
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    long seconds =
        days * 86_400L + hour * 3_600L + minute * 60L + second - offset.getTotalSeconds();
    return Instant.ofEpochSecond(seconds, nano);
  }

  /** The value of {@code width} ASCII digits at {@code from}, or -1. */
  private static int digits(String t, int from, int width) {
    int v = 0;
    for (int i = from; i < from + width; i++) {
      char c = t.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
