package org.spamtraffic.evidence.ip;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddressSeqRange;
import inet.ipaddr.IPAddressString;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of IP ranges given as CIDR blocks ({@code 192.0.2.0/24}, {@code 2001:db8::/32}) or single
 * addresses: an operator's trusted networks, or the special-purpose ranges that are never a source.
 */
public final class NetworkList implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The special-purpose ranges (private, loopback, link-local, documentation, reserved...). */
  public static final NetworkList SPECIAL = fromResource("special-ip-ranges.txt");

  private final List<String> written;
  private final IpAddress[] lower;
  private final IpAddress[] upper;

  private NetworkList(List<String> written, IpAddress[] lower, IpAddress[] upper) {
    this.written = List.copyOf(written);
    this.lower = lower;
    this.upper = upper;
  }

  /** The ranges written as {@code blocks}; fails naming the first that is not a CIDR block. */
  public static NetworkList of(List<String> blocks) {
    List<String> kept = new ArrayList<>();
    IpAddress[] lo = new IpAddress[blocks.size()];
    IpAddress[] hi = new IpAddress[blocks.size()];
    int i = 0;
    for (String b : blocks) {
      String t = b.trim();
      try {
        IPAddressSeqRange r = new IPAddressString(t).toSequentialRange();
        if (r == null) {
          throw new IllegalArgumentException("'" + b + "' is not an IP address or CIDR block");
        }
        lo[i] = IpAddress.of(r.getLower());
        hi[i] = IpAddress.of(r.getUpper());
        kept.add(t);
        i++;
      } catch (AddressStringException e) {
        throw new IllegalArgumentException(
            "'" + b + "' is not an IP address or CIDR block (for example 192.0.2.0/24)", e);
      }
    }
    return new NetworkList(kept, lo, hi);
  }

  /** No ranges. */
  public static NetworkList none() {
    return of(List.of());
  }

  private static NetworkList fromResource(String name) {
    List<String> blocks = new ArrayList<>();
    try (InputStream in = NetworkList.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        String t = line.replaceAll("#.*", "").trim();
        if (!t.isEmpty()) {
          blocks.add(t.split("\\s+")[0]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return of(blocks);
  }

  /** Whether {@code ip} is in one of the ranges. */
  public boolean contains(IpAddress ip) {
    for (int i = 0; i < lower.length; i++) {
      if (ip.compareTo(lower[i]) >= 0 && ip.compareTo(upper[i]) <= 0) {
        return true;
      }
    }
    return false;
  }

  /** The blocks as written. */
  public List<String> blocks() {
    return written;
  }
}
