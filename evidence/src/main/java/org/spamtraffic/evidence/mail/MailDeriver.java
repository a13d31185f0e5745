package org.spamtraffic.evidence.mail;

import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.james.mime4j.MimeException;
import org.spamtraffic.evidence.CountryCodes;
import org.spamtraffic.evidence.EvidenceKind;
import org.spamtraffic.evidence.Outcome;
import org.spamtraffic.evidence.PeriodScope;
import org.spamtraffic.evidence.ReturnKey;
import org.spamtraffic.evidence.content.Content;
import org.spamtraffic.evidence.content.ContentRules;
import org.spamtraffic.evidence.ip.IpAddress;
import org.spamtraffic.evidence.ip.IpLocation;
import org.spamtraffic.evidence.ip.NetworkList;

/**
 * Turns one message into an outcome: its period from the delivery time (the mailbox's own record of
 * it, else the top Received stamp, which the operator's last server wrote; never the sender's Date
 * header), its source from the origin walk, the source's country and network from the IP data, its
 * entry route, and its content category. Reads nothing it does not need and keeps nothing: the
 * outcome holds codes and rule ids only.
 */
public final class MailDeriver implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Note id: the period came from the top Received header's time stamp. */
  public static final String RECEIVED_STAMP = "period.received_stamp";

  private final MailOptions options;
  private final OriginRule origin;
  private final IpLocation ipData;
  private final ContentRules content;
  private final PeriodScope periods;
  private final String ipDataNote;

  /** A deriver for one operator's mail. */
  public MailDeriver(
      MailOptions options, IpLocation ipData, ContentRules content, PeriodScope periods) {
    this.options = options;
    this.origin = new OriginRule(options.trusted());
    this.ipData = ipData;
    this.content = content;
    this.periods = periods;
    this.ipDataNote =
        "data.ip=" + String.join(", ", ipData.sources().stream().map(Object::toString).toList());
  }

  /** The outcome of {@code m}. */
  public Outcome derive(RawMessage m) {
    if (m.length() == 0) {
      return unusable(m, "mail.empty", "");
    }
    MessageFacts outer;
    try {
      outer = MessageFacts.read(m.bytes(), m.length(), options.maxTextChars());
    } catch (IOException | MimeException | RuntimeException e) {
      return unusable(m, "mail.unparseable", e.getClass().getSimpleName());
    }
    if (outer.headerFields() == 0) {
      return unusable(m, "mail.not_a_message", "");
    }
    MessageFacts spam = outer;
    if (options.mailbox() == MailOptions.Mailbox.REPORTS) {
      if (outer.enclosed() == null) {
        return unusable(m, "mail.report_without_original", "");
      }
      try {
        byte[] enclosed = outer.enclosed();
        spam = MessageFacts.read(enclosed, enclosed.length, options.maxTextChars());
      } catch (IOException | MimeException | RuntimeException e) {
        return unusable(m, "mail.unparseable", e.getClass().getSimpleName());
      }
    }
    List<String> notes = new ArrayList<>();
    Instant delivered = m.deliveredAt();
    if (delivered != null) {
      notes.add(m.deliveredBy());
    } else {
      for (String r : outer.received()) {
        Optional<Instant> t = ReceivedHeader.stamp(r);
        if (t.isPresent()) {
          delivered = t.get();
          notes.add(RECEIVED_STAMP);
          break;
        }
      }
    }
    if (delivered == null) {
      return unusable(m, "mail.no_delivery_time", "");
    }
    Optional<String> period = periods.periodOf(delivered);
    if (period.isEmpty()) {
      return unusable(m, "outside_period", periods.toString());
    }
    OriginRule.Origin o = origin.apply(spam.received());
    notes.add(o.note());
    String country = "unknown";
    String network = "unknown";
    String route = "internet";
    if (o.source() != null) {
      IpAddress ip = o.source();
      notes.add(ipDataNote);
      Optional<String> a2 = ipData.country(ip);
      Optional<String> a3 = a2.flatMap(CountryCodes::alpha3);
      if (a3.isPresent()) {
        country = a3.get();
        notes.add("country.ip_data");
      } else {
        notes.add(a2.isPresent() ? "country.not_iso=" + a2.get() : "country.not_in_data");
      }
      OptionalLong asn = ipData.network(ip);
      if (asn.isPresent() && asn.getAsLong() > 0) {
        network = "AS" + asn.getAsLong();
        notes.add("network.ip_data");
        ipData.networkName(asn.getAsLong()).ifPresent(n -> notes.add("network.name=" + n));
      } else {
        notes.add("network.not_in_data");
      }
      route = routeOf(ip, notes);
    } else {
      notes.add("route.internet");
    }
    ContentRules.Verdict v = content.classify(contentOf(spam));
    notes.add("category=" + v.rule());
    if (m.truncated()) {
      notes.add("mail.truncated");
    }
    boolean blocked = options.mailbox() == MailOptions.Mailbox.QUARANTINE;
    boolean reported = options.mailbox() == MailOptions.Mailbox.REPORTS;
    return new Outcome.Spam(
        new ReturnKey(period.get(), "email", v.category(), country, network, route),
        true,
        blocked,
        reported,
        reported,
        notes);
  }

  private String routeOf(IpAddress ip, List<String> notes) {
    for (Map.Entry<String, NetworkList> rule : options.routes().entrySet()) {
      if (rule.getValue().contains(ip)) {
        notes.add("route.operator_rule");
        return rule.getKey();
      }
    }
    notes.add("route.internet");
    return "internet";
  }

  private static Content contentOf(MessageFacts f) {
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (MessageFacts.Attachment a : f.attachments()) {
      names.add(a.name());
      types.add(a.mimeType());
    }
    return new Content(
        f.subject(), f.text(), f.links(), names, types, f.listUnsubscribe(), f.passwordForm());
  }

  private static Outcome unusable(RawMessage m, String reason, String detail) {
    return new Outcome.Unusable(EvidenceKind.EMAIL, m.where(), reason, detail);
  }
}
