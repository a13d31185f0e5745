package org.spamtraffic.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.generate.BulkReturns;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.validate.Finding;
import org.spamtraffic.validate.ReturnValidator;
import org.spamtraffic.validate.ValidationReport;
import org.spamtraffic.warehouse.Warehouse;

/**
 * A big CSV is cut into chunks at line ends and read in parallel; every row keeps its exact line
 * number, so ingest (chunked) and validate (whole file) report the same lines.
 */
class ChunkedCsvTest {
  @TempDir static Path temp;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSessions.forTests("chunked-csv");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void chunksCoverEveryLineOnceWithItsLineNumber() throws Exception {
    Path landing = Files.createDirectories(temp.resolve("landing"));
    Path file = landing.resolve("big.csv");
    long rows = BulkReturns.singleCsv(file, 5_000, 0.01, 7);
    // 64 KiB chunks: about 15 chunks for this file.
    FileInspector.Limits limits = FileInspector.Limits.DEFAULT.withChunkBytes(64 << 10);
    ReturnFile inspected = new FileInspector(new Configuration(), limits).inspect(file.toString());
    assertThat(inspected.chunks()).hasSizeGreaterThan(5);
    long previousEnd = 0;
    for (long[] c : inspected.chunks()) {
      assertThat(c[0]).isEqualTo(previousEnd);
      previousEnd = c[1];
    }
    assertThat(previousEnd).isEqualTo(Files.size(file));

    Warehouse warehouse = Warehouse.at(spark, temp.resolve("warehouse").toString());
    IngestReturns.Result result =
        new IngestReturns(spark, warehouse)
            .run(new IngestReturns.Options(landing.toString(), limits, 5.0));
    assertThat(result.rowsRead()).isEqualTo(rows);
    assertThat(result.rowsRead()).isEqualTo(result.rowsAccepted() + result.rowsRejected());
    assertThat(result.rowsRejected()).isGreaterThan(0);

    ValidationReport whole =
        new ReturnValidator(new Configuration(), ReturnValidator.Options.DEFAULT)
            .validate(file.toString());
    List<String> fromValidate = new ArrayList<>();
    for (Finding f : whole.findings()) {
      if (f.row() != null) {
        fromValidate.add(f.row() + "|" + f.column() + "|" + f.rule() + "|" + f.value());
      }
    }
    List<String> fromIngest = new ArrayList<>();
    for (Row r : warehouse.read("rejects").filter("row is not null").collectAsList()) {
      fromIngest.add(
          r.getAs("row")
              + "|"
              + r.getAs("column")
              + "|"
              + r.getAs("rule")
              + "|"
              + r.getAs("value"));
    }
    assertThat(fromIngest).containsExactlyInAnyOrderElementsOf(fromValidate).isNotEmpty();
    assertThat(warehouse.read("returns").count()).isEqualTo(whole.rowsAccepted());
    assertThat(result.returnsRows()).isEqualTo(whole.rowsAccepted());
    // Rows rejected across rows (duplicate keys, some in different chunks) were taken out of the
    // files the chunks wrote: no returned line is also a rejected line, and none is there twice.
    assertThat(fromValidate).anyMatch(f -> f.contains("duplicate_key"));
    List<Long> returned =
        warehouse
            .read("returns")
            .select("source_row")
            .as(org.apache.spark.sql.Encoders.LONG())
            .collectAsList();
    assertThat(returned).doesNotHaveDuplicates();
    List<Long> rejectedLines =
        warehouse
            .read("rejects")
            .filter("row is not null")
            .select("row")
            .as(org.apache.spark.sql.Encoders.LONG())
            .collectAsList();
    assertThat(returned).doesNotContainAnyElementsOf(rejectedLines);
    assertThat(returned.size() + new java.util.HashSet<>(rejectedLines).size()).isEqualTo(rows);
  }
}
