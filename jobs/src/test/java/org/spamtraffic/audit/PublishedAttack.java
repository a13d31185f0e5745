package org.spamtraffic.audit;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.spamtraffic.publish.DisclosurePolicy;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The attack of an outside analyst on the study's traffic tables, from the published files alone:
 * the report bundle's {@code tables/*.csv} (what a reader downloads), with the true figures of the
 * analyst tables used only to say which withheld figures must be protected and whether the interval
 * found is wide enough. Written apart from {@code publish}: it reads the reference table of
 * countries as published and builds every relation itself.
 *
 * <p>What the reader knows: every published figure; every sum of areas in every hierarchy at once
 * (ITU-D regions, M49 regions, groups, world, overlapping); per source the same sums; an area's
 * sources add up to its spam detected; flows add up to world figures and to each source's world
 * row, and (where true) to the destination's figures; every published ratio at its printed
 * precision (block rate, spam share, spam per subscriber-month, route shares, share of an area,
 * share of a destination, growth on the previous quarter and on the year); bounds such as blocked
 * at most detected; and non-negativity.
 */
final class PublishedAttack {
  static final List<String> DIRECT =
      List.of(
          "spam_detected",
          "spam_blocked",
          "spam_delivered",
          "user_reports",
          "service_size",
          "total_traffic");

  /** Volume figures the reader can reason about (direct or through a published ratio). */
  static final List<String> VOLUME =
      List.of(
          "spam_detected",
          "spam_blocked",
          "spam_delivered",
          "user_reports",
          "service_size",
          "total_traffic",
          "subscriber_months",
          "with_traffic",
          "on_net",
          "off_net",
          "international_gateway",
          "grey_route",
          "route_unknown");

  static final Set<String> OFF_NET =
      Set.of(
          "domestic_interconnect",
          "international_gateway",
          "a2p_aggregator",
          "grey_route",
          "internet");

  final LinearAttack lp = new LinearAttack();
  final List<String> targets = new ArrayList<>();
  private final int minOperators;
  private final double maxShare;

  PublishedAttack(int minOperators, double maxShare) {
    this.minOperators = minOperators;
    this.maxShare = maxShare;
  }

  /** Reads a published CSV of the bundle. */
  /** The attack under the study's standard policy, built from the published files of a bundle. */
  static PublishedAttack standard(Path bundle, Warehouse truthSource) {
    DisclosurePolicy policy = DisclosurePolicy.standard();
    PublishedAttack attack = new PublishedAttack(policy.minOperators(), policy.maxShare());
    attack.build(bundle, truthSource);
    return attack;
  }

  static List<Map<String, String>> csv(Path file) {
    List<Map<String, String>> rows = new ArrayList<>();
    if (!Files.exists(file)) {
      return rows;
    }
    try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().ofNamedCsvRecord(file)) {
      for (NamedCsvRecord r : reader) {
        // A reader undoes the documented neutralisation of formula-like text (a source network
        // +869* is published as '+869*): SpreadsheetText.original.
        Map<String, String> row = new LinkedHashMap<>();
        r.getFieldsAsMap()
            .forEach((k, v) -> row.put(k, org.spamtraffic.output.SpreadsheetText.original(v)));
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** Builds the reader's problem from the bundle's tables and the warehouse's true figures. */
  void build(Path bundle, Warehouse truthSource) {
    Path tables = bundle.resolve("tables");
    Map<String, Map<String, Double>> truth = truth(truthSource);
    List<Map<String, String>> countries = csv(tables.resolve("countries.csv"));
    List<Map<String, String>> volumes = csv(tables.resolve("published_volumes.csv"));
    List<Map<String, String>> sources = csv(tables.resolve("published_sources.csv"));
    List<Map<String, String>> routes = csv(tables.resolve("published_routes.csv"));

    // Volumes: every figure a quantity; published ones known; ratios at printed precision.
    Map<String, Map<String, String>> volumeRows = new HashMap<>();
    for (Map<String, String> r : volumes) {
      String key = key(r.get("level"), r.get("area"), r.get("quarter"), r.get("spam_type"));
      volumeRows.put(key, r);
      Map<String, Double> t = truth.get("V|" + key);
      boolean primary = primary(t);
      if (primary && r.get("level").equals("country")) {
        primaryCountryCells.add(key(r.get("area"), r.get("quarter"), r.get("spam_type")));
      }
      for (String m : VOLUME) {
        String q = "V|" + key + "|" + m;
        lp.quantity(q, t == null ? 0 : t.getOrDefault(m, 0.0));
        if (withheld(r) && primary) {
          targets.add(q);
        }
      }
      if (!withheld(r)) {
        for (String m : DIRECT) {
          lp.know("V|" + key + "|" + m, number(r.get(m), 0));
        }
      }
      String v = "V|" + key + "|";
      ratio(r, "block_rate", v + "spam_blocked", v + "spam_detected");
      ratio(r, "spam_share", v + "with_traffic", v + "total_traffic");
      ratio(r, "spam_per_subscriber_month", v + "spam_detected", v + "subscriber_months");
      ratio(r, "share_on_net", v + "on_net", v + "spam_detected");
      ratio(r, "share_off_net", v + "off_net", v + "spam_detected");
      ratio(r, "share_international_gateway", v + "international_gateway", v + "spam_detected");
      ratio(r, "share_grey_route", v + "grey_route", v + "spam_detected");
      lp.constrain(
          "routes of " + key + " add up to its spam",
          List.of(v + "spam_detected", v + "on_net", v + "off_net", v + "route_unknown"),
          List.of(1.0, -1.0, -1.0, -1.0),
          0,
          0);
      for (String[] le :
          new String[][] {
            {"spam_blocked", "spam_detected"},
            {"with_traffic", "spam_detected"},
            {"with_traffic", "total_traffic"},
            {"international_gateway", "off_net"},
            {"grey_route", "off_net"}
          }) {
        lp.constrain(
            le[0] + " <= " + le[1] + " in " + key,
            List.of(v + le[0], v + le[1]),
            List.of(1.0, -1.0),
            Double.NEGATIVE_INFINITY,
            0);
      }
    }
    for (Map<String, String> r : volumes) {
      String key = key(r.get("level"), r.get("area"), r.get("quarter"), r.get("spam_type"));
      for (String[] g :
          new String[][] {{"growth_previous_quarter", "1"}, {"growth_year_on_year", "4"}}) {
        String value = r.get(g[0]);
        if (value == null || value.isEmpty()) {
          continue;
        }
        String earlier =
            key(
                r.get("level"),
                r.get("area"),
                shift(r.get("quarter"), Integer.parseInt(g[1])),
                r.get("spam_type"));
        if (!volumeRows.containsKey(earlier)) {
          continue;
        }
        // cur = (1 + growth) x earlier, growth known to half a unit of its last printed digit.
        double growth = Double.parseDouble(value);
        double tol = halfUnit(value);
        String cur = "V|" + key + "|spam_detected";
        String prev = "V|" + earlier + "|spam_detected";
        lp.constrain(
            g[0] + " of " + key,
            List.of(cur, prev),
            List.of(1.0, -(1 + growth + tol)),
            Double.NEGATIVE_INFINITY,
            0);
        lp.constrain(
            g[0] + " of " + key,
            List.of(cur, prev),
            List.of(1.0, -(1 + growth - tol)),
            0,
            Double.POSITIVE_INFINITY);
      }
    }
    List<String[]> sums = hierarchy(countries);
    Map<String, List<String>> keysByQt = new TreeMap<>();
    for (Map<String, String> r : volumes) {
      keysByQt
          .computeIfAbsent(r.get("quarter") + "|" + r.get("spam_type"), k -> new ArrayList<>())
          .add(r.get("level") + "|" + r.get("area"));
    }
    for (Map.Entry<String, List<String>> e : keysByQt.entrySet()) {
      Set<String> areas = Set.copyOf(e.getValue());
      for (String m : VOLUME) {
        areaSums(
            sums,
            areas,
            a -> "V|" + a + "|" + e.getKey() + "|" + m,
            "volumes " + m + " " + e.getKey());
      }
    }

    // Sources.
    Map<String, Set<String>> sourceAreas = new HashMap<>();
    Map<String, List<String>> byArea = new HashMap<>();
    for (Map<String, String> r : sources) {
      String qt = r.get("quarter") + "|" + r.get("spam_type");
      String source = r.get("source_kind") + "|" + r.get("source");
      String area = r.get("level") + "|" + r.get("area");
      String q = "S|" + area + "|" + qt + "|" + source;
      Map<String, Double> t = truth.get(q);
      lp.quantity(q, t == null ? 0 : t.get("spam_detected"));
      if (withheld(r)) {
        if (primary(t)) {
          targets.add(q);
        }
      } else {
        lp.know(q, number(r.get("spam_detected"), 0));
      }
      ratio(r, "share_of_area", q, "V|" + area + "|" + qt + "|spam_detected");
      sourceAreas.computeIfAbsent(qt + "|" + source, k -> new java.util.HashSet<>()).add(area);
      byArea
          .computeIfAbsent(area + "|" + qt + "|" + r.get("source_kind"), k -> new ArrayList<>())
          .add(q);
    }
    sourceAreas.forEach(
        (qs, areas) -> {
          String[] k = qs.split("\\|", 3);
          areaSums(
              sums, areas, a -> "S|" + a + "|" + k[0] + "|" + k[1] + "|" + k[2], "source " + qs);
        });
    byArea.forEach(
        (ak, parts) -> {
          String[] k = ak.split("\\|");
          String total = "V|" + k[0] + "|" + k[1] + "|" + k[2] + "|" + k[3] + "|spam_detected";
          if (lp.has(total)) {
            bound("sources of " + ak + " add up to at most its spam", total, parts);
          }
        });

    // Routes.
    Map<String, List<String>> flowSums = new LinkedHashMap<>();
    for (Map<String, String> r : routes) {
      String qt = r.get("quarter") + "|" + r.get("spam_type");
      String key =
          qt
              + "|"
              + r.get("source_country")
              + "|"
              + r.get("destination_country")
              + "|"
              + r.get("entry_route");
      Map<String, Double> t = truth.get("R|" + key);
      for (String m : List.of("spam_detected", "spam_blocked")) {
        String q = "R|" + key + "|" + m;
        lp.quantity(q, t == null ? 0 : t.get(m));
        if (withheld(r)) {
          if (primary(t)) {
            targets.add(q);
          }
        } else {
          lp.know(q, number(r.get(m), 0));
        }
      }
      String d = "R|" + key + "|spam_detected";
      String b = "R|" + key + "|spam_blocked";
      lp.constrain(
          "blocked <= detected on " + key,
          List.of(b, d),
          List.of(1.0, -1.0),
          Double.NEGATIVE_INFINITY,
          0);
      String destination = r.get("destination_country");
      String route = r.get("entry_route");
      for (String area : List.of("world|World", "country|" + destination)) {
        boolean exact = area.startsWith("world");
        add(flowSums, (exact ? "!" : "?") + "V|" + area + "|" + qt + "|spam_detected", d);
        add(flowSums, (exact ? "!" : "?") + "V|" + area + "|" + qt + "|spam_blocked", b);
        String figure =
            route.equals("on_net")
                ? "on_net"
                : route.equals("unknown") ? "route_unknown" : "off_net";
        add(flowSums, (exact ? "!" : "?") + "V|" + area + "|" + qt + "|" + figure, d);
        if (route.equals("international_gateway") || route.equals("grey_route")) {
          add(flowSums, (exact ? "!" : "?") + "V|" + area + "|" + qt + "|" + route, d);
        }
      }
      add(flowSums, "!S|world|World|" + qt + "|country|" + r.get("source_country"), d);
      add(
          flowSums,
          "?S|country|" + destination + "|" + qt + "|country|" + r.get("source_country"),
          d);
      add(flowSums, "=T|" + qt + "|" + destination, d);
    }
    flowSums.forEach(
        (k, parts) -> {
          String total = k.substring(1);
          if (k.startsWith("=")) {
            double t = 0;
            for (String p : parts) {
              t += lp.trueValue(lp.of(p));
            }
            lp.quantity(total, t);
          }
          if (lp.has(total)) {
            sum("flows into " + total, total, parts, k.startsWith("?"));
          }
        });
    for (Map<String, String> r : routes) {
      String qt = r.get("quarter") + "|" + r.get("spam_type");
      String key =
          qt
              + "|"
              + r.get("source_country")
              + "|"
              + r.get("destination_country")
              + "|"
              + r.get("entry_route");
      ratio(
          r,
          "share_of_destination",
          "R|" + key + "|spam_detected",
          "T|" + qt + "|" + r.get("destination_country"));
    }

    coverage(csv(tables.resolve("published_coverage.csv")));
    investment(tables, sums, truthSource);
  }

  /**
   * Coverage: a published row repeats its country's figures of volumes (the same quantities), and
   * its national estimate is spam detected times market over subscribers, all of them published
   * with it; a row published where volumes withholds the country would hand the figure over.
   */
  private void coverage(List<Map<String, String>> rows) {
    for (Map<String, String> r : rows) {
      if (withheld(r)) {
        continue;
      }
      String v =
          "V|" + key("country", r.get("country_code"), r.get("quarter"), r.get("spam_type")) + "|";
      for (String m : List.of("spam_detected", "service_size")) {
        if (lp.has(v + m) && r.get(m) != null && !r.get(m).isEmpty()) {
          lp.know(v + m, number(r.get(m), 0));
        }
      }
    }
  }

  /** Investment figures a reader relates: every measure of a row, per area and scenario. */
  static final List<String> INVESTMENT =
      List.of("technical_usd", "institutional_usd", "need_usd", "gap_usd", "existing_usd");

  /**
   * The investment estimate's tables: a country's or an area's figures per scenario ({@code
   * investment_totals}), known where published; every rollup but the extrapolated world is the sum
   * of its estimated countries (the reader is granted the list of countries estimated); need is
   * technical plus institutional; the base figures of {@code investment_intervals} and {@code
   * investment_sensitivity} repeat the base scenario's. Targets: the technical need (the part
   * computed from operators' volumes) of every withheld country with a primary volume in the
   * window.
   */
  private void investment(Path tables, List<String[]> sums, Warehouse truthSource) {
    if (!truthSource.has("investment_totals")) {
      return;
    }
    Map<String, Map<String, Double>> truth = new HashMap<>();
    Set<String> estimated = new java.util.TreeSet<>();
    String asOf = null;
    for (Row r : truthSource.read("investment_totals").collectAsList()) {
      String level = r.getAs("level");
      if (level.equals("world")) {
        continue; // an extrapolation, not a sum: not related here
      }
      Map<String, Double> m = new HashMap<>();
      for (String c : INVESTMENT) {
        m.put(c, num(r, c));
      }
      truth.put(key(level, r.getAs("area"), r.getAs("scenario")), m);
      if (level.equals("country")) {
        estimated.add("country|" + r.getAs("area"));
      }
      asOf = r.getAs("as_of_quarter");
    }
    truth.forEach(
        (k, m) ->
            m.forEach(
                (measure, value) -> {
                  lp.quantity("I|" + k + "|" + measure, value);
                }));
    for (String k : truth.keySet()) {
      String i = "I|" + k + "|";
      lp.constrain(
          "need = technical + institutional of " + k,
          List.of(i + "need_usd", i + "technical_usd", i + "institutional_usd"),
          List.of(1.0, -1.0, -1.0),
          0,
          0);
    }
    Set<String> publishedRows = new java.util.HashSet<>();
    for (Map<String, String> r : csv(tables.resolve("investment_totals.csv"))) {
      String k = key(r.get("level"), r.get("area"), r.get("scenario"));
      if (!truth.containsKey(k)) {
        continue;
      }
      publishedRows.add(k);
      for (String m : INVESTMENT) {
        lp.know("I|" + k + "|" + m, number(r.get(m), 0));
      }
    }
    // A country's component rows add up to its technical and institutional figures.
    Map<String, double[]> components = new HashMap<>();
    for (Map<String, String> r : csv(tables.resolve("investment.csv"))) {
      String k = key("country", r.get("country_code"), r.get("scenario"));
      double[] sum = components.computeIfAbsent(k, x -> new double[2]);
      sum["technical".equals(r.get("component_group")) ? 0 : 1] +=
          number(r.get("present_value_usd"), 0);
    }
    components.forEach(
        (k, sum) -> {
          if (truth.containsKey(k)) {
            lp.know("I|" + k + "|technical_usd", sum[0]);
            lp.know("I|" + k + "|institutional_usd", sum[1]);
          }
        });
    for (String t : List.of("investment_intervals", "investment_sensitivity")) {
      for (Map<String, String> r : csv(tables.resolve(t + ".csv"))) {
        String k = key(r.get("level"), r.get("area"), "base");
        String measure = r.get("measure") + "_usd";
        String value = r.get(t.equals("investment_intervals") ? "base_usd" : "total_base_usd");
        if (truth.containsKey(k) && value != null && !value.isEmpty()) {
          lp.know("I|" + k + "|" + measure, Double.parseDouble(value));
        }
      }
    }
    for (String scenario : List.of("low", "base", "high")) {
      for (String[] s : sums) {
        String parent = s[0].equals("world|World") ? "reporting|Reporting countries" : s[0];
        if (!truth.containsKey(parent + "|" + scenario)) {
          continue;
        }
        List<String> parts = new ArrayList<>();
        boolean countries = true;
        for (int i = 1; i < s.length; i++) {
          countries &= s[i].startsWith("country|");
          if (estimated.contains(s[i])) {
            parts.add(s[i]);
          }
        }
        if (!countries || parts.isEmpty()) {
          continue;
        }
        for (String m : INVESTMENT) {
          List<String> q = new ArrayList<>();
          List<Double> c = new ArrayList<>();
          q.add("I|" + parent + "|" + scenario + "|" + m);
          c.add(1.0);
          for (String p : parts) {
            q.add("I|" + p + "|" + scenario + "|" + m);
            c.add(-1.0);
          }
          if (lp.holds(q, c)) {
            lp.constrain("investment " + m + ": " + parent + " = sum of its countries", q, c, 0, 0);
          }
        }
      }
    }
    List<String> window = new ArrayList<>();
    for (int back = 0; back < 4 && asOf != null; back++) {
      window.add(shift(asOf, back));
    }
    for (String country : estimated) {
      String code = country.substring("country|".length());
      if (!primaryInWindow(code, window)) {
        continue;
      }
      for (String scenario : List.of("low", "base", "high")) {
        String k = key("country", code, scenario);
        if (truth.containsKey(k)) {
          targets.add("I|" + k + "|technical_usd");
        }
      }
    }
  }

  private final Set<String> primaryCountryCells = new java.util.HashSet<>();

  private boolean primaryInWindow(String code, List<String> window) {
    for (String q : window) {
      for (String t : List.of("email", "sms", "voice", "ip_messaging", "ip_multimedia")) {
        if (primaryCountryCells.contains(key(code, q, t))) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean primary(Map<String, Double> truth) {
    if (truth == null) {
      return false;
    }
    return truth.get("_operators") < minOperators || truth.get("_top") > maxShare;
  }

  private static boolean withheld(Map<String, String> r) {
    return "true".equals(r.get("suppressed"));
  }

  /** {@code numerator / denominator = printed ratio}, to half a unit of its last digit. */
  private void ratio(Map<String, String> r, String column, String numerator, String denominator) {
    String value = r.get(column);
    if (value == null || value.isEmpty() || !lp.has(numerator) || !lp.has(denominator)) {
      return;
    }
    double ratio = Double.parseDouble(value);
    double tol = halfUnit(value);
    String why = column + " " + value + " of " + numerator;
    lp.constrain(
        why,
        List.of(numerator, denominator),
        List.of(1.0, -(ratio + tol)),
        Double.NEGATIVE_INFINITY,
        0);
    lp.constrain(
        why,
        List.of(numerator, denominator),
        List.of(1.0, -(ratio - tol)),
        0,
        Double.POSITIVE_INFINITY);
  }

  /** Half a unit of the last printed digit, and never below double rounding. */
  static double halfUnit(String printed) {
    BigDecimal d = new BigDecimal(printed);
    double unit = Math.pow(10, -d.scale()) / 2;
    return Math.max(unit, Math.abs(d.doubleValue()) * 1e-15);
  }

  /** {@code sum(parts) = total} where that holds, else {@code sum(parts) <= total} if that does. */
  private void bound(String why, String total, List<String> parts) {
    List<String> q = new ArrayList<>();
    List<Double> c = new ArrayList<>();
    q.add(total);
    c.add(-1.0);
    double slack = -lp.trueValue(lp.of(total));
    for (String p : parts) {
      q.add(p);
      c.add(1.0);
      slack += lp.trueValue(lp.of(p));
    }
    if (lp.holds(q, c)) {
      lp.constrain(why, q, c, 0, 0);
    } else if (slack <= 0) {
      lp.constrain(why, q, c, Double.NEGATIVE_INFINITY, 0);
    } else {
      throw new IllegalStateException("Sources exceed their area's spam: " + why);
    }
  }

  private void sum(String why, String total, List<String> parts, boolean onlyIfTrue) {
    List<String> q = new ArrayList<>();
    List<Double> c = new ArrayList<>();
    q.add(total);
    c.add(1.0);
    for (String p : parts) {
      q.add(p);
      c.add(-1.0);
    }
    if (onlyIfTrue && !lp.holds(q, c)) {
      return;
    }
    if (!lp.holds(q, c)) {
      throw new IllegalStateException(
          "A relation a reader would take as given does not hold: " + why);
    }
    lp.constrain(why, q, c, 0, 0);
  }

  /**
   * The sums of every hierarchy; relations are kept only where they hold (a reader cannot tell).
   */
  private void areaSums(
      List<String[]> sums,
      Set<String> areas,
      java.util.function.Function<String, String> name,
      String what) {
    for (String[] s : sums) {
      if (!areas.contains(s[0])) {
        continue;
      }
      List<String> parts = new ArrayList<>();
      for (int i = 1; i < s.length; i++) {
        if (areas.contains(s[i])) {
          parts.add(name.apply(s[i]));
        }
      }
      List<String> q = new ArrayList<>();
      List<Double> c = new ArrayList<>();
      q.add(name.apply(s[0]));
      c.add(1.0);
      for (String p : parts) {
        q.add(p);
        c.add(-1.0);
      }
      if (lp.holds(q, c)) {
        lp.constrain(what + ": " + s[0] + " = sum of its parts", q, c, 0, 0);
      }
    }
  }

  /** Every sum of areas, from the published countries table: [parent, parts...]. */
  static List<String[]> hierarchy(List<Map<String, String>> countries) {
    Map<String, List<String>> members = new TreeMap<>();
    List<String> all = new ArrayList<>();
    for (Map<String, String> c : countries) {
      String country = "country|" + c.get("alpha3");
      all.add(country);
      List<String> parents = new ArrayList<>();
      parents.add("itu_region|" + c.get("itu_region"));
      if (c.get("m49_region") != null && !c.get("m49_region").isEmpty()) {
        parents.add("m49_region|" + c.get("m49_region"));
      }
      for (String g : List.of("ldc", "lldc", "sids")) {
        if ("true".equals(c.get(g))) {
          parents.add("group|" + g);
        }
      }
      parents.add("group|" + c.get("development_status"));
      for (String p : parents) {
        members.computeIfAbsent(p, k -> new ArrayList<>()).add(country);
      }
    }
    List<String[]> out = new ArrayList<>();
    members.forEach((p, parts) -> out.add(concat(p, parts)));
    out.add(concat("world|World", all));
    for (String level : List.of("itu_region|", "m49_region|")) {
      out.add(
          concat(
              "world|World", members.keySet().stream().filter(k -> k.startsWith(level)).toList()));
    }
    out.add(new String[] {"world|World", "group|developed", "group|developing"});
    return out;
  }

  private static String[] concat(String first, List<String> rest) {
    String[] out = new String[rest.size() + 1];
    out[0] = first;
    for (int i = 0; i < rest.size(); i++) {
      out[i + 1] = rest.get(i);
    }
    return out;
  }

  private static void add(Map<String, List<String>> m, String k, String v) {
    m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
  }

  private static String key(String... parts) {
    return String.join("|", parts);
  }

  private static double number(String s, double otherwise) {
    return s == null || s.isEmpty() ? otherwise : Double.parseDouble(s);
  }

  static String shift(String quarter, int back) {
    int index = Integer.parseInt(quarter.substring(0, 4)) * 4 + quarter.charAt(6) - '1' - back;
    return String.format(
        java.util.Locale.ROOT, "%04d-Q%d", Math.floorDiv(index, 4), Math.floorMod(index, 4) + 1);
  }

  /** True figures of every cell, with its operators and top share, from the analyst tables. */
  private static Map<String, Map<String, Double>> truth(Warehouse w) {
    Map<String, Map<String, Double>> out = new HashMap<>();
    for (Row r : w.read("volumes").collectAsList()) {
      Map<String, Double> m = base(r);
      for (String c : DIRECT) {
        m.put(c, num(r, c));
      }
      m.put("subscriber_months", num(r, "subscriber_months"));
      Double share = r.getAs("spam_share");
      m.put("with_traffic", share == null ? 0 : share * num(r, "total_traffic"));
      m.put("on_net", num(r, "spam_via_on_net"));
      double off = 0;
      for (String route : OFF_NET) {
        off += num(r, "spam_via_" + route);
      }
      m.put("off_net", off);
      m.put("international_gateway", num(r, "spam_via_international_gateway"));
      m.put("grey_route", num(r, "spam_via_grey_route"));
      m.put("route_unknown", num(r, "spam_via_unknown"));
      out.put(
          "V|" + key(r.getAs("level"), r.getAs("area"), r.getAs("quarter"), r.getAs("spam_type")),
          m);
    }
    for (Row r : w.read("sources").collectAsList()) {
      Map<String, Double> m = base(r);
      m.put("spam_detected", num(r, "spam_detected"));
      out.put(
          "S|"
              + key(
                  r.getAs("level"),
                  r.getAs("area"),
                  r.getAs("quarter"),
                  r.getAs("spam_type"),
                  r.getAs("source_kind"),
                  r.getAs("source")),
          m);
    }
    for (Row r : w.read("routes").collectAsList()) {
      Map<String, Double> m = base(r);
      m.put("spam_detected", num(r, "spam_detected"));
      m.put("spam_blocked", num(r, "spam_blocked"));
      out.put(
          "R|"
              + key(
                  r.getAs("quarter"),
                  r.getAs("spam_type"),
                  r.getAs("source_country"),
                  r.getAs("destination_country"),
                  r.getAs("entry_route")),
          m);
    }
    return out;
  }

  private static Map<String, Double> base(Row r) {
    Map<String, Double> m = new HashMap<>();
    m.put("_operators", num(r, "reporting_operators"));
    m.put("_top", num(r, "top_operator_share"));
    return m;
  }

  private static double num(Row r, String c) {
    Object v = r.getAs(c);
    return v == null ? 0 : ((Number) v).doubleValue();
  }
}
