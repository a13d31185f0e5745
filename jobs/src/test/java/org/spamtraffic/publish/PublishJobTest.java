package org.spamtraffic.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.aggregate.AggregateJob;
import org.spamtraffic.aggregate.AggregateTestData;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * Disclosure control on the hand-worked data of {@code AggregateJobTest} (sms, 2025-Q1): Kenya has
 * 3 operators (published); Ghana 1, South Africa 2 and Egypt 1 (withheld, too few operators). ITU-D
 * Arab States is Egypt alone (withheld), so the world's ITU-D relation (World = Africa + Arab
 * States) would give Arab States back by subtraction: Africa is withheld too (complementary).
 */
class PublishJobTest {
  private static SparkSession spark;
  @TempDir static Path dir;
  private static Warehouse warehouse;
  private static PublishJob.Result result;
  private static List<Map<String, Object>> volumes;
  private static List<Map<String, Object>> coverage;
  private static List<Map<String, Object>> routes;
  private static List<Map<String, Object>> sources;

  @BeforeAll
  static void run() {
    spark = SparkSessions.forTests("PublishJobTest");
    warehouse = Warehouse.at(spark, dir.resolve("warehouse").toUri().toString());
    AggregateTestData.writeHandWorked(spark, warehouse);
    new AggregateJob(spark).run(AggregateJob.Options.defaults(warehouse));
    result = new PublishJob(spark).run(PublishJob.Options.defaults(warehouse));
    volumes = maps(warehouse.read("published_volumes"));
    coverage = maps(warehouse.read("published_coverage"));
    routes = maps(warehouse.read("published_routes"));
    sources = maps(warehouse.read("published_sources"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void aCountryWithThreeOperatorsIsPublishedButNotItsGrowthOnAWithheldQuarter() {
    Map<String, Object> ken = volume("country", "KEN", "2025-Q1");
    // Three operators, none above 85%: never a primary cell. (It may still be a complement: its
    // figures other than spam, such as traffic, can be the only published part of a relation.)
    assertThat(ken.get("suppression_reason")).isNotIn("fewer_operators", "dominance");
    if (Boolean.FALSE.equals(ken.get("suppressed"))) {
      assertThat(ken.get("spam_detected")).isEqualTo(1_050L);
      assertThat(ken.get("service_size")).isEqualTo(2_020_000L);
    }
    // 2024-Q4 and 2024-Q1 come from operator A alone, so the growth rates would give them back.
    assertThat(ken.get("growth_previous_quarter")).isNull();
    assertThat(ken.get("growth_year_on_year")).isNull();
    Map<String, Object> kenEarlier = volume("country", "KEN", "2024-Q4");
    assertThat(kenEarlier.get("suppressed")).isEqualTo(true);
    assertThat(kenEarlier.get("spam_detected")).isNull();
  }

  @Test
  void tooFewOperatorsAreWithheldWithTheirReason() {
    for (String country : List.of("GHA", "ZAF", "EGY")) {
      Map<String, Object> row = volume("country", country, "2025-Q1");
      assertThat(row.get("suppressed")).as(country).isEqualTo(true);
      assertThat(row.get("suppression_reason")).as(country).isEqualTo("fewer_operators");
      assertThat(row.get("spam_detected")).as(country).isNull();
      assertThat(row.get("spam_share")).as(country).isNull();
      // No hint either: the operator count of a withheld row is not shown.
      assertThat(row.get("reporting_operators")).as(country).isNull();
    }
    assertThat(volume("itu_region", "Arab States", "2025-Q1").get("suppression_reason"))
        .isEqualTo("fewer_operators");
  }

  @Test
  void africaIsWithheldSoThatArabStatesCannotBeRecoveredFromTheWorld() {
    Map<String, Object> africa = volume("itu_region", "Africa", "2025-Q1");
    assertThat(africa.get("suppressed")).isEqualTo(true);
    assertThat(africa.get("suppression_reason")).isEqualTo("complementary");
    assertThat(africa.get("spam_detected")).isNull();
    Map<String, Object> world = volume("world", "World", "2025-Q1");
    assertThat(world.get("suppression_reason")).isNotIn("fewer_operators", "dominance");
    if (Boolean.FALSE.equals(world.get("suppressed"))) {
      assertThat(world.get("spam_detected")).isEqualTo(9_130L);
    }
    // M49 Africa holds Egypt too: World minus M49 Africa, or M49 Africa minus ITU-D Africa, must
    // not give Egypt (alone in ITU-D Arab States) back.
    assertThat(
            List.of(
                volume("m49_region", "Africa", "2025-Q1").get("suppressed"),
                africa.get("suppressed")))
        .contains(true);
  }

  @Test
  void noPublishedRelationLeavesASingleWithheldCell() {
    // World 2025-Q1 sms = sum of the ITU-D regions: either none or at least two withheld.
    long withheldRegions =
        volumes.stream()
            .filter(
                v ->
                    "itu_region".equals(v.get("level"))
                        && "2025-Q1".equals(v.get("quarter"))
                        && Boolean.TRUE.equals(v.get("suppressed")))
            .count();
    assertThat(withheldRegions).isNotEqualTo(1L);
  }

  /**
   * Audit across tables: a total published in one table must not give back the only withheld part
   * of it in another. The flows into a country add up to its volume row, an area's sources (of one
   * kind) add up to the area's volume row, and the flows out of a source country add up to its
   * world-level row in the sources table.
   */
  @Test
  void noTotalPublishedInOneTableGivesBackTheOnlyWithheldPartInAnother() {
    List<String> leaks = new ArrayList<>();
    Map<List<Object>, long[]> intoCountry = new java.util.HashMap<>();
    Map<List<Object>, long[]> fromSource = new java.util.HashMap<>();
    for (Map<String, Object> r : routes) {
      int withheld = Boolean.TRUE.equals(r.get("suppressed")) ? 1 : 0;
      intoCountry
              .computeIfAbsent(
                  List.of(r.get("destination_country"), r.get("quarter"), r.get("spam_type")),
                  k -> new long[1])[0] +=
          withheld;
      fromSource
              .computeIfAbsent(
                  List.of(r.get("source_country"), r.get("quarter"), r.get("spam_type")),
                  k -> new long[1])[0] +=
          withheld;
    }
    intoCountry.forEach(
        (k, w) -> {
          Map<String, Object> total =
              findOrNull(
                  volumes,
                  "level",
                  "country",
                  "area",
                  k.get(0),
                  "quarter",
                  k.get(1),
                  "spam_type",
                  k.get(2));
          if (w[0] == 1 && total != null && Boolean.FALSE.equals(total.get("suppressed"))) {
            leaks.add("flows into " + k);
          }
        });
    fromSource.forEach(
        (k, w) -> {
          Map<String, Object> total =
              findOrNull(
                  sources,
                  "level",
                  "world",
                  "source_kind",
                  "country",
                  "source",
                  k.get(0),
                  "quarter",
                  k.get(1),
                  "spam_type",
                  k.get(2));
          if (w[0] == 1 && total != null && Boolean.FALSE.equals(total.get("suppressed"))) {
            leaks.add("flows from " + k);
          }
        });
    Map<List<Object>, long[]> inArea = new java.util.HashMap<>();
    for (Map<String, Object> r : sources) {
      inArea
              .computeIfAbsent(
                  List.of(
                      r.get("level"),
                      r.get("area"),
                      r.get("quarter"),
                      r.get("spam_type"),
                      r.get("source_kind")),
                  k -> new long[1])[0] +=
          Boolean.TRUE.equals(r.get("suppressed")) ? 1 : 0;
    }
    inArea.forEach(
        (k, w) -> {
          Map<String, Object> total =
              findOrNull(
                  volumes,
                  "level",
                  k.get(0),
                  "area",
                  k.get(1),
                  "quarter",
                  k.get(2),
                  "spam_type",
                  k.get(3));
          if (w[0] == 1 && total != null && Boolean.FALSE.equals(total.get("suppressed"))) {
            leaks.add("sources in " + k);
          }
        });
    assertThat(leaks).isEmpty();
  }

  private static Map<String, Object> findOrNull(List<Map<String, Object>> rows, Object... pairs) {
    for (Map<String, Object> r : rows) {
      boolean all = true;
      for (int i = 0; i < pairs.length; i += 2) {
        all &= java.util.Objects.equals(r.get((String) pairs[i]), pairs[i + 1]);
      }
      if (all) {
        return r;
      }
    }
    return null;
  }

  @Test
  void coverageFollowsTheVolumesDecisionAndKeepsTheQuestionnaireMarket() {
    Map<String, Object> ken = find(coverage, "country_code", "KEN", "quarter", "2025-Q1");
    assertThat(ken.get("suppressed"))
        .isEqualTo(volume("country", "KEN", "2025-Q1").get("suppressed"));
    if (Boolean.FALSE.equals(ken.get("suppressed"))) {
      assertThat((Double) ken.get("coverage_ratio"))
          .isEqualTo(0.202, org.assertj.core.api.Assertions.within(1e-12));
    }
    Map<String, Object> gha =
        find(coverage, "country_code", "GHA", "quarter", "2025-Q1", "spam_type", "sms");
    assertThat(gha.get("suppressed")).isEqualTo(true);
    assertThat(gha.get("coverage_ratio")).isNull();
    assertThat(gha.get("spam_national_estimate")).isNull();
    assertThat(gha.get("market_size")).isEqualTo(1_000_000L);
  }

  @Test
  void sourcesAreProtectedAcrossTheRegionHierarchy() {
    Map<String, Object> chinaWorld =
        find(
            sources,
            "level",
            "world",
            "quarter",
            "2025-Q1",
            "source_kind",
            "country",
            "source",
            "CHN");
    // B 300 + C 110 + E 1,000 + G 5,000 = 6,410 from four operators, G has 78%.
    assertThat(chinaWorld.get("suppression_reason")).isNotIn("fewer_operators", "dominance");
    if (Boolean.FALSE.equals(chinaWorld.get("suppressed"))) {
      assertThat(chinaWorld.get("spam_detected")).isEqualTo(6_410L);
    }
    Map<String, Object> chinaArab =
        find(
            sources,
            "level",
            "itu_region",
            "area",
            "Arab States",
            "quarter",
            "2025-Q1",
            "source_kind",
            "country",
            "source",
            "CHN");
    assertThat(chinaArab.get("suppression_reason")).isEqualTo("fewer_operators");
    Map<String, Object> chinaAfrica =
        find(
            sources,
            "level",
            "itu_region",
            "area",
            "Africa",
            "quarter",
            "2025-Q1",
            "source_kind",
            "country",
            "source",
            "CHN");
    assertThat(chinaAfrica.get("suppression_reason")).isEqualTo("complementary");
    assertThat(chinaAfrica.get("rank")).isNull();
  }

  @Test
  void flowsFromTwoOperatorsAreWithheld() {
    Map<String, Object> flow =
        find(
            routes,
            "quarter",
            "2025-Q1",
            "source_country",
            "NGA",
            "destination_country",
            "KEN",
            "entry_route",
            "international_gateway");
    assertThat(flow.get("suppression_reason")).isEqualTo("fewer_operators");
    assertThat(flow.get("reporting_operators")).isNull();
    assertThat(flow.get("suppressed")).isEqualTo(true);
    assertThat(flow.get("spam_detected")).isNull();
    assertThat(flow.get("share_of_destination")).isNull();
  }

  @Test
  void theResultCountsRowsAndWithheldRows() {
    assertThat(result.rows().get("published_volumes")).isEqualTo((long) volumes.size());
    assertThat(result.suppressed().get("published_volumes"))
        .isEqualTo(volumes.stream().filter(v -> Boolean.TRUE.equals(v.get("suppressed"))).count());
    assertThat(result.summary()).contains("k=3, max share 85%").contains("published_volumes");
  }

  @Test
  void lowerThresholdsPublishMore() {
    Warehouse w = warehouse;
    PublishJob.Result loose =
        new PublishJob(spark).run(new PublishJob.Options(w, new DisclosurePolicy(1, 1.0, 0.1)));
    assertThat(loose.suppressed().values()).allMatch(n -> n == 0L);
  }

  @Test
  void withoutAggregateTablesPublishSaysWhatToRunFirst() {
    Warehouse empty = Warehouse.at(spark, dir.resolve("empty").toUri().toString());
    assertThatThrownBy(() -> new PublishJob(spark).run(PublishJob.Options.defaults(empty)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("run aggregate before publish");
  }

  private static Map<String, Object> volume(String level, String area, String quarter) {
    return find(volumes, "level", level, "area", area, "quarter", quarter, "spam_type", "sms");
  }

  private static Map<String, Object> find(List<Map<String, Object>> rows, Object... pairs) {
    List<Map<String, Object>> hits = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      boolean match = true;
      for (int i = 0; i < pairs.length; i += 2) {
        match &= Objects.equals(r.get((String) pairs[i]), pairs[i + 1]);
      }
      if (match) {
        hits.add(r);
      }
    }
    assertThat(hits).as(java.util.Arrays.toString(pairs)).hasSize(1);
    return hits.get(0);
  }

  private static List<Map<String, Object>> maps(Dataset<Row> data) {
    List<Map<String, Object>> out = new ArrayList<>();
    String[] columns = data.columns();
    for (Row r : data.collectAsList()) {
      Map<String, Object> m = new HashMap<>();
      for (int i = 0; i < columns.length; i++) {
        m.put(columns[i], r.get(i));
      }
      out.add(m);
    }
    return out;
  }
}
