package org.spamtraffic.evidence.mail;

import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.dom.datetime.DateTime;
import org.apache.james.mime4j.field.datetime.parser.DateTimeParser;
import org.apache.james.mime4j.field.datetime.parser.ParseException;
import org.apache.james.mime4j.field.datetime.parser.TokenMgrError;
import org.spamtraffic.evidence.ip.IpAddress;

/**
 * What derive-returns reads from one {@code Received} header: the address of the relay that handed
 * the message over (the {@code from} clause), and the time stamp after the last {@code ;}.
 *
 * <p>The relay's address is the one the receiving server saw on the connection, which MTAs write in
 * brackets or parentheses after the names: Postfix and Sendmail {@code from helo (rdns
 * [192.0.2.1])}, Exim {@code from [192.0.2.1] (helo=x)}, qmail {@code from unknown (HELO x)
 * (192.0.2.1)}, Exchange {@code from host (192.0.2.1)}, and bare {@code from host - 192.0.2.1}. An
 * address right after {@code HELO}, {@code EHLO} or {@code helo=} is what the client claimed, not
 * what the server saw, and is passed over. A bracketed address inside parentheses (Sendmail's and
 * Postfix's {@code (rdns [ip])}) is preferred to one outside them (which in Sendmail's form is the
 * client's HELO), a bracketed address to a bare one.
 *
 * <p>A header written by a mail retriever (fetchmail, getmail: {@code with POP3}, {@code with
 * IMAP}) records the operator's own mailbox being read, not a relay, and names no relay.
 */
public final class ReceivedHeader {
  private static final Pattern FROM_CLAUSE =
      Pattern.compile(
          "^\\s*from\\s+(.*?)(?:\\s+by\\s|\\s+via\\s|\\s+with\\s|;|$)",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern BRACKETED = Pattern.compile("\\[(?:IPv6:)?([0-9A-Fa-f:.]{2,45})\\]");
  private static final Pattern BARE_V4 =
      Pattern.compile("(?<![0-9.])(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})(?![0-9.])");
  private static final Pattern CLAIMED = Pattern.compile("(?i)(?:helo|ehlo)[\\s=]+\\[?$");
  private static final Pattern COMMENT = Pattern.compile("\\([^()]*\\)");
  private static final Pattern RETRIEVAL =
      Pattern.compile("(?i)\\bwith\\s+(?:pop3?|imap4?)\\b|\\((?:fetchmail|getmail)");

  private ReceivedHeader() {}

  /** The address of the relay the header's server received the message from, if it names one. */
  public static Optional<IpAddress> relay(String received) {
    if (RETRIEVAL.matcher(received).find()) {
      return Optional.empty();
    }
    Matcher clause = FROM_CLAUSE.matcher(received);
    if (!clause.find()) {
      return Optional.empty(); // "by host with local", qmail "invoked by uid": no relay.
    }
    String from = clause.group(1);
    Optional<IpAddress> ip = first(BRACKETED, from, true);
    if (ip.isEmpty()) {
      ip = first(BRACKETED, from, false);
    }
    return ip.isPresent() ? ip : first(BARE_V4, from, false);
  }

  private static Optional<IpAddress> first(Pattern p, String text, boolean inParentheses) {
    Matcher m = p.matcher(text);
    while (m.find()) {
      if (inParentheses && depth(text, m.start()) == 0) {
        continue;
      }
      String before = text.substring(Math.max(0, m.start() - 6), m.start());
      if (CLAIMED.matcher(before).find()) {
        continue;
      }
      Optional<IpAddress> ip = IpAddress.parse(m.group(1));
      if (ip.isPresent()) {
        return ip;
      }
    }
    return Optional.empty();
  }

  private static int depth(String text, int at) {
    int d = 0;
    for (int i = 0; i < at; i++) {
      char c = text.charAt(i);
      if (c == '(') {
        d++;
      } else if (c == ')' && d > 0) {
        d--;
      }
    }
    return d;
  }

  /** The time stamp the header's server wrote after the last {@code ;}, if it can be read. */
  public static Optional<Instant> stamp(String received) {
    int semi = received.lastIndexOf(';');
    if (semi < 0) {
      return Optional.empty();
    }
    String date = received.substring(semi + 1);
    // Comments such as "(EDT)" or "(PST)" repeat the zone and trip the grammar.
    String previous;
    do {
      previous = date;
      date = COMMENT.matcher(date).replaceAll(" ");
    } while (!date.equals(previous));
    date = date.replaceAll("\\s+", " ").trim();
    if (date.isEmpty()) {
      return Optional.empty();
    }
    try {
      DateTime t = new DateTimeParser(new StringReader(date)).parseAll();
      return Optional.of(t.getDate().toInstant());
    } catch (ParseException | TokenMgrError | RuntimeException e) {
      return Optional.empty();
    }
  }
}
