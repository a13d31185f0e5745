package org.spamtraffic.estimate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.publish.DisclosurePolicy;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The estimate job end to end on a small inline {@code country_profile}: seven countries that put
 * measured, low-coverage, unmeasured, flagged and unknown cases side by side. Tables are
 * cross-checked with DuckDB.
 */
class EstimateJobTest {
  private static final int DRAWS = 400;

  @TempDir static Path dir;
  private static SparkSession spark;
  private static Warehouse warehouse;
  private static EstimateJob.Result result;

  @BeforeAll
  static void estimate() {
    spark = SparkSessions.forTests("EstimateJobTest");
    warehouse = Warehouse.at(spark, dir.resolve("warehouse").toUri().toString());
    TableRows profile = new TableRows("country_profile");
    // Alpha: measured email (peak in Q2) and SMS; every readiness answer "no".
    // Its Q1 SMS spike carries an unconfirmed period_jump: it must not size the firewall.
    profile.add(
        country("AAA", "Alpha", "2026-Q1", "Africa", "developing", 4, allAnswers(false), 100_000.0)
            .with("ldc", true)
            .type("email", 100e6, "extrapolated", 1_000_000L, 400_000L)
            .type("sms", 600e6, "reported", 2_000_000L, 2_000_000L)
            .with("sms_warnings", List.of("A-OP 2026-01 period_jump"))
            .map());
    profile.add(
        country("AAA", "Alpha", "2026-Q2", "Africa", "developing", 4, allAnswers(false), 100_000.0)
            .with("ldc", true)
            .type("email", 150e6, "extrapolated", 1_000_000L, 400_000L)
            .type("sms", 60e6, "reported", 2_000_000L, 2_000_000L)
            .map());
    // Beta: 2 operators (not publishable), ready on every question, invests more than it needs.
    profile.add(
        country("BBB", "Beta", "2026-Q2", "Africa", "developing", 2, allAnswers(true), 1e8)
            .with("sids", true)
            .type("email", 50e6, "extrapolated", 500_000L, 300_000L)
            .map());
    // Gamma: no returns; questionnaire market sizes only: email and SMS imputed, voice cannot be.
    Map<String, Boolean> gammaAnswers = allAnswers(true);
    gammaAnswers.put("has_antispam_law", false);
    gammaAnswers.put("has_training_programme", null);
    profile.add(
        country("CCC", "Gamma", "2026-Q2", "Africa", "developing", 0, gammaAnswers, null)
            .with("lldc", true)
            .with("email_market_size", 300_000L)
            .with("market_mobile_subscriptions", 1_000_000L)
            .map());
    // Delta: email at low coverage: imputed from Europe's rate instead of its own extrapolation.
    profile.add(
        country("DDD", "Delta", "2026-Q2", "Europe", "developed", 5, allAnswers(true), 2e6)
            .type("email", 900e6, "low_coverage_extrapolated", 3_000_000L, 50_000L)
            .map());
    // Epsilon: measured email and SMS; no training programme; current investment unknown.
    Map<String, Boolean> epsilonAnswers = allAnswers(true);
    epsilonAnswers.put("has_training_programme", false);
    profile.add(
        country("EEE", "Epsilon", "2026-Q2", "Europe", "developed", 3, epsilonAnswers, null)
            .with("population", 20_000_000L)
            .type("email", 400e6, "reported", 2_000_000L, 2_000_000L)
            .type("sms", 100e6, "extrapolated", 4_000_000L, 3_000_000L)
            .map());
    // Phi: one operator, market unknown, no questionnaire; an old quarter outside the window.
    profile.add(
        country("FFF", "Phi", "2026-Q1", "Asia & Pacific", "developing", 1, allAnswers(null), null)
            .type("email", 20e6, "unknown_market", null, 100_000L)
            .map());
    profile.add(
        country("FFF", "Phi", "2025-Q2", "Asia & Pacific", "developing", 1, allAnswers(null), null)
            .type("email", 9e9, "unknown_market", null, 100_000L)
            .map());
    // Gimel: IP messaging measured at low coverage only (its own rate), IP multimedia with
    // internet users but no rate anywhere (not estimated, with a lower bound).
    profile.add(
        country("GGG", "Gimel", "2026-Q2", "Asia & Pacific", "developing", 3, allAnswers(true), 0.0)
            .with("market_internet_users", 2_000_000L)
            .with("population", 5_000_000L)
            .type("ip_messaging", 8e6, "low_coverage_extrapolated", 2_000_000L, 400_000L)
            .map());
    warehouse
        .begin("test")
        .write("country_profile", profile.frame(spark))
        .write("published_coverage", publishedCoverage(profile))
        .commit();

    EstimateJob.Options options = EstimateJob.Options.defaults().withDraws(DRAWS, 52);
    result = EstimateJob.run(warehouse, options);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void everyCountryIsEstimatedAndTheUnestimableIsListed() {
    assertThat(result.asOfQuarter()).isEqualTo("2026-Q2");
    assertThat(result.countries()).isEqualTo(7);
    assertThat(result.countriesImputed()).isEqualTo(3); // Gamma, Delta, Gimel
    assertThat((long) result.countriesPublishable())
        .isEqualTo(
            warehouse
                .read("investment_totals")
                .where("level = 'country' and scenario = 'base' and publishable")
                .count())
        .isLessThanOrEqualTo(5L); // not Beta (2) nor Phi (1)
    // Gamma's voice now has a published rate; Gimel's IP multimedia has users but no rate.
    assertThat(result.typesNotEstimated())
        .contains("GGG:ip_multimedia")
        .doesNotContain("CCC:voice");
    assertThat(result.notEstimated())
        .filteredOn(n -> n.pair().equals("GGG:ip_multimedia"))
        .singleElement()
        .satisfies(n -> assertThat(n.reason()).isEqualTo(NotEstimated.Reason.NO_RATE));
    assertThat(result.summary())
        .startsWith("read country_profile 2026-Q2: 7 countries")
        .contains("need of the 7 reporting countries USD")
        .contains("5-year present values at 6% real, USD of 2025")
        .contains("world (194 ITU Member States, 194 extrapolated by development group)")
        .doesNotContain("world need");
    assertThat(result.details())
        .contains(
            "held back until confirmed (estimate --confirmed): AAA sms 2026-Q1 (A-OP 2026-01"
                + " period_jump)")
        .anyMatch(d -> d.startsWith("not estimated GGG:ip_multimedia: ip_multimedia spam is"));
    assertThat(warehouse.head().changed()).containsExactlyInAnyOrderElementsOf(EstimateJob.TABLES);
  }

  @Test
  void everyCountryHasAllFiveTypesEitherEstimatedOrSaidWhyNot() throws SQLException {
    try (Connection db = duckdb();
        ResultSet rs =
            query(
                db,
                "with est as (select distinct country_code, spam_type from "
                    + table("investment")
                    + " where spam_type is not null), ne as (select country_code, spam_type from "
                    + table("investment_not_estimated")
                    + "), c as (select distinct country_code from "
                    + table("investment")
                    + ") select c.country_code, count(distinct e.spam_type), count(distinct"
                    + " n.spam_type), count(*) filter (where e.spam_type = n.spam_type) from c"
                    + " left join est e using (country_code) left join ne n using (country_code)"
                    + " group by all")) {
      int countries = 0;
      while (rs.next()) {
        assertThat(rs.getInt(2) + rs.getInt(3)).as(rs.getString(1)).isEqualTo(5);
        assertThat(rs.getInt(4)).as(rs.getString(1) + " overlap").isZero();
        countries++;
      }
      assertThat(countries).isEqualTo(7);
    }
  }

  @Test
  void aTypeWithoutARateIsNotEstimatedWithItsLowerBoundWorkedByHand() {
    Row g =
        warehouse
            .read("investment_not_estimated")
            .where("country_code = 'GGG' and spam_type = 'ip_multimedia'")
            .first();
    assertThat(g.<String>getAs("reason")).isEqualTo("no_rate");
    assertThat((double) g.getAs("users")).isEqualTo(2_000_000);
    // Base, developing (p = 0.4, staff 70,000 x 0.4 = 28,000 a year): service (1 + 0.1 x 2) FTE x
    // 28,000 = 33,600 a year; filtering 2,000,000 x 0.08 = 160,000 a year; feedback 50,000 x 0.4 =
    // 20,000 once and 30,000 x 0.4 = 12,000 a year. PV = 20,000 + 205,600 x 4.212363786.
    assertThat((double) g.getAs("likely_need_at_least_usd"))
        .isCloseTo(20_000 + 205_600 * 4.212363786, within(0.01));
    Row none =
        warehouse
            .read("investment_not_estimated")
            .where("country_code = 'BBB' and spam_type = 'voice'")
            .first();
    assertThat(none.<String>getAs("reason")).isEqualTo("no_users");
    assertThat(none.<Object>getAs("likely_need_at_least_usd")).isNull();
    // The totals say how many pairs are missing and what they would add at least.
    Row reporting =
        warehouse
            .read("investment_totals")
            .where("level = 'reporting' and scenario = 'base'")
            .first();
    assertThat((int) reporting.getAs("types_not_estimated"))
        .isEqualTo((int) warehouse.read("investment_not_estimated").count());
    assertThat((double) reporting.getAs("not_estimated_at_least_usd"))
        .isCloseTo(result.notEstimatedAtLeastUsd(), within(1e-6))
        .isGreaterThanOrEqualTo((double) g.getAs("likely_need_at_least_usd"));
  }

  @Test
  void aFlaggedQuarterSizesNothingUntilTheAnalystConfirmsIt() {
    Dataset<Row> profile = warehouse.read("country_profile");
    CountryInputs held = find(ProfileInputs.read(profile, null).countries(), "AAA");
    assertThat(held.volumes().get(SpamType.SMS).peakQuarterSpam()).isEqualTo(60e6);
    assertThat(held.volumes().get(SpamType.SMS).peakQuarter()).isEqualTo("2026-Q2");
    assertThat(held.volumes().get(SpamType.SMS).note()).contains("2026-Q1 held back");
    Row equipment =
        warehouse
            .read("investment")
            .where("country_code = 'AAA' and component = 'sms.equipment' and scenario = 'base'")
            .first();
    assertThat((double) equipment.getAs("spam_peak_quarter")).isEqualTo(60e6);
    assertThat(equipment.<String>getAs("method"))
        .contains("2026-Q1 held back (1 warning not confirmed)")
        .doesNotContain("A-OP");
    // Confirmed (the analyst's list), the spike sizes the firewall.
    CountryInputs confirmed =
        find(
            ProfileInputs.read(profile, null, Confirmations.of("sms A-OP 2026-01")).countries(),
            "AAA");
    assertThat(confirmed.volumes().get(SpamType.SMS).peakQuarterSpam()).isEqualTo(600e6);
    // A confirmation of another type or period confirms nothing.
    CountryInputs other =
        find(
            ProfileInputs.read(
                    profile, null, Confirmations.of("email A-OP 2026-01", "sms A-OP 2026-02"))
                .countries(),
            "AAA");
    assertThat(other.volumes().get(SpamType.SMS).peakQuarterSpam()).isEqualTo(60e6);
  }

  @Test
  void theLowCoverageOwnMeasurementAndThePublishedRateComeLastAndAreFlagged() throws SQLException {
    Map<String, Object[]> rows = equipmentRows();
    // Gimel's IP messaging: no adequate measurement anywhere, its own at low coverage is used.
    assertThat(rows.get("GGG:ip_messaging")[2]).asString().startsWith("own_low_coverage");
    assertThat((double) rows.get("GGG:ip_messaging")[0]).isEqualTo(8e6);
    assertThat(rows.get("GGG:ip_messaging")[3]).isEqualTo(true);
    // Gamma's voice: 1,000,000 subscriptions x the published 42 calls a quarter (base).
    assertThat(rows.get("CCC:voice")[2]).asString().startsWith("external_rate");
    assertThat((double) rows.get("CCC:voice")[0]).isCloseTo(42e6, within(1e-6));
  }

  @Test
  void theForecastProjectsEveryEstimatedTypeOverTheHorizon() {
    List<Row> rows = warehouse.read("investment_forecast").collectAsList();
    long estimatedTypes =
        warehouse
            .read("investment")
            .where("scenario = 'base' and x1231_layer = 'equipment'")
            .count();
    assertThat(rows).hasSize((int) estimatedTypes * 6); // years 0 to 5
    for (Row r : rows) {
      double v = r.getAs("volume_quarter");
      double lo = r.getAs("volume_quarter_p5");
      double hi = r.getAs("volume_quarter_p95");
      assertThat(lo).isLessThanOrEqualTo(v);
      assertThat(v).isLessThanOrEqualTo(hi);
      if ((int) r.getAs("year_offset") == 0) {
        assertThat(v).isEqualTo((double) r.getAs("level_quarter"));
        assertThat(lo).isEqualTo(v);
      }
    }
    // Too few quarters here for a trend: every type keeps the prior, and says so.
    assertThat(rows).allMatch(r -> r.<String>getAs("forecast_method").equals("prior only"));
    assertThat(rows).allMatch(r -> (double) r.getAs("growth_rate") == 0.05);
  }

  @Test
  void theWorldAddsTheMissingMemberStatesAndTheHeadlineIsTheReportingCountriesMedian() {
    Row reporting =
        warehouse
            .read("investment_totals")
            .where("level = 'reporting' and scenario = 'base'")
            .first();
    Row world =
        warehouse.read("investment_totals").where("level = 'world' and scenario = 'base'").first();
    assertThat(reporting.<String>getAs("area")).isEqualTo("Reporting countries");
    assertThat(reporting.<String>getAs("basis")).isEqualTo("sum");
    assertThat(world.<String>getAs("basis")).isEqualTo("extrapolated");
    // The parameter file the run read (the default), recorded for the report's manifests.
    assertThat(world.<String>getAs("parameter_files_sha256"))
        .isEqualTo(reporting.<String>getAs("parameter_files_sha256"))
        .isEqualTo(ParameterFile.defaults().sha256());
    assertThat((int) world.getAs("countries_extrapolated")).isEqualTo(194);
    assertThat((int) world.getAs("countries")).isEqualTo(7 + 194);
    assertThat((double) world.getAs("need_usd"))
        .isGreaterThan((double) reporting.getAs("need_usd"));
    Row p50 =
        warehouse
            .read("investment_intervals")
            .where("level = 'reporting' and measure = 'need'")
            .first();
    assertThat(result.headline().needP50Usd()).isEqualTo((double) p50.getAs("p50_usd"));
    assertThat(result.headline().needBaseUsd())
        .isCloseTo((double) reporting.getAs("need_usd"), within(1e-6));
    assertThat((double) p50.getAs("base_usd"))
        .isCloseTo((double) reporting.getAs("need_usd"), within(1e-6));
    assertThat((double) p50.getAs("base_percentile")).isBetween(0.0, 1.0);
    assertThat(result.headline().reportingCountries()).isEqualTo(7);
  }

  private static Map<String, Object[]> equipmentRows() throws SQLException {
    Map<String, Object[]> rows = new HashMap<>();
    try (Connection db = duckdb();
        ResultSet rs =
            query(
                db,
                "select country_code || ':' || spam_type, spam_peak_quarter, users, method, imputed"
                    + " from "
                    + table("investment")
                    + " where scenario = 'base' and x1231_layer = 'equipment'")) {
      while (rs.next()) {
        rows.put(
            rs.getString(1),
            new Object[] {rs.getDouble(2), rs.getDouble(3), rs.getString(4), rs.getBoolean(5)});
      }
    }
    return rows;
  }

  @Test
  void imputedVolumesAreFlaggedAndComputedFromTheRegionalRate() throws SQLException {
    Map<String, Object[]> rows = equipmentRows();
    assertThat(rows.keySet())
        .containsExactlyInAnyOrder(
            "AAA:email",
            "AAA:sms",
            "BBB:email",
            "CCC:email",
            "CCC:sms",
            "CCC:voice",
            "DDD:email",
            "EEE:email",
            "EEE:sms",
            "FFF:email",
            "GGG:ip_messaging");
    // Africa's email rate: (150M + 50M) spam / (1M + 0.5M) users = 133.33 a user; Gamma has 0.3M.
    assertThat((double) rows.get("CCC:email")[0]).isCloseTo(40e6, within(1e-3));
    assertThat(rows.get("CCC:email")[2]).asString().startsWith("regional_rate");
    assertThat(rows.get("CCC:email")[3]).isEqualTo(true);
    // Africa's SMS rate 60M / 2M = 30 a subscription; Gamma's 1M mobile subscriptions stand in.
    assertThat((double) rows.get("CCC:sms")[0]).isCloseTo(30e6, within(1e-3));
    // Delta's low-coverage 900M is replaced by Europe's rate 400M / 2M = 200 × 3M mailboxes.
    assertThat((double) rows.get("DDD:email")[0]).isCloseTo(600e6, within(1e-3));
    assertThat(rows.get("DDD:email")[2]).asString().startsWith("regional_rate");
    // Alpha's peak quarter, Phi's quarter in the window (not 2025-Q2's 9e9), measured.
    assertThat((double) rows.get("AAA:email")[0]).isEqualTo(150e6);
    assertThat(rows.get("AAA:email")[3]).isEqualTo(false);
    assertThat((double) rows.get("FFF:email")[0]).isEqualTo(20e6);
    assertThat((double) rows.get("FFF:email")[1]).isEqualTo(100_000);
  }

  @Test
  void lowBaseHighAreOrderedInEveryRow() throws SQLException {
    try (Connection db = duckdb();
        ResultSet rs =
            query(
                db,
                "select count(*), count(*) filter (where not (lo <= ba and ba <= hi)) from (select"
                    + " country_code, component, max(present_value_usd) filter (where scenario ="
                    + " 'low') lo, max(present_value_usd) filter (where scenario = 'base') ba,"
                    + " max(present_value_usd) filter (where scenario = 'high') hi from "
                    + table("investment")
                    + " group by all)")) {
      rs.next();
      assertThat(rs.getLong(1)).isGreaterThan(40);
      assertThat(rs.getLong(2)).isZero();
    }
    List<Row> totals =
        warehouse.read("investment_totals").orderBy("level", "area", "scenario").collectAsList();
    Map<String, Map<String, Double>> gap = new HashMap<>();
    for (Row r : totals) {
      gap.computeIfAbsent(r.<String>getAs("level") + "/" + r.getAs("area"), k -> new HashMap<>())
          .put(r.getAs("scenario"), r.getAs("gap_usd"));
    }
    for (Map.Entry<String, Map<String, Double>> e : gap.entrySet()) {
      Map<String, Double> g = e.getValue();
      assertThat(g.get("low")).as(e.getKey()).isLessThanOrEqualTo(g.get("base"));
      assertThat(g.get("base")).as(e.getKey()).isLessThanOrEqualTo(g.get("high"));
    }
  }

  @Test
  void rollupsAreTheSumsOfTheirCountriesCheckedWithDuckDb() throws SQLException {
    String investment = table("investment");
    String totals = table("investment_totals");
    String byArea =
        "with parts as (select country_code, scenario, itu_region, m49_region, ldc, lldc, sids,"
            + " development_status, sum(present_value_usd) need from "
            + investment
            + " group by all), areas as ("
            + " select 'reporting' level, 'Reporting countries' area, * from parts"
            + " union all select 'itu_region', itu_region, * from parts"
            + " union all select 'm49_region', m49_region, * from parts where m49_region is not"
            + " null"
            + " union all select 'group', 'ldc', * from parts where ldc"
            + " union all select 'group', 'lldc', * from parts where lldc"
            + " union all select 'group', 'sids', * from parts where sids"
            + " union all select 'group', development_status, * from parts"
            + " union all select 'country', country_code, * from parts)"
            + " select a.level, a.area, a.scenario, sum(a.need) need, max(t.need_usd) need_usd,"
            + " count(*) countries, max(t.countries) t_countries from areas a join "
            + totals
            + " t on t.level = a.level and t.area = a.area and t.scenario = a.scenario group by"
            + " all";
    int checked = 0;
    try (Connection db = duckdb();
        ResultSet rs = query(db, byArea)) {
      while (rs.next()) {
        String what = rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3);
        assertThat(rs.getDouble(5)).as(what).isCloseTo(rs.getDouble(4), within(1e-6));
        checked++;
      }
    }
    // Every country has components, so a country row with a need in each scenario.
    try (Connection db = duckdb();
        ResultSet rs =
            query(
                db,
                "select count(*) from " + totals + " where level = 'country' and need_usd > 0")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(7 * 3);
    }
    assertThat(checked).isGreaterThanOrEqualTo(3 * (1 + 3 + 3 + 5 + 7));

    // The gap of a rollup is the sum of its countries' gaps (Beta's surplus covers no one else).
    try (Connection db = duckdb();
        ResultSet rs =
            query(
                db,
                "select r.area, r.scenario, r.gap_usd, sum(c.gap_usd), r.existing_usd,"
                    + " sum(c.existing_usd) from "
                    + totals
                    + " r join "
                    + totals
                    + " c on c.level = 'country' and r.level = 'itu_region' and r.scenario ="
                    + " c.scenario join (select distinct country_code, itu_region from "
                    + investment
                    + ") m on m.country_code = c.area and m.itu_region = r.area group by all")) {
      int regions = 0;
      while (rs.next()) {
        assertThat(rs.getDouble(3)).isCloseTo(rs.getDouble(4), within(1e-6));
        assertThat(rs.getDouble(5)).isCloseTo(rs.getDouble(6), within(1e-6));
        regions++;
      }
      assertThat(regions).isEqualTo(3 * 3);
    }
    Row beta =
        warehouse.read("investment_totals").where("area = 'BBB' and scenario = 'base'").first();
    assertThat((double) beta.getAs("gap_usd")).isZero();
    assertThat((double) beta.getAs("need_usd")).isPositive();
    assertThat((double) beta.getAs("institutional_usd")).isZero(); // ready on every question
  }

  @Test
  void publishableRowsFollowTheDisclosurePolicyRollupsIncluded() {
    Map<String, Boolean> publishable = new HashMap<>();
    for (Row r :
        warehouse
            .read("investment_totals")
            .where("scenario = 'base'")
            .select("level", "area", "publishable")
            .collectAsList()) {
      publishable.put(r.getString(0) + "/" + r.getString(1), r.getBoolean(2));
    }
    // Beta (2 operators) and Phi (1) are withheld in published_coverage.
    assertThat(publishable)
        .containsEntry("country/BBB", false)
        .containsEntry("country/FFF", false)
        // Beta alone is the SIDS group, Gamma alone the LLDC group.
        .containsEntry("group/sids", false)
        .containsEntry("group/lldc", false);
    // Africa minus Alpha is Beta plus Gamma, and Gamma is a known multiple of Alpha plus Beta:
    // Africa and Alpha cannot both be published.
    assertThat(publishable.get("itu_region/Africa") && publishable.get("country/AAA")).isFalse();
    // Gamma's email is Alpha plus Beta times a known factor: Gamma and Alpha not both published.
    assertThat(publishable.get("country/CCC") && publishable.get("country/AAA")).isFalse();
    assertThat(publishable.entrySet().stream().filter(e -> e.getValue()).map(e -> e.getKey()))
        .as("some figures are published")
        .isNotEmpty();
    if (publishable.get("world/World")) {
      assertThat(publishable).containsEntry("reporting/Reporting countries", true);
    }
    assertThat(warehouse.read("investment").where("country_code = 'BBB' and publishable").count())
        .isZero();
    assertThat(
            warehouse
                .read("investment_intervals")
                .where("level = 'country' and area = 'FFF' and publishable")
                .count())
        .isZero();
  }

  @Test
  void intervalsAreOrderedAndLieBetweenTheLowAndHighScenarios() throws SQLException {
    try (Connection db = duckdb();
        ResultSet rs =
            query(
                db,
                "select i.level, i.area, i.measure, i.p5_usd, i.p50_usd, i.p95_usd, lo.need_usd,"
                    + " hi.need_usd, i.draws, i.seed from "
                    + table("investment_intervals")
                    + " i join "
                    + table("investment_totals")
                    + " lo on lo.level = i.level and lo.area = i.area and lo.scenario = 'low' join "
                    + table("investment_totals")
                    + " hi on hi.level = i.level and hi.area = i.area and hi.scenario = 'high'")) {
      int rows = 0;
      while (rs.next()) {
        String what = rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3);
        assertThat(rs.getDouble(4)).as(what).isLessThanOrEqualTo(rs.getDouble(5));
        assertThat(rs.getDouble(5)).as(what).isLessThanOrEqualTo(rs.getDouble(6));
        // The world's draws also resample countries (a bootstrap): they may leave the scenarios.
        if (rs.getString(3).equals("need") && !rs.getString(1).equals("world")) {
          assertThat(rs.getDouble(4)).as(what).isGreaterThanOrEqualTo(rs.getDouble(7) - 1e-6);
          assertThat(rs.getDouble(6)).as(what).isLessThanOrEqualTo(rs.getDouble(8) + 1e-6);
          assertThat(rs.getDouble(4)).as(what).isLessThan(rs.getDouble(6));
        }
        assertThat(rs.getInt(9)).isEqualTo(DRAWS);
        assertThat(rs.getLong(10)).isEqualTo(52);
        rows++;
      }
      // 7 countries + 3 ITU regions + 3 M49 regions + 5 groups + reporting + world, 4 measures
      assertThat(rows).isEqualTo((7 + 3 + 3 + 5 + 1 + 1) * 4);
    }
  }

  @Test
  void theSameSeedGivesTheSameIntervalsAnotherSeedOthers() {
    List<CountryInputs> countries =
        ProfileInputs.read(warehouse.read("country_profile"), null).countries();
    ParameterSet p = ParameterFile.defaults();
    WorldExtrapolation world = WorldExtrapolation.of(countries);
    List<MonteCarlo.Interval> first =
        MonteCarlo.intervals(spark, countries, p, 300, 7, Distribution.PERT, world);
    List<MonteCarlo.Interval> again =
        MonteCarlo.intervals(spark, countries, p, 300, 7, Distribution.PERT, world);
    List<MonteCarlo.Interval> other =
        MonteCarlo.intervals(spark, countries, p, 300, 8, Distribution.PERT, world);
    assertThat(again).isEqualTo(first);
    assertThat(other).hasSameSizeAs(first).isNotEqualTo(first);
  }

  @Test
  void sensitivityRanksEveryParameterForTheReportingCountriesAndEachRegion() throws SQLException {
    int parameters = Parameter.values().length - 1; // the prior spam_growth_rate enters no formula
    try (Connection db = duckdb();
        ResultSet rs =
            query(
                db,
                "select level, area, measure, count(*), min(rank), max(rank), min(swing_usd),"
                    + " count(distinct parameter), max(total_base_usd) - min(total_base_usd) from "
                    + table("investment_sensitivity")
                    + " group by all order by all")) {
      int groups = 0;
      while (rs.next()) {
        assertThat(rs.getInt(4)).isEqualTo(parameters);
        assertThat(rs.getInt(5)).isEqualTo(1);
        assertThat(rs.getInt(6)).isEqualTo(parameters);
        assertThat(rs.getDouble(7)).isGreaterThanOrEqualTo(0);
        assertThat(rs.getInt(8)).isEqualTo(parameters);
        assertThat(rs.getDouble(9)).isZero();
        groups++;
      }
      assertThat(groups).isEqualTo((1 + 3) * 2);
    }
    Row top =
        warehouse
            .read("investment_sensitivity")
            .where("level = 'reporting' and measure = 'need' and rank = 1")
            .first();
    double worldBase = top.getAs("total_base_usd");
    assertThat(worldBase).isCloseTo(result.headline().needBaseUsd(), within(1e-6));
    assertThat((double) top.getAs("swing_usd"))
        .isCloseTo(
            (double) top.getAs("total_at_high_usd") - (double) top.getAs("total_at_low_usd"),
            within(1e-6))
        .isPositive();
  }

  @Test
  void moreSpamInOneCountryNeverLowersAnyCountrysTechnicalNeed() {
    Dataset<Row> profile = warehouse.read("country_profile");
    Column email = col("email_spam_national_estimate");
    Dataset<Row> more =
        profile.withColumn(
            "email_spam_national_estimate",
            when(col("country_code").equalTo("AAA"), email.multiply(3)).otherwise(email));
    List<CountryInputs> before = ProfileInputs.read(profile, null).countries();
    List<CountryInputs> after = ProfileInputs.read(more, null).countries();
    assertThat(after).hasSameSizeAs(before);
    for (Scenario s : Scenario.values()) {
      ParameterValues v = ParameterFile.defaults().values(s);
      for (int i = 0; i < before.size(); i++) {
        String code = before.get(i).countryCode();
        double was = InvestmentModel.totals(before.get(i), v).technicalUsd();
        double now = InvestmentModel.totals(after.get(i), v).technicalUsd();
        assertThat(after.get(i).countryCode()).isEqualTo(code);
        if (code.equals("AAA") || code.equals("CCC")) {
          // Alpha itself, and Gamma whose email is imputed from Africa's rate, which Alpha raises
          assertThat(now).as(code + " " + s).isGreaterThan(was);
        } else {
          assertThat(now).as(code + " " + s).isGreaterThanOrEqualTo(was);
        }
      }
    }
  }

  @Test
  void anAsOfQuarterWithoutDataIsAClearError() {
    EstimateJob.Options options =
        new EstimateJob.Options(
            "2024-Q1",
            ParameterFile.defaults(),
            10,
            1,
            Distribution.PERT,
            DisclosurePolicy.standard(),
            null);
    assertThatThrownBy(() -> EstimateJob.run(warehouse, options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "country_profile has no rows in the quarters [2023-Q2, 2023-Q3, 2023-Q4, 2024-Q1];"
                + " quarters present: [2025-Q2, 2026-Q1, 2026-Q2]");
    assertThatThrownBy(
            () ->
                EstimateJob.run(
                    warehouse,
                    new EstimateJob.Options(
                        "2024-5",
                        ParameterFile.defaults(),
                        10,
                        1,
                        Distribution.PERT,
                        DisclosurePolicy.standard(),
                        null)))
        .hasMessage("As-of quarter '2024-5' is not a quarter like 2026-Q3");
  }

  // ---- helpers

  private static CountryInputs find(List<CountryInputs> countries, String code) {
    return countries.stream().filter(c -> c.countryCode().equals(code)).findFirst().orElseThrow();
  }

  /**
   * What publish would write for the profile's measured figures: a country and quarter withheld
   * when fewer than 3 operators make it (Beta, Phi), published otherwise.
   */
  private static Dataset<Row> publishedCoverage(TableRows profile) {
    List<Row> rows = new java.util.ArrayList<>();
    for (Row r : profile.frame(spark).collectAsList()) {
      int operators = r.<Integer>getAs("reporting_operators");
      for (SpamType t : SpamType.values()) {
        if (r.getAs(t.key() + "_spam_national_estimate") == null) {
          continue;
        }
        boolean withheld = operators < 3;
        rows.add(
            org.apache.spark.sql.RowFactory.create(
                r.getAs("country_code"),
                r.getAs("quarter"),
                t.key(),
                "known",
                withheld,
                withheld ? "fewer_operators" : null));
      }
    }
    return spark.createDataFrame(
        rows,
        new org.apache.spark.sql.types.StructType()
            .add("country_code", "string")
            .add("quarter", "string")
            .add("spam_type", "string")
            .add("coverage_status", "string")
            .add("suppressed", "boolean")
            .add("suppression_reason", "string"));
  }

  private static Map<String, Boolean> allAnswers(Boolean value) {
    Map<String, Boolean> answers = new LinkedHashMap<>();
    for (Readiness r : Readiness.values()) {
      answers.put(r.column(), value);
    }
    return answers;
  }

  private static ProfileRow country(
      String code,
      String name,
      String quarter,
      String region,
      String status,
      int operators,
      Map<String, Boolean> answers,
      Double investment) {
    ProfileRow r = new ProfileRow();
    r.with("country_code", code)
        .with("country_name", name)
        .with("quarter", quarter)
        .with("itu_region", region)
        .with(
            "m49_region",
            region.equals("Europe") ? "Europe" : region.equals("Africa") ? "Africa" : "Asia")
        .with("ldc", false)
        .with("lldc", false)
        .with("sids", false)
        .with("development_status", status)
        .with("reporting_operators", operators)
        .with("has_returns", operators > 0)
        .with("has_questionnaire", answers.values().stream().anyMatch(a -> a != null))
        .with("investment_current_annual_usd", investment);
    answers.forEach(r::with);
    return r;
  }

  /** One country_profile row under construction. */
  private static final class ProfileRow {
    private final Map<String, Object> values = new LinkedHashMap<>();

    ProfileRow with(String column, Object value) {
      values.put(column, value);
      return this;
    }

    ProfileRow type(String type, double estimate, String method, Long market, Long service) {
      values.put(type + "_spam_detected", (long) (estimate / 2));
      values.put(type + "_spam_national_estimate", estimate);
      values.put(type + "_estimate_method", method);
      values.put(type + "_market_size", market);
      values.put(type + "_service_size", service);
      values.put(
          type + "_coverage", market == null || service == null ? null : (double) service / market);
      return this;
    }

    Map<String, Object> map() {
      return values;
    }
  }

  private static String table(String name) {
    return org.spamtraffic.warehouse.DuckDbTables.source(warehouse, name);
  }

  private static Connection duckdb() throws SQLException {
    return DriverManager.getConnection("jdbc:duckdb:");
  }

  private static ResultSet query(Connection db, String sql) throws SQLException {
    Statement s = db.createStatement();
    s.closeOnCompletion();
    return s.executeQuery(sql);
  }
}
