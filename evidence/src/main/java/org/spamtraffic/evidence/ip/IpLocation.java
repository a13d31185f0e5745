package org.spamtraffic.evidence.ip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Country and network (autonomous system) of an IP address, from the open data of the
 * ip-location-db project as its npm packages ship it ({@code evidence/fetch-data} puts them in
 * {@code evidence/data/ip-location-db/}): {@code geo-whois-asn-country} (CC0 1.0) for countries and
 * {@code asn} (CC BY 4.0: RouteViews, DB-IP, NRO) for networks. Each row of their {@code -num.csv}
 * files is an inclusive range of addresses as numbers. Kept as sorted arrays (about 30 MB for the
 * 1.6 million ranges) and searched by bisection; serializable, so a Spark job broadcasts one copy.
 */
public final class IpLocation implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The folder of each package under the data folder. */
  public static final String COUNTRY_PACKAGE = "geo-whois-asn-country";

  /** The folder of the network package under the data folder. */
  public static final String ASN_PACKAGE = "asn";

  /**
   * One data package: its npm name, version, the date its version carries, and its licence.
   *
   * @param name the npm package
   * @param version its version (the last part is the build time, YYYYMMDDHH)
   * @param date the data's date, {@code YYYY-MM-DD}
   * @param licence its licence as the package states it
   */
  public record Source(String name, String version, String date, String licence)
      implements Serializable {
    /** {@code @ip-location-db/asn 2.3.2026061719 (2026-06-17)}. */
    @Override
    public String toString() {
      return name + " " + version + " (" + date + ")";
    }
  }

  private final Ranges countries;
  private final String[] countryCodes;
  private final Ranges networks;
  private final Map<Integer, String> networkNames;
  private final List<Source> sources;

  private IpLocation(
      Ranges countries,
      String[] countryCodes,
      Ranges networks,
      Map<Integer, String> networkNames,
      List<Source> sources) {
    this.countries = countries;
    this.countryCodes = countryCodes;
    this.networks = networks;
    this.networkNames = networkNames;
    this.sources = List.copyOf(sources);
  }

  /**
   * Loads the two packages from {@code dataDir} (holding {@code geo-whois-asn-country/} and {@code
   * asn/}); fails with a message naming {@code evidence/fetch-data} when they are not there.
   */
  public static IpLocation load(Path dataDir) {
    Path country = dataDir.resolve(COUNTRY_PACKAGE);
    Path asn = dataDir.resolve(ASN_PACKAGE);
    for (Path p :
        List.of(
            country.resolve("geo-whois-asn-country-ipv4-num.csv"),
            asn.resolve("asn-ipv4-num.csv"))) {
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException(
            "IP data not found: "
                + p
                + " is missing. Run evidence/fetch-data (it fetches the ip-location-db packages"
                + " from npm), or give the folder that holds them with --ip-data");
      }
    }
    Map<String, Integer> codes = new LinkedHashMap<>();
    Ranges.Builder c = new Ranges.Builder();
    read(country.resolve("geo-whois-asn-country-ipv4-num.csv"), false, c, codes, null);
    read(country.resolve("geo-whois-asn-country-ipv6-num.csv"), true, c, codes, null);
    Map<Integer, String> names = new HashMap<>();
    Ranges.Builder a = new Ranges.Builder();
    read(asn.resolve("asn-ipv4-num.csv"), false, a, null, names);
    read(asn.resolve("asn-ipv6-num.csv"), true, a, null, names);
    return new IpLocation(
        c.build(),
        codes.keySet().toArray(new String[0]),
        a.build(),
        names,
        List.of(source(country), source(asn)));
  }

  /** The ISO 3166-1 alpha-2 code of the country {@code ip} is registered or located in. */
  public Optional<String> country(IpAddress ip) {
    int i = countries.find(ip);
    return i < 0 ? Optional.empty() : Optional.of(countryCodes[countries.value[i]]);
  }

  /** The autonomous system {@code ip} is announced by or registered to. */
  public OptionalLong network(IpAddress ip) {
    int i = networks.find(ip);
    return i < 0 ? OptionalLong.empty() : OptionalLong.of(networks.value[i] & 0xffffffffL);
  }

  /** The organisation the data names for autonomous system {@code asn}, if any. */
  public Optional<String> networkName(long asn) {
    return Optional.ofNullable(networkNames.get((int) asn));
  }

  /** The two packages: countries first, then networks. */
  public List<Source> sources() {
    return sources;
  }

  private static Source source(Path dir) {
    try {
      JsonNode p = new ObjectMapper().readTree(dir.resolve("package.json").toFile());
      String version = p.path("version").asText();
      String build = version.substring(version.lastIndexOf('.') + 1);
      String date =
          build.length() >= 8
              ? build.substring(0, 4) + "-" + build.substring(4, 6) + "-" + build.substring(6, 8)
              : "unknown";
      return new Source(p.path("name").asText(), version, date, p.path("license").asText());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dir.resolve("package.json"), e);
    }
  }

  /** Reads {@code start,end,value[,name]} lines; values are country codes or AS numbers. */
  private static void read(
      Path file,
      boolean v6,
      Ranges.Builder into,
      Map<String, Integer> countryCodes,
      Map<Integer, String> asNames) {
    if (!Files.isRegularFile(file)) {
      return; // an IPv6 file is optional: without it, IPv6 sources are unknown.
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        int a = line.indexOf(',');
        int b = line.indexOf(',', a + 1);
        if (a < 0 || b < 0) {
          continue;
        }
        int c = line.indexOf(',', b + 1);
        String value = c < 0 ? line.substring(b + 1) : line.substring(b + 1, c);
        int v;
        if (countryCodes != null) {
          v = countryCodes.computeIfAbsent(value.trim(), k -> countryCodes.size());
        } else {
          v = (int) Long.parseLong(value.trim());
          if (c >= 0 && !asNames.containsKey(v)) {
            asNames.put(v, unquote(line.substring(c + 1)));
          }
        }
        if (v6) {
          into.add(v6(line, 0, a), v6(line, a + 1, b), v);
        } else {
          into.add(
              IpAddress.v4(Long.parseLong(line.substring(0, a))),
              IpAddress.v4(Long.parseLong(line.substring(a + 1, b))),
              v);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("Cannot read IP data file " + file + ": " + e, e);
    }
  }

  /**
   * The IPv6 address written as the decimal number {@code s[from, to)} (up to 2^128 - 1): 128-bit
   * arithmetic on two longs, since BigInteger made loading several times slower.
   */
  static IpAddress v6(String s, int from, int to) {
    long hi = 0;
    long lo = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        throw new NumberFormatException("Not a decimal number: " + s.substring(from, to));
      }
      // (hi, lo) = (hi, lo) * 10 + d
      long loHigh = Math.multiplyHigh(lo, 10) + ((lo >> 63) & 10); // unsigned high half
      long newLo = lo * 10;
      hi = hi * 10 + loHigh;
      lo = newLo + d;
      if (Long.compareUnsigned(lo, newLo) < 0) {
        hi++;
      }
    }
    return new IpAddress(true, hi, lo);
  }

  private static String unquote(String s) {
    String t = s.trim();
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      t = t.substring(1, t.length() - 1).replace("\"\"", "\"");
    }
    return t;
  }

  /** Disjoint inclusive ranges sorted by start, IPv4 before IPv6, each with an int value. */
  private static final class Ranges implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int v4Count;
    private final long[] startHi;
    private final long[] startLo;
    private final long[] endHi;
    private final long[] endLo;
    private final int[] value;

    private Ranges(Builder b) {
      int n = b.size;
      int[] order = b.sortedOrder();
      startHi = new long[n];
      startLo = new long[n];
      endHi = new long[n];
      endLo = new long[n];
      value = new int[n];
      int v4 = 0;
      for (int i = 0; i < n; i++) {
        int j = order == null ? i : order[i];
        startHi[i] = b.startHi[j];
        startLo[i] = b.startLo[j];
        endHi[i] = b.endHi[j];
        endLo[i] = b.endLo[j];
        value[i] = b.value[j];
        if (!b.v6[j]) {
          v4++;
        }
      }
      v4Count = v4;
    }

    /** The index of the range holding {@code ip}, or -1. */
    int find(IpAddress ip) {
      int lo = ip.v6() ? v4Count : 0;
      int hi = ip.v6() ? value.length - 1 : v4Count - 1;
      int best = -1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        int c = Long.compareUnsigned(startHi[mid], ip.hi());
        if (c < 0 || (c == 0 && Long.compareUnsigned(startLo[mid], ip.lo()) <= 0)) {
          best = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      if (best < 0) {
        return -1;
      }
      int c = Long.compareUnsigned(ip.hi(), endHi[best]);
      boolean within = c < 0 || (c == 0 && Long.compareUnsigned(ip.lo(), endLo[best]) <= 0);
      return within ? best : -1;
    }

    /** Growable primitive columns: the packages hold over a million ranges. */
    static final class Builder {
      private int size;
      private boolean[] v6 = new boolean[1024];
      private long[] startHi = new long[1024];
      private long[] startLo = new long[1024];
      private long[] endHi = new long[1024];
      private long[] endLo = new long[1024];
      private int[] value = new int[1024];
      private boolean sorted = true;

      void add(IpAddress start, IpAddress end, int v) {
        if (size == value.length) {
          int n = size * 2;
          v6 = Arrays.copyOf(v6, n);
          startHi = Arrays.copyOf(startHi, n);
          startLo = Arrays.copyOf(startLo, n);
          endHi = Arrays.copyOf(endHi, n);
          endLo = Arrays.copyOf(endLo, n);
          value = Arrays.copyOf(value, n);
        }
        v6[size] = start.v6();
        startHi[size] = start.hi();
        startLo[size] = start.lo();
        endHi[size] = end.hi();
        endLo[size] = end.lo();
        value[size] = v;
        if (size > 0 && compare(size - 1, size) > 0) {
          sorted = false;
        }
        size++;
      }

      private int compare(int a, int b) {
        if (v6[a] != v6[b]) {
          return v6[a] ? 1 : -1;
        }
        int c = Long.compareUnsigned(startHi[a], startHi[b]);
        return c != 0 ? c : Long.compareUnsigned(startLo[a], startLo[b]);
      }

      /** Null when the rows came sorted (the packages' files are), else the sorted order. */
      int[] sortedOrder() {
        if (sorted) {
          return null;
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
          order[i] = i;
        }
        Arrays.sort(order, this::compare);
        int[] o = new int[size];
        for (int i = 0; i < size; i++) {
          o[i] = order[i];
        }
        return o;
      }

      Ranges build() {
        return new Ranges(this);
      }
    }
  }
}
