package org.spamtraffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * show for scripts: csv and json of whole values, the exact table back from json, names suggested.
 */
class ShowCommandTest {
  @TempDir static Path temp;
  private static Path out;

  @BeforeAll
  static void oneIngest() throws IOException {
    Path operator = Files.createDirectories(temp.resolve("landing/KE-KILIMA"));
    Path sample =
        Path.of("..", "data-samples", "returns", "KE-KILIMA").toAbsolutePath().normalize();
    try (var files = Files.list(sample)) {
      for (Path f : files.sorted().limit(2).toList()) {
        Files.copy(f, operator.resolve(f.getFileName()));
      }
    }
    out = temp.resolve("out");
    CommandRun ingest =
        CommandRun.of(
            "ingest-returns",
            "--landing",
            temp.resolve("landing").toString(),
            "--out",
            out.toString());
    assertThat(ingest.exit()).as(ingest.err()).isZero();
  }

  @AfterAll
  static void stop() {
    if (SparkSession.getActiveSession().isDefined()) {
      SparkSession.getActiveSession().get().stop();
    }
  }

  @Test
  void jsonReadsBackToExactlyTheTable() {
    for (String table : List.of("returns", "rejects", "submissions")) {
      CommandRun show = CommandRun.of("show", table, "--format", "json", "--out", out.toString());
      assertThat(show.exit()).as(show.err()).isZero();
      SparkSession spark = SparkSessions.forTests("ShowCommandTest");
      Dataset<Row> original = Warehouse.at(spark, out.resolve("warehouse").toString()).read(table);
      List<String> lines = show.out().lines().toList();
      assertThat(lines).hasSize((int) original.count());
      Dataset<Row> back =
          spark
              .read()
              .schema(original.schema())
              .json(spark.createDataset(lines, Encoders.STRING()));
      assertThat(back.exceptAll(original).count()).as(table).isZero();
      assertThat(original.exceptAll(back).count()).as(table).isZero();
      assertThat(show.err()).contains(table + ": " + original.count() + " row");
    }
  }

  @Test
  void csvHasTheColumnsAskedForAndWholeValues() {
    CommandRun show =
        CommandRun.of(
            "show",
            "submissions",
            "--columns",
            "operator_id,file_name",
            "--format",
            "csv",
            "--out",
            out.toString());
    assertThat(show.exit()).as(show.err()).isZero();
    List<String> lines = show.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("operator_id,file_name");
    assertThat(lines).contains("KE-KILIMA,20241015T090000Z_KE-KILIMA_2024-Q3.csv");
  }

  @Test
  void csvNeutralisesTextASpreadsheetWouldRunAndLeavesNumbersAlone() {
    // Kilima's number ranges (+2541*) are formula-like text; its figures are numbers.
    CommandRun show =
        CommandRun.of(
            "show",
            "returns",
            "--columns",
            "source_network,spam_detected",
            "--where",
            "source_network LIKE '+%'",
            "--format",
            "csv",
            "--out",
            out.toString());
    assertThat(show.exit()).as(show.err()).isZero();
    List<String> lines = show.out().lines().skip(1).toList();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      String[] cells = line.split(",", -1);
      assertThat(cells[0]).matches("'\\+[0-9]+\\*");
      assertThat(org.spamtraffic.output.SpreadsheetText.isFormulaLike(cells[0])).isFalse();
      assertThat(Long.parseLong(cells[1])).isPositive();
    }
  }

  @Test
  void theListNamesALocalWarehouseByItsPath() {
    CommandRun list = CommandRun.of("show", "--out", out.toString());
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out())
        .startsWith("warehouse " + out.resolve("warehouse").toAbsolutePath() + ", commit 1 by ");
  }

  @Test
  void theListIsMadeWithoutSparkAndReadsAsSparksList() {
    String noSpark = "nosuch://no-spark";
    CommandRun fast = CommandRun.of("show", "--master", noSpark, "--out", out.toString());
    assertThat(fast.exit()).as(fast.err()).isZero();
    // Any spark.hadoop.* setting sends show to Spark, which counts every table with a job.
    CommandRun spark =
        CommandRun.of("show", "--conf", "spark.hadoop.show.test=1", "--out", out.toString());
    assertThat(spark.exit()).as(spark.err()).isZero();
    assertThat(fast.out())
        .isEqualTo(spark.out())
        .contains("local.spamtraffic.returns")
        .contains("commits:");
    CommandRun withSpark =
        CommandRun.of(
            "show",
            "--conf",
            "spark.hadoop.show.test=1",
            "--master",
            noSpark,
            "--out",
            out.toString());
    assertThat(withSpark.exit()).as("Spark cannot start with this master").isNotZero();
  }

  @Test
  void anUnknownNameIsAnsweredWithTheNamesAndTheNearest() {
    CommandRun table = CommandRun.of("show", "retruns", "--out", out.toString());
    assertThat(table.exit()).isEqualTo(2);
    assertThat(table.err())
        .contains("No table 'retruns'; did you mean 'returns'? There are: ")
        .contains("rejects, returns, submissions");
    CommandRun column =
        CommandRun.of("show", "returns", "--columns", "operator,period", "--out", out.toString());
    assertThat(column.exit()).isEqualTo(2);
    assertThat(column.err())
        .contains("No column of returns 'operator'; did you mean 'operator_id'?");
  }

  @Test
  void aSmallTableIsReadWithoutSparkAndPrintedAsSparkPrintsIt() {
    // A master Spark cannot start with: a show that succeeds with it never started Spark.
    String noSpark = "nosuch://no-spark";
    for (String format : List.of("table", "csv", "json")) {
      CommandRun fast =
          CommandRun.of(
              "show",
              "submissions",
              "--format",
              format,
              "--master",
              noSpark,
              "--out",
              out.toString());
      assertThat(fast.exit()).as(fast.err()).isZero();
      // --where is always read with Spark: "true" keeps every row.
      CommandRun spark =
          CommandRun.of(
              "show",
              "submissions",
              "--format",
              format,
              "--where",
              "true",
              "--out",
              out.toString());
      assertThat(spark.exit()).as(spark.err()).isZero();
      assertThat(fast.out()).as(format).isEqualTo(spark.out()).contains("KE-KILIMA");
      // Spark may add its own warnings to stderr; the count line is the same.
      assertThat(fast.err())
          .isEqualTo(format.equals("table") ? "" : "local.spamtraffic.submissions: 2 rows\n");
      assertThat(spark.err()).contains(fast.err());
    }
    CommandRun withSpark =
        CommandRun.of(
            "show", "submissions", "--where", "true", "--master", noSpark, "--out", out.toString());
    assertThat(withSpark.exit()).as("Spark cannot start with this master").isNotZero();
  }

  @Test
  void aNegativeLimitIsAUsageError() {
    CommandRun show = CommandRun.of("show", "returns", "--limit", "-1", "--out", out.toString());
    assertThat(show.exit()).isEqualTo(2);
    assertThat(show.err()).contains("--limit must be 0 or more, not -1");
  }
}
