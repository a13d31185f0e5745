package org.spamtraffic.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.aggregate.AggregateStage;
import org.spamtraffic.intake.IngestReturnsStage;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.stage.TestStudy;
import org.spamtraffic.surveyingest.IngestSurveyStage;
import org.spamtraffic.warehouse.Warehouse;

/**
 * Publish decides the same on the same inputs however Spark splits them: a block's rows reach its
 * task in the order the shuffle delivers them (which depends on the input files and partitions),
 * and neither the rows withheld nor the counts of the audit may depend on that order. On the
 * bundled samples' blocks.
 */
class PublishDeterminismTest {
  static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
  @TempDir static Path dir;
  private static SparkSession spark;
  private static Warehouse warehouse;

  @BeforeAll
  static void aggregate() {
    spark = SparkSessions.forTests("PublishDeterminismTest");
    warehouse = Warehouse.at(spark, dir.resolve("warehouse").toUri().toString());
    TestStudy.run(
        spark,
        warehouse,
        dir,
        PROJECT.resolve("data-samples/returns").toString(),
        PROJECT.resolve("data-samples/survey").toString(),
        "determinism",
        List.of(new IngestReturnsStage(), new IngestSurveyStage(), new AggregateStage()));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void aBlockDecidesTheSameWhateverTheOrderOfItsRows() {
    Hierarchy hierarchy = Hierarchy.of(warehouse.read("countries").collectAsList());
    Map<String, List<Row>> blocks = new TreeMap<>();
    for (Row r :
        PublishJob.blockInput(
                warehouse.read("volumes"), warehouse.read("sources"), warehouse.read("routes"))
            .collectAsList()) {
      blocks
          .computeIfAbsent(r.getAs("quarter") + "|" + r.getAs("spam_type"), k -> new ArrayList<>())
          .add(r);
    }
    assertThat(blocks).isNotEmpty();
    PublishBlock block = new PublishBlock(hierarchy, DisclosurePolicy.standard());
    Random random = new Random(5);
    for (Map.Entry<String, List<Row>> e : blocks.entrySet()) {
      List<String> asDelivered = decisions(block, e.getKey(), e.getValue());
      List<Row> reversed = new ArrayList<>(e.getValue());
      Collections.reverse(reversed);
      List<Row> shuffled = new ArrayList<>(e.getValue());
      Collections.shuffle(shuffled, random);
      assertThat(decisions(block, e.getKey(), reversed))
          .as("block %s, rows reversed", e.getKey())
          .isEqualTo(asDelivered);
      assertThat(decisions(block, e.getKey(), shuffled))
          .as("block %s, rows shuffled", e.getKey())
          .isEqualTo(asDelivered);
    }
  }

  @Test
  void theJobDecidesTheSameWhateverTheNumberOfShufflePartitions() {
    String before = spark.conf().get("spark.sql.shuffle.partitions");
    try {
      List<String> summaries = new ArrayList<>();
      List<List<String>> withheld = new ArrayList<>();
      for (String partitions : List.of("1", "7")) {
        spark.conf().set("spark.sql.shuffle.partitions", partitions);
        PublishJob.Result result =
            new PublishJob(spark).run(PublishJob.Options.defaults(warehouse));
        summaries.add(result.summary());
        List<String> rows = new ArrayList<>();
        for (String table : PublishJob.TABLES) {
          warehouse
              .read(table)
              .filter("suppressed")
              .toJSON()
              .collectAsList()
              .forEach(j -> rows.add(table + " " + j));
        }
        Collections.sort(rows);
        withheld.add(rows);
      }
      assertThat(summaries.get(1)).isEqualTo(summaries.get(0));
      assertThat(withheld.get(1)).isEqualTo(withheld.get(0));
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", before);
    }
  }

  /** The block's output (withheld rows with their reasons, then the counts row), as text. */
  private static List<String> decisions(PublishBlock block, String key, List<Row> rows) {
    List<String> out = new ArrayList<>();
    block.call(key, rows.iterator()).forEachRemaining(r -> out.add(r.toString()));
    List<String> withheld = new ArrayList<>(out.subList(0, out.size() - 1));
    Collections.sort(withheld);
    withheld.add(out.get(out.size() - 1));
    return withheld;
  }
}
