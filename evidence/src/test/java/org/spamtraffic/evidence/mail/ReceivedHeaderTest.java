package org.spamtraffic.evidence.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spamtraffic.evidence.ip.IpAddress;
import org.spamtraffic.evidence.ip.NetworkList;

class ReceivedHeaderTest {
  static String relay(String header) {
    return ReceivedHeader.relay(header).map(OriginAgainstSpamAssassinTest::text).orElse("none");
  }

  @Test
  void readsTheAddressTheServerSawInEachMtasForm() {
    // Postfix / Sendmail: from HELO (rdns [ip])
    assertThat(
            relay(
                "from dd_it7 ([210.97.77.167]) by webnote.net (8.9.3/8.9.3) with ESMTP id NAA04623"))
        .isEqualTo("210.97.77.167");
    // Sendmail with an address literal as HELO: the parenthesised one is the connection's.
    assertThat(
            relay(
                "from [192.168.1.2] (w008.z064002062.sjc-ca.dsl.cnc.net [64.2.62.8]) by dogma.slashnull.org"))
        .isEqualTo("64.2.62.8");
    // Exim: from [ip] (helo=name)
    assertThat(relay("from [203.24.88.72] (helo=five2go.com) by mx09.web.de with smtp"))
        .isEqualTo("203.24.88.72");
    // qmail: the HELO address is claimed, the parenthesised one seen
    assertThat(relay("from unknown (HELO 10.1.1.1) (216.40.246.32) by scgin.cesmail.net with SMTP"))
        .isEqualTo("216.40.246.32");
    // Exchange-like and bare forms
    assertThat(relay("from r-smtp.korea.com - 203.122.2.197 by dd_it7 with Microsoft SMTPSVC"))
        .isEqualTo("203.122.2.197");
    assertThat(relay("from mail.example.org ([IPv6:2001:4860:4860::8888]) by mx.example.net"))
        .isEqualTo("2001:4860:4860::8888");
    // No relay: local injection, qmail bookkeeping, a mail retriever's own header
    assertThat(relay("by mx.example.net with local; Thu, 22 Aug 2002 08:17:21 -0400"))
        .isEqualTo("none");
    assertThat(relay("(qmail 21094 invoked from network); 20 Jul 2002 12:22:54 -0000"))
        .isEqualTo("none");
    assertThat(
            relay(
                "from pop3.web.de [217.72.192.134] by localhost with POP3 (fetchmail-5.9.0) for k@localhost"))
        .isEqualTo("none");
  }

  @Test
  void readsTheTimeStampAfterTheLastSemicolon() {
    assertThat(
            ReceivedHeader.stamp(
                "from a by b with ESMTP id 1; Thu, 22 Aug 2002 08:17:21 -0400 (EDT)"))
        .contains(Instant.parse("2002-08-22T12:17:21Z"));
    assertThat(
            ReceivedHeader.stamp("(qmail 21094 invoked from network); 20 Jul 2002 12:22:54 -0000"))
        .contains(Instant.parse("2002-07-20T12:22:54Z"));
    assertThat(ReceivedHeader.stamp("from a by b; not a date")).isEmpty();
    assertThat(ReceivedHeader.stamp("from a by b with SMTP")).isEmpty();
  }

  @Test
  void theWalkStopsAtTheFirstUntrustedRelayAndSkipsPrivateOnes() {
    OriginRule rule = new OriginRule(NetworkList.of(List.of("41.90.0.0/16")));
    List<String> chain =
        List.of(
            "from localhost (localhost [127.0.0.1]) by mx1.op.example with ESMTP",
            "from edge.op.example (edge.op.example [41.90.3.4]) by mx1.op.example",
            "from inside (inside [10.0.0.7]) by edge.op.example",
            "from spammer (c-1.example [102.89.1.2]) by inside",
            "from forged (forged [8.8.8.8]) by spammer");
    OriginRule.Origin o = rule.apply(chain);
    assertThat(o.note()).isEqualTo(OriginRule.FIRST_UNTRUSTED);
    assertThat(o.header()).isEqualTo(3);
    assertThat(OriginAgainstSpamAssassinTest.text(o.source())).isEqualTo("102.89.1.2");
    assertThat(rule.apply(chain.subList(0, 3)).note()).isEqualTo(OriginRule.NO_UNTRUSTED);
    assertThat(rule.apply(List.of()).note()).isEqualTo(OriginRule.NO_RECEIVED);
  }

  @Test
  void specialRangesAreSpecial() {
    for (String ip :
        List.of(
            "10.1.2.3",
            "172.20.0.1",
            "192.168.9.9",
            "127.0.0.2",
            "100.64.1.1",
            "169.254.0.5",
            "::1",
            "fe80::1",
            "fd00::5",
            "192.0.2.44")) {
      assertThat(NetworkList.SPECIAL.contains(IpAddress.parse(ip).orElseThrow())).as(ip).isTrue();
    }
    for (String ip : List.of("8.8.8.8", "41.90.1.1", "2001:4860:4860::8888", "::ffff:8.8.4.4")) {
      assertThat(NetworkList.SPECIAL.contains(IpAddress.parse(ip).orElseThrow())).as(ip).isFalse();
    }
    assertThat(IpAddress.parse("1.2.3")).isEmpty();
    assertThat(IpAddress.parse("example.com")).isEmpty();
  }
}
