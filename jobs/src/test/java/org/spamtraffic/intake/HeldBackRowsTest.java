package org.spamtraffic.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * Rows whose key hash repeats close by are held back by the checking pass instead of being written
 * and rewritten. Holding back is only a shortcut: the tables must be exactly those of a run that
 * holds nothing back and rewrites every file with a duplicate.
 */
class HeldBackRowsTest {
  @TempDir static Path temp;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSessions.forTests("held-back-rows");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void holdingBackGivesTheTablesOfRewriting() throws Exception {
    Path landing = Files.createDirectories(temp.resolve("landing"));
    // 2% faulty rows, a sixth of them repeating the row before: duplicate keys side by side.
    BulkReturns.singleCsv(landing.resolve("big.csv"), 6_000, 0.02, 11);
    // A second operator's small return with the same faults, in the same run.
    BulkReturns.manyFiles(landing.resolve("many"), 2_000, 2, 0.05, 3);

    Warehouse held = Warehouse.at(spark, temp.resolve("held").toString());
    IngestReturns holding = new IngestReturns(spark, held);
    IngestReturns.Result a = holding.run(IngestReturns.Options.of(landing.toString()));

    Warehouse rewritten = Warehouse.at(spark, temp.resolve("rewritten").toString());
    IngestReturns rewriting = new IngestReturns(spark, rewritten).withWindowBytes(1);
    IngestReturns.Result b = rewriting.run(IngestReturns.Options.of(landing.toString()));

    // Not vacuous: one run held rows back and rewrote less, the other held nothing back.
    assertThat(holding.trace().heldRows()).isGreaterThan(0);
    assertThat(rewriting.trace().heldRows()).isZero();
    assertThat(rewriting.trace().rewritten()).isGreaterThan(holding.trace().rewritten());
    assertThat(held.read("rejects").filter("rule = 'duplicate_key'").count()).isGreaterThan(0);

    assertThat(a.rowsRead()).isEqualTo(a.rowsAccepted() + a.rowsRejected());
    assertThat(List.of(a.rowsAccepted(), a.rowsRejected(), a.returnsRows()))
        .isEqualTo(List.of(b.rowsAccepted(), b.rowsRejected(), b.returnsRows()));
    for (String table : List.of("returns", "rejects", "submissions")) {
      assertThat(sorted(held.read(table))).as(table).isEqualTo(sorted(rewritten.read(table)));
    }
  }

  private static List<String> sorted(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }
}
