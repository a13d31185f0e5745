package org.spamtraffic.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
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
    // Each killed job is still listed as a run, with a branch per table it had started: 1 and 3
    // before the commit, and the 3 that the job killed right after its commit never dropped.
    Warehouse killed = Warehouse.at(spark, dir.toString());
    List<DeadRuns.Run> dead = killed.runs().recorded();
    assertThat(dead).hasSize(3).allMatch(DeadRuns::dead);
    assertThat(jobBranches(killed)).isEqualTo(1 + 3 + 3);
    // What else a dead run leaves: a data file it wrote before Iceberg's commit, a scratch folder.
    Path data = folder(killed, "returns").resolve("data");
    Path deadFile = data.resolve("00000-0-written-by-a-dead-run-00001.parquet");
    Files.copy(anyParquet(data), deadFile);
    Files.setLastModifiedTime(deadFile, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    Path deadScratch = dir.resolve("_scratch").resolve(dead.get(0).branch());
    Files.createDirectories(deadScratch);
    Files.writeString(deadScratch.resolve("part-00000.parquet"), "half written");
    // A run alive now, in the middle of writing: its branch and its newest file must stay.
    Warehouse.Transaction live = killed.begin("live");
    live.write("itu_regions", ContractRows.of(spark, "itu_regions", "live", 1));
    Thread.sleep(50);
    Path liveFile = data.resolve("00000-0-being-written-by-a-live-run-00001.parquet");
    Files.copy(anyParquet(data), liveFile);

    // A re-run gives the tables of the uninterrupted history, and cleans what the dead runs left.
    Warehouse rerun = Warehouse.at(spark, dir.toString());
    IngestReturns.Result again =
        new IngestReturns(spark, rerun).run(IngestReturns.Options.of(landing.toString()));
    assertThat(again.rebuilt()).isNull();
    assertThat(contents(rerun)).isEqualTo(contents(reference));
    assertThat(rerun.runs().recorded()).singleElement().matches(r -> !DeadRuns.dead(r));
    assertThat(jobBranches(rerun)).as("only the live run's branch").isEqualTo(1);
    assertThat(deadFile).doesNotExist();
    assertThat(deadScratch).doesNotExist();
    assertThat(liveFile).exists();
    for (String t : TABLES) {
      List<String> orphans = orphans(rerun, t);
      assertThat(orphans)
          .as("files of %s no snapshot references", t)
          .allMatch(f -> f.endsWith(liveFile.getFileName().toString()))
          .hasSize(t.equals("returns") ? 1 : 0);
    }
    live.abandon();
    assertThat(rerun.runs().recorded()).isEmpty();
    Files.delete(liveFile);
    // Nothing is left for retention: the next run had cleaned it all.
    Retention.Result expired = rerun.expire(Duration.ZERO);
    assertThat(expired.branchesRemoved()).isZero();
    assertThat(expired.orphansDeleted()).isZero();
    assertThat(contents(rerun.refresh())).isEqualTo(contents(reference));
    assertThat(contents(rerun.asOf(1))).isEqualTo(first);
    assertThat(contents(rerun.asOf(2))).isEqualTo(contents(reference.asOf(2)));
  }

  private static int jobBranches(Warehouse w) {
    int n = 0;
    for (String t : w.tableNames()) {
      n += (int) table(w, t).refs().keySet().stream().filter(ref -> ref.startsWith("job_")).count();
    }
    return n;
  }

  private static org.apache.iceberg.Table table(Warehouse w, String t) {
    try {
      return org.apache.iceberg.spark.Spark3Util.loadIcebergTable(spark, w.tableName(t));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path folder(Warehouse w, String t) {
    return Paths.get(java.net.URI.create(table(w, t).location()));
  }

  private static Path anyParquet(Path data) throws IOException {
    try (var files = Files.walk(data)) {
      return files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
  }

  /** Files of {@code t} that no snapshot references, as Iceberg finds them (nothing deleted). */
  private static List<String> orphans(Warehouse w, String t) {
    List<String> out = new ArrayList<>();
    org.apache.iceberg.spark.actions.SparkActions.get(spark)
        .deleteOrphanFiles(table(w, t))
        .olderThan(System.currentTimeMillis() + 60_000)
        .deleteWith(out::add)
        .execute();
    return out;
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
