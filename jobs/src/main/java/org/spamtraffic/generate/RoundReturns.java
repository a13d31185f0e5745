package org.spamtraffic.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.spamtraffic.schema.ReferenceCsv;

/**
 * The returns of one synthetic study round, seeded: the same seed and operators give the same rows.
 * Unlike {@link ReturnGenerator} (independent random breakdowns, for volume benchmarks), the
 * operators of one country here see what the operators of a real country see: the same main
 * international senders (their {@link Market}), their own subscribers (on-net) and their domestic
 * peers, spam that grows by type from quarter to quarter, block rates that differ between operators
 * with and without a firewall and improve slowly, and every content category in every return. So a
 * country with three operators of similar size gives pooled figures that pass disclosure control
 * for its volumes, its main routes and its main sources, while each operator's own network stays
 * its own.
 *
 * <p>Magnitudes (see {@code /work/shared/DOMAIN.md}): email spam is about 45% of messages (the
 * 45%-of-traffic example, and public reports' monthly shares) and 1.8 to 3% of it gets past filters
 * (Rao and Reiley 2012), so email block rates are 97 to 98.2%; about half of mobile operators run
 * an SMS firewall (48% at the end of 2017, Mobilesquared), so SMS block rates split into two
 * groups. Messages and calls per subscriber, voice and IP spam shares, growth and complaint rates
 * are assumptions, chosen to look like the public reports' orders of magnitude, not measured.
 */
public final class RoundReturns {
  /** Where email and IP messaging spam comes from, most first (global senders). */
  public static final List<String> INTERNET_SOURCES =
      List.of("USA", "CHN", "RUS", "NLD", "DEU", "VNM", "BRA", "IND", "FRA", "GBR");

  /** Mobile country codes (ITU-T E.212) of the countries whose mobile networks send spam. */
  private static final Map<String, Integer> MCC =
      Map.ofEntries(
          Map.entry("ARE", 424),
          Map.entry("ARG", 722),
          Map.entry("BGD", 470),
          Map.entry("BRA", 724),
          Map.entry("CHN", 460),
          Map.entry("CIV", 612),
          Map.entry("COL", 732),
          Map.entry("DEU", 262),
          Map.entry("EGY", 602),
          Map.entry("ESP", 214),
          Map.entry("FRA", 208),
          Map.entry("GBR", 234),
          Map.entry("GHA", 620),
          Map.entry("IDN", 510),
          Map.entry("IND", 404),
          Map.entry("KAZ", 401),
          Map.entry("KEN", 639),
          Map.entry("KGZ", 437),
          Map.entry("MAR", 604),
          Map.entry("MEX", 334),
          Map.entry("MYS", 502),
          Map.entry("NGA", 621),
          Map.entry("NLD", 204),
          Map.entry("PAK", 410),
          Map.entry("PHL", 515),
          Map.entry("POL", 260),
          Map.entry("RUS", 250),
          Map.entry("SAU", 420),
          Map.entry("SEN", 608),
          Map.entry("TGO", 615),
          Map.entry("TUR", 286),
          Map.entry("UGA", 641),
          Map.entry("UKR", 255),
          Map.entry("USA", 310),
          Map.entry("UZB", 434),
          Map.entry("VNM", 452),
          Map.entry("ZAF", 655),
          Map.entry("ZWE", 648));

  /** Spam share of traffic grows (or shrinks) by this factor each quarter, by type. */
  private static final Map<String, Double> TREND =
      Map.of(
          "email", 0.99, "sms", 1.025, "voice", 1.04, "ip_messaging", 1.08, "ip_multimedia", 1.05);

  private static final List<String> CATEGORIES = ReturnGenerator.CATEGORIES;

  private final List<Operator> operators;
  private final Map<String, Market> markets;
  private final long seed;
  private final SplittableRandom random;
  private final Map<String, Integer> countryIndex = new HashMap<>();
  private final Map<String, String> dial = new HashMap<>();
  private final Map<String, Traits> traits = new HashMap<>();

  /** What stays the same about one operator's service from quarter to quarter. */
  private record Traits(double spamFactor, double blockRate, Map<String, Double> routeTilt) {}

  /**
   * A round of {@code operators} in {@code markets} (one per country the operators are in), seeded.
   */
  public RoundReturns(List<Operator> operators, List<Market> markets, long seed) {
    this.operators = List.copyOf(operators);
    this.markets = new HashMap<>();
    markets.forEach(m -> this.markets.put(m.country(), m));
    this.seed = seed;
    this.random = new SplittableRandom(seed);
    TreeSet<String> countries = new TreeSet<>(INTERNET_SOURCES);
    for (Operator op : operators) {
      Market m = this.markets.get(op.country());
      if (m == null) {
        throw new IllegalArgumentException("No market for " + op.id() + " in " + op.country());
      }
      countries.add(op.country());
      countries.addAll(m.sources());
    }
    for (String c : countries) {
      countryIndex.put(c, countryIndex.size());
    }
    for (Map<String, String> row : ReferenceCsv.rows("reference/countries.csv")) {
      dial.put(row.get("alpha3"), row.get("dial").replace("-", ""));
    }
    // Drawn once, in operator order, so a return's rows do not depend on which file is written
    // first.
    for (Operator op : this.operators) {
      boolean firewall = random.nextDouble() < 0.5;
      for (String type : op.services().keySet()) {
        Map<String, Double> tilt = new LinkedHashMap<>();
        for (String route : routes(type, this.markets.get(op.country()), 0).keySet()) {
          tilt.put(route, lognormal(0.25));
        }
        traits.put(
            op.id() + "|" + type,
            new Traits(0.85 + 0.3 * random.nextDouble(), blockRate(type, firewall), tilt));
      }
    }
  }

  /** The operators of the round, in order. */
  public List<Operator> operators() {
    return operators;
  }

  /**
   * The rows of {@code op}'s return for one period: {@code quarter} counts quarters from the
   * round's first (0), {@code months} is 3 for a quarterly period and 1 for a monthly one.
   */
  public List<List<String>> rows(Operator op, String period, int quarter, int months) {
    Market market = markets.get(op.country());
    List<List<String>> out = new ArrayList<>();
    for (Map.Entry<String, Long> service : op.services().entrySet()) {
      String type = service.getKey();
      Traits t = traits.get(op.id() + "|" + type);
      long size = Math.round(service.getValue() * Math.pow(1.012, quarter));
      long total =
          Math.round(
              size * ReturnGenerator.TRAFFIC_PER_USER.get(type) * months * uniform(0.97, 1.03));
      double share =
          ReturnGenerator.SPAM_SHARE.get(type)
              * level(market, type)
              * Math.pow(TREND.get(type), quarter)
              * t.spamFactor()
              * uniform(0.95, 1.05);
      long spam = Math.round(total * Math.min(0.9, share));
      List<Cell> cells = cells(op, market, type, quarter, t);
      double weights = cells.stream().mapToDouble(Cell::weight).sum();
      assignCategories(cells, type);
      double blockRate = Math.min(0.985, t.blockRate() + 0.008 * quarter);
      for (Cell c : cells) {
        long detected = Math.max(1, Math.round(spam * c.weight() / weights));
        for (Map.Entry<String, Double> part : c.categories().entrySet()) {
          long d = Math.max(1, Math.round(detected * part.getValue()));
          double rate = Math.max(0, Math.min(0.995, blockRate + uniform(-0.02, 0.02)));
          long blocked = Math.round(d * rate);
          long delivered = d - blocked;
          long reports = Math.round(delivered * complaints(type) * uniform(0.5, 1.5));
          out.add(
              List.of(
                  op.id(),
                  op.name(),
                  op.country(),
                  period,
                  type,
                  part.getKey(),
                  c.source(),
                  c.network(),
                  c.route(),
                  op.country(),
                  Long.toString(size),
                  Long.toString(total),
                  Long.toString(d),
                  Long.toString(blocked),
                  Long.toString(delivered),
                  Long.toString(reports)));
        }
      }
    }
    return out;
  }

  /** One breakdown of a return before it is split by category (category → share of it). */
  private record Cell(
      String route, String source, String network, double weight, Map<String, Double> categories) {
    Cell(String route, String source, String network, double weight) {
      this(route, source, network, weight, new LinkedHashMap<>());
    }
  }

  private List<Cell> cells(Operator op, Market market, String type, int quarter, Traits t) {
    String home = op.country();
    List<Cell> cells = new ArrayList<>();
    for (Map.Entry<String, Double> r : routes(type, market, quarter).entrySet()) {
      String route = r.getKey();
      double routeWeight = r.getValue() * t.routeTilt().get(route);
      List<String[]> flows = new ArrayList<>(); // source, network
      switch (route) {
        case "on_net" -> flows.add(new String[] {home, ownNetwork(op, type)});
        case "domestic_interconnect" -> flows.add(new String[] {home, peerNetwork(op, type)});
        case "international_gateway" -> {
          for (String s : market.sources().subList(0, Math.min(5, market.sources().size()))) {
            flows.add(
                new String[] {
                  s, foreignNetwork(home, s, type.equals("sms") ? "mobile" : "range", quarter)
                });
          }
        }
        case "a2p_aggregator" -> {
          flows.add(new String[] {home, foreignNetwork(home, home, "asn", quarter)});
          flows.add(
              new String[] {
                market.sources().get(0),
                foreignNetwork(home, market.sources().get(0), "asn", quarter)
              });
        }
        case "grey_route" -> {
          for (String s : market.sources().subList(0, 3)) {
            flows.add(new String[] {s, foreignNetwork(home, s, "range", quarter)});
          }
        }
        case "internet" -> {
          int n = 0;
          for (String s : INTERNET_SOURCES) {
            if (!s.equals(home) && n < 6) {
              flows.add(new String[] {s, foreignNetwork(home, s, "asn", quarter)});
              n++;
            }
          }
          flows.add(new String[] {home, foreignNetwork(home, home, "asn", quarter)});
        }
        default -> flows.add(new String[] {"unknown", "unknown"});
      }
      double[] w = new double[flows.size()];
      double sum = 0;
      for (int i = 0; i < w.length; i++) {
        w[i] = Math.pow(i + 1, -0.8) * lognormal(0.3);
        sum += w[i];
      }
      for (int i = 0; i < w.length; i++) {
        cells.add(new Cell(route, flows.get(i)[0], flows.get(i)[1], routeWeight * w[i] / sum));
      }
    }
    return cells;
  }

  /** Routes a type of spam takes, with weights; SMS grey routes give way to A2P over time. */
  private static Map<String, Double> routes(String type, Market market, int quarter) {
    Map<String, Double> r = new LinkedHashMap<>();
    switch (type) {
      case "email" -> {
        r.put("internet", 0.97);
        r.put("unknown", 0.03);
      }
      case "ip_messaging", "ip_multimedia" -> {
        r.put("internet", 0.80);
        r.put("on_net", 0.15);
        r.put("unknown", 0.05);
      }
      case "voice" -> {
        r.put("on_net", 0.18);
        r.put("domestic_interconnect", 0.30);
        r.put("international_gateway", 0.32);
        r.put("a2p_aggregator", 0.03);
        r.put("grey_route", 0.12 * market.greyRoute());
        r.put("unknown", 0.05);
      }
      default -> {
        r.put("on_net", 0.20);
        r.put("domestic_interconnect", 0.15);
        r.put("international_gateway", 0.22);
        r.put("a2p_aggregator", 0.20 * Math.pow(1.03, quarter));
        r.put("grey_route", 0.18 * market.greyRoute() * Math.pow(0.96, quarter));
        r.put("unknown", 0.05);
      }
    }
    return r;
  }

  private static double level(Market m, String type) {
    return switch (type) {
      case "sms" -> m.smsLevel();
      case "voice" -> m.voiceLevel();
      default -> 1.0;
    };
  }

  /**
   * A block rate for one operator's service: email filters stop 97 to 98.2% (1.8 to 3% gets past,
   * Rao and Reiley); SMS depends on whether the operator has a firewall (about half do).
   */
  private double blockRate(String type, boolean firewall) {
    return switch (type) {
      case "email" -> uniform(0.970, 0.982);
      case "sms" -> firewall ? uniform(0.78, 0.92) : uniform(0.30, 0.55);
      case "voice" -> uniform(0.35, 0.65);
      case "ip_messaging" -> uniform(0.60, 0.80);
      default -> uniform(0.50, 0.70);
    };
  }

  /** User reports per delivered spam message or call (assumption). */
  private static double complaints(String type) {
    return switch (type) {
      case "sms" -> 0.008;
      case "voice" -> 0.004;
      case "email" -> 0.001;
      default -> 0.006;
    };
  }

  /**
   * Content categories by route (commercial, phishing, fraud_scam, malware, other, unknown): A2P is
   * mostly commercial, international calls and grey routes carry more fraud, the internet carries
   * malware, and what came by an unknown route is mostly of unknown kind. Voice carries no malware.
   */
  private static double[] categoryWeights(String route, String type) {
    double[] w =
        switch (route) {
          case "on_net" -> new double[] {0.45, 0.20, 0.20, 0.02, 0.10, 0.03};
          case "domestic_interconnect" -> new double[] {0.40, 0.25, 0.20, 0.02, 0.10, 0.03};
          case "international_gateway" -> new double[] {0.20, 0.30, 0.35, 0.05, 0.07, 0.03};
          case "a2p_aggregator" -> new double[] {0.60, 0.25, 0.08, 0.01, 0.05, 0.01};
          case "grey_route" -> new double[] {0.45, 0.20, 0.25, 0.02, 0.06, 0.02};
          case "internet" -> new double[] {0.40, 0.25, 0.15, 0.12, 0.05, 0.03};
          default -> new double[] {0.10, 0.10, 0.10, 0.05, 0.15, 0.50};
        };
    if (type.equals("voice")) {
      w[CATEGORIES.indexOf("malware")] = 0;
    }
    return w;
  }

  /**
   * One category per breakdown, drawn by route; then every category the type can carry is made to
   * appear at least once (a return of a big operator has them all), and the largest breakdown is
   * split between its category and a second one.
   */
  private void assignCategories(List<Cell> cells, String type) {
    String[] chosen = new String[cells.size()];
    for (int i = 0; i < cells.size(); i++) {
      chosen[i] = pick(categoryWeights(cells.get(i).route(), type));
    }
    for (String category : CATEGORIES) {
      boolean possible = !(type.equals("voice") && category.equals("malware"));
      if (!possible || List.of(chosen).contains(category)) {
        continue;
      }
      List<Integer> spare = new ArrayList<>();
      for (int i = 0; i < chosen.length; i++) {
        String c = chosen[i];
        if (List.of(chosen).stream().filter(c::equals).count() > 1) {
          spare.add(i);
        }
      }
      if (!spare.isEmpty()) {
        chosen[spare.get(random.nextInt(spare.size()))] = category;
      }
    }
    int largest = 0;
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i).weight() > cells.get(largest).weight()) {
        largest = i;
      }
      cells.get(i).categories().put(chosen[i], 1.0);
    }
    Cell big = cells.get(largest);
    String first = chosen[largest];
    String second = first.equals("commercial") ? "phishing" : "commercial";
    double split = uniform(0.55, 0.8);
    big.categories().clear();
    big.categories().put(first, split);
    big.categories().put(second, 1 - split);
  }

  private String pick(double[] weights) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double u = random.nextDouble() * sum;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u <= 0 && weights[i] > 0) {
        return CATEGORIES.get(i);
      }
    }
    return CATEGORIES.get(0);
  }

  /** Position of the operator among its country's operators, from 1. */
  private int indexInCountry(Operator op) {
    int i = 0;
    for (Operator o : operators) {
      if (o.country().equals(op.country())) {
        i++;
        if (o.id().equals(op.id())) {
          return i;
        }
      }
    }
    throw new IllegalArgumentException(op.id() + " is not an operator of this round");
  }

  /** The operator's own network: its MCC-MNC for SMS, its number range for voice, its ASN. */
  private String ownNetwork(Operator op, String type) {
    int i = indexInCountry(op);
    return switch (type) {
      case "sms" -> String.format(Locale.ROOT, "%03d-%02d", mcc(op.country()), 90 + i);
      case "voice" -> "+" + dial(op.country()) + i + "*";
      default -> "AS" + asn(op.country(), 1 + i);
    };
  }

  /**
   * The network domestic spam comes in from: the largest other operator of the country with the
   * service, or a network that does not report (MNC 99) when there is none.
   */
  private String peerNetwork(Operator op, String type) {
    Operator peer = null;
    for (Operator o : operators) {
      if (o.country().equals(op.country())
          && !o.id().equals(op.id())
          && o.services().containsKey(type)
          && (peer == null || o.services().get(type) > peer.services().get(type))) {
        peer = o;
      }
    }
    if (peer != null) {
      return ownNetwork(peer, type);
    }
    return type.equals("voice")
        ? "+" + dial(op.country()) + "9*"
        : String.format(Locale.ROOT, "%03d-99", mcc(op.country()));
  }

  /**
   * The network a sending country's spam into {@code home} came from in one quarter: its main one
   * three quarters in four, else its second, the same for every operator of {@code home} (a
   * campaign hits all of a country's operators at once). Mobile networks are MCC-MNC with MNC 91
   * and 92 (in the sample countries, the first two sample operators), number ranges are the
   * country's dialling code, ASNs come from the private-use range (64512 to 65534), so that no real
   * network is named.
   */
  private String foreignNetwork(String home, String country, String kind, int quarter) {
    long campaign = ((long) (home + country + kind).hashCode() << 8) ^ quarter;
    int which = new SplittableRandom(seed ^ campaign).nextDouble() < 0.75 ? 0 : 1;
    return switch (kind) {
      case "mobile" -> String.format(Locale.ROOT, "%03d-%02d", mcc(country), 91 + which);
      case "range" -> "+" + dial(country) + (9 - which) + "*";
      default -> "AS" + asn(country, which == 0 ? 0 : 8);
    };
  }

  /** Private-use ASN: ten per country (0 and 8 are hosting networks, 2..7 the operators' own). */
  private int asn(String country, int slot) {
    return 64512 + 10 * countryIndex.get(country) + slot;
  }

  private int mcc(String country) {
    Integer m = MCC.get(country);
    if (m == null) {
      throw new IllegalArgumentException("No mobile country code for " + country);
    }
    return m;
  }

  private String dial(String country) {
    String d = dial.get(country);
    if (d == null || d.isEmpty()) {
      throw new IllegalArgumentException("No dialling code for " + country);
    }
    return d;
  }

  private double uniform(double low, double high) {
    return low + (high - low) * random.nextDouble();
  }

  private double lognormal(double sigma) {
    // Box-Muller from two uniforms, so the stream stays one SplittableRandom.
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }
}
