package org.spamtraffic.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.spamtraffic.aggregate.TestTables.one;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.schema.Population;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * Hand-worked cases, with the expected numbers worked out in the comments.
 *
 * <p>Kenya, sms, 2025-Q1, three operators:
 *
 * <ul>
 *   <li>A (quarterly): 1,000,000 subscribers, traffic 10,000,000; NGA via international gateway 300
 *       detected / 250 blocked, KEN on-net 200 / 150. A: 500 detected, 400 blocked.
 *   <li>B (quarterly): 600,000 subscribers, traffic 4,000,000; NGA via gateway 100 / 100, CHN via
 *       grey route 300 / 200. B: 400 / 300. B also sent a monthly return for 2025-03 (999
 *       detected): set aside, its quarterly return covers the quarter.
 *   <li>C (monthly, January and February only): January 400,000 subscribers, traffic 1,000,000, CHN
 *       grey 50 / 40; February 420,000 subscribers (on both of its rows, taken once), traffic
 *       1,100,000, CHN grey 60 / 50 and unknown 40 / 0. C: 150 / 90, service 420,000 (last month),
 *       2 months, traffic 2,100,000, incomplete.
 * </ul>
 *
 * Kenya: 3 operators, detected 1,050, blocked 790, service 2,020,000, traffic 16,100,000,
 * subscriber-months 3,000,000 + 1,800,000 + 840,000 = 5,640,000; routes: gateway 400, grey 410,
 * on-net 200, unknown 40. Largest operator share: A's traffic 10,000,000 / 16,100,000. Earlier
 * quarters (A only): 2024-Q4 420 detected (growth 1,050 / 420 - 1 = 1.5), 2024-Q1 700 (year on year
 * 1,050 / 700 - 1 = 0.5). Questionnaire: 10,000,000 mobile subscriptions, so coverage 0.202 (low),
 * national estimate 1,050 / 0.202.
 *
 * <p>Ghana: one operator D, 900,000 subscribers of a 1,000,000 market (coverage 0.9, extrapolated
 * 80 / 0.9); its email return gives 10 spam and a service size of 0 against 200,000 mailboxes (zero
 * coverage: not extrapolated). South Africa: two operators, no questionnaire (unknown market).
 * Egypt (ITU-D Arab States, M49 Africa): one operator.
 */
class AggregateJobTest {
  private static SparkSession spark;
  @TempDir static Path dir;
  private static Warehouse warehouse;
  private static AggregateJob.Result result;
  private static List<Map<String, Object>> volumes;
  private static List<Map<String, Object>> coverage;
  private static List<Map<String, Object>> routes;
  private static List<Map<String, Object>> sources;
  private static List<Map<String, Object>> profile;

  @BeforeAll
  static void run() {
    spark = SparkSessions.forTests("AggregateJobTest");
    warehouse = Warehouse.at(spark, dir.resolve("warehouse").toUri().toString());
    AggregateTestData.writeHandWorked(spark, warehouse);
    result = new AggregateJob(spark).run(AggregateJob.Options.defaults(warehouse));
    volumes = TestTables.maps(warehouse.read("volumes"));
    coverage = TestTables.maps(warehouse.read("coverage"));
    routes = TestTables.maps(warehouse.read("routes"));
    sources = TestTables.maps(warehouse.read("sources"));
    profile = TestTables.maps(warehouse.read("country_profile"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void kenyaAddsUpItsThreeOperatorsTakingServiceFiguresOncePerOperatorAndPeriod() {
    Map<String, Object> ken =
        one(volumes, "level", "country", "area", "KEN", "quarter", "2025-Q1", "spam_type", "sms");
    assertThat(ken.get("area_name")).isEqualTo("Kenya");
    assertThat(ken.get("reporting_operators")).isEqualTo(3);
    assertThat(ken.get("incomplete_operators")).isEqualTo(1);
    assertThat(ken.get("spam_detected")).isEqualTo(1_050L);
    assertThat(ken.get("spam_blocked")).isEqualTo(790L);
    assertThat(ken.get("spam_delivered")).isEqualTo(260L);
    assertThat(ken.get("user_reports")).isNull();
    assertThat(ken.get("service_size")).isEqualTo(2_020_000L);
    assertThat(ken.get("subscriber_months")).isEqualTo(5_640_000L);
    assertThat(ken.get("total_traffic")).isEqualTo(16_100_000L);
    assertThat(ken.get("traffic_operators")).isEqualTo(3);
    assertThat(ken.get("spam_via_international_gateway")).isEqualTo(400L);
    assertThat(ken.get("spam_via_grey_route")).isEqualTo(410L);
    assertThat(ken.get("spam_via_on_net")).isEqualTo(200L);
    assertThat(ken.get("spam_via_unknown")).isEqualTo(40L);
    assertThat((Double) ken.get("spam_share")).isCloseTo(1_050.0 / 16_100_000, within(1e-12));
    assertThat((Double) ken.get("block_rate")).isCloseTo(790.0 / 1_050, within(1e-12));
    assertThat((Double) ken.get("spam_per_subscriber_month"))
        .isCloseTo(1_050.0 / 5_640_000, within(1e-12));
    assertThat((Double) ken.get("share_on_net")).isCloseTo(200.0 / 1_050, within(1e-12));
    assertThat((Double) ken.get("share_off_net")).isCloseTo(810.0 / 1_050, within(1e-12));
    assertThat((Double) ken.get("share_grey_route")).isCloseTo(410.0 / 1_050, within(1e-12));
    assertThat((Double) ken.get("top_operator_share"))
        .isCloseTo(10_000_000.0 / 16_100_000, within(1e-12));
    assertThat((Double) ken.get("growth_previous_quarter")).isCloseTo(1.5, within(1e-12));
    assertThat((Double) ken.get("growth_year_on_year")).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void anOperatorWithoutTrafficDropsOutOfTheSpamShareOnly() {
    Map<String, Object> gha =
        one(volumes, "level", "country", "area", "GHA", "quarter", "2025-Q1", "spam_type", "sms");
    assertThat(gha.get("total_traffic")).isNull();
    assertThat(gha.get("traffic_operators")).isEqualTo(0);
    assertThat(gha.get("spam_share")).isNull();
    assertThat(gha.get("spam_detected")).isEqualTo(80L);
    Map<String, Object> africa =
        one(
            volumes,
            "level",
            "itu_region",
            "area",
            "Africa",
            "quarter",
            "2025-Q1",
            "spam_type",
            "sms");
    // Kenya 1,050 + South Africa 3,000 over traffic 16,100,000 + 50,000,000 (20M + 30M);
    // Ghana's 80 is left out (no traffic), Egypt is in ITU-D Arab States.
    assertThat((Double) africa.get("spam_share")).isCloseTo(4_050.0 / 66_100_000, within(1e-12));
    assertThat(africa.get("spam_detected")).isEqualTo(4_130L);
  }

  @Test
  void regionsAndGroupsAreSumsOverTheirCountries() {
    Map<String, Object> africa =
        one(
            volumes,
            "level",
            "itu_region",
            "area",
            "Africa",
            "quarter",
            "2025-Q1",
            "spam_type",
            "sms");
    assertThat(africa.get("reporting_operators")).isEqualTo(6);
    assertThat(africa.get("countries_reporting")).isEqualTo(3);
    assertThat(africa.get("service_size")).isEqualTo(2_020_000L + 900_000L + 5_000_000L);
    Map<String, Object> arab =
        one(
            volumes,
            "level",
            "itu_region",
            "area",
            "Arab States",
            "quarter",
            "2025-Q1",
            "spam_type",
            "sms");
    assertThat(arab.get("spam_detected")).isEqualTo(5_000L);
    assertThat(arab.get("top_operator_share")).isEqualTo(1.0);
    Map<String, Object> m49Africa =
        one(
            volumes,
            "level",
            "m49_region",
            "area",
            "Africa",
            "quarter",
            "2025-Q1",
            "spam_type",
            "sms");
    assertThat(m49Africa.get("spam_detected")).isEqualTo(9_130L);
    Map<String, Object> world =
        one(volumes, "level", "world", "area", "World", "quarter", "2025-Q1", "spam_type", "sms");
    assertThat(world.get("reporting_operators")).isEqualTo(7);
    assertThat(world.get("countries_reporting")).isEqualTo(4);
    Map<String, Object> developing =
        one(
            volumes,
            "level",
            "group",
            "area",
            "developing",
            "quarter",
            "2025-Q1",
            "spam_type",
            "sms");
    assertThat(developing.get("spam_detected")).isEqualTo(9_130L);
    assertThat(volumes)
        .noneMatch(v -> "group".equals(v.get("level")) && "developed".equals(v.get("area")));
  }

  @Test
  void coverageExtrapolatesAndFlagsLowAndUnknownMarkets() {
    Map<String, Object> ken = one(coverage, "country_code", "KEN", "quarter", "2025-Q1");
    assertThat(ken.get("market_size")).isEqualTo(10_000_000L);
    assertThat(ken.get("market_source")).isEqualTo("market_mobile_subscriptions");
    assertThat((Double) ken.get("coverage_ratio")).isCloseTo(0.202, within(1e-12));
    assertThat(ken.get("low_coverage")).isEqualTo(true);
    assertThat(ken.get("estimate_method")).isEqualTo("low_coverage_extrapolated");
    assertThat((Double) ken.get("spam_national_estimate")).isCloseTo(1_050 / 0.202, within(1e-6));

    Map<String, Object> gha =
        one(coverage, "country_code", "GHA", "quarter", "2025-Q1", "spam_type", "sms");
    assertThat(gha.get("estimate_method")).isEqualTo("extrapolated");
    assertThat(gha.get("low_coverage")).isEqualTo(false);
    assertThat((Double) gha.get("spam_national_estimate")).isCloseTo(80 / 0.9, within(1e-9));

    Map<String, Object> ghaEmail =
        one(coverage, "country_code", "GHA", "quarter", "2025-Q1", "spam_type", "email");
    assertThat(ghaEmail.get("coverage_ratio")).isEqualTo(0.0);
    assertThat(ghaEmail.get("estimate_method")).isEqualTo("zero_coverage");
    assertThat(ghaEmail.get("spam_national_estimate")).isEqualTo(10.0);

    Map<String, Object> zaf = one(coverage, "country_code", "ZAF", "quarter", "2025-Q1");
    assertThat(zaf.get("coverage_status")).isEqualTo("unknown_market");
    assertThat(zaf.get("estimate_method")).isEqualTo("unknown_market");
    assertThat(zaf.get("coverage_ratio")).isNull();
    assertThat(zaf.get("low_coverage")).isNull();
    assertThat(zaf.get("spam_national_estimate")).isEqualTo(3_000.0);
  }

  @Test
  void routesCarryFlowsAndTheirShareOfTheDestination() {
    Map<String, Object> ngaGateway =
        one(
            routes,
            "quarter",
            "2025-Q1",
            "source_country",
            "NGA",
            "destination_country",
            "KEN",
            "entry_route",
            "international_gateway");
    assertThat(ngaGateway.get("spam_detected")).isEqualTo(400L);
    assertThat(ngaGateway.get("spam_blocked")).isEqualTo(350L);
    assertThat(ngaGateway.get("reporting_operators")).isEqualTo(2);
    assertThat(ngaGateway.get("net")).isEqualTo("off_net");
    assertThat((Double) ngaGateway.get("share_of_destination"))
        .isCloseTo(400.0 / 1_050, within(1e-12));
    assertThat((Double) ngaGateway.get("top_operator_share")).isCloseTo(300.0 / 400, within(1e-12));
  }

  @Test
  void sourcesRankCountriesAndNetworksPerArea() {
    Map<String, Object> chinaInKenya =
        one(
            sources,
            "level",
            "country",
            "area",
            "KEN",
            "quarter",
            "2025-Q1",
            "source_kind",
            "country",
            "source",
            "CHN");
    assertThat(chinaInKenya.get("spam_detected")).isEqualTo(410L);
    assertThat(chinaInKenya.get("rank")).isEqualTo(1);
    assertThat((Double) chinaInKenya.get("share_of_area")).isCloseTo(410.0 / 1_050, within(1e-12));
    Map<String, Object> as200World =
        one(
            sources,
            "level",
            "world",
            "area",
            "World",
            "quarter",
            "2025-Q1",
            "source_kind",
            "network",
            "source",
            "AS200");
    // Kenya 410 + South Africa 1,000 + Egypt 5,000
    assertThat(as200World.get("spam_detected")).isEqualTo(6_410L);
    assertThat(as200World.get("source_network_kind")).isEqualTo("asn");
    assertThat(as200World.get("rank")).isEqualTo(1);
    assertThat(as200World.get("reporting_operators")).isEqualTo(4);
  }

  @Test
  void countryProfileJoinsMeasuresAndQuestionnaire() {
    Map<String, Object> ken = one(profile, "country_code", "KEN", "quarter", "2025-Q1");
    assertThat(ken.get("reporting_operators")).isEqualTo(3);
    assertThat(ken.get("has_returns")).isEqualTo(true);
    assertThat(ken.get("has_questionnaire")).isEqualTo(true);
    assertThat(ken.get("sms_spam_detected")).isEqualTo(1_050L);
    assertThat(ken.get("sms_market_size")).isEqualTo(10_000_000L);
    assertThat(ken.get("voice_market_size")).isEqualTo(10_000_000L);
    assertThat(ken.get("email_spam_detected")).isNull();
    assertThat((Double) ken.get("sms_coverage")).isCloseTo(0.202, within(1e-12));
    assertThat(ken.get("sms_low_coverage")).isEqualTo(true);
    assertThat(ken.get("has_antispam_law")).isEqualTo(true);
    assertThat(ken.get("itu_region")).isEqualTo("Africa");
    assertThat(ken.get("development_status")).isEqualTo("developing");
    assertThat(ken.get("ldc")).isEqualTo(false);

    // Fiji answered the questionnaire but has no returns: one row per quarter of the study.
    Map<String, Object> fiji = one(profile, "country_code", "FJI", "quarter", "2025-Q1");
    assertThat(fiji.get("has_returns")).isEqualTo(false);
    assertThat(fiji.get("reporting_operators")).isEqualTo(0);
    assertThat(fiji.get("ip_messaging_market_size")).isEqualTo(500_000L);
    assertThat(fiji.get("sids")).isEqualTo(true);
    assertThat(profile).filteredOn(p -> "FJI".equals(p.get("country_code"))).hasSize(3);

    Map<String, Object> zaf = one(profile, "country_code", "ZAF", "quarter", "2025-Q1");
    assertThat(zaf.get("has_questionnaire")).isEqualTo(false);
    assertThat(zaf.get("sms_estimate_method")).isEqualTo("unknown_market");
  }

  @Test
  void countryProfileCarriesPopulationFromTheReferenceAndTheFigureWarnings() {
    Map<String, Object> ken = one(profile, "country_code", "KEN", "quarter", "2025-Q1");
    // The population reference (World Bank SP.POP.TOTL), not the 10,000,000 subscriptions.
    assertThat(ken.get("population")).isEqualTo(Population.byAlpha3().get("KEN"));
    assertThat(one(profile, "country_code", "FJI", "quarter", "2025-Q1").get("population"))
        .isEqualTo(Population.byAlpha3().get("FJI"));
    // Operator A's two sms warnings (a month of Q1 and Q1 itself), in its country and quarter;
    // B's voice warning is about a type B did not return for Kenya in Q1: it attaches nowhere.
    assertThat(list(ken.get("sms_warnings")))
        .containsExactly("A 2025-03 period_jump", "A 2025-Q1 period_jump");
    assertThat(list(ken.get("voice_warnings"))).isEmpty();
    assertThat(list(one(profile, "country_code", "KEN", "quarter", "2024-Q4").get("sms_warnings")))
        .isEmpty();
    assertThat(list(one(profile, "country_code", "FJI", "quarter", "2025-Q1").get("sms_warnings")))
        .isEmpty();
  }

  /** A Spark array cell as a Java list. */
  private static List<Object> list(Object cell) {
    return new java.util.ArrayList<>(
        scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) cell));
  }

  @Test
  void referenceTablesAndRowCountsAreWritten() {
    assertThat(result.rows().get("countries")).isEqualTo(249L);
    assertThat(result.rows().get("itu_regions")).isEqualTo(249L);
    assertThat(result.returnsRows()).isEqualTo(15L);
    assertThat(result.questionnaire()).isTrue();
    assertThat(result.summary()).contains("volumes").contains("read returns 15 rows");
  }

  @Test
  void withoutReturnsTheJobSaysWhatToRunFirst() {
    Warehouse empty = Warehouse.at(spark, dir.resolve("empty").toUri().toString());
    assertThatThrownBy(() -> new AggregateJob(spark).run(AggregateJob.Options.defaults(empty)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no returns table: run ingest-returns first");
  }

  @Test
  void aThresholdOutsideZeroToOneIsRefused() {
    assertThatThrownBy(() -> new AggregateJob.Options(warehouse, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 1.5");
  }
}
