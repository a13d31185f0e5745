package org.spamtraffic.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates realistic synthetic return rows, seeded: the same seed gives the same rows. Source
 * countries are skewed (a few countries send most international spam, as public reports show),
 * every spam type, category and entry route occurs, and volumes follow service sizes.
 */
public final class ReturnGenerator {
  /**
   * The columns generated files have: those the generator fills, in the return format's order (it
   * leaves out {@code dropped_connections}, which is optional). Rows are built in this order, so it
   * is spelled out here rather than derived from the format.
   */
  public static final List<String> HEADER =
      List.of(
          "operator_id",
          "operator_name",
          "reporting_country",
          "period",
          "spam_type",
          "content_category",
          "source_country",
          "source_network",
          "entry_route",
          "destination_country",
          "service_size",
          "total_traffic",
          "spam_detected",
          "spam_blocked",
          "spam_delivered",
          "user_reports");

  /** Countries sending international spam, most frequent first (Zipf-like weights). */
  static final List<String> SOURCES =
      List.of(
          "CHN", "USA", "IND", "RUS", "BRA", "NGA", "VNM", "IDN", "DEU", "NLD", "FRA", "GBR", "UKR",
          "TUR", "PAK", "BGD", "PHL", "MEX", "EGY", "ZAF", "KEN", "GHA", "ARE", "SAU", "KAZ", "THA",
          "MYS", "ARG", "COL", "POL", "ROU", "ITA", "ESP", "CAN", "JPN", "KOR");

  static final List<String> CATEGORIES =
      List.of("commercial", "phishing", "fraud_scam", "malware", "other", "unknown");
  static final double[] CATEGORY_WEIGHTS = {0.45, 0.22, 0.15, 0.06, 0.07, 0.05};

  /** Messages or calls per subscriber per month, by type. */
  static final Map<String, Double> TRAFFIC_PER_USER =
      Map.of(
          "sms", 40.0, "voice", 60.0, "email", 900.0, "ip_messaging", 600.0, "ip_multimedia", 30.0);

  /** Spam share of traffic, by type (around public figures: email ~45%, SMS a few %). */
  static final Map<String, Double> SPAM_SHARE =
      Map.of(
          "sms", 0.04, "voice", 0.08, "email", 0.45, "ip_messaging", 0.02, "ip_multimedia", 0.03);

  private final SplittableRandom random;

  /** A generator with {@code seed}. */
  public ReturnGenerator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Routes a type of spam can take, with weights. */
  static Map<String, Double> routes(String type) {
    Map<String, Double> r = new LinkedHashMap<>();
    switch (type) {
      case "email":
        r.put("internet", 0.97);
        r.put("unknown", 0.03);
        break;
      case "ip_messaging":
      case "ip_multimedia":
        r.put("internet", 0.85);
        r.put("on_net", 0.10);
        r.put("unknown", 0.05);
        break;
      default:
        r.put("on_net", 0.22);
        r.put("domestic_interconnect", 0.18);
        r.put("international_gateway", 0.25);
        r.put("a2p_aggregator", 0.15);
        r.put("grey_route", 0.15);
        r.put("unknown", 0.05);
    }
    return r;
  }

  /**
   * The rows of one operator's return for one period: about {@code breakdowns} rows per spam type,
   * spread over categories, routes and source countries and networks. Service-level figures are the
   * same on every row of a type; detected spam sums to the type's spam share of traffic.
   */
  public List<List<String>> rows(Operator op, String period, int quarterIndex, int breakdowns) {
    List<List<String>> out = new ArrayList<>();
    int months = period.contains("Q") ? 3 : 1;
    for (Map.Entry<String, Long> service : op.services().entrySet()) {
      String type = service.getKey();
      long size = Math.round(service.getValue() * Math.pow(1.012, quarterIndex));
      long total =
          Math.round(
              size * TRAFFIC_PER_USER.get(type) * months * (0.95 + 0.1 * random.nextDouble()));
      double growth = Math.pow(1.04, quarterIndex);
      long spam =
          Math.round(total * SPAM_SHARE.get(type) * growth * (0.9 + 0.2 * random.nextDouble()));
      double[] weights = new double[breakdowns];
      double sum = 0;
      for (int i = 0; i < breakdowns; i++) {
        weights[i] = Math.pow(random.nextDouble(), 2) + 0.01;
        sum += weights[i];
      }
      java.util.Set<String> keys = new java.util.HashSet<>();
      for (int i = 0; i < breakdowns; i++) {
        String category = pick(CATEGORIES, CATEGORY_WEIGHTS);
        String route = pick(routes(type));
        String source = sourceCountry(op.country(), route);
        String network = network(type, source, route);
        String key = category + route + source + network;
        if (!keys.add(key)) {
          continue; // a breakdown appears once in a return
        }
        long detected = Math.max(1, Math.round(spam * weights[i] / sum));
        double blockRate = 0.70 + 0.28 * random.nextDouble();
        long blocked = Math.round(detected * blockRate);
        long delivered = detected - blocked;
        long reports = Math.round(delivered * (0.001 + 0.01 * random.nextDouble()));
        out.add(
            List.of(
                op.id(),
                op.name(),
                op.country(),
                period,
                type,
                category,
                source,
                network,
                route,
                op.country(),
                Long.toString(size),
                Long.toString(total),
                Long.toString(detected),
                Long.toString(blocked),
                Long.toString(delivered),
                Long.toString(reports)));
      }
    }
    return out;
  }

  private String sourceCountry(String home, String route) {
    if (route.equals("on_net") || route.equals("domestic_interconnect")) {
      return home;
    }
    if (route.equals("unknown") && random.nextDouble() < 0.5) {
      return "unknown";
    }
    if (random.nextDouble() < 0.2) {
      return home;
    }
    // Zipf-like: index k drawn with weight 1/(k+1).
    double h = 0;
    for (int k = 0; k < SOURCES.size(); k++) {
      h += 1.0 / (k + 1);
    }
    double u = random.nextDouble() * h;
    for (int k = 0; k < SOURCES.size(); k++) {
      u -= 1.0 / (k + 1);
      if (u <= 0) {
        return SOURCES.get(k);
      }
    }
    return SOURCES.get(0);
  }

  private String network(String type, String source, String route) {
    if (source.equals("unknown") || random.nextDouble() < 0.04) {
      return "unknown";
    }
    if (type.equals("email") || route.equals("internet")) {
      return "AS" + (1000 + random.nextInt(64000));
    }
    if (route.equals("grey_route") || type.equals("voice")) {
      return String.format(Locale.ROOT, "+%d%d*", 1 + random.nextInt(9), random.nextInt(1000));
    }
    return String.format(Locale.ROOT, "%03d-%02d", 200 + random.nextInt(500), random.nextInt(100));
  }

  private String pick(List<String> values, double[] weights) {
    double u = random.nextDouble();
    for (int i = 0; i < values.size(); i++) {
      u -= weights[i];
      if (u <= 0) {
        return values.get(i);
      }
    }
    return values.get(values.size() - 1);
  }

  private String pick(Map<String, Double> weights) {
    double u = random.nextDouble();
    String last = null;
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      last = e.getKey();
      u -= e.getValue();
      if (u <= 0) {
        return last;
      }
    }
    return last;
  }

  /** The random source, for callers that add faults with the same seed. */
  public SplittableRandom random() {
    return random;
  }
}
