package org.spamtraffic.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.aggregate.AggregateStage;
import org.spamtraffic.estimate.EstimateStage;
import org.spamtraffic.intake.IngestReturnsStage;
import org.spamtraffic.publish.DisclosurePolicy;
import org.spamtraffic.publish.PublishStage;
import org.spamtraffic.report.ReportStage;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.stage.Stage;
import org.spamtraffic.stage.StudyContext;
import org.spamtraffic.surveyingest.IngestSurveyStage;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The study on the bundled samples, attacked from its published files alone: no withheld figure of
 * a primary cell (fewer than k operators, or dominated) may be narrowed below the protection level
 * by any linear relation a reader can derive ({@link PublishedAttack}), and withheld rows carry no
 * hint. Asserts properties, not the samples' counts (the samples change).
 */
class SamplesAttackTest {
  static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
  @TempDir static Path dir;
  private static SparkSession spark;
  private static Warehouse warehouse;
  private static Path bundle;

  @BeforeAll
  static void study() {
    spark = SparkSessions.forTests("SamplesAttackTest");
    warehouse = Warehouse.at(spark, dir.resolve("warehouse").toUri().toString());
    StudyContext context =
        new StudyContext(
            spark,
            warehouse,
            dir.resolve("out").toUri().toString(),
            PROJECT.resolve("data-samples/returns").toString(),
            PROJECT.resolve("data-samples/survey").toString(),
            "attack");
    for (Stage s :
        List.of(
            new IngestReturnsStage(),
            new IngestSurveyStage(),
            new AggregateStage(),
            new PublishStage(),
            new EstimateStage(),
            new ReportStage())) {
      s.run(context);
    }
    bundle = dir.resolve("out/reports/attack");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void noWithheldFigureCanBeNarrowedBelowTheProtectionLevel() {
    DisclosurePolicy policy = DisclosurePolicy.standard();
    PublishedAttack attack = new PublishedAttack(policy.minOperators(), policy.maxShare());
    attack.build(bundle, warehouse);
    assertThat(attack.targets).as("primary withheld figures to attack").isNotEmpty();
    List<LinearAttack.Leak> leaks = attack.lp.attack(attack.targets, policy.protection());
    assertThat(leaks)
        .as(
            "figures a reader can narrow (of %d attacked, %d programs): %s",
            attack.targets.size(), attack.lp.programs, leaks.subList(0, Math.min(20, leaks.size())))
        .isEmpty();
  }

  @Test
  void withheldRowsShowOnlyTheirKeysAndTheCategoryOfRule() {
    Map<String, List<String>> kept =
        Map.of(
            "published_volumes", List.of("level", "area", "area_name", "quarter", "spam_type"),
            "published_coverage",
                List.of(
                    "country_code",
                    "quarter",
                    "spam_type",
                    "market_size",
                    "market_source",
                    "coverage_status"),
            "published_routes",
                List.of(
                    "quarter",
                    "spam_type",
                    "source_country",
                    "destination_country",
                    "entry_route",
                    "net"),
            "published_sources",
                List.of(
                    "level",
                    "area",
                    "quarter",
                    "spam_type",
                    "source_kind",
                    "source",
                    "source_network_kind"));
    List<String> hints = new ArrayList<>();
    kept.forEach(
        (table, keys) -> {
          for (Map<String, String> r :
              PublishedAttack.csv(bundle.resolve("tables/" + table + ".csv"))) {
            if (!"true".equals(r.get("suppressed"))) {
              continue;
            }
            assertThat(r.get("suppression_reason"))
                .isIn("fewer_operators", "dominance", "complementary");
            r.forEach(
                (column, value) -> {
                  if (!keys.contains(column)
                      && !column.startsWith("suppress")
                      && value != null
                      && !value.isEmpty()) {
                    hints.add(table + "." + column + " = " + value + " on a withheld row");
                  }
                });
          }
        });
    assertThat(hints).isEmpty();
  }

  @Test
  void ranksAreAmongPublishedSourcesOnly() {
    Map<String, List<Integer>> ranks = new java.util.TreeMap<>();
    for (Map<String, String> r :
        PublishedAttack.csv(bundle.resolve("tables/published_sources.csv"))) {
      if ("true".equals(r.get("suppressed"))) {
        continue;
      }
      ranks
          .computeIfAbsent(
              String.join(
                  "|",
                  r.get("level"),
                  r.get("area"),
                  r.get("quarter"),
                  r.get("spam_type"),
                  r.get("source_kind")),
              k -> new ArrayList<>())
          .add(Integer.parseInt(r.get("rank")));
    }
    // 1..n without gaps: a gap would say a withheld source lies between two published ones.
    ranks.forEach(
        (group, list) -> {
          List<Integer> sorted = list.stream().sorted().toList();
          for (int i = 0; i < sorted.size(); i++) {
            assertThat(sorted.get(i)).as(group).isEqualTo(i + 1);
          }
        });
  }

  @Test
  void thePublicBundleNamesNoOperatorAndNoLandingFile() throws Exception {
    List<String> operators = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (Row r : warehouse.read("submissions").select("operator_id", "file").collectAsList()) {
      if (r.getString(0) != null) {
        operators.add(r.getString(0));
      }
      files.add(Path.of(r.getString(1)).getFileName().toString());
    }
    assertThat(operators).isNotEmpty();
    List<Path> text;
    try (var walk = Files.walk(bundle)) {
      text =
          walk.filter(Files::isRegularFile)
              .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".csv"))
              .toList();
    }
    for (Path p : text) {
      String content = Files.readString(p, StandardCharsets.UTF_8);
      for (String o : operators) {
        assertThat(content).as(p + " names operator " + o).doesNotContain(o);
      }
      for (String f : files) {
        assertThat(content).as(p + " names landing file " + f).doesNotContain(f);
      }
    }
  }
}
