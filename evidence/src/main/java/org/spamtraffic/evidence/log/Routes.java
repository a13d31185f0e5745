package org.spamtraffic.evidence.log;

import java.util.List;
import org.spamtraffic.evidence.phone.Senders;

/**
 * The entry route of an SMS or a call, one rule for both: the route the log's interconnect value
 * means; a sender with an international number that arrives on-net or over a domestic interconnect
 * came over a grey route (SIM box, bypass); with no interconnect in the log, an application sender
 * (alphanumeric id, short code) came through an A2P aggregator, anyone else by an unknown route.
 */
final class Routes {
  private Routes() {}

  static String of(
      LogRow row,
      LogLayout layout,
      Senders.Origin origin,
      String operatorCountry,
      List<String> notes) {
    String value = row.get(LogLayout.Column.INTERCONNECT);
    String route;
    if (!value.isEmpty()) {
      route = layout.route(value);
      if (route == null) {
        notes.add("route.unmapped");
        return "unknown";
      }
      notes.add("route.interconnect");
    } else if (origin.a2p()) {
      notes.add("route.a2p_sender");
      return "a2p_aggregator";
    } else {
      notes.add("route.not_in_log");
      return "unknown";
    }
    boolean international =
        origin.kind() == Senders.Kind.NUMBER
            && !origin.country().equals("unknown")
            && !origin.country().equals(operatorCountry);
    if (international && (route.equals("on_net") || route.equals("domestic_interconnect"))) {
      notes.add("route.grey_international_sender");
      return "grey_route";
    }
    return route;
  }

  /** The note naming what kind of sender it was. */
  static String senderNote(Senders.Origin o) {
    return switch (o.kind()) {
      case NUMBER -> "sender.number";
      case ALPHANUMERIC -> "sender.alphanumeric";
      case SHORT_CODE -> "sender.short_code";
      case WITHHELD -> "sender.withheld";
      case UNALLOCATED -> "sender.unallocated";
      case INVALID -> "sender.invalid";
    };
  }
}
