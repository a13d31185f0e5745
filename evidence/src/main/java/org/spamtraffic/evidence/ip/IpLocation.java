package org.spamtraffic.evidence.ip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
          BigInteger s = new BigInteger(line.substring(0, a));
          BigInteger e = new BigInteger(line.substring(a + 1, b));
          into.add(
              new IpAddress(true, s.shiftRight(64).longValue(), s.longValue()),
              new IpAddress(true, e.shiftRight(64).longValue(), e.longValue()),
              v);
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
    private final boolean[] v6;
    private final long[] startHi;
    private final long[] startLo;
    private final long[] endHi;
    private final long[] endLo;
    private final int[] value;

    private Ranges(List<long[]> rows, List<Integer> values) {
      int n = rows.size();
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (x, y) -> compare(rows.get(x), rows.get(y)));
      v6 = new boolean[n];
      startHi = new long[n];
      startLo = new long[n];
      endHi = new long[n];
      endLo = new long[n];
      value = new int[n];
      for (int i = 0; i < n; i++) {
        long[] r = rows.get(order[i]);
        v6[i] = r[0] == 1;
        startHi[i] = r[1];
        startLo[i] = r[2];
        endHi[i] = r[3];
        endLo[i] = r[4];
        value[i] = values.get(order[i]);
      }
    }

    private static int compare(long[] a, long[] b) {
      int c = Long.compare(a[0], b[0]);
      if (c == 0) {
        c = Long.compareUnsigned(a[1], b[1]);
      }
      return c != 0 ? c : Long.compareUnsigned(a[2], b[2]);
    }

    /** The index of the range holding {@code ip}, or -1. */
    int find(IpAddress ip) {
      int lo = 0;
      int hi = value.length - 1;
      int best = -1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (startNotAfter(mid, ip)) {
          best = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      if (best < 0 || v6[best] != ip.v6()) {
        return -1;
      }
      int c = Long.compareUnsigned(ip.hi(), endHi[best]);
      boolean within = c < 0 || (c == 0 && Long.compareUnsigned(ip.lo(), endLo[best]) <= 0);
      return within ? best : -1;
    }

    private boolean startNotAfter(int i, IpAddress ip) {
      if (v6[i] != ip.v6()) {
        return !v6[i];
      }
      int c = Long.compareUnsigned(startHi[i], ip.hi());
      return c < 0 || (c == 0 && Long.compareUnsigned(startLo[i], ip.lo()) <= 0);
    }

    static final class Builder {
      private final List<long[]> rows = new ArrayList<>();
      private final List<Integer> values = new ArrayList<>();

      void add(IpAddress start, IpAddress end, int v) {
        rows.add(new long[] {start.v6() ? 1 : 0, start.hi(), start.lo(), end.hi(), end.lo()});
        values.add(v);
      }

      Ranges build() {
        return new Ranges(rows, values);
      }
    }
  }
}
