package org.spamtraffic.estimate;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.publish.DisclosurePolicy;
import org.spamtraffic.stage.StageResult;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The {@code estimate} job: reads {@code country_profile} and writes the investment estimate
 * ({@code docs/investment-model.md}) as four tables, committed together:
 *
 * <ul>
 *   <li>{@code investment}: every country's components per scenario (low, base, high), with the
 *       inputs each cost comes from;
 *   <li>{@code investment_totals}: need, existing investment and gap per country and per rollup
 *       (ITU-D region, M49 region, LDC/LLDC/SIDS/developing/developed group, world) and scenario;
 *   <li>{@code investment_intervals}: Monte Carlo percentiles (P5, P50, P95) of the same;
 *   <li>{@code investment_sensitivity}: one-at-a-time swings of the world and regional totals.
 * </ul>
 */
public final class EstimateJob {
  /** The job's name in the warehouse's commit log. */
  public static final String NAME = "estimate";

  /** The table this job reads. */
  public static final String INPUT = "country_profile";

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
   */
  public record Options(
      String asOfQuarter,
      ParameterSet parameters,
      int draws,
      long seed,
      Distribution distribution,
      DisclosurePolicy policy) {
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
    }

    /**
     * The defaults: latest quarter, default parameters, 10,000 PERT draws, seed 52, the study's
     * disclosure policy.
     */
    public static Options defaults() {
      return new Options(
          null,
          ParameterFile.defaults(),
          DEFAULT_DRAWS,
          DEFAULT_SEED,
          Distribution.PERT,
          DisclosurePolicy.standard());
    }

    /** These options with another parameter set. */
    public Options withParameters(ParameterSet p) {
      return new Options(asOfQuarter, p, draws, seed, distribution, policy);
    }

    /** These options with another number of draws and seed. */
    public Options withDraws(int n, long s) {
      return new Options(asOfQuarter, parameters, n, s, distribution, policy);
    }

    /** These options with another disclosure policy. */
    public Options withPolicy(DisclosurePolicy p) {
      return new Options(asOfQuarter, parameters, draws, seed, distribution, p);
    }
  }

  /**
   * What the job did.
   *
   * @param asOfQuarter the window's last quarter
   * @param countries countries estimated
   * @param countriesImputed countries with an imputed spam type
   * @param countriesPublishable countries whose rows may be published
   * @param typesNotEstimated country and spam type pairs with data but no basis for an estimate
   * @param investmentRows rows written to {@code investment}
   * @param totalsRows rows written to {@code investment_totals}
   * @param intervalRows rows written to {@code investment_intervals}
   * @param sensitivityRows rows written to {@code investment_sensitivity}
   * @param worldNeedBaseUsd the world's need in the base scenario
   * @param worldGapBaseUsd the world's gap in the base scenario
   * @param worldNeedP5Usd the world's need, 5th percentile
   * @param worldNeedP95Usd the world's need, 95th percentile
   * @param commit the warehouse commit number
   */
  public record Result(
      String asOfQuarter,
      int countries,
      int countriesImputed,
      int countriesPublishable,
      List<String> typesNotEstimated,
      long investmentRows,
      long totalsRows,
      long intervalRows,
      long sensitivityRows,
      double worldNeedBaseUsd,
      double worldGapBaseUsd,
      double worldNeedP5Usd,
      double worldNeedP95Usd,
      long commit)
      implements StageResult {
    @Override
    public String summary() {
      return String.format(
          Locale.ROOT,
          "read country_profile %s: %,d countries (%,d imputed, %,d publishable) → investment"
              + " %,d, investment_totals %,d, investment_intervals %,d, investment_sensitivity %,d;"
              + " world need USD %,.0f (P5 %,.0f, P95 %,.0f), gap USD %,.0f",
          asOfQuarter,
          countries,
          countriesImputed,
          countriesPublishable,
          investmentRows,
          totalsRows,
          intervalRows,
          sensitivityRows,
          worldNeedBaseUsd,
          worldNeedP5Usd,
          worldNeedP95Usd,
          worldGapBaseUsd);
    }
  }

  /** Estimates from {@code warehouse}'s {@code country_profile} and commits the four tables. */
  public static Result run(Warehouse warehouse, Options options) {
    SparkSession spark = warehouse.spark();
    ProfileInputs.Result inputs = ProfileInputs.read(warehouse.read(INPUT), options.asOfQuarter());
    List<CountryInputs> countries = inputs.countries();
    ParameterSet ps = options.parameters();
    Map<String, Object> setColumns = new LinkedHashMap<>();
    setColumns.put("parameter_set", ps.name());
    setColumns.put("price_year", ps.priceYear());
    setColumns.put("horizon_years", ps.horizonYears());
    setColumns.put("discount_rate", ps.discountRate());

    Map<Area, Boolean> publishable =
        Publishability.decide(
            countries, inputs.rateSources(), withheldVolumes(warehouse, inputs), options.policy());

    TableRows investment = new TableRows("investment");
    TableRows totals = new TableRows("investment_totals");
    double worldNeed = 0;
    double worldGap = 0;
    for (Scenario s : Scenario.values()) {
      ParameterValues v = ps.values(s);
      Map<Area, AreaSums> sums = new TreeMap<>(EstimateJob::compareAreas);
      for (CountryInputs c : countries) {
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
            TypeVolume vol =
                c.volumes().get(SpamType.valueOf(k.spamType().toUpperCase(Locale.ROOT)));
            row.put("spam_peak_quarter", vol.peakQuarterSpam());
            row.put("users", vol.users());
          } else {
            row.put("population", c.population());
          }
          row.put("method", k.method());
          row.put("imputed", k.imputed());
          row.putAll(setColumns);
          investment.add(row);
        }
        CountryTotals t = InvestmentModel.totals(c, v);
        for (Area a : Area.of(c)) {
          sums.computeIfAbsent(a, k -> new AreaSums()).add(c, t);
        }
      }
      for (Map.Entry<Area, AreaSums> e : sums.entrySet()) {
        Area a = e.getKey();
        AreaSums x = e.getValue();
        Map<String, Object> row = areaColumns(a, inputs.asOfQuarter(), publishable, countries);
        row.put("scenario", s.key());
        row.put("countries", x.countries);
        row.put("countries_imputed", x.imputed);
        row.put("countries_readiness_unknown", x.readinessUnknown);
        row.put("countries_existing_unknown", x.existingUnknown);
        row.put("technical_usd", x.technical);
        row.put("institutional_usd", x.institutional);
        row.put("need_usd", x.technical + x.institutional);
        row.put("existing_usd", x.existing);
        row.put("planned_usd", x.planned);
        row.put("gap_usd", x.gap);
        row.putAll(setColumns);
        totals.add(row);
        if (s == Scenario.BASE && a.equals(Area.THE_WORLD)) {
          worldNeed = x.technical + x.institutional;
          worldGap = x.gap;
        }
      }
    }

    List<MonteCarlo.Interval> mc =
        MonteCarlo.intervals(
            spark, countries, ps, options.draws(), options.seed(), options.distribution());
    TableRows intervals = new TableRows("investment_intervals");
    double worldP5 = Double.NaN;
    double worldP95 = Double.NaN;
    for (MonteCarlo.Interval i : mc) {
      Map<String, Object> row = areaColumns(i.area(), inputs.asOfQuarter(), publishable, countries);
      row.put("measure", i.measure());
      row.put("p5_usd", i.p5());
      row.put("p50_usd", i.p50());
      row.put("p95_usd", i.p95());
      row.put("mean_usd", i.mean());
      row.put("draws", options.draws());
      row.put("seed", options.seed());
      row.put("distribution", options.distribution().key());
      row.remove("reporting_operators");
      row.putAll(setColumns);
      intervals.add(row);
      if (i.area().equals(Area.THE_WORLD) && i.measure().equals("need")) {
        worldP5 = i.p5();
        worldP95 = i.p95();
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

    Warehouse.Commit commit =
        warehouse
            .begin(NAME)
            .write("investment", investment.frame(spark))
            .rows("investment", investment.size())
            .write("investment_totals", totals.frame(spark))
            .rows("investment_totals", totals.size())
            .write("investment_intervals", intervals.frame(spark))
            .rows("investment_intervals", intervals.size())
            .write("investment_sensitivity", sensitivity.frame(spark))
            .rows("investment_sensitivity", sensitivity.size())
            .commit();
    int imputed = 0;
    int canPublish = 0;
    for (CountryInputs c : countries) {
      imputed += c.anyImputed() ? 1 : 0;
      canPublish += publishable.get(Area.of(c).get(0)) ? 1 : 0;
    }
    return new Result(
        inputs.asOfQuarter(),
        countries.size(),
        imputed,
        canPublish,
        inputs.typesNotEstimated(),
        investment.size(),
        totals.size(),
        intervals.size(),
        sensitivity.size(),
        worldNeed,
        worldGap,
        worldP5,
        worldP95,
        commit.number());
  }

  /**
   * The measured volumes ({@code country:type}) that are not public: a quarter of the window
   * withheld in {@code published_coverage}, or no published table at all.
   */
  private static Set<String> withheldVolumes(Warehouse warehouse, ProfileInputs.Result inputs) {
    Set<String> out = new java.util.HashSet<>();
    Set<String> published = new java.util.HashSet<>();
    if (warehouse.has("published_coverage")) {
      for (Row r :
          warehouse
              .read("published_coverage")
              .where(col("quarter").isin(inputs.window().toArray()))
              .select("country_code", "spam_type", "suppressed")
              .distinct()
              .collectAsList()) {
        String key = r.getString(0) + ":" + r.getString(1);
        if (r.getBoolean(2)) {
          out.add(key);
        } else {
          published.add(key);
        }
      }
    }
    for (CountryInputs c : inputs.countries()) {
      c.volumes()
          .forEach(
              (t, v) -> {
                String key = c.countryCode() + ":" + t.key();
                if (!v.imputed() && !published.contains(key)) {
                  out.add(key);
                }
              });
    }
    return out;
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

  /** Levels from the world down to countries, then areas by name. */
  private static int compareAreas(Area x, Area y) {
    List<String> order =
        List.of(Area.WORLD, Area.ITU_REGION, Area.M49_REGION, Area.GROUP, Area.COUNTRY);
    int c = Integer.compare(order.indexOf(x.level()), order.indexOf(y.level()));
    return c != 0 ? c : x.area().compareTo(y.area());
  }

  /** Running sums of one area in one scenario. */
  private static final class AreaSums {
    int countries;
    int imputed;
    int readinessUnknown;
    int existingUnknown;
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
  }
}
