package org.spamtraffic.intake;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.generate.BulkReturns;
import org.spamtraffic.generate.ReturnGenerator;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.validate.Finding;
import org.spamtraffic.validate.ReturnValidator;
import org.spamtraffic.validate.ValidationReport;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The delete of the rows rejected across rows ({@link RowsLeaving}) on a 6,000-row return with many
 * repeated lines, rows of another operator and a group that breaks a rule: the rows that leave are
 * exactly those validate rejects, and the delete is planned as equi-joins.
 */
class RowsLeavingTest {
  @TempDir static Path temp;
  private static SparkSession spark;
  private static Warehouse warehouse;
  private static Path csv;
  private static IngestReturns.Result result;
  private static final List<String> plans = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void ingest() throws Exception {
    spark = SparkSessions.forTests("rows-leaving");
    csv = temp.resolve("landing").resolve("big-return.csv");
    // 15% faults, a sixth of them a repeat of the line before: about 150 repeated lines.
    BulkReturns.singleCsv(csv, 6_000, 0.15, 11);
    List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
    int size = ReturnGenerator.HEADER.indexOf("service_size");
    int network = ReturnGenerator.HEADER.indexOf("source_network");
    // Rows of another operator than the file's (its first valid row's).
    for (int i = 1; i <= 3; i++) {
      String[] f = lines.get(100 * i).split(",", -1);
      f[0] = "OTHER-OP";
      f[network] = "AS" + (900_000 + i);
      lines.add(String.join(",", f));
    }
    // One row with another service size than its group's: the whole group breaks a rule.
    String[] f = lines.get(lines.size() - 10).split(",", -1);
    f[size] = Long.toString(Long.parseLong(f[size]) + 1);
    f[network] = "AS999999";
    lines.add(String.join(",", f));
    Files.write(csv, lines, StandardCharsets.UTF_8);

    spark
        .listenerManager()
        .register(
            new QueryExecutionListener() {
              @Override
              public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
                plans.add(qe.executedPlan().toString());
              }

              @Override
              public void onFailure(String funcName, QueryExecution qe, Exception exception) {}
            });
    warehouse = Warehouse.at(spark, temp.resolve("warehouse").toString());
    result =
        new IngestReturns(spark, warehouse)
            .run(IngestReturns.Options.of(csv.getParent().toString()));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void theRowsThatLeaveAreThoseValidateRejects() {
    ValidationReport report =
        new ReturnValidator(new Configuration(), ReturnValidator.Options.DEFAULT)
            .validate(csv.toUri().toString());
    assertThat(result.rowsRead()).isEqualTo(report.rowsRead()).isEqualTo(6_004);
    assertThat(result.rowsRejected()).isEqualTo(report.rowsRejected());
    assertThat(result.rowsAccepted()).isEqualTo(report.rowsAccepted());
    assertThat(result.rowsAccepted() + result.rowsRejected()).isEqualTo(result.rowsRead());
    assertThat(report.truncated()).isFalse();
    // The file has what it is said to have.
    assertThat(report.byRule().getOrDefault("duplicate_key", 0L)).isGreaterThan(100);
    assertThat(report.byRule()).containsKey("service_level_consistent");
    assertThat(report.findings())
        .anySatisfy(
            x -> {
              assertThat(x.column()).isEqualTo("operator_id");
              assertThat(x.value()).isEqualTo("OTHER-OP");
            });

    List<String> fromIngest = new ArrayList<>();
    for (Row r :
        warehouse.read("rejects").filter(col("rule").notEqual("period_jump")).collectAsList()) {
      fromIngest.add(
          key(
              r.getAs("row"),
              r.getAs("column"),
              r.getAs("value"),
              r.getAs("rule"),
              r.getAs("message")));
    }
    List<String> fromValidate = new ArrayList<>();
    for (Finding x : report.findings()) {
      fromValidate.add(key(x.row(), x.column(), x.value(), x.rule(), x.message()));
    }
    assertThat(fromIngest).containsExactlyInAnyOrderElementsOf(fromValidate);

    // Every row read is in returns or rejected, never both.
    Set<Long> kept = new TreeSet<>();
    for (Row r : warehouse.read("returns").select("source_row").collectAsList()) {
      assertThat(kept.add(r.getLong(0))).as("row %d once", r.getLong(0)).isTrue();
    }
    Set<Long> rejected =
        report.findings().stream()
            .filter(x -> x.isError() && x.row() != null)
            .map(Finding::row)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(rejected).hasSize((int) report.rowsRejected());
    assertThat(kept).hasSize((int) result.rowsAccepted()).doesNotContainAnyElementsOf(rejected);
    assertThat(result.returnsRows()).isEqualTo(kept.size());
    Set<Long> all = new TreeSet<>(kept);
    all.addAll(rejected);
    assertThat(all).hasSize((int) result.rowsRead());
    assertThat(all.iterator().next()).isEqualTo(2L);
  }

  @Test
  void theDeleteIsPlannedAsEquiJoins() throws InterruptedException {
    // Listeners hear of queries asynchronously.
    List<String> merges = List.of();
    for (int i = 0; i < 100 && merges.isEmpty(); i++) {
      merges = plans.stream().filter(p -> p.contains("ReplaceData")).toList();
      if (merges.isEmpty()) {
        Thread.sleep(100);
      }
    }
    assertThat(merges).as("the row-level delete's plan").hasSize(1);
    String plan = merges.get(0);
    assertThat(plan).doesNotContain("NestedLoopJoin").containsPattern("HashJoin|SortMergeJoin");
    List<String> joins = plan.lines().filter(l -> l.contains("Join")).toList();
    assertThat(joins).isNotEmpty().noneMatch(l -> l.contains(" OR "));
    assertThat(joins).allMatch(l -> l.contains("submission_id") && l.contains("source_row"));
  }

  private static String key(Long row, String column, String value, String rule, String message) {
    return row + "|" + column + "|" + value + "|" + rule + "|" + message;
  }
}
