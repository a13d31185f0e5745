package org.spamtraffic.evidence.mail;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.spamtraffic.evidence.ip.IpAddress;
import org.spamtraffic.evidence.ip.NetworkList;

/**
 * Where a message came from, by the trusted-relay walk SpamAssassin uses: read the {@code Received}
 * headers from the top (written by the operator's own last server) down; a header whose relay is in
 * the operator's trusted networks was written by a server that received the message from another of
 * the operator's servers, so the walk goes on; the first relay outside them is the source, and the
 * headers below it (which the source could have forged) are not read. Headers with no relay address
 * (local delivery, fetchmail's own) and relays in private, loopback or other special-purpose ranges
 * are skipped.
 */
public final class OriginRule implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Note id: the source is the first relay outside the trusted networks. */
  public static final String FIRST_UNTRUSTED = "origin.first_untrusted_hop";

  /** Note id: every relay was trusted or special-purpose: the source is unknown. */
  public static final String NO_UNTRUSTED = "origin.no_untrusted_hop";

  /** Note id: the message has no Received header: the source is unknown. */
  public static final String NO_RECEIVED = "origin.no_received_header";

  /**
   * The walk's result.
   *
   * @param source the first untrusted relay, or null
   * @param note which of the three outcomes it was
   * @param header the index (0 = top) of the header that named the source, or -1
   */
  public record Origin(IpAddress source, String note, int header) {
    /** The source, if one was found. */
    public Optional<IpAddress> sourceAddress() {
      return Optional.ofNullable(source);
    }
  }

  private final NetworkList trusted;

  /** The rule for an operator whose own servers are in {@code trusted}. */
  public OriginRule(NetworkList trusted) {
    this.trusted = trusted;
  }

  /** The origin of a message whose Received headers are {@code received}, top first. */
  public Origin apply(List<String> received) {
    if (received.isEmpty()) {
      return new Origin(null, NO_RECEIVED, -1);
    }
    for (int i = 0; i < received.size(); i++) {
      Optional<IpAddress> relay = ReceivedHeader.relay(received.get(i));
      if (relay.isEmpty()) {
        continue;
      }
      IpAddress ip = relay.get();
      if (NetworkList.SPECIAL.contains(ip) || trusted.contains(ip)) {
        continue;
      }
      return new Origin(ip, FIRST_UNTRUSTED, i);
    }
    return new Origin(null, NO_UNTRUSTED, -1);
  }

  /** The operator's trusted networks. */
  public NetworkList trusted() {
    return trusted;
  }
}
