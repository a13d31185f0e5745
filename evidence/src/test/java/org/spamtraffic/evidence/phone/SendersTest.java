package org.spamtraffic.evidence.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendersTest {
  final Senders kenya = new Senders("KEN", CarrierNames.debian());

  @Test
  void numbersGiveCountryAndARangeThatHidesTheSubscriber() {
    Senders.Origin o = kenya.of("+254 712 345 678");
    assertThat(o.kind()).isEqualTo(Senders.Kind.NUMBER);
    assertThat(o.country()).isEqualTo("KEN");
    assertThat(o.range()).isEqualTo("+254712*"); // country code + destination code 712
    assertThat(kenya.of("0712345678").range()).isEqualTo("+254712*"); // national form
    Senders.Origin india = kenya.of("+91 98100 12345");
    assertThat(india.country()).isEqualTo("IND");
    assertThat(india.range()).startsWith("+919").endsWith("*");
    assertThat(india.range().length()).isLessThanOrEqualTo("+919810012345".length() - 4);
    assertThat(kenya.of("+44 7400 123456").country()).isEqualTo("GBR");
  }

  @Test
  void applicationSendersAndBadNumbers() {
    assertThat(kenya.of("BANK-INFO").kind()).isEqualTo(Senders.Kind.ALPHANUMERIC);
    assertThat(kenya.of("BANK-INFO").a2p()).isTrue();
    Senders.Origin shortCode = kenya.of("40404");
    assertThat(shortCode.kind()).isEqualTo(Senders.Kind.SHORT_CODE);
    assertThat(shortCode.country()).isEqualTo("KEN");
    assertThat(kenya.of("anonymous").kind()).isEqualTo(Senders.Kind.WITHHELD);
    assertThat(kenya.of("").kind()).isEqualTo(Senders.Kind.WITHHELD);
    assertThat(kenya.of("+999123456789").kind())
        .isIn(Senders.Kind.INVALID, Senders.Kind.UNALLOCATED);
    assertThat(kenya.of("+254 999 000 111").country()).isEqualTo("unknown");
  }
}
