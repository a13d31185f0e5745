package org.spamtraffic.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Contracts;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The history's batch statuses come from the warehouse's {@code submissions} at the latest study
 * commit, read without Spark (the portal has no session). The table is written here by a job's
 * transaction, as {@code ingest-returns} writes it; only the reading side is Spark-free.
 */
class BatchStatusesTest {
  @TempDir static Path temp;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSessions.forTests("batch-statuses");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Commits a submissions table of rows "file,status,accepted,rejected,superseded_by". */
  private static void commit(Warehouse warehouse, String... rows) {
    List<Row> out = new ArrayList<>();
    int i = 0;
    for (String row : rows) {
      String[] c = row.split(",", -1);
      long accepted = Long.parseLong(c[2]);
      long rejected = Long.parseLong(c[3]);
      out.add(
          RowFactory.create(
              "s" + i++,
              "OP-A",
              null,
              c[0],
              c[0].substring(c[0].lastIndexOf('/') + 1),
              "csv",
              "0",
              1L,
              new Timestamp(0),
              accepted + rejected,
              accepted,
              rejected,
              0L,
              c[1],
              null,
              null,
              null,
              c[4].isEmpty() ? null : c[4],
              1,
              null));
    }
    var schema = Contracts.sparkSchema(TableContract.load("submissions"));
    warehouse
        .begin("ingest-returns")
        .write("submissions", spark.createDataFrame(out, schema))
        .commit();
  }

  @Test
  void theLatestCommitsSubmissionsGiveEachStoredFileItsStatus() {
    Path dir = temp.resolve("warehouse");
    BatchStatuses statuses = new BatchStatuses(dir.toUri().toString());
    assertThat(statuses.of("OP-A", "20250101T000000Z_a.csv")).isEmpty();
    assertThat(dir).doesNotExist(); // looking never creates a warehouse

    Warehouse warehouse = Warehouse.at(spark, dir.toString());
    commit(warehouse, "file:/srv/landing/OP-A/20250101T000000Z_a.csv,accepted_with_rejects,5,2,");
    assertThat(statuses.of("OP-A", "20250101T000000Z_a.csv").orElseThrow().words(Texts.ENGLISH))
        .isEqualTo("accepted: 5 rows used, 2 rejected");
    assertThat(statuses.of("OP-B", "20250101T000000Z_a.csv")).isEmpty();

    commit(
        warehouse,
        "file:/srv/landing/OP-A/20250101T000000Z_a.csv,accepted_with_rejects,5,2,abc",
        "file:/srv/landing/OP-A/20250102T000000Z_b.csv,accepted,7,0,");
    assertThat(statuses.of("OP-A", "20250101T000000Z_a.csv").orElseThrow().words(Texts.ENGLISH))
        .isEqualTo("accepted: 5 rows used, 2 rejected (replaced by a later upload)");
    assertThat(statuses.of("OP-A", "20250102T000000Z_b.csv").orElseThrow().words(Texts.ENGLISH))
        .isEqualTo("accepted: every row used");
  }

  @Test
  void withoutAWarehouseThereIsNoStatus() {
    BatchStatuses none = new BatchStatuses(null);
    assertThat(none.configured()).isFalse();
    assertThat(none.of("OP-A", "20250101T000000Z_a.csv")).isEmpty();
  }
}
