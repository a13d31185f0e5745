package org.spamtraffic.evidence.ip;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv6.IPv6Address;
import java.io.Serializable;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address as numbers: IPv4 in {@code lo} (0 to 2^32-1), IPv6 as its high and low 64
 * bits, compared unsigned. IPv4-mapped IPv6 addresses ({@code ::ffff:1.2.3.4}) are IPv4. Parsing is
 * of literals only, never a DNS look-up.
 */
public record IpAddress(boolean v6, long hi, long lo)
    implements Comparable<IpAddress>, Serializable {

  /** Literals only: dotted quads and IPv6 text, no prefixes, masks or inet_aton forms. */
  private static final IPAddressStringParameters LITERAL =
      new IPAddressStringParameters.Builder()
          .allowEmpty(false)
          .allowSingleSegment(false)
          .allowPrefix(false)
          .allowMask(false)
          .allowWildcardedSeparator(false)
          .allow_inet_aton(false)
          .toParams();

  /** The address written as {@code text}, if it is an IPv4 or IPv6 literal. */
  public static Optional<IpAddress> parse(String text) {
    IPAddress a = new IPAddressString(text.trim(), LITERAL).getAddress();
    return a == null ? Optional.empty() : Optional.of(of(a));
  }

  /** The address of a parsed library address. */
  static IpAddress of(IPAddress a) {
    if (a.isIPv6()) {
      IPv6Address v6 = a.toIPv6();
      if (v6.isIPv4Mapped()) {
        return v4(v6.getEmbeddedIPv4Address().longValue());
      }
      byte[] b = v6.getBytes();
      return new IpAddress(true, longAt(b, 0), longAt(b, 8));
    }
    return v4(a.toIPv4().longValue());
  }

  /** The IPv4 address of value {@code value} (0 to 2^32-1). */
  public static IpAddress v4(long value) {
    return new IpAddress(false, 0, value);
  }

  private static long longAt(byte[] b, int from) {
    long v = 0;
    for (int i = from; i < from + 8; i++) {
      v = (v << 8) | (b[i] & 0xffL);
    }
    return v;
  }

  @Override
  public int compareTo(IpAddress o) {
    if (v6 != o.v6) {
      return v6 ? 1 : -1;
    }
    int c = Long.compareUnsigned(hi, o.hi);
    return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
  }
}
