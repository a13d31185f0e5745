package org.spamtraffic.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.spark.SparkSessions;

/**
 * The warehouse's contract in one process: commits make tables the study's at once, earlier commits
 * stay readable ({@code asOf}), every engine counts the same rows (Spark SQL by the table's name,
 * DuckDB over the snapshot's files, the warehouse API), concurrent commits never overwrite each
 * other, and retention keeps every commit's tables.
 */
class WarehouseTest {
  @TempDir static Path temp;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSessions.forTests("warehouse");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Warehouse fresh(String name) {
    return Warehouse.at(spark, temp.resolve(name).toString());
  }

  @Test
  void aCommitMakesItsTablesTheStudysAndEarlierCommitsStayReadable() throws Exception {
    Warehouse w = fresh("commits");
    assertThat(w.head().number()).isZero();
    assertThat(w.has("itu_regions")).isFalse();
    Warehouse.Transaction tx = w.begin("first");
    tx.write("itu_regions", ContractRows.of(spark, "itu_regions", "a", 5));
    assertThat(w.has("itu_regions")).as("nothing visible before the commit").isFalse();
    assertThat(Warehouse.at(spark, w.root()).head().number()).isZero();
    Warehouse.Commit first = tx.commit();
    assertThat(first.number()).isEqualTo(1);
    assertThat(first.rowCounts()).containsEntry("itu_regions", 5L);

    w.begin("second")
        .write("itu_regions", ContractRows.of(spark, "itu_regions", "b", 3))
        .write("volumes", ContractRows.of(spark, "volumes", "b", 4))
        .commit();
    Warehouse reopened = Warehouse.at(spark, w.root());
    assertThat(reopened.head().number()).isEqualTo(2);
    assertThat(reopened.head().changed()).containsExactlyInAnyOrder("itu_regions", "volumes");
    assertThat(ContractRows.labels(reopened, "itu_regions")).containsExactly("b");
    assertThat(reopened.history())
        .extracting(Warehouse.Commit::job)
        .containsExactly("first", "second");

    Warehouse asOfFirst = reopened.asOf(1);
    assertThat(ContractRows.labels(asOfFirst, "itu_regions")).containsExactly("a");
    assertThat(asOfFirst.has("volumes")).isFalse();
    assertThatThrownBy(() -> asOfFirst.begin("x")).hasMessageContaining("read only");
    assertThatThrownBy(() -> reopened.asOf(9))
        .hasMessageContaining("no commit 9")
        .hasMessageContaining("latest is 2");

    // Spark SQL by name (main follows the study), DuckDB over the snapshot's files, and the API.
    assertThat(spark.table(reopened.tableName("itu_regions")).count()).isEqualTo(3);
    assertThat(duckCount(reopened, "itu_regions")).isEqualTo(3);
    assertThat(reopened.rows("itu_regions")).as("from the snapshot's summary").isEqualTo(3);
    assertThat(reopened.asOf(1).rows("itu_regions")).isEqualTo(5);
    assertThat(duckCount(asOfFirst, "itu_regions")).isEqualTo(5);
    assertThat(reopened.read("volumes").count()).isEqualTo(4);
    assertThat(reopened.read("volumes").columns())
        .containsExactly(
            Contracts.sparkSchema(org.spamtraffic.schema.TableContract.load("volumes"))
                .fieldNames());
  }

  @Test
  void aJobThatNeverCommitsLeavesNothingVisibleAndExpiryClearsWhatItWrote() throws Exception {
    Warehouse w = fresh("abandoned");
    w.begin("one").write("itu_regions", ContractRows.of(spark, "itu_regions", "kept", 2)).commit();
    w.begin("dies").write("itu_regions", ContractRows.of(spark, "itu_regions", "lost", 7));
    // The job "dies" here: no commit. Its record says another machine ran it, so no run can tell
    // whether it is alive, and only retention removes what it left. Another process opening the
    // warehouse sees commit 1.
    Path runs = Path.of(java.net.URI.create(w.root())).resolve(DeadRuns.RUNS);
    try (Stream<Path> records = Files.list(runs)) {
      for (Path record : records.toList()) {
        writeRun(runs, record.getFileName().toString(), "elsewhere", 1, java.time.Instant.now());
      }
    }
    Warehouse after = Warehouse.at(spark, w.root());
    assertThat(after.head().number()).isEqualTo(1);
    assertThat(ContractRows.labels(after, "itu_regions")).containsExactly("kept");
    assertThat(spark.table(after.tableName("itu_regions")).count()).isEqualTo(2);
    long filesBefore = dataFilesOnDisk(w);

    after
        .begin("two")
        .write("itu_regions", ContractRows.of(spark, "itu_regions", "new", 3))
        .commit();
    Retention.Result expired = after.expire(Duration.ZERO);
    assertThat(expired.branchesRemoved()).isEqualTo(1);
    assertThat(expired.orphansDeleted() + expired.filesDeleted()).isPositive();
    assertThat(dataFilesOnDisk(w)).isLessThan(filesBefore + 1);
    // Every commit's tables survive retention: they are tagged.
    assertThat(ContractRows.labels(after.asOf(1), "itu_regions")).containsExactly("kept");
    assertThat(ContractRows.labels(after.asOf(2), "itu_regions")).containsExactly("new");
    assertThat(duckCount(after.asOf(1), "itu_regions")).isEqualTo(2);
  }

  @Test
  void aDeadRunsFilesGoEvenFromATableWhereItLeftNoBranch() throws Exception {
    Warehouse w = fresh("dead-without-branch");
    w.begin("one")
        .write("itu_regions", ContractRows.of(spark, "itu_regions", "kept", 2))
        .write("volumes", ContractRows.of(spark, "volumes", "kept", 3))
        .commit();
    // A run killed while giving up: its branches already dropped, its run file still listed, a
    // data file of its own left in volumes.
    Path root = Path.of(java.net.URI.create(w.root()));
    Path runs = Files.createDirectories(root.resolve(DeadRuns.RUNS));
    writeRun(
        runs,
        "job_killedwhilegivingup",
        thisHost(),
        deadPid(),
        java.time.Instant.now().minusSeconds(3600));
    Path kept = Path.of(java.net.URI.create(w.dataFiles("volumes").get(0)));
    Path orphan = kept.resolveSibling("00000-0-killed-run.parquet");
    Files.copy(kept, orphan);
    Files.setLastModifiedTime(
        orphan, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));

    DeadRuns.Cleaned cleaned = w.runs().clean();
    assertThat(cleaned.runs()).isEqualTo(1);
    assertThat(cleaned.branches()).isZero();
    assertThat(cleaned.orphans()).isEqualTo(1);
    assertThat(orphan).doesNotExist();
    assertThat(kept).exists();
    assertThat(w.runs().recorded()).isEmpty();
    assertThat(ContractRows.labels(Warehouse.at(spark, w.root()), "volumes")).containsOnly("kept");
  }

  @Test
  void expiryLeavesALiveRunItsBranchAndScratchSoThatItStillCommits() throws Exception {
    Warehouse w = fresh("live-run");
    w.begin("one").write("itu_regions", ContractRows.of(spark, "itu_regions", "kept", 2)).commit();
    // A long job, alive in this process, that began before the retention cutoff (now).
    Warehouse.Transaction live = w.begin("long");
    live.write("itu_regions", ContractRows.of(spark, "itu_regions", "live", 4));
    Path scratch = Files.createDirectories(Path.of(java.net.URI.create(live.scratch())));
    Files.writeString(scratch.resolve("part-00000.parquet"), "intermediate");
    Thread.sleep(20);

    Retention.Result expired = Warehouse.at(spark, w.root()).expire(Duration.ZERO);
    assertThat(expired.branchesRemoved()).isZero();
    assertThat(scratch.resolve("part-00000.parquet")).exists();
    assertThat(live.commit().number()).isEqualTo(2);
    Warehouse after = Warehouse.at(spark, w.root());
    assertThat(ContractRows.labels(after, "itu_regions")).containsExactly("live");
    assertThat(duckCount(after, "itu_regions")).isEqualTo(4);
    assertThat(ContractRows.labels(after.asOf(1), "itu_regions")).containsExactly("kept");
  }

  /** The id of a process that has ended. */
  private static long deadPid() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    return gone.pid();
  }

  private static String thisHost() throws Exception {
    return java.net.InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
  }

  /** A run's record, as {@link DeadRuns} writes one. */
  private static void writeRun(
      Path runs, String branch, String host, long pid, java.time.Instant started) throws Exception {
    java.util.Properties run = new java.util.Properties();
    run.setProperty("host", host);
    run.setProperty("pid", Long.toString(pid));
    run.setProperty("process_start", java.time.Instant.EPOCH.toString());
    run.setProperty("started", started.toString());
    try (var out = Files.newBufferedWriter(runs.resolve(branch))) {
      run.store(out, "a live transaction");
    }
  }

  @Test
  void ofTwoJobsWritingTheSameTableOneWinsAndTheOtherFailsSayingWhy() {
    Warehouse a = fresh("conflict");
    a.begin("setup").write("itu_regions", ContractRows.of(spark, "itu_regions", "s", 1)).commit();
    Warehouse b = Warehouse.at(spark, a.root());
    Warehouse.Transaction ta = a.begin("job-a");
    Warehouse.Transaction tb = b.begin("job-b");
    ta.write("itu_regions", ContractRows.of(spark, "itu_regions", "a", 2));
    tb.write("itu_regions", ContractRows.of(spark, "itu_regions", "b", 3));
    assertThat(ta.commit().number()).isEqualTo(2);
    assertThatThrownBy(tb::commit)
        .isInstanceOf(Warehouse.CommitConflict.class)
        .hasMessageContaining("job-a (commit 2) changed itu_regions")
        .hasMessageContaining("Nothing of job-b was committed; run it again");
    Warehouse now = Warehouse.at(spark, a.root());
    assertThat(now.head().number()).isEqualTo(2);
    assertThat(ContractRows.labels(now, "itu_regions")).containsExactly("a");
    assertThat(spark.table(now.tableName("itu_regions")).count()).isEqualTo(2);
  }

  @Test
  void aJobWhoseInputAnotherJobChangedFailsButOneOnOtherTablesGoesOnTop() {
    Warehouse a = fresh("disjoint");
    a.begin("setup")
        .write("itu_regions", ContractRows.of(spark, "itu_regions", "s", 1))
        .write("volumes", ContractRows.of(spark, "volumes", "s", 1))
        .commit();
    Warehouse b = Warehouse.at(spark, a.root());
    Warehouse c = Warehouse.at(spark, a.root());
    Warehouse.Transaction ta = a.begin("writes-regions");
    Warehouse.Transaction tb = b.begin("writes-coverage");
    ta.write("itu_regions", ContractRows.of(spark, "itu_regions", "a", 2));
    tb.write("coverage", ContractRows.of(spark, "coverage", "b", 3));
    c.read("itu_regions").count(); // c's job reads regions...
    Warehouse.Transaction tc = c.begin("reads-regions");
    tc.write("sources", ContractRows.of(spark, "sources", "c", 1)); // ...and writes from them
    assertThat(ta.commit().number()).isEqualTo(2);
    Warehouse.Commit onTop = tb.commit();
    assertThat(onTop.number()).as("retried on top of commit 2").isEqualTo(3);
    assertThatThrownBy(tc::commit)
        .isInstanceOf(Warehouse.CommitConflict.class)
        .hasMessageContaining("changed itu_regions, which reads-regions read or wrote");
    Warehouse now = Warehouse.at(spark, a.root());
    assertThat(now.head().tables()).containsOnlyKeys("itu_regions", "volumes", "coverage");
    assertThat(ContractRows.labels(now, "itu_regions")).containsExactly("a");
    assertThat(ContractRows.labels(now, "coverage")).containsExactly("b");
    assertThat(ContractRows.labels(now, "volumes")).containsExactly("s");
  }

  @Test
  void aTransactionReadsItsOwnWritesAndAppendsAndDeletesRows() {
    Warehouse w = fresh("rows");
    w.begin("one").write("itu_regions", ContractRows.of(spark, "itu_regions", "a", 4)).commit();
    Warehouse.Transaction tx = w.begin("two");
    tx.append("itu_regions", ContractRows.of(spark, "itu_regions", "b", 2));
    assertThat(tx.read("itu_regions").count()).isEqualTo(6);
    tx.delete("itu_regions", "alpha3 = 'a-0'");
    assertThat(tx.read("itu_regions").count()).isEqualTo(5);
    assertThat(w.read("itu_regions").count()).as("the study is unchanged").isEqualTo(4);
    tx.commit();
    assertThat(Warehouse.at(spark, w.root()).read("itu_regions").count()).isEqualTo(5);
  }

  static long duckCount(Warehouse w, String table) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + DuckDbTables.source(w, table))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long dataFilesOnDisk(Warehouse w) throws Exception {
    Path dir =
        Path.of(java.net.URI.create(w.root()).getPath(), "spamtraffic", "itu_regions", "data");
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".parquet")).count();
    }
  }
}
