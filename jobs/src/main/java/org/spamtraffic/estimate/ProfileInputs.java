package org.spamtraffic.estimate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns {@code country_profile} into the model's {@link CountryInputs}: one per country over a
 * window of four quarters ending at the as-of quarter. The peak quarter's national spam estimate
 * sizes capacity; questionnaire answers come from the latest quarter that has them.
 *
 * <p>A spam type whose volume is not measured with adequate coverage (no returns, or the
 * aggregate's {@code low_coverage_extrapolated}) is imputed as the questionnaire's market size
 * times the spam per user measured in the country's ITU-D region ({@code regional_rate}), or in the
 * world when the region has no adequate measurement ({@code world_rate}); with no market size it
 * gets no estimate. Imputed volumes are flagged, never silent.
 */
public final class ProfileInputs {
  /** Estimate methods of {@code country_profile} whose national estimate the model uses as is. */
  static final Set<String> ADEQUATE = Set.of("reported", "extrapolated", "unknown_market");

  /** Estimate methods whose national estimate also sets the regional spam-per-user rate. */
  static final Set<String> RATE_SETTING = Set.of("reported", "extrapolated");

  /** Quarters in a window. */
  public static final int WINDOW_QUARTERS = 4;

  private ProfileInputs() {}

  /**
   * What was read.
   *
   * @param asOfQuarter last quarter of the window
   * @param window the quarters read, oldest first
   * @param countries one per country, sorted by code
   * @param typesNotEstimated country and spam type pairs with neither a measured volume nor a basis
   *     for imputation (e.g. {@code XXA:voice}); they get no technical component
   * @param rateSources for every imputed country and type ({@code KEN:sms}), the countries whose
   *     measured volumes and markets the borrowed rate comes from, and their markets: an imputed
   *     figure is only as publishable as every one of them ({@link Publishability})
   */
  public record Result(
      String asOfQuarter,
      List<String> window,
      List<CountryInputs> countries,
      List<String> typesNotEstimated,
      Map<String, Map<String, Double>> rateSources) {}

  /** Reads {@code profile} (a {@code country_profile} frame) up to {@code asOfQuarter}. */
  public static Result read(Dataset<Row> profile, String asOfQuarter) {
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
    Dataset<Row> rows = profile.where(col("quarter").isin(window.toArray()));

    List<Column> aggs = new ArrayList<>();
    for (String c :
        List.of(
            "country_name",
            "itu_region",
            "m49_region",
            "ldc",
            "lldc",
            "sids",
            "development_status")) {
      aggs.add(max_by(col(c), col("quarter")).as(c));
    }
    List<String> questionnaire = new ArrayList<>();
    for (Readiness r : Readiness.values()) {
      questionnaire.add(r.column());
    }
    questionnaire.addAll(
        List.of(
            "investment_current_annual_usd",
            "investment_planned_annual_usd",
            "population",
            "market_mobile_subscriptions",
            "market_email_mailboxes",
            "market_internet_users"));
    for (String c : questionnaire) {
      // The latest quarter that has an answer: max_by ignores rows whose ordering is null.
      aggs.add(max_by(col(c), when(col(c).isNotNull(), col("quarter"))).as(c));
    }
    aggs.add(
        min(when(col("reporting_operators").gt(0), col("reporting_operators")))
            .as("reporting_operators"));
    for (SpamType t : SpamType.values()) {
      String p = t.key() + "_";
      Column estimate = col(p + "spam_national_estimate");
      Column method = col(p + "estimate_method");
      Column adequate = estimate.isNotNull().and(method.isin(ADEQUATE.toArray()));
      // The peak quarter among adequately covered ones sizes capacity.
      aggs.add(
          max_by(
                  struct(
                      estimate.as("volume"),
                      method.as("method"),
                      col(p + "market_size").as("market_size"),
                      col(p + "service_size").as("service_size")),
                  when(adequate, estimate))
              .as(p + "peak"));
      aggs.add(max(estimate.isNotNull()).as(p + "any_returns"));
      aggs.add(
          max_by(col(p + "market_size"), when(col(p + "market_size").isNotNull(), col("quarter")))
              .as(p + "market_latest"));
    }
    Dataset<Row> perCountry =
        rows.groupBy(col("country_code"))
            .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
            .orderBy(col("country_code"));
    List<Row> collected = perCountry.collectAsList();
    if (collected.isEmpty()) {
      throw new IllegalArgumentException(
          "country_profile has no rows in the quarters "
              + window
              + "; quarters present: "
              + quarters(profile));
    }
    return build(asOf, window, collected);
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

  private record Raw(Row row, Map<SpamType, TypeVolume> measured, Map<SpamType, Double> market) {}

  private static Result build(String asOf, List<String> window, List<Row> rows) {
    List<Raw> raws = new ArrayList<>();
    // Sums of adequately measured spam and users per region and type, for the imputation rates.
    Map<String, double[]> regionSums = new HashMap<>();
    Map<SpamType, double[]> worldSums = new EnumMap<>(SpamType.class);
    Map<String, Map<String, Double>> regionSources = new HashMap<>();
    Map<SpamType, Map<String, Double>> worldSources = new EnumMap<>(SpamType.class);
    for (Row r : rows) {
      Map<SpamType, TypeVolume> measured = new EnumMap<>(SpamType.class);
      Map<SpamType, Double> market = new EnumMap<>(SpamType.class);
      for (SpamType t : SpamType.values()) {
        Double marketSize = longOrNull(r, t.key() + "_market_latest");
        String basis = "market_size";
        if (marketSize == null) {
          marketSize = longOrNull(r, t.marketFallbackColumn());
          basis = t.marketFallbackColumn();
        }
        if (marketSize != null) {
          market.put(t, marketSize);
        }
        Row peak = r.getAs(t.key() + "_peak");
        if (peak == null || peak.isNullAt(0)) {
          continue;
        }
        double volume = peak.getDouble(0);
        String method = peak.getString(1);
        double users;
        String usersBasis;
        if (marketSize != null) {
          users = marketSize;
          usersBasis = basis;
        } else if (!peak.isNullAt(3)) {
          users = peak.getLong(3);
          usersBasis = "service_size (reporting operators only)";
        } else {
          users = 0;
          usersBasis = "unknown";
        }
        measured.put(t, new TypeVolume(volume, users, usersBasis, method, false));
        if (RATE_SETTING.contains(method) && !peak.isNullAt(2) && peak.getLong(2) > 0) {
          double[] s =
              regionSums.computeIfAbsent(
                  r.<String>getAs("itu_region") + "|" + t.key(), k -> new double[2]);
          s[0] += volume;
          s[1] += peak.getLong(2);
          double[] w = worldSums.computeIfAbsent(t, k -> new double[2]);
          w[0] += volume;
          w[1] += peak.getLong(2);
          regionSources
              .computeIfAbsent(
                  r.<String>getAs("itu_region") + "|" + t.key(), k -> new java.util.TreeMap<>())
              .put(r.getAs("country_code"), (double) peak.getLong(2));
          worldSources
              .computeIfAbsent(t, k -> new java.util.TreeMap<>())
              .put(r.getAs("country_code"), (double) peak.getLong(2));
        }
      }
      raws.add(new Raw(r, measured, market));
    }

    List<CountryInputs> countries = new ArrayList<>();
    List<String> notEstimated = new ArrayList<>();
    Map<String, Map<String, Double>> rateSources = new java.util.TreeMap<>();
    for (Raw raw : raws) {
      Row r = raw.row();
      String region = r.getAs("itu_region");
      Map<SpamType, TypeVolume> volumes = new EnumMap<>(SpamType.class);
      for (SpamType t : SpamType.values()) {
        TypeVolume m = raw.measured().get(t);
        if (m != null) {
          volumes.put(t, m);
          continue;
        }
        Double users = raw.market().get(t);
        double[] regional = regionSums.get(region + "|" + t.key());
        double[] world = worldSums.get(t);
        String code = r.getAs("country_code");
        if (users != null && regional != null) {
          rateSources.put(code + ":" + t.key(), regionSources.get(region + "|" + t.key()));
          volumes.put(
              t,
              new TypeVolume(
                  users * regional[0] / regional[1], users, "market_size", "regional_rate", true));
        } else if (users != null && world != null) {
          rateSources.put(code + ":" + t.key(), worldSources.get(t));
          volumes.put(
              t,
              new TypeVolume(
                  users * world[0] / world[1], users, "market_size", "world_rate", true));
        } else if (users != null || Boolean.TRUE.equals(r.getAs(t.key() + "_any_returns"))) {
          notEstimated.add(r.<String>getAs("country_code") + ":" + t.key());
        }
      }
      Map<Readiness, Boolean> readiness = new EnumMap<>(Readiness.class);
      for (Readiness q : Readiness.values()) {
        readiness.put(q, r.isNullAt(r.fieldIndex(q.column())) ? null : r.getAs(q.column()));
      }
      Double population = longOrNull(r, "population");
      String populationBasis = "population";
      if (population == null) {
        population = longOrNull(r, "market_mobile_subscriptions");
        populationBasis = "mobile subscriptions as a proxy for population";
      }
      if (population == null) {
        population = 0.0;
        populationBasis = "population unknown: fixed part only";
      }
      Integer operators = r.getAs("reporting_operators");
      countries.add(
          new CountryInputs(
              r.getAs("country_code"),
              r.getAs("country_name"),
              asOf,
              region,
              r.getAs("m49_region"),
              Boolean.TRUE.equals(r.getAs("ldc")),
              Boolean.TRUE.equals(r.getAs("lldc")),
              Boolean.TRUE.equals(r.getAs("sids")),
              !"developed".equals(r.getAs("development_status")),
              operators == null ? 0 : operators,
              volumes,
              readiness,
              population,
              populationBasis,
              r.getAs("investment_current_annual_usd"),
              r.getAs("investment_planned_annual_usd")));
    }
    return new Result(asOf, window, countries, notEstimated, rateSources);
  }

  private static Double longOrNull(Row r, String column) {
    int i = r.fieldIndex(column);
    if (r.isNullAt(i)) {
      return null;
    }
    Object v = r.get(i);
    return ((Number) v).doubleValue();
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
