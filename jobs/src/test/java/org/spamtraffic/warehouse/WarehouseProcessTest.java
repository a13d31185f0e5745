package org.spamtraffic.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.intake.IngestReturns;
import org.spamtraffic.spark.SparkSessions;

/**
 * The warehouse against other processes: two jobs in two JVMs committing at the same moment, and a
 * job killed with SIGKILL at each point of its commit.
 */
class WarehouseProcessTest {
  private static final Path SAMPLES =
      Paths.get("..", "data-samples", "returns").toAbsolutePath().normalize();
  private static final List<String> TABLES = List.of("returns", "rejects", "submissions");
  private static final Duration WAIT = Duration.ofMinutes(5);

  @TempDir static Path temp;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSessions.forTests("warehouse-processes");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void twoJobsCommittingAtOnceInTwoProcesses_oneWinsTheOtherFailsSayingSo() throws Exception {
    Path dir = temp.resolve("concurrent");
    Warehouse w = Warehouse.at(spark, dir.toString());
    w.begin("setup").write("itu_regions", ContractRows.of(spark, "itu_regions", "s", 1)).commit();
    Path go = temp.resolve("go");
    try (ChildJvm a =
            ChildJvm.start(
                temp,
                null,
                "write",
                dir.toString(),
                "job-a",
                "itu_regions",
                "a",
                "3",
                go.toString());
        ChildJvm b =
            ChildJvm.start(
                temp,
                null,
                "write",
                dir.toString(),
                "job-b",
                "itu_regions",
                "b",
                "4",
                go.toString())) {
      a.await("ready", WAIT);
      b.await("ready", WAIT);
      Files.writeString(go, "go"); // both commit at the same moment
      List<String> results = List.of(a.result(WAIT), b.result(WAIT));
      assertThat(results).filteredOn(r -> r.equals("committed 2")).hasSize(1);
      String lost =
          results.stream().filter(r -> r.startsWith("conflict")).findFirst().orElseThrow();
      assertThat(lost).containsPattern("job-[ab] \\(commit 2\\) changed itu_regions");
      String winner = results.get(0).equals("committed 2") ? "a" : "b";
      Warehouse now = Warehouse.at(spark, dir.toString());
      assertThat(now.head().number()).isEqualTo(2);
      assertThat(ContractRows.labels(now, "itu_regions")).containsExactly(winner);
      assertThat(now.read("itu_regions").count()).isEqualTo(winner.equals("a") ? 3 : 4);
      assertThat(spark.table(now.tableName("itu_regions")).count())
          .isEqualTo(now.read("itu_regions").count());
    }
  }

  @Test
  void aJobKilledAnywhereLeavesThePreviousStudyIntactAndARerunGivesTheSameTables()
      throws Exception {
    // One landing folder that grows, as a study's does: the killed job is an incremental run that
    // adds a resubmission (rows of a recorded submission leave returns), new quarters and a copy.
    Path landing = temp.resolve("landing");
    add(
        landing,
        "KE-KILIMA/20250415T091500Z_KE-KILIMA_2025-Q1.csv",
        "FR-AZUR/20250415T091500Z_FR-AZUR_2025-Q1.csv",
        "FR-AZUR/20250715T101000Z_FR-AZUR_2025-Q2.csv",
        "NG-NAIJANET/20250715T101000Z_NG-NAIJANET_2025-Q2.xlsx");
    Warehouse reference = Warehouse.at(spark, temp.resolve("reference").toString());
    new IngestReturns(spark, reference).run(IngestReturns.Options.of(landing.toString()));
    Path dir = temp.resolve("killed");
    Warehouse w = Warehouse.at(spark, dir.toString());
    new IngestReturns(spark, w).run(IngestReturns.Options.of(landing.toString()));
    add(
        landing,
        "NG-NAIJANET/20250802T140000Z_NG-NAIJANET_2025-Q2_corrected.xlsx",
        "KE-KILIMA/20250715T101000Z_KE-KILIMA_2025-Q2.csv",
        "KE-KILIMA/20251015T083000Z_KE-KILIMA_2025-Q3.csv",
        "KE-KILIMA/20251016T080000Z_KE-KILIMA_2025-Q3 (copy).csv");
    // The uninterrupted history, for reference.
    new IngestReturns(spark, reference).run(IngestReturns.Options.of(landing.toString()));
    Map<String, List<String>> first = contents(reference.asOf(1));
    assertThat(contents(w)).isEqualTo(first);

    // A job killed while writing its tables (some written, or all), and right after its commit
    // (before it tagged the tables and dropped its branches).
    for (String point :
        List.of("after-write:returns", "before-study-commit", "after-study-commit")) {
      try (ChildJvm child =
          ChildJvm.start(temp, point, "ingest", dir.toString(), landing.toString())) {
        child.await("paused at " + point, WAIT);
        child.kill();
      }
      Warehouse after = Warehouse.at(spark, dir.toString());
      long expected = point.equals("after-study-commit") ? 2 : 1;
      assertThat(after.head().number()).as("commit after a kill %s", point).isEqualTo(expected);
      assertThat(contents(after.asOf(1))).as("commit 1 after a kill %s", point).isEqualTo(first);
      for (String t : TABLES) {
        assertThat(spark.table(after.tableName(t)).count())
            .as("%s by its Spark SQL name after a kill %s", t, point)
            .isEqualTo(after.read(t).count());
      }
    }
    // A re-run gives the tables of the uninterrupted history; then retention clears the dead.
    Warehouse rerun = Warehouse.at(spark, dir.toString());
    IngestReturns.Result again =
        new IngestReturns(spark, rerun).run(IngestReturns.Options.of(landing.toString()));
    assertThat(again.rebuilt()).isNull();
    assertThat(contents(rerun)).isEqualTo(contents(reference));
    Retention.Result expired = rerun.expire(Duration.ZERO);
    // A branch per table each killed job had started: 1 and 3 before the commit, and the 3 that
    // the job killed right after its commit never dropped.
    assertThat(expired.branchesRemoved()).isEqualTo(1 + 3 + 3);
    assertThat(contents(rerun.refresh())).isEqualTo(contents(reference));
    assertThat(contents(rerun.asOf(1))).isEqualTo(first);
  }

  private static Map<String, List<String>> contents(Warehouse w) {
    Map<String, List<String>> out = new TreeMap<>();
    for (String t : TABLES) {
      List<String> rows = new ArrayList<>();
      for (Row r : w.read(t).collectAsList()) {
        rows.add(r.toString());
      }
      rows.sort(String::compareTo);
      out.put(t, rows);
    }
    return out;
  }

  /** Copies some sample files into {@code landing}. */
  private static void add(Path landing, String... files) throws IOException {
    for (String file : files) {
      copy(SAMPLES.resolve(file), landing.resolve(file));
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to);
    Files.setLastModifiedTime(to, Files.getLastModifiedTime(from));
  }
}
