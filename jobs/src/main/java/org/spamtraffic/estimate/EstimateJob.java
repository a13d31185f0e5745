package org.spamtraffic.estimate;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.spamtraffic.publish.DisclosurePolicy;
import org.spamtraffic.stage.StageResult;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The {@code estimate} job: reads {@code country_profile} and writes the investment estimate
 * ({@code docs/investment-model.md}) as six tables, committed together:
 *
 * <ul>
 *   <li>{@code investment}: every country's components per scenario (low, base, high), with the
 *       inputs each cost comes from;
 *   <li>{@code investment_totals}: need, existing investment and gap per country and per area
 *       (ITU-D region, M49 region, development group, the reporting countries, and the world
 *       extrapolated to every ITU Member State) and scenario;
 *   <li>{@code investment_intervals}: Monte Carlo percentiles (P5, P50, P95) of the same;
 *   <li>{@code investment_sensitivity}: one-at-a-time swings of the reporting countries' and the
 *       regional totals;
 *   <li>{@code investment_not_estimated}: every country and spam type without a technical
 *       component, and why;
 *   <li>{@code investment_forecast}: the spam volumes capacity is sized for, over the horizon.
 * </ul>
 *
 * <p>The headline is the reporting countries' need at the simulation's median (P50) with its P5–P95
 * interval: the base case takes every parameter at its most likely value, but with ranges skewed to
 * the high side that combination sits below the middle of what the parameters allow, and the charts
 * show the simulation.
 */
public final class EstimateJob {
  /** The job's name in the warehouse's commit log. */
  public static final String NAME = "estimate";

  /** The table this job reads. */
  public static final String INPUT = "country_profile";

  /** The tables this job writes, in order. */
  public static final List<String> TABLES =
      List.of(
          "investment",
          "investment_totals",
          "investment_intervals",
          "investment_sensitivity",
          "investment_not_estimated",
          "investment_forecast");

  private EstimateJob() {}

  /**
   * What to estimate with.
   *
   * @param asOfQuarter last quarter of the four-quarter window, {@code YYYY-Qn}; null for the
   *     latest quarter of {@code country_profile}
   * @param parameters the parameter set (see {@link ParameterFile})
   * @param draws Monte Carlo draws
   * @param seed Monte Carlo seed: the same seed gives the same intervals
   * @param distribution how draws pick parameter values
   * @param policy the disclosure policy the figures' publishability is decided under ({@link
   *     Publishability})
   * @param confirmed figures flagged at ingest that the analyst has confirmed (see {@link
   *     Confirmations}); the others do not size equipment
   */
  public record Options(
      String asOfQuarter,
      ParameterSet parameters,
      int draws,
      long seed,
      Distribution distribution,
      DisclosurePolicy policy,
      Confirmations confirmed) {
    /** Default draws. */
    public static final int DEFAULT_DRAWS = 10_000;

    /** Default seed (for Resolution 52). */
    public static final long DEFAULT_SEED = 52;

    /** Checks the values. */
    public Options {
      if (draws < 1) {
        throw new IllegalArgumentException("draws must be at least 1, got " + draws);
      }
      if (policy == null) {
        throw new IllegalArgumentException("estimate needs a disclosure policy");
      }
      if (confirmed == null) {
        confirmed = Confirmations.none();
      }
    }

    /**
     * The defaults: latest quarter, default parameters, 10,000 PERT draws, seed 52, the study's
     * disclosure policy, nothing confirmed.
     */
    public static Options defaults() {
      return new Options(
          null,
          ParameterFile.defaults(),
          DEFAULT_DRAWS,
          DEFAULT_SEED,
          Distribution.PERT,
          DisclosurePolicy.standard(),
          Confirmations.none());
    }

    /** These options with another parameter set. */
    public Options withParameters(ParameterSet p) {
      return new Options(asOfQuarter, p, draws, seed, distribution, policy, confirmed);
    }

    /** These options with another number of draws and seed. */
    public Options withDraws(int n, long s) {
      return new Options(asOfQuarter, parameters, n, s, distribution, policy, confirmed);
    }

    /** These options with another disclosure policy. */
    public Options withPolicy(DisclosurePolicy p) {
      return new Options(asOfQuarter, parameters, draws, seed, distribution, p, confirmed);
    }

    /** These options with a confirmation list. */
    public Options withConfirmations(Confirmations c) {
      return new Options(asOfQuarter, parameters, draws, seed, distribution, policy, c);
    }
  }

  /**
   * The study's headline and the world figure beside it, with what they cover.
   *
   * @param reportingCountries countries the estimate covers (the headline's coverage)
   * @param needP50Usd headline: the reporting countries' need, simulation median
   * @param needP5Usd its 5th percentile
   * @param needP95Usd its 95th percentile
   * @param needBaseUsd the base scenario, for comparison
   * @param basePercentile share of draws at or below the base scenario
   * @param gapP50Usd the reporting countries' gap, simulation median
   * @param worldNeedP50Usd the world extrapolation's need, median
   * @param worldNeedP5Usd its 5th percentile
   * @param worldNeedP95Usd its 95th percentile
   * @param memberStates ITU Member States the world figure covers
   * @param extrapolatedCountries of them, those added by extrapolation
   * @param priceYear price year of every USD figure
   * @param horizonYears planning horizon of the present values
   * @param discountRate their real discount rate
   */
  public record Headline(
      int reportingCountries,
      double needP50Usd,
      double needP5Usd,
      double needP95Usd,
      double needBaseUsd,
      double basePercentile,
      double gapP50Usd,
      double worldNeedP50Usd,
      double worldNeedP5Usd,
      double worldNeedP95Usd,
      int memberStates,
      int extrapolatedCountries,
      int priceYear,
      int horizonYears,
      double discountRate) {}

  /**
   * What the job did.
   *
   * @param asOfQuarter the window's last quarter
   * @param countries countries estimated
   * @param countriesImputed countries with an imputed spam type
   * @param countriesPublishable countries whose rows may be published
   * @param notEstimated country and spam type pairs without a technical component, and why
   * @param notEstimatedAtLeastUsd what they would add at least (base scenario, layers that do not
   *     depend on volume)
   * @param heldBack quarters held back because a warning on their figure is not confirmed
   * @param rows rows written, per table
   * @param headline the headline figure and the world figure
   * @param commit the warehouse commit number
   */
  public record Result(
      String asOfQuarter,
      int countries,
      int countriesImputed,
      int countriesPublishable,
      List<NotEstimated> notEstimated,
      double notEstimatedAtLeastUsd,
      List<ProfileInputs.HeldBack> heldBack,
      Map<String, Long> rows,
      Headline headline,
      long commit)
      implements StageResult {

    /** The pairs without a technical component, as {@code XXA:voice}. */
    public List<String> typesNotEstimated() {
      List<String> out = new ArrayList<>();
      notEstimated.forEach(n -> out.add(n.pair()));
      return out;
    }

    @Override
    public String summary() {
      StringBuilder s = new StringBuilder();
      s.append(
          String.format(
              Locale.ROOT,
              "read country_profile %s: %,d countries (%,d imputed, %,d publishable; %,d"
                  + " quarter(s) held back until confirmed) →",
              asOfQuarter,
              countries,
              countriesImputed,
              countriesPublishable,
              heldBack.size()));
      rows.forEach((t, n) -> s.append(String.format(Locale.ROOT, " %s %,d,", t, n)));
      s.setLength(s.length() - 1);
      Headline h = headline;
      s.append(
          String.format(
              Locale.ROOT,
              "; need of the %d reporting countries USD %,.0f (simulation median; P5 %,.0f, P95"
                  + " %,.0f; base case %,.0f, at the %.0fth percentile), gap USD %,.0f: %d-year"
                  + " present values at %s real, USD of %d; world (%d ITU Member States, %d"
                  + " extrapolated by development group) USD %,.0f (P5 %,.0f, P95 %,.0f);"
                  + " not estimated: %d country-type pairs, at least USD %,.0f",
              h.reportingCountries(),
              h.needP50Usd(),
              h.needP5Usd(),
              h.needP95Usd(),
              h.needBaseUsd(),
              100 * h.basePercentile(),
              h.gapP50Usd(),
              h.horizonYears(),
              percent(h.discountRate()),
              h.priceYear(),
              h.memberStates(),
              h.extrapolatedCountries(),
              h.worldNeedP50Usd(),
              h.worldNeedP5Usd(),
              h.worldNeedP95Usd(),
              notEstimated.size(),
              notEstimatedAtLeastUsd));
      return s.toString();
    }

    @Override
    public List<String> details() {
      List<String> out = new ArrayList<>();
      for (NotEstimated n : notEstimated) {
        out.add("not estimated " + n.pair() + ": " + n.reason().message(n.type()));
      }
      for (ProfileInputs.HeldBack b : heldBack) {
        out.add("held back until confirmed (estimate --confirmed): " + b.describe());
      }
      return out;
    }

    private static String percent(double rate) {
      double p = 100 * rate;
      return p == Math.rint(p)
          ? String.format(Locale.ROOT, "%d%%", (long) p)
          : String.format(Locale.ROOT, "%.1f%%", p);
    }
  }

  /** Estimates from {@code warehouse}'s {@code country_profile} and commits the six tables. */
  public static Result run(Warehouse warehouse, Options options) {
    SparkSession spark = warehouse.spark();
    ProfileInputs.Result inputs =
        ProfileInputs.read(warehouse.read(INPUT), options.asOfQuarter(), options.confirmed());
    List<CountryInputs> countries = inputs.countries();
    VolumeForecast forecast = VolumeForecast.fit(inputs.trend(), options.parameters());
    ParameterSet ps = forecast.applyTo(options.parameters());
    WorldExtrapolation world = WorldExtrapolation.of(countries);
    Map<String, Object> setColumns = new LinkedHashMap<>();
    setColumns.put("parameter_set", ps.name());
    setColumns.put("price_year", ps.priceYear());
    setColumns.put("horizon_years", ps.horizonYears());
    setColumns.put("discount_rate", ps.discountRate());
    // Only the totals carry the files' hash: the table the report's manifests take the model's
    // settings from.
    Map<String, Object> totalsColumns = new LinkedHashMap<>(setColumns);
    totalsColumns.put("parameter_files_sha256", ps.sha256());

    Map<Area, Boolean> publishable =
        Publishability.decide(
            countries,
            inputs.rateSources(),
            withheldVolumes(warehouse, inputs, options.policy()),
            world,
            options.policy());
    Map<String, CountryInputs> byCode = new HashMap<>();
    for (CountryInputs c : countries) {
      byCode.put(c.countryCode(), c);
    }

    TableRows investment = new TableRows("investment");
    TableRows totals = new TableRows("investment_totals");
    TableRows notEstimatedRows = new TableRows("investment_not_estimated");
    double notEstimatedBase = 0;
    for (Scenario s : Scenario.values()) {
      ParameterValues v = ps.values(s);
      Map<Area, AreaSums> sums = new TreeMap<>(EstimateJob::compareAreas);
      CountryTotals[] perCountry = new CountryTotals[countries.size()];
      for (int i = 0; i < countries.size(); i++) {
        CountryInputs c = countries.get(i);
        for (ComponentCost k : InvestmentModel.components(c, v)) {
          Map<String, Object> row = countryColumns(c, publishable);
          row.put("component", k.component());
          row.put("component_group", k.group());
          row.put("spam_type", k.spamType());
          row.put("x1231_layer", k.layer());
          row.put("scenario", s.key());
          row.put("capex_usd", k.capexUsd());
          row.put("opex_annual_usd", k.opexAnnualUsd());
          row.put("present_value_usd", k.presentValueUsd());
          row.put("driver", k.driver());
          row.put("driver_value", k.driverValue());
          row.put("driver_unit", k.driverUnit());
          if (k.spamType() != null) {
            row.put("spam_peak_quarter", k.spamPeakQuarter());
            row.put("users", k.users());
          } else {
            row.put("population", c.population());
          }
          row.put("method", k.method());
          row.put("imputed", k.imputed());
          row.putAll(setColumns);
          investment.add(row);
        }
        CountryTotals t = InvestmentModel.totals(c, v);
        perCountry[i] = t;
        for (Area a : Area.of(c)) {
          sums.computeIfAbsent(a, k -> new AreaSums()).add(c, t);
        }
      }
      for (NotEstimated n : inputs.notEstimated()) {
        CountryInputs c = byCode.get(n.countryCode());
        double atLeast = n.users() == null ? 0 : volumeIndependentNeed(c, n, v);
        for (Area a : Area.of(c)) {
          sums.computeIfAbsent(a, k -> new AreaSums()).notEstimated(atLeast);
        }
        if (s == Scenario.BASE) {
          notEstimatedBase += atLeast;
          notEstimatedRows.add(
              notEstimatedRow(
                  n, c, n.users() == null ? null : atLeast, inputs, publishable, setColumns));
        }
      }
      AreaSums reporting = sums.get(Area.REPORTING_COUNTRIES);
      for (Map.Entry<Area, AreaSums> e : sums.entrySet()) {
        totals.add(totalsRow(e.getKey(), e.getValue(), s, inputs, publishable, totalsColumns, 0));
      }
      if (reporting != null) {
        double[] w = world.total(perCountry, null);
        AreaSums x = reporting.copy();
        x.technical = w[0];
        x.institutional = w[1];
        x.gap = w[3];
        x.countries += world.extrapolatedCountries();
        x.existingUnknown += world.extrapolatedCountries();
        x.readinessUnknown += world.extrapolatedCountries();
        totals.add(
            totalsRow(
                Area.THE_WORLD,
                x,
                s,
                inputs,
                publishable,
                totalsColumns,
                world.extrapolatedCountries()));
      }
    }

    List<MonteCarlo.Interval> mc =
        MonteCarlo.intervals(
            spark, countries, ps, options.draws(), options.seed(), options.distribution(), world);
    TableRows intervals = new TableRows("investment_intervals");
    Map<String, MonteCarlo.Interval> reportingIntervals = new HashMap<>();
    Map<String, MonteCarlo.Interval> worldIntervals = new HashMap<>();
    for (MonteCarlo.Interval i : mc) {
      Map<String, Object> row = areaColumns(i.area(), inputs.asOfQuarter(), publishable, countries);
      row.put("measure", i.measure());
      row.put("p5_usd", i.p5());
      row.put("p50_usd", i.p50());
      row.put("p95_usd", i.p95());
      row.put("mean_usd", i.mean());
      row.put("base_usd", i.base());
      row.put("base_percentile", i.basePercentile());
      row.put("basis", i.area().extrapolated() ? "extrapolated" : "sum");
      row.put("draws", options.draws());
      row.put("seed", options.seed());
      row.put("distribution", options.distribution().key());
      row.remove("reporting_operators");
      row.putAll(setColumns);
      intervals.add(row);
      if (i.area().equals(Area.REPORTING_COUNTRIES)) {
        reportingIntervals.put(i.measure(), i);
      } else if (i.area().equals(Area.THE_WORLD)) {
        worldIntervals.put(i.measure(), i);
      }
    }

    TableRows sensitivity = new TableRows("investment_sensitivity");
    for (Sensitivity.Swing w : Sensitivity.oneAtATime(countries, ps)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("level", w.area().level());
      row.put("area", w.area().area());
      row.put("as_of_quarter", inputs.asOfQuarter());
      row.put("measure", w.measure());
      row.put("parameter", w.parameter().key());
      row.put("unit", ps.units().get(w.parameter()));
      Range r = ps.range(w.parameter());
      row.put("parameter_low", r.low());
      row.put("parameter_base", r.base());
      row.put("parameter_high", r.high());
      row.put("total_base_usd", w.totalBase());
      row.put("total_at_low_usd", w.totalAtLow());
      row.put("total_at_high_usd", w.totalAtHigh());
      row.put("swing_usd", w.swing());
      row.put("rank", w.rank());
      row.put("publishable", publishable.getOrDefault(w.area(), false));
      row.putAll(setColumns);
      sensitivity.add(row);
    }

    TableRows forecastRows = forecastRows(countries, forecast, ps, inputs, publishable, setColumns);

    Map<String, TableRows> tables = new LinkedHashMap<>();
    tables.put("investment", investment);
    tables.put("investment_totals", totals);
    tables.put("investment_intervals", intervals);
    tables.put("investment_sensitivity", sensitivity);
    tables.put("investment_not_estimated", notEstimatedRows);
    tables.put("investment_forecast", forecastRows);
    Warehouse.Transaction tx = warehouse.begin(NAME);
    Map<String, Long> rows = new LinkedHashMap<>();
    for (Map.Entry<String, TableRows> e : tables.entrySet()) {
      tx.write(e.getKey(), e.getValue().frame(spark)).rows(e.getKey(), e.getValue().size());
      rows.put(e.getKey(), (long) e.getValue().size());
    }
    Warehouse.Commit commit = tx.commit();

    int imputed = 0;
    int canPublish = 0;
    for (CountryInputs c : countries) {
      imputed += c.anyImputed() ? 1 : 0;
      canPublish += publishable.get(Area.of(c).get(0)) ? 1 : 0;
    }
    MonteCarlo.Interval need = reportingIntervals.get("need");
    MonteCarlo.Interval worldNeed = worldIntervals.get("need");
    Headline headline =
        new Headline(
            countries.size(),
            need.p50(),
            need.p5(),
            need.p95(),
            need.base(),
            need.basePercentile(),
            reportingIntervals.get("gap").p50(),
            worldNeed.p50(),
            worldNeed.p5(),
            worldNeed.p95(),
            world.memberStates(),
            world.extrapolatedCountries(),
            ps.priceYear(),
            ps.horizonYears(),
            ps.discountRate());
    return new Result(
        inputs.asOfQuarter(),
        countries.size(),
        imputed,
        canPublish,
        inputs.notEstimated(),
        notEstimatedBase,
        inputs.heldBack(),
        rows,
        headline,
        commit.number());
  }

  /**
   * The measured volumes ({@code country:type}) that are not public. A volume is the largest
   * quarter of the window, so it shows that quarter's figure and says that every other quarter was
   * at most that: it is public when its quarter is published in {@code published_coverage} and
   * every withheld quarter of the window lies below it by more than the protection level (else the
   * bound would narrow that quarter). The same for a country's own low-coverage figure.
   */
  private static Set<String> withheldVolumes(
      Warehouse warehouse, ProfileInputs.Result inputs, DisclosurePolicy policy) {
    Set<String> out = new java.util.HashSet<>();
    Set<String> published = new java.util.HashSet<>();
    Map<String, List<Double>> withheldQuarters = new HashMap<>();
    if (warehouse.has("published_coverage")) {
      Dataset<Row> decisions =
          warehouse
              .read("published_coverage")
              .where(col("quarter").isin(inputs.window().toArray()))
              .select("country_code", "quarter", "spam_type", "suppressed");
      // The true figures of withheld quarters (without them, every withheld quarter counts as
      // larger than the peak).
      Dataset<Row> figures =
          warehouse.has("coverage")
              ? decisions.join(
                  warehouse
                      .read("coverage")
                      .select("country_code", "quarter", "spam_type", "spam_national_estimate"),
                  scala.jdk.javaapi.CollectionConverters.asScala(
                          List.of("country_code", "quarter", "spam_type"))
                      .toSeq(),
                  "left")
              : decisions.withColumn("spam_national_estimate", functions.lit(null).cast("double"));
      for (Row r : figures.collectAsList()) {
        String key = r.getString(0) + ":" + r.getString(2);
        if (r.getBoolean(3)) {
          withheldQuarters
              .computeIfAbsent(key, k -> new ArrayList<>())
              .add(r.isNullAt(4) ? Double.POSITIVE_INFINITY : ((Number) r.get(4)).doubleValue());
        } else {
          published.add(key + ":" + r.getString(1));
        }
      }
    }
    for (CountryInputs c : inputs.countries()) {
      c.volumes()
          .forEach(
              (t, v) -> {
                String key = c.countryCode() + ":" + t.key();
                boolean own = !v.imputed() || v.method().equals(TypeVolume.OWN_LOW_COVERAGE);
                if (!own) {
                  return;
                }
                boolean open = published.contains(key + ":" + v.peakQuarter());
                for (double q : withheldQuarters.getOrDefault(key, List.of())) {
                  open &= q * (1 + policy.protection()) < v.peakQuarterSpam();
                }
                if (!open) {
                  out.add(key);
                }
              });
    }
    return out;
  }

  /**
   * What a type the model cannot size would cost at least: its layers that do not depend on the
   * spam volume (service, filtering, feedback) for the users known, computed by the model itself on
   * a country with that type at volume 0 and no institutional gap.
   */
  static double volumeIndependentNeed(CountryInputs c, NotEstimated n, ParameterValues v) {
    Map<SpamType, TypeVolume> only = new EnumMap<>(SpamType.class);
    only.put(n.type(), new TypeVolume(0, n.users(), n.usersBasis(), "none", true));
    CountryInputs alone =
        new CountryInputs(
            c.countryCode(),
            c.countryName(),
            c.quarter(),
            c.ituRegion(),
            c.m49Region(),
            c.ldc(),
            c.lldc(),
            c.sids(),
            c.developing(),
            c.reportingOperators(),
            only,
            new EnumMap<>(Readiness.class),
            c.population(),
            c.populationBasis(),
            null,
            null);
    return InvestmentModel.totals(alone, v).technicalUsd();
  }

  private static Map<String, Object> notEstimatedRow(
      NotEstimated n,
      CountryInputs c,
      Double atLeast,
      ProfileInputs.Result inputs,
      Map<Area, Boolean> publishable,
      Map<String, Object> setColumns) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("country_code", n.countryCode());
    row.put("country_name", n.countryName());
    row.put("as_of_quarter", inputs.asOfQuarter());
    row.put("itu_region", c.ituRegion());
    row.put("development_status", c.developing() ? "developing" : "developed");
    row.put("spam_type", n.type().key());
    row.put("reason", n.reason().key());
    row.put("message", n.reason().message(n.type()));
    row.put("has_returns", n.hasReturns());
    row.put("users", n.users());
    row.put("users_basis", n.usersBasis());
    row.put("likely_need_at_least_usd", atLeast);
    row.put(
        "likely_need_basis",
        atLeast == null
            ? "users unknown: no lower bound"
            : "base scenario: service, filtering and feedback layers for these users; equipment"
                + " and network need a volume and are not in it");
    row.put("reporting_operators", c.reportingOperators());
    row.put("publishable", publishable.get(Area.of(c).get(0)));
    row.putAll(setColumns);
    return row;
  }

  private static TableRows forecastRows(
      List<CountryInputs> countries,
      VolumeForecast forecast,
      ParameterSet ps,
      ProfileInputs.Result inputs,
      Map<Area, Boolean> publishable,
      Map<String, Object> setColumns) {
    TableRows out = new TableRows("investment_forecast");
    ParameterValues base = ps.values(Scenario.BASE);
    int asOfYear = Integer.parseInt(inputs.asOfQuarter().substring(0, 4));
    for (CountryInputs c : countries) {
      for (Map.Entry<SpamType, TypeVolume> e : c.volumes().entrySet()) {
        SpamType t = e.getKey();
        VolumeForecast.Trend trend = forecast.trend(t);
        Range growth = ps.range(Parameter.spamGrowth(t));
        double level = e.getValue().volume(t, base);
        for (int y = 0; y <= ps.horizonYears(); y++) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("country_code", c.countryCode());
          row.put("country_name", c.countryName());
          row.put("as_of_quarter", inputs.asOfQuarter());
          row.put("spam_type", t.key());
          row.put("year_offset", y);
          row.put("year", asOfYear + y);
          row.put("volume_quarter", level * trend.factor(y));
          row.put("volume_quarter_p5", level * trend.factorP5(y));
          row.put("volume_quarter_p95", level * trend.factorP95(y));
          row.put("level_quarter", level);
          row.put("level_method", e.getValue().method());
          row.put("growth_rate", growth.base());
          row.put("growth_rate_low", growth.low());
          row.put("growth_rate_high", growth.high());
          row.put("forecast_method", trend.method());
          row.put("trend_points", trend.points());
          row.put("trend_countries", trend.countries());
          row.put("trend_growth_rate", trend.fitted() ? Math.expm1(trend.fittedLogGrowth()) : null);
          row.put("trend_growth_se", trend.fittedSe());
          row.put("publishable", publishable.get(Area.of(c).get(0)));
          row.putAll(setColumns);
          out.add(row);
        }
      }
    }
    return out;
  }

  private static Map<String, Object> totalsRow(
      Area a,
      AreaSums x,
      Scenario s,
      ProfileInputs.Result inputs,
      Map<Area, Boolean> publishable,
      Map<String, Object> setColumns,
      int extrapolated) {
    Map<String, Object> row = areaColumns(a, inputs.asOfQuarter(), publishable, inputs.countries());
    row.put("scenario", s.key());
    row.put("countries", x.countries);
    row.put("countries_extrapolated", extrapolated);
    row.put("countries_imputed", x.imputed);
    row.put("countries_readiness_unknown", x.readinessUnknown);
    row.put("countries_existing_unknown", x.existingUnknown);
    row.put("types_not_estimated", x.typesNotEstimated);
    row.put("not_estimated_at_least_usd", x.notEstimatedAtLeast);
    row.put("technical_usd", x.technical);
    row.put("institutional_usd", x.institutional);
    row.put("need_usd", x.technical + x.institutional);
    row.put("existing_usd", x.existing);
    row.put("planned_usd", x.planned);
    row.put("gap_usd", x.gap);
    row.put("basis", a.extrapolated() ? "extrapolated" : "sum");
    row.putAll(setColumns);
    return row;
  }

  private static Map<String, Object> countryColumns(
      CountryInputs c, Map<Area, Boolean> publishable) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("country_code", c.countryCode());
    row.put("country_name", c.countryName());
    row.put("as_of_quarter", c.quarter());
    row.put("itu_region", c.ituRegion());
    row.put("m49_region", c.m49Region());
    row.put("ldc", c.ldc());
    row.put("lldc", c.lldc());
    row.put("sids", c.sids());
    row.put("development_status", c.developing() ? "developing" : "developed");
    row.put("reporting_operators", c.reportingOperators());
    row.put("publishable", publishable.get(Area.of(c).get(0)));
    return row;
  }

  private static Map<String, Object> areaColumns(
      Area a, String asOf, Map<Area, Boolean> publishable, List<CountryInputs> countries) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("level", a.level());
    row.put("area", a.area());
    row.put("area_name", a.name());
    row.put("as_of_quarter", asOf);
    row.put("publishable", publishable.getOrDefault(a, false));
    if (!a.isRollup()) {
      for (CountryInputs c : countries) {
        if (c.countryCode().equals(a.area())) {
          row.put("reporting_operators", c.reportingOperators());
        }
      }
    }
    return row;
  }

  /** Levels from the widest down, then areas by code. */
  private static int compareAreas(Area x, Area y) {
    int c = Integer.compare(Area.LEVELS.indexOf(x.level()), Area.LEVELS.indexOf(y.level()));
    return c != 0 ? c : x.area().compareTo(y.area());
  }

  /** Running sums of one area in one scenario. */
  private static final class AreaSums {
    int countries;
    int imputed;
    int readinessUnknown;
    int existingUnknown;
    int typesNotEstimated;
    double notEstimatedAtLeast;
    double technical;
    double institutional;
    double existing;
    double planned;
    double gap;

    void add(CountryInputs c, CountryTotals t) {
      countries++;
      imputed += c.anyImputed() ? 1 : 0;
      readinessUnknown += c.readinessUnknown() ? 1 : 0;
      existingUnknown += c.currentAnnualUsd() == null ? 1 : 0;
      technical += t.technicalUsd();
      institutional += t.institutionalUsd();
      existing += t.existingUsd();
      planned += t.plannedUsd();
      gap += t.gapUsd();
    }

    void notEstimated(double atLeast) {
      typesNotEstimated++;
      notEstimatedAtLeast += atLeast;
    }

    AreaSums copy() {
      AreaSums c = new AreaSums();
      c.countries = countries;
      c.imputed = imputed;
      c.readinessUnknown = readinessUnknown;
      c.existingUnknown = existingUnknown;
      c.typesNotEstimated = typesNotEstimated;
      c.notEstimatedAtLeast = notEstimatedAtLeast;
      c.technical = technical;
      c.institutional = institutional;
      c.existing = existing;
      c.planned = planned;
      c.gap = gap;
      return c;
    }
  }
}
