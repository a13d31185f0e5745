package org.spamtraffic.estimate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns {@code country_profile} into the model's {@link CountryInputs}: one per country over a
 * window of four quarters ending at the as-of quarter. The peak quarter's national spam estimate
 * sizes capacity; questionnaire answers come from the latest quarter that has them.
 *
 * <p>Where a type is not measured with adequate coverage, its volume is imputed, in this order (the
 * first that applies): the spam per user measured in the country's ITU-D region ({@code
 * regional_rate}) or anywhere in the study ({@code world_rate}), times the questionnaire's market
 * size; the country's own measurement at low coverage ({@code own_low_coverage}); a published rate
 * of spam per user, a parameter with its source ({@code external_rate}). What none of these reaches
 * is a {@link NotEstimated} pair, with its reason. Imputed volumes are flagged, never silent.
 *
 * <p>A quarter whose figure carries a warning from ingest ({@code <type>_warnings}, e.g. {@code
 * period_jump}) that the analyst has not confirmed is <em>held back</em>: it neither sizes
 * equipment, nor sets a regional rate, nor enters the trend.
 *
 * <p>The profile is small (countries × quarters), so it is collected and worked on the driver.
 */
public final class ProfileInputs {
  /** Estimate methods of {@code country_profile} whose national estimate the model uses as is. */
  static final Set<String> ADEQUATE = Set.of("reported", "extrapolated", "unknown_market");

  /** Estimate methods whose national estimate also sets the regional spam-per-user rate. */
  static final Set<String> RATE_SETTING = Set.of("reported", "extrapolated");

  /** The aggregate's method for a national estimate made at low coverage. */
  static final String LOW_COVERAGE = "low_coverage_extrapolated";

  /** Quarters in a window. */
  public static final int WINDOW_QUARTERS = 4;

  private static final List<String> STATIC =
      List.of(
          "country_name", "itu_region", "m49_region", "ldc", "lldc", "sids", "development_status");

  private static final List<String> ANSWERS =
      List.of(
          "investment_current_annual_usd",
          "investment_planned_annual_usd",
          "population",
          "market_mobile_subscriptions",
          "market_email_mailboxes",
          "market_internet_users");

  private ProfileInputs() {}

  /**
   * What was read.
   *
   * @param asOfQuarter last quarter of the window
   * @param window the quarters read, oldest first
   * @param countries one per country, sorted by code
   * @param notEstimated country and spam type pairs that get no technical component, and why
   * @param heldBack quarters not used because a warning on their figure is not confirmed
   * @param trend points for the volume forecast: spam per user of the reporting operators, every
   *     quarter up to the as-of quarter (held-back quarters excluded)
   * @param rateSources for every country and type imputed from a rate ({@code KEN:sms}), the
   *     countries whose measured volumes and markets the borrowed rate comes from, with their
   *     markets (the country itself for {@link TypeVolume#OWN_LOW_COVERAGE}, none for {@link
   *     TypeVolume#EXTERNAL_RATE}): an imputed figure is only as publishable as every one of them
   *     ({@link Publishability})
   */
  public record Result(
      String asOfQuarter,
      List<String> window,
      List<CountryInputs> countries,
      List<NotEstimated> notEstimated,
      List<HeldBack> heldBack,
      List<VolumeForecast.Point> trend,
      Map<String, Map<String, Double>> rateSources) {

    /** The pairs not estimated as {@code XXA:voice}. */
    public List<String> typesNotEstimated() {
      List<String> out = new ArrayList<>();
      notEstimated.forEach(n -> out.add(n.pair()));
      return out;
    }
  }

  /**
   * A quarter of one country and type held back from sizing.
   *
   * @param countryCode the country
   * @param type the spam type
   * @param quarter the quarter held back
   * @param warnings the unconfirmed warnings ({@code "<operator_id> <period> <rule>"})
   */
  public record HeldBack(String countryCode, SpamType type, String quarter, List<String> warnings) {
    /** {@code KAZ sms 2025-Q3 (KZ-STEPPE 2025-07 period_jump)}, for messages. */
    public String describe() {
      return countryCode
          + " "
          + type.key()
          + " "
          + quarter
          + " ("
          + String.join(", ", warnings)
          + ")";
    }
  }

  /** Reads {@code profile} (a {@code country_profile} frame) up to {@code asOfQuarter}. */
  public static Result read(Dataset<Row> profile, String asOfQuarter) {
    return read(profile, asOfQuarter, Confirmations.none());
  }

  /**
   * Reads {@code profile} up to {@code asOfQuarter} (null: the latest quarter), holding back the
   * quarters whose warnings {@code confirmed} does not confirm.
   */
  public static Result read(Dataset<Row> profile, String asOfQuarter, Confirmations confirmed) {
    String asOf = asOfQuarter;
    if (asOf == null) {
      Row latest = profile.agg(max("quarter")).first();
      if (latest.isNullAt(0)) {
        throw new IllegalArgumentException(
            "country_profile is empty: run aggregate on returns or questionnaire answers first");
      }
      asOf = latest.getString(0);
    }
    List<String> window = window(asOf);
    Set<String> present = Set.of(profile.columns());
    List<Column> columns = new ArrayList<>();
    for (String c : List.of("country_code", "quarter", "reporting_operators", "has_returns")) {
      columns.add(col(c));
    }
    for (String c : STATIC) {
      columns.add(col(c));
    }
    for (Readiness r : Readiness.values()) {
      columns.add(col(r.column()));
    }
    for (String c : ANSWERS) {
      columns.add(col(c));
    }
    for (SpamType t : SpamType.values()) {
      for (String c :
          List.of(
              "spam_detected",
              "service_size",
              "market_size",
              "spam_national_estimate",
              "estimate_method",
              "warnings")) {
        String name = t.key() + "_" + c;
        // Profiles written before warnings were carried have no such column: nothing to confirm.
        columns.add(
            present.contains(name)
                ? col(name)
                : org.apache.spark.sql.functions.lit(null).cast("array<string>").as(name));
      }
    }
    List<Row> rows =
        profile
            .where(col("quarter").leq(asOf))
            .select(columns.toArray(Column[]::new))
            .orderBy(col("country_code"), col("quarter"))
            .collectAsList();
    Map<String, List<Row>> byCountry = new TreeMap<>();
    boolean anyInWindow = false;
    for (Row r : rows) {
      byCountry.computeIfAbsent(r.getAs("country_code"), k -> new ArrayList<>()).add(r);
      anyInWindow |= window.contains(r.<String>getAs("quarter"));
    }
    if (!anyInWindow) {
      throw new IllegalArgumentException(
          "country_profile has no rows in the quarters "
              + window
              + "; quarters present: "
              + quarters(profile));
    }
    return new Builder(asOf, window, confirmed).build(byCountry);
  }

  /** The four quarters ending at {@code asOf} ({@code YYYY-Qn}), oldest first. */
  public static List<String> window(String asOf) {
    if (asOf == null || !asOf.matches("[0-9]{4}-Q[1-4]")) {
      throw new IllegalArgumentException(
          "As-of quarter '" + asOf + "' is not a quarter like 2026-Q3");
    }
    int year = Integer.parseInt(asOf.substring(0, 4));
    int q = asOf.charAt(6) - '0';
    String[] out = new String[WINDOW_QUARTERS];
    for (int i = WINDOW_QUARTERS - 1; i >= 0; i--) {
      out[i] = String.format(Locale.ROOT, "%04d-Q%d", year, q);
      q--;
      if (q == 0) {
        q = 4;
        year--;
      }
    }
    return Arrays.asList(out);
  }

  /** A quarter {@code YYYY-Qn} as a number of quarters, so that the trend has an even time axis. */
  static int quarterIndex(String quarter) {
    return Integer.parseInt(quarter.substring(0, 4)) * 4 + (quarter.charAt(6) - '1');
  }

  /** One quarter's figures of one type in one country. */
  private record Cell(
      String quarter,
      Double estimate,
      String method,
      Double detected,
      Double serviceSize,
      Double marketSize,
      List<String> unconfirmed) {
    boolean heldBack() {
      return !unconfirmed.isEmpty();
    }
  }

  /** The work of {@link #read} on the collected rows. */
  private static final class Builder {
    private final String asOf;
    private final List<String> window;
    private final Confirmations confirmed;
    private final List<HeldBack> heldBack = new ArrayList<>();
    private final List<VolumeForecast.Point> trend = new ArrayList<>();

    Builder(String asOf, List<String> window, Confirmations confirmed) {
      this.asOf = asOf;
      this.window = window;
      this.confirmed = confirmed;
    }

    /** What one country is, before imputation. */
    private final class Country {
      final Row latest;
      final Map<String, Object> answers = new HashMap<>();
      final Map<SpamType, List<Cell>> cells = new EnumMap<>(SpamType.class);
      final Map<SpamType, TypeVolume> measured = new EnumMap<>(SpamType.class);
      final Map<SpamType, Double> market = new EnumMap<>(SpamType.class);
      final Map<SpamType, String> marketBasis = new EnumMap<>(SpamType.class);
      final Map<SpamType, Boolean> anyReturns = new EnumMap<>(SpamType.class);
      Integer operators;

      Country(List<Row> all) {
        List<Row> inWindow = new ArrayList<>();
        for (Row r : all) {
          if (window.contains(r.<String>getAs("quarter"))) {
            inWindow.add(r);
          }
        }
        latest = inWindow.get(inWindow.size() - 1);
        List<String> asked = new ArrayList<>(ANSWERS);
        for (Readiness q : Readiness.values()) {
          asked.add(q.column());
        }
        for (Row r : inWindow) {
          // The latest quarter that has an answer (rows are in quarter order).
          for (String c : asked) {
            Object v = r.get(r.fieldIndex(c));
            if (v != null) {
              answers.put(c, v);
            }
          }
          Integer ops = r.getAs("reporting_operators");
          if (ops != null && ops > 0) {
            operators = operators == null ? ops : Math.min(operators, ops);
          }
        }
        for (SpamType t : SpamType.values()) {
          List<Cell> list = new ArrayList<>();
          boolean returns = false;
          Double latestMarket = null;
          for (Row r : inWindow) {
            Cell c = cell(r, t);
            list.add(c);
            returns |= c.estimate() != null;
            if (c.marketSize() != null) {
              latestMarket = c.marketSize();
            }
          }
          cells.put(t, list);
          anyReturns.put(t, returns);
          String basis = "market_size";
          if (latestMarket == null && answers.get(t.marketFallbackColumn()) != null) {
            latestMarket = ((Number) answers.get(t.marketFallbackColumn())).doubleValue();
            basis = t.marketFallbackColumn();
          }
          if (latestMarket != null) {
            market.put(t, latestMarket);
            marketBasis.put(t, basis);
          }
        }
      }

      String code() {
        return latest.getAs("country_code");
      }

      String region() {
        return latest.getAs("itu_region");
      }

      /** The largest estimate among quarters of one of {@code methods}, held-back ones aside. */
      Cell peak(SpamType t, Set<String> methods) {
        Cell best = null;
        for (Cell c : cells.get(t)) {
          if (c.estimate() != null
              && methods.contains(c.method())
              && !c.heldBack()
              && (best == null || c.estimate() > best.estimate())) {
            best = c;
          }
        }
        return best;
      }

      /**
       * "2025-Q3 held back (2 warnings not confirmed)" when a quarter of {@code t} was held back.
       * The note travels into the published investment table, so it counts the warnings and names
       * no operator; the estimate's own output lists them for the analyst.
       */
      String heldBackNote(SpamType t) {
        List<String> parts = new ArrayList<>();
        for (Cell c : cells.get(t)) {
          if (c.heldBack() && c.estimate() != null) {
            int n = c.unconfirmed().size();
            parts.add(
                c.quarter()
                    + " held back ("
                    + n
                    + (n == 1 ? " warning" : " warnings")
                    + " not confirmed)");
          }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
      }
    }

    private Cell cell(Row r, SpamType t) {
      String p = t.key() + "_";
      List<String> warnings =
          r.getAs(p + "warnings") == null ? List.of() : r.getList(r.fieldIndex(p + "warnings"));
      List<String> unconfirmed = new ArrayList<>();
      for (String w : warnings) {
        if (!confirmed.confirms(t, w)) {
          unconfirmed.add(w);
        }
      }
      return new Cell(
          r.getAs("quarter"),
          number(r, p + "spam_national_estimate"),
          r.getAs(p + "estimate_method"),
          number(r, p + "spam_detected"),
          number(r, p + "service_size"),
          number(r, p + "market_size"),
          unconfirmed);
    }

    Result build(Map<String, List<Row>> byCountry) {
      List<Country> countries = new ArrayList<>();
      // Sums of adequately measured spam and users per region and type, for the imputation rates.
      Map<String, double[]> regionSums = new HashMap<>();
      Map<SpamType, double[]> worldSums = new EnumMap<>(SpamType.class);
      // The countries each rate is computed from, with their markets (for publishability).
      Map<String, Map<String, Double>> regionSources = new HashMap<>();
      Map<SpamType, Map<String, Double>> worldSources = new EnumMap<>(SpamType.class);
      for (List<Row> rows : byCountry.values()) {
        boolean inWindow = false;
        for (Row r : rows) {
          inWindow |= window.contains(r.<String>getAs("quarter"));
          addTrendPoints(r);
        }
        if (!inWindow) {
          continue; // only older quarters: its points count in the trend, it is not estimated
        }
        Country c = new Country(rows);
        countries.add(c);
        for (SpamType t : SpamType.values()) {
          for (Cell cell : c.cells.get(t)) {
            if (cell.heldBack() && cell.estimate() != null) {
              heldBack.add(new HeldBack(c.code(), t, cell.quarter(), cell.unconfirmed()));
            }
          }
          Cell peak = c.peak(t, ADEQUATE);
          if (peak == null) {
            continue;
          }
          Double marketSize = c.market.get(t);
          double users;
          String usersBasis;
          if (marketSize != null) {
            users = marketSize;
            usersBasis = c.marketBasis.get(t);
          } else if (peak.serviceSize() != null) {
            users = peak.serviceSize();
            usersBasis = "service_size (reporting operators only)";
          } else {
            users = 0;
            usersBasis = "unknown";
          }
          c.measured.put(
              t,
              new TypeVolume(
                  peak.estimate(),
                  users,
                  usersBasis,
                  peak.method(),
                  false,
                  peak.quarter(),
                  c.heldBackNote(t)));
          if (RATE_SETTING.contains(peak.method())
              && peak.marketSize() != null
              && peak.marketSize() > 0) {
            double[] s = regionSums.computeIfAbsent(c.region() + "|" + t.key(), k -> new double[2]);
            s[0] += peak.estimate();
            s[1] += peak.marketSize();
            double[] w = worldSums.computeIfAbsent(t, k -> new double[2]);
            w[0] += peak.estimate();
            w[1] += peak.marketSize();
            regionSources
                .computeIfAbsent(c.region() + "|" + t.key(), k -> new TreeMap<>())
                .put(c.code(), peak.marketSize());
            worldSources.computeIfAbsent(t, k -> new TreeMap<>()).put(c.code(), peak.marketSize());
          }
        }
      }

      List<CountryInputs> out = new ArrayList<>();
      List<NotEstimated> notEstimated = new ArrayList<>();
      Map<String, Map<String, Double>> rateSources = new TreeMap<>();
      for (Country c : countries) {
        Map<SpamType, TypeVolume> volumes = new EnumMap<>(SpamType.class);
        for (SpamType t : SpamType.values()) {
          TypeVolume v = c.measured.get(t);
          if (v == null) {
            v = impute(c, t, regionSums.get(c.region() + "|" + t.key()), worldSums.get(t));
          }
          if (v != null) {
            volumes.put(t, v);
            if (v.imputed()) {
              rateSources.put(
                  c.code() + ":" + t.key(),
                  switch (v.method()) {
                    case TypeVolume.REGIONAL_RATE -> regionSources.get(c.region() + "|" + t.key());
                    case TypeVolume.WORLD_RATE -> worldSources.get(t);
                    case TypeVolume.OWN_LOW_COVERAGE -> Map.of(c.code(), v.users());
                    default -> Map.of();
                  });
            }
          } else {
            Double users = c.market.get(t);
            notEstimated.add(
                new NotEstimated(
                    c.code(),
                    c.latest.getAs("country_name"),
                    t,
                    users == null ? NotEstimated.Reason.NO_USERS : NotEstimated.Reason.NO_RATE,
                    users,
                    users == null ? "unknown" : c.marketBasis.get(t),
                    c.anyReturns.get(t)));
          }
        }
        Map<Readiness, Boolean> readiness = new EnumMap<>(Readiness.class);
        for (Readiness q : Readiness.values()) {
          readiness.put(q, (Boolean) c.answers.get(q.column()));
        }
        Object inhabitants = c.answers.get("population");
        double population = inhabitants == null ? 0 : ((Number) inhabitants).doubleValue();
        String populationBasis =
            inhabitants == null
                ? "population unknown: fixed part only"
                : "population (World Bank SP.POP.TOTL)";
        Row r = c.latest;
        out.add(
            new CountryInputs(
                c.code(),
                r.getAs("country_name"),
                asOf,
                c.region(),
                r.getAs("m49_region"),
                Boolean.TRUE.equals(r.getAs("ldc")),
                Boolean.TRUE.equals(r.getAs("lldc")),
                Boolean.TRUE.equals(r.getAs("sids")),
                !"developed".equals(r.getAs("development_status")),
                c.operators == null ? 0 : c.operators,
                volumes,
                readiness,
                population,
                populationBasis,
                toDouble(c.answers.get("investment_current_annual_usd")),
                toDouble(c.answers.get("investment_planned_annual_usd"))));
      }
      return new Result(asOf, window, out, notEstimated, heldBack, trend, rateSources);
    }

    /** Spam per user of the reporting operators of {@code r}, per type, for the forecast. */
    private void addTrendPoints(Row r) {
      for (SpamType t : SpamType.values()) {
        Cell c = cell(r, t);
        if (!c.heldBack()
            && c.detected() != null
            && c.detected() > 0
            && c.serviceSize() != null
            && c.serviceSize() > 0) {
          trend.add(
              new VolumeForecast.Point(
                  r.getAs("country_code"),
                  t,
                  quarterIndex(c.quarter()),
                  c.detected() / c.serviceSize()));
        }
      }
    }

    /** The first imputation that applies, or null. */
    private TypeVolume impute(Country c, SpamType t, double[] regional, double[] world) {
      Double users = c.market.get(t);
      if (users == null) {
        return null;
      }
      String basis = c.marketBasis.get(t);
      String note = c.heldBackNote(t);
      if (regional != null) {
        return new TypeVolume(
            users * regional[0] / regional[1],
            users,
            basis,
            TypeVolume.REGIONAL_RATE,
            true,
            null,
            note);
      }
      if (world != null) {
        return new TypeVolume(
            users * world[0] / world[1], users, basis, TypeVolume.WORLD_RATE, true, null, note);
      }
      Cell own = c.peak(t, Set.of(LOW_COVERAGE));
      if (own != null) {
        return new TypeVolume(
            own.estimate(), users, basis, TypeVolume.OWN_LOW_COVERAGE, true, own.quarter(), note);
      }
      if (Parameter.externalRate(t) != null) {
        return new TypeVolume(0, users, basis, TypeVolume.EXTERNAL_RATE, true, null, note);
      }
      return null;
    }
  }

  private static Double number(Row r, String column) {
    Object v = r.get(r.fieldIndex(column));
    return v == null ? null : ((Number) v).doubleValue();
  }

  private static Double toDouble(Object v) {
    return v == null ? null : ((Number) v).doubleValue();
  }

  /** The distinct quarters of {@code profile}, for messages. */
  static Set<String> quarters(Dataset<Row> profile) {
    Set<String> out = new TreeSet<>();
    for (Row r : profile.select("quarter").distinct().collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }
}
