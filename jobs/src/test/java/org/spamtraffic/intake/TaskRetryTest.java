package org.spamtraffic.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.generate.BulkReturns;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * A task of the checking pass that fails half way and is retried must leave no trace: the data
 * files its failed attempt wrote (Spark's commit protocol with Iceberg's writer) and its scratch
 * file of rejected rows are ignored or removed, its summary is not counted, and the tables are
 * those of a run without failure.
 */
class TaskRetryTest {
  @TempDir static Path temp;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    // local[2,2]: two cores, and a failed task is tried once more (plain local mode never retries).
    spark =
        SparkSessions.create(
            "task-retry",
            "local[2,2]",
            Map.of("spark.sql.shuffle.partitions", "4", "spark.ui.enabled", "false"),
            false);
  }

  @AfterAll
  static void stop() {
    CheckingPass.failFirstAttemptAfter = -1;
    spark.stop();
  }

  @Test
  void aRetriedTaskLeavesNoTrace() throws Exception {
    Path landing = Files.createDirectories(temp.resolve("landing"));
    BulkReturns.singleCsv(landing.resolve("big.csv"), 4_000, 0.02, 5);
    FileInspector.Limits limits = FileInspector.Limits.DEFAULT.withChunkBytes(64 << 10);
    IngestReturns.Options options = new IngestReturns.Options(landing.toString(), limits, 5.0);

    Warehouse clean = Warehouse.at(spark, temp.resolve("clean").toString());
    IngestReturns.Result expected = new IngestReturns(spark, clean).run(options);

    Warehouse retried = Warehouse.at(spark, temp.resolve("retried").toString());
    CheckingPass.failFirstAttemptAfter = 900; // the task has written and rejected rows by then
    IngestReturns.Result actual;
    try {
      actual = new IngestReturns(spark, retried).run(options);
    } finally {
      CheckingPass.failFirstAttemptAfter = -1;
    }

    assertThat(CheckingPass.injectedFailures.get()).isEqualTo(1);
    assertThat(actual.rowsRead()).isEqualTo(expected.rowsRead());
    assertThat(actual.rowsRejected()).isEqualTo(expected.rowsRejected()).isGreaterThan(0);
    assertThat(actual.returnsRows()).isEqualTo(expected.returnsRows());
    for (String table : List.of("returns", "rejects", "submissions")) {
      assertThat(sorted(retried.read(table))).as(table).isEqualTo(sorted(clean.read(table)));
    }
    // Only committed data is left: as many Parquet files as the clean run, no scratch.
    assertThat(parquetFiles(temp.resolve("retried")))
        .isEqualTo(parquetFiles(temp.resolve("clean")));
  }

  private static List<String> sorted(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static long parquetFiles(Path warehouse) throws Exception {
    try (Stream<Path> files = Files.walk(warehouse)) {
      return files.filter(p -> p.toString().endsWith(".parquet")).count();
    }
  }
}
