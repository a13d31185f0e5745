package org.spamtraffic.evidence.ip;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.spamtraffic.evidence.EvidenceDataForTests;

class IpLocationTest {
  @Test
  void decimalIpv6NumbersAsTwoLongs() {
    Random r = new Random(1);
    for (int i = 0; i < 10_000; i++) {
      BigInteger n = new BigInteger(128, r);
      String s = "x" + n + "y";
      IpAddress a = IpLocation.v6(s, 1, s.length() - 1);
      assertThat(a.hi()).isEqualTo(n.shiftRight(64).longValue());
      assertThat(a.lo()).isEqualTo(n.longValue());
    }
    String max = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE).toString();
    assertThat(IpLocation.v6(max, 0, max.length())).isEqualTo(new IpAddress(true, -1, -1));
  }

  @Test
  void wellKnownAddressesHaveTheirCountryAndNetwork() {
    IpLocation ip = IpLocation.load(EvidenceDataForTests.ipData());
    IpAddress google = IpAddress.parse("8.8.8.8").orElseThrow();
    assertThat(ip.country(google)).contains("US");
    assertThat(ip.network(google)).hasValue(15169);
    IpAddress google6 = IpAddress.parse("2001:4860:4860::8888").orElseThrow();
    assertThat(ip.network(google6)).hasValue(15169);
    assertThat(ip.country(IpAddress.parse("196.201.214.1").orElseThrow()))
        .contains("KE"); // Safaricom
    assertThat(ip.network(IpAddress.parse("10.0.0.1").orElseThrow())).isEmpty();
    assertThat(ip.sources()).extracting(IpLocation.Source::date).containsOnly("2026-06-17");
  }
}
