package org.spamtraffic.evidence.mail;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.spamtraffic.evidence.ip.NetworkList;
import org.spamtraffic.schema.ReturnFormat;

/**
 * How an operator's mail evidence is read.
 *
 * @param trusted the operator's own servers (and any relay it trusts, such as its POP or backup
 *     MX): the origin walk goes past them
 * @param routes the operator's own entry-route rules: a source address in a network of a rule gets
 *     that rule's route (first match wins); every other source enters from the {@code internet}
 * @param mailbox what kind of mailbox the messages are from, which sets the measures
 * @param maxMessageBytes messages longer than this are cut (and the derivation says how many)
 * @param maxTextChars how much text of a message the content rules read
 */
public record MailOptions(
    NetworkList trusted,
    Map<String, NetworkList> routes,
    Mailbox mailbox,
    int maxMessageBytes,
    int maxTextChars)
    implements Serializable {

  /** Default limits: messages cut at 32 MiB, 100,000 characters of text read. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 32 << 20;

  /** Characters of text the content rules read by default. */
  public static final int DEFAULT_MAX_TEXT_CHARS = 100_000;

  /** What the messages are, and so what they count as. */
  public enum Mailbox {
    /** Spam traps: addresses no one uses; every message is spam, neither blocked nor delivered. */
    TRAP,
    /** A filter's quarantine: every message is spam that was blocked. */
    QUARANTINE,
    /**
     * An abuse mailbox of user reports: each message encloses the spam (message/rfc822, as ARF
     * reports and "forward as attachment" do), which was delivered and reported.
     */
    REPORTS;

    /** The mailbox named {@code name} (trap, quarantine, reports). */
    public static Mailbox of(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Mailbox '" + name + "' is not one of trap, quarantine, reports", e);
      }
    }
  }

  /** Checks the routes' codes; copies the maps. */
  public MailOptions {
    routes = new LinkedHashMap<>(routes);
    var allowed = ReturnFormat.v1().field("entry_route").codes();
    for (String route : routes.keySet()) {
      if (!allowed.contains(route)) {
        throw new IllegalArgumentException(
            "Mail route '" + route + "' is not an entry_route code: " + allowed);
      }
    }
  }

  /** Trusted networks only, spam traps, default limits. */
  public static MailOptions trap(NetworkList trusted) {
    return new MailOptions(
        trusted, Map.of(), Mailbox.TRAP, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_TEXT_CHARS);
  }
}
