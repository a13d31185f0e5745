package org.spamtraffic.intake;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * Incremental ingest gives what a rebuild from the whole landing folder gives: over a sequence of
 * submissions, resubmissions (an operator's period replaced, with the period jumps that makes and
 * unmakes), duplicates, a file whose rows are all rejected, a run with nothing new, and a recorded
 * file that disappears or changes, the tables of the incremental runs equal those of a {@code
 * --rebuild} after every step, every row is accounted for, and each run reads only the new files.
 */
class IncrementalIngestTest {
  static final Path SAMPLES =
      Paths.get("..", "data-samples", "returns").toAbsolutePath().normalize();

  @TempDir static Path temp;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSessions.forTests("incremental-ingest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void incrementalRunsGiveWhatARebuildGives() throws IOException {
    Path landing = temp.resolve("landing");
    Warehouse incremental = Warehouse.at(spark, temp.resolve("incremental").toString());
    Warehouse rebuilt = Warehouse.at(spark, temp.resolve("rebuilt").toString());
    IngestReturns.Options options = IngestReturns.Options.of(landing.toString());

    // 1: two quarters of one operator, one of another (the first run reads everything).
    copy(landing, "BR-IPE", "20241015T090000Z_BR-IPE_2024-Q3.csv");
    copy(landing, "BR-IPE", "20250115T093000Z_BR-IPE_2024-Q4.csv");
    copy(landing, "DE-ELBE", "20241015T090000Z_DE-ELBE_2024-Q3.csv");
    IngestReturns.Result first = step(incremental, rebuilt, options, 3);
    assertThat(first.filesRead()).isEqualTo(3);

    // 2: a new quarter.
    copy(landing, "BR-IPE", "20250415T091500Z_BR-IPE_2025-Q1.csv");
    step(incremental, rebuilt, options, 1);

    // 3: 2024-Q4 resubmitted with ten times the volumes: it replaces the recorded file for that
    // quarter, and the period jumps move (its own against 2024-Q3, and 2025-Q1's against it).
    Path q4 = SAMPLES.resolve("BR-IPE/20250115T093000Z_BR-IPE_2024-Q4.csv");
    write(landing, "BR-IPE", "20250501T080000Z_BR-IPE_2024-Q4.csv", tenTimes(q4));
    step(incremental, rebuilt, options, 1);
    assertThat(jumps(incremental)).isNotEmpty();
    assertThat(status(incremental, "20250115T093000Z_BR-IPE_2024-Q4.csv")).isEqualTo("superseded");

    // 4: the same bytes twice (a copy of a recorded file, and two copies of a new one), and a file
    // whose rows are all rejected (another operator's rows in BR-IPE's folder).
    copy(landing, "DE-ELBE", "20241015T090000Z_DE-ELBE_2024-Q3.csv", "20250601T000000Z_copy.csv");
    copy(landing, "DE-ELBE", "20250115T093000Z_DE-ELBE_2024-Q4.csv");
    copy(landing, "DE-ELBE", "20250115T093000Z_DE-ELBE_2024-Q4.csv", "20250602T000000Z_again.csv");
    copy(
        landing, "DE-ELBE", "20250415T091500Z_DE-ELBE_2025-Q1.csv", "../BR-IPE/20250603T0000Z.csv");
    step(incremental, rebuilt, options, 4);
    assertThat(status(incremental, "20250601T000000Z_copy.csv")).isEqualTo("duplicate");
    assertThat(status(incremental, "20250602T000000Z_again.csv")).isEqualTo("duplicate");
    assertThat(status(incremental, "20250603T0000Z.csv")).isEqualTo("rejected");

    // 5: nothing new.
    IngestReturns.Result idle = step(incremental, rebuilt, options, 0);
    assertThat(idle.rebuilt()).isNull();

    // 6: the resubmission is withdrawn (deleted from the landing folder): the run rebuilds, and
    // the first 2024-Q4 file is live again.
    Files.delete(landing.resolve("BR-IPE/20250501T080000Z_BR-IPE_2024-Q4.csv"));
    IngestReturns.Result withdrawn = run(incremental, options);
    assertThat(withdrawn.rebuilt()).contains("no longer in the landing folder");
    assertThat(withdrawn.filesRead()).isEqualTo(withdrawn.files());
    assertThat(status(incremental, "20250115T093000Z_BR-IPE_2024-Q4.csv")).isEqualTo("accepted");
    rebuild(rebuilt, options);
    sameTables(incremental, rebuilt);

    // 7: a recorded file gets other bytes under its name: rebuilt too. Touched without a change
    // (only its time moves), a file is not read again.
    Path q3 = landing.resolve("DE-ELBE/20241015T090000Z_DE-ELBE_2024-Q3.csv");
    Files.setLastModifiedTime(
        q3, FileTime.fromMillis(Files.getLastModifiedTime(q3).toMillis() + 5000));
    IngestReturns.Result touched = run(incremental, options);
    assertThat(touched.rebuilt()).isNull();
    assertThat(touched.filesRead()).isZero();
    rebuild(rebuilt, options);
    sameTables(incremental, rebuilt);
    Files.writeString(
        q3, Files.readString(q3, StandardCharsets.UTF_8).replace("2024-Q3", "2024-Q2"));
    IngestReturns.Result changed = run(incremental, options);
    assertThat(changed.rebuilt()).contains("with other bytes");
    rebuild(rebuilt, options);
    sameTables(incremental, rebuilt);
  }

  /**
   * An incremental run that must read {@code newFiles} files, then the same tables as a rebuild.
   */
  private static IngestReturns.Result step(
      Warehouse incremental, Warehouse rebuilt, IngestReturns.Options options, int newFiles) {
    IngestReturns.Result r = run(incremental, options);
    assertThat(r.filesRead()).isEqualTo(newFiles);
    IngestReturns.Result all = rebuild(rebuilt, options);
    assertThat(all.rebuilt()).isEqualTo("--rebuild");
    assertThat(all.filesRead()).isEqualTo(all.files()).isEqualTo(r.files());
    assertThat(r.summary()).isNotBlank();
    assertThat(
            List.of(
                r.rowsRead(), r.rowsAccepted(), r.rowsRejected(), r.warnings(), r.returnsRows()))
        .isEqualTo(
            List.of(
                all.rowsRead(),
                all.rowsAccepted(),
                all.rowsRejected(),
                all.warnings(),
                all.returnsRows()));
    sameTables(incremental, rebuilt);
    everyRowAccountedFor(incremental, r);
    return r;
  }

  private static IngestReturns.Result run(Warehouse w, IngestReturns.Options options) {
    IngestReturns.Result r = new IngestReturns(spark, w).run(options);
    w.refresh();
    return r;
  }

  private static IngestReturns.Result rebuild(Warehouse w, IngestReturns.Options options) {
    return run(w, options.rebuilding());
  }

  private static void sameTables(Warehouse a, Warehouse b) {
    for (String table : List.of("returns", "rejects", "submissions")) {
      assertThat(a.read(table).exceptAll(b.read(table)).collectAsList())
          .as("%s rows only incremental runs give", table)
          .isEmpty();
      assertThat(b.read(table).exceptAll(a.read(table)).collectAsList())
          .as("%s rows only a rebuild gives", table)
          .isEmpty();
    }
  }

  /** Rows read = accepted + rejected for every file, and each rejected row has its reject. */
  private static void everyRowAccountedFor(Warehouse w, IngestReturns.Result result) {
    List<Row> submissions = w.read("submissions").collectAsList();
    assertThat(submissions).hasSize(result.files());
    Map<String, Long> rejectedRows = new HashMap<>();
    for (Row r :
        w.read("rejects")
            .filter(col("level").equalTo("error").and(col("row").isNotNull()))
            .groupBy("submission_id")
            .agg(org.apache.spark.sql.functions.countDistinct("row"))
            .collectAsList()) {
      rejectedRows.put(r.getString(0), r.getLong(1));
    }
    long accepted = 0;
    for (Row s : submissions) {
      long read = s.getAs("rows_read");
      long a = s.getAs("rows_accepted");
      long j = s.getAs("rows_rejected");
      assertThat(read).as("%s", (Object) s.getAs("file_name")).isEqualTo(a + j);
      assertThat(rejectedRows.getOrDefault(s.<String>getAs("submission_id"), 0L))
          .as("rejected rows of %s", (Object) s.getAs("file_name"))
          .isEqualTo(j);
      accepted += a;
    }
    assertThat(accepted).isEqualTo(result.rowsAccepted());
    assertThat(result.rowsRead()).isEqualTo(result.rowsAccepted() + result.rowsRejected());
  }

  private static List<String> jumps(Warehouse w) {
    List<String> out = new ArrayList<>();
    for (Row r : w.read("rejects").filter(col("rule").equalTo("period_jump")).collectAsList()) {
      out.add(r.getAs("file") + " " + r.getAs("value"));
    }
    return out;
  }

  private static String status(Warehouse w, String fileName) {
    return w.read("submissions").filter(col("file_name").equalTo(fileName)).first().getAs("status");
  }

  private static void copy(Path landing, String operator, String file) throws IOException {
    copy(landing, operator, file, file);
  }

  private static void copy(Path landing, String operator, String file, String as)
      throws IOException {
    Path target = landing.resolve(operator).resolve(as).normalize();
    Files.createDirectories(target.getParent());
    Files.copy(SAMPLES.resolve(operator).resolve(file), target);
  }

  private static void write(Path landing, String operator, String name, String text)
      throws IOException {
    Path target = landing.resolve(operator).resolve(name);
    Files.createDirectories(target.getParent());
    Files.writeString(target, text, StandardCharsets.UTF_8);
  }

  /** The return with its message counts ten times larger (total, detected, blocked, delivered). */
  private static String tenTimes(Path file) throws IOException {
    StringBuilder out = new StringBuilder();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    out.append(lines.get(0)).append('\n');
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(";", -1);
      for (int i = 11; i <= 14 && i < cells.length; i++) {
        if (cells[i].matches("[0-9]+")) {
          cells[i] = cells[i] + "0";
        }
      }
      out.append(String.join(";", cells)).append('\n');
    }
    return out.toString();
  }
}
