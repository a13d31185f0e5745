package org.spamtraffic.bench;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.generate.BulkReturns;
import org.spamtraffic.generate.ReturnGenerator;
import org.spamtraffic.intake.FileInspector;
import org.spamtraffic.intake.IngestReturns;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * Benchmark (not a test): ingest-returns on one generated CSV against, in the same run, (1) bare
 * Spark reading the CSV as strings, casting and writing Parquet (alternating with the ingest,
 * REPEATS times, medians compared), and (2) DuckDB checking the same CSV and writing its valid rows
 * to Parquet. Run with {@code bin/benchmark ingest [ROWS [DIR [REPEATS]]]}; results go to
 * docs/benchmarks.md by hand.
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    Path dir = Paths.get(args.length > 1 ? args[1] : "/tmp/spamtraffic-bench");
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    Path landing = dir.resolve("landing-" + rows);
    Path csv = landing.resolve("big-return.csv");
    if (!Files.exists(csv)) {
      Timer.time("generate " + rows + " rows", () -> BulkReturns.singleCsv(csv, rows, 0.001, 42));
    }
    System.out.printf(
        Locale.ROOT,
        "ingest benchmark: %,d rows, %,d bytes, %d cores%n",
        rows,
        Files.size(csv),
        Runtime.getRuntime().availableProcessors());
    SparkSession spark = SparkSessions.create("benchmark", "local[*]", Map.of(), false);
    try {
      Timer.time("spark warm-up (session, small job)", () -> spark.range(1000).count());
      // Baseline and ingest alternate, REPEATS times: on a shared machine the load moves between
      // runs, and each pair is taken under about the same load.
      double[] bares = new double[repeats];
      double[] ingests = new double[repeats];
      for (int i = 0; i < repeats; i++) {
        bares[i] =
            Timer.time(
                "baseline: Spark CSV as strings, cast, Parquet", () -> bare(spark, csv, dir));
        ingests[i] =
            Timer.time(
                "ingest-returns (validate, cross-row, commit)",
                () ->
                    new IngestReturns(
                            spark,
                            Warehouse.at(spark, dir.resolve("wh-" + System.nanoTime()).toString()))
                        .run(
                            new IngestReturns.Options(
                                landing.toString(), FileInspector.Limits.DEFAULT, 5.0))
                        .summary());
        System.out.printf(Locale.ROOT, "  pair %d: ratio %.2f%n", i + 1, ingests[i] / bares[i]);
      }
      double bare = median(bares);
      double ingest = median(ingests);
      double duck = Timer.time("DuckDB: validate, write Parquet", () -> duckdb(csv, dir));
      System.out.printf(
          Locale.ROOT,
          "%n| rows | baseline Spark (median) | ingest-returns (median) | ratio | DuckDB validate + write Parquet |%n");
      System.out.printf(
          Locale.ROOT,
          "| %,d | %.1f s | %.1f s | %.2f | %.1f s |%n",
          rows,
          bare,
          ingest,
          ingest / bare,
          duck);
    } finally {
      spark.stop();
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    return v[v.length / 2];
  }

  /** Read as strings, cast the measures, write Parquet: what any ingest must at least do. */
  static long bare(SparkSession spark, Path csv, Path dir) {
    var df = spark.read().option("header", "true").csv(csv.toString());
    List<Column> cols = new ArrayList<>();
    for (String c : ReturnGenerator.HEADER) {
      boolean measure =
          c.startsWith("spam_")
              || c.equals("service_size")
              || c.equals("total_traffic")
              || c.equals("user_reports");
      cols.add(measure ? col(c).try_cast("bigint").as(c) : col(c));
    }
    df.select(cols.toArray(Column[]::new))
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(dir.resolve("bare").toString());
    return 0;
  }

  /**
   * DuckDB: the same cell checks as SQL, the valid rows (measures cast) written to Parquet, as the
   * baseline and the ingest write theirs.
   */
  static String duckdb(Path csv, Path dir) throws Exception {
    Path out = dir.resolve("duckdb-valid.parquet");
    Files.deleteIfExists(out);
    String sql =
        "COPY (WITH raw AS (SELECT * FROM read_csv('"
            + csv
            + "', header=true, all_varchar=true)), "
            + "checked AS (SELECT * REPLACE (TRY_CAST(spam_detected AS BIGINT) AS spam_detected, "
            + "TRY_CAST(spam_blocked AS BIGINT) AS spam_blocked, "
            + "TRY_CAST(total_traffic AS BIGINT) AS total_traffic, "
            + "TRY_CAST(service_size AS BIGINT) AS service_size) FROM raw) "
            + "SELECT * FROM checked WHERE spam_detected >= 0 AND spam_blocked >= 0 "
            + "AND spam_blocked <= spam_detected AND spam_detected <= total_traffic AND service_size >= 0 "
            + "AND spam_type IN ('email','sms','voice','ip_messaging','ip_multimedia') "
            + "AND length(source_country) = 3 AND regexp_matches(period, '^20[0-9]{2}-(Q[1-4]|0[1-9]|1[0-2])$')) "
            + "TO '"
            + out
            + "' (FORMAT parquet)";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      long rows = st.executeUpdate(sql);
      return rows + " valid rows written";
    }
  }
}
