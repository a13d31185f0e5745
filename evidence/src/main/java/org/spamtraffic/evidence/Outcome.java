package org.spamtraffic.evidence;

import java.io.Serializable;
import java.util.List;

/**
 * What one input (a message, a log record) became: spam counted in a return row, clean traffic
 * counted only in the service's total, or an input that could not be used, with the reason. Inputs
 * read = spam + clean + unusable, always.
 */
public sealed interface Outcome extends Serializable {
  /**
   * One spam message or call, counted in the row of {@code key}.
   *
   * @param key the return row it is counted in
   * @param detected whether it counts as spam detected (a 7726 report does not when a firewall log
   *     of the same messages is read too: then it counts as a user report only)
   * @param blocked whether it was blocked before reaching users
   * @param delivered whether it reached users (reported afterwards, tagged, let through)
   * @param userReport whether the input is a user's report of spam
   * @param notes how it was derived: ids of the derivation rules that applied, each optionally
   *     followed by {@code =value} (a data source, a carrier name); never personal data
   */
  record Spam(
      ReturnKey key,
      boolean detected,
      boolean blocked,
      boolean delivered,
      boolean userReport,
      List<String> notes)
      implements Outcome {
    public Spam {
      notes = List.copyOf(notes);
    }
  }

  /** A record the evidence marks as not spam: it counts only in the service's total traffic. */
  record Clean(String period, String spamType) implements Outcome {}

  /**
   * An input that could not be used.
   *
   * @param kind the kind of evidence it was read as
   * @param where where it is
   * @param reason the reason's id ({@code mail.no_delivery_time}); its message is in the catalogue
   * @param detail what the message's placeholder says (a column name, a count); never the content
   *     of a message or a subscriber's address or number
   */
  record Unusable(EvidenceKind kind, Where where, String reason, String detail)
      implements Outcome {}
}
