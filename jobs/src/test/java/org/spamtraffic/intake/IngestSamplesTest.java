package org.spamtraffic.intake;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.generate.Faults;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.validate.Finding;
import org.spamtraffic.validate.ReturnValidator;
import org.spamtraffic.validate.ValidationReport;
import org.spamtraffic.warehouse.Warehouse;

/** ingest-returns over the bundled samples: counts, statuses, supersession, and validate's view. */
class IngestSamplesTest {
  static final Path SAMPLES =
      Paths.get("..", "data-samples", "returns").toAbsolutePath().normalize();

  @TempDir static Path temp;
  private static SparkSession spark;
  private static Warehouse warehouse;
  private static IngestReturns.Result result;
  private static List<Row> submissions;

  @BeforeAll
  static void ingest() {
    spark = SparkSessions.forTests("ingest-samples");
    warehouse = Warehouse.at(spark, temp.resolve("warehouse").toString());
    result = new IngestReturns(spark, warehouse).run(IngestReturns.Options.of(SAMPLES.toString()));
    submissions = warehouse.read("submissions").collectAsList();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void everyFileHasASubmissionAndEveryRowIsAccountedFor() {
    assertThat(submissions)
        .hasSize(IngestReturns.list(new Configuration(), SAMPLES.toString()).size());
    long read = 0;
    for (Row s : submissions) {
      long r = s.getAs("rows_read");
      long a = s.getAs("rows_accepted");
      long j = s.getAs("rows_rejected");
      assertThat(r).as("%s", (Object) s.getAs("file_name")).isEqualTo(a + j);
      read += r;
    }
    assertThat(read)
        .isEqualTo(result.rowsRead())
        .isEqualTo(result.rowsAccepted() + result.rowsRejected());
    Map<String, Long> rejectedRows = new HashMap<>();
    for (Row r :
        warehouse
            .read("rejects")
            .filter(col("level").equalTo("error").and(col("row").isNotNull()))
            .groupBy("submission_id")
            .agg(org.apache.spark.sql.functions.countDistinct("row").as("n"))
            .collectAsList()) {
      rejectedRows.put(r.getString(0), r.getLong(1));
    }
    for (Row s : submissions) {
      assertThat(rejectedRows.getOrDefault(s.<String>getAs("submission_id"), 0L))
          .as("rejected rows of %s", (Object) s.getAs("file_name"))
          .isEqualTo(s.<Long>getAs("rows_rejected"));
    }
  }

  @Test
  void theDeliberateFaultsEndWhereTheyShould() {
    Map<String, Row> byName = new TreeMap<>();
    submissions.forEach(s -> byName.put(s.getAs("file_name"), s));
    assertThat(byName.get("20260116T120000Z_ZA-PROTEA_2025-Q4_signed.xlsx").<String>getAs("status"))
        .isEqualTo("failed");
    assertThat(
            byName.get("20260116T120000Z_ZA-PROTEA_2025-Q4_signed.xlsx").<String>getAs("message"))
        .contains("PDF");
    Row copy = byName.get("20251016T080000Z_KE-KILIMA_2025-Q3 (copy).csv");
    assertThat(copy.<String>getAs("status")).isEqualTo("duplicate");
    assertThat(copy.<Long>getAs("rows_read")).isZero();
    assertThat(copy.<String>getAs("duplicate_of"))
        .isEqualTo(byName.get("20251015T083000Z_KE-KILIMA_2025-Q3.csv").getAs("submission_id"));
    Row first = byName.get("20250715T101000Z_NG-NAIJANET_2025-Q2.xlsx");
    Row corrected = byName.get("20250802T140000Z_NG-NAIJANET_2025-Q2_corrected.xlsx");
    assertThat(first.<String>getAs("status")).isEqualTo("superseded");
    assertThat(first.<String>getAs("superseded_by")).isEqualTo(corrected.getAs("submission_id"));
    assertThat(corrected.<String>getList(corrected.fieldIndex("supersedes")))
        .containsExactly(first.<String>getAs("submission_id"));
    assertThat(
            warehouse
                .read("returns")
                .filter(col("submission_id").equalTo(first.<String>getAs("submission_id")))
                .count())
        .isZero();
    assertThat(
            warehouse
                .read("returns")
                .filter(col("submission_id").equalTo(corrected.<String>getAs("submission_id")))
                .count())
        .isEqualTo(corrected.<Long>getAs("rows_accepted"));
    // Every deliberate fault of the generator is caught, by its rule, in the file it was put in.
    Map<String, Set<String>> rulesByFile = new TreeMap<>();
    Map<String, String> nameOf = new HashMap<>();
    submissions.forEach(s -> nameOf.put(s.getAs("submission_id"), s.getAs("file_name")));
    for (Row r : warehouse.read("rejects").select("submission_id", "rule").collectAsList()) {
      rulesByFile
          .computeIfAbsent(nameOf.get(r.<String>getAs("submission_id")), k -> new TreeSet<>())
          .add(r.getAs("rule"));
    }
    for (Faults.Fault fault : Faults.all()) {
      String quarter = quarterOf(fault.period());
      assertThat(rulesByFile)
          .as("%s in %s's return for %s", fault.rule(), fault.operator(), fault.period())
          .anySatisfy(
              (file, rules) -> {
                assertThat(file).contains("_" + fault.operator() + "_" + quarter);
                assertThat(rules).contains(fault.rule());
              });
    }
  }

  private static String quarterOf(String period) {
    if (period.contains("Q")) {
      return period;
    }
    int month = Integer.parseInt(period.substring(5));
    return period.substring(0, 4) + "-Q" + ((month - 1) / 3 + 1);
  }

  /** validate (plain Java) and ingest-returns (Spark) find the same things in every file. */
  @Test
  void validateFindsExactlyWhatIngestFinds() {
    Map<String, List<String>> fromIngest = new TreeMap<>();
    for (Row r :
        warehouse.read("rejects").filter(col("rule").notEqual("period_jump")).collectAsList()) {
      fromIngest
          .computeIfAbsent(r.getAs("submission_id"), k -> new ArrayList<>())
          .add(
              key(
                  r.getAs("row"),
                  r.getAs("column"),
                  r.getAs("value"),
                  r.getAs("rule"),
                  r.getAs("message")));
    }
    ReturnValidator validator =
        new ReturnValidator(new Configuration(), ReturnValidator.Options.DEFAULT);
    int compared = 0;
    for (Row s : submissions) {
      if ("duplicate".equals(s.getAs("status"))) {
        continue;
      }
      ValidationReport report = validator.validate(s.getAs("file"));
      List<String> fromValidate = new ArrayList<>();
      for (Finding f : report.findings()) {
        fromValidate.add(key(f.row(), f.column(), f.value(), f.rule(), f.message()));
      }
      assertThat(fromIngest.getOrDefault(s.<String>getAs("submission_id"), List.of()))
          .as("findings in %s", (Object) s.getAs("file_name"))
          .containsExactlyInAnyOrderElementsOf(fromValidate);
      assertThat(report.rowsRead()).isEqualTo(s.<Long>getAs("rows_read"));
      assertThat(report.rowsRejected()).isEqualTo(s.<Long>getAs("rows_rejected"));
      compared++;
    }
    assertThat(compared)
        .isPositive()
        .isEqualTo(
            (int) submissions.stream().filter(s -> !"duplicate".equals(s.getAs("status"))).count());
  }

  @Test
  void duckDbReadsTheSameReturns() throws Exception {
    Map<String, Long> spark = new TreeMap<>();
    for (Row r :
        warehouse.read("returns").groupBy("submission_id", "period").count().collectAsList()) {
      spark.put(r.getString(0) + "/" + r.getString(1), r.getLong(2));
    }
    Map<String, Long> duck = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT submission_id, period, count(*) FROM read_parquet('"
                    + warehouse.location("returns")
                    + "/**/*.parquet', hive_partitioning=true) GROUP BY ALL")) {
      while (rs.next()) {
        duck.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3));
      }
    }
    assertThat(duck).isEqualTo(spark).isNotEmpty();
  }

  @Test
  void aSecondRunGivesTheSameTables() {
    Warehouse again = Warehouse.at(spark, temp.resolve("again").toString());
    new IngestReturns(spark, again).run(IngestReturns.Options.of(SAMPLES.toString()));
    for (String table : List.of("returns", "rejects", "submissions")) {
      assertThat(again.read(table).exceptAll(warehouse.read(table)).count()).as(table).isZero();
      assertThat(warehouse.read(table).exceptAll(again.read(table)).count()).as(table).isZero();
    }
  }

  private static String key(Object row, Object column, Object value, Object rule, Object message) {
    return row + "|" + column + "|" + value + "|" + rule + "|" + message;
  }
}
