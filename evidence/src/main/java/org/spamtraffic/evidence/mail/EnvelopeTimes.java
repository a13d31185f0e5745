package org.spamtraffic.evidence.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delivery times that mailbox formats record outside the message: the date of an mbox {@code From }
 * line (asctime, written by the delivering agent; it carries no time zone and is read as UTC) and
 * the delivery time in seconds that starts a Maildir file name.
 */
public final class EnvelopeTimes {
  /** Note id: the period came from the mbox {@code From } line. */
  public static final String FROM_LINE = "period.mbox_from_line";

  /** Note id: the period came from the Maildir file name. */
  public static final String MAILDIR_NAME = "period.maildir_name";

  // "From sender  Thu Aug 22 13:17:22 2002", optionally with a zone before or after the year.
  private static final Pattern ASCTIME =
      Pattern.compile(
          "^From \\S*\\s+(?:[A-Za-z]{3},?\\s+)?([A-Za-z]{3})\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d{2})"
              + "(?::(\\d{2}))?\\s+(?:([A-Z]{3,5}|[+-]\\d{4})\\s+)?(\\d{4})(?:\\s+([+-]\\d{4}))?");

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("jan", 1),
          Map.entry("feb", 2),
          Map.entry("mar", 3),
          Map.entry("apr", 4),
          Map.entry("may", 5),
          Map.entry("jun", 6),
          Map.entry("jul", 7),
          Map.entry("aug", 8),
          Map.entry("sep", 9),
          Map.entry("oct", 10),
          Map.entry("nov", 11),
          Map.entry("dec", 12));

  private static final Pattern MAILDIR = Pattern.compile("^(\\d{9,10})\\.");

  private EnvelopeTimes() {}

  /**
   * The date of an mbox {@code From } line ({@code From sender Thu Aug 22 13:17:22 2002}); empty
   * when the line has none, which also means it does not separate messages.
   */
  public static Optional<Instant> fromLine(byte[] line, int start, int length) {
    int n = Math.min(length, 400);
    Matcher m = ASCTIME.matcher(new String(line, start, n, StandardCharsets.ISO_8859_1));
    if (!m.find()) {
      return Optional.empty();
    }
    Integer month = MONTHS.get(m.group(1).toLowerCase(Locale.ROOT));
    if (month == null) {
      return Optional.empty();
    }
    try {
      LocalDateTime t =
          LocalDateTime.of(
              Integer.parseInt(m.group(7)),
              month,
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              m.group(5) == null ? 0 : Integer.parseInt(m.group(5)));
      String zone = m.group(8) != null ? m.group(8) : m.group(6);
      ZoneOffset offset = ZoneOffset.UTC;
      if (zone != null && (zone.startsWith("+") || zone.startsWith("-"))) {
        offset =
            ZoneOffset.ofHoursMinutes(
                Integer.parseInt(zone.substring(0, 3)),
                Integer.parseInt(zone.charAt(0) + zone.substring(3, 5)));
      }
      return Optional.of(t.toInstant(offset));
    } catch (RuntimeException e) {
      return Optional.empty(); // 31 February and the like: not a From line.
    }
  }

  /** The delivery time a Maildir file name starts with ({@code 1030020000.M1P2.host:2,S}). */
  public static Optional<Instant> maildirName(String fileName) {
    Matcher m = MAILDIR.matcher(fileName);
    return m.find()
        ? Optional.of(Instant.ofEpochSecond(Long.parseLong(m.group(1))))
        : Optional.empty();
  }
}
