package org.spamtraffic.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.aggregate.AggregateJob;
import org.spamtraffic.aggregate.DuckDbAnalytics;
import org.spamtraffic.generate.BulkReturns;
import org.spamtraffic.intake.FileInspector;
import org.spamtraffic.intake.IngestReturns;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * Benchmark (not a test) of issue 4: {@code ingest-returns} + {@code aggregate} on a generated
 * landing set (many operators, one CSV per operator and quarter) against DuckDB doing the same
 * validation and the same analytics tables from the same CSVs, in the same run. Run with {@code
 * bin/benchmark e2e [ROWS[,ROWS...] [OPERATORS]]}; results go to docs/benchmarks.md by hand.
 *
 * <p>DuckDB's validation covers the cell rules as the return format states them for canonical
 * spellings (codes, ISO countries, canonical periods, plain non-negative integers, required
 * values), the row rules (blocked ≤ detected ≤ total) and duplicate keys; it skips what only
 * operators' real files need (alternative spellings and languages, thousands separators, Excel
 * serials, file-level findings, supersession), so it does less than the Spark job.
 */
public final class EndToEndBenchmark {
  private EndToEndBenchmark() {}

  /** One size's times, in seconds. */
  private record Run(
      long rows, double ingest, double aggregate, double duckValidate, double duckAnalytics) {
    double spark() {
      return ingest + aggregate;
    }

    double duck() {
      return duckValidate + duckAnalytics;
    }
  }

  /**
   * {@code ROWS} is one size or several, comma-separated ({@code 1000000,2000000,5000000}): each is
   * run in turn in one Spark session, and the table of sizes gives the time per row of both engines
   * and its growth against the first (smallest) size.
   */
  public static void main(String[] args) throws Exception {
    List<Long> sizes = new ArrayList<>();
    for (String size : (args.length > 0 ? args[0] : "10000000").split(",")) {
      sizes.add(Long.parseLong(size.strip().replace("_", "")));
    }
    sizes.sort(null);
    int operators = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Path dir = Paths.get("/tmp/spamtraffic-bench");
    System.out.printf(
        Locale.ROOT,
        "end-to-end benchmark: %s rows from %d operators, %d cores%n",
        sizes,
        operators,
        Runtime.getRuntime().availableProcessors());
    SparkSession spark = SparkSessions.create("benchmark", "local[*]", Map.of(), false);
    List<Run> runs = new ArrayList<>();
    try {
      Timer.time("spark warm-up (session, small job)", () -> spark.range(1000).count());
      for (long rows : sizes) {
        runs.add(run(spark, dir, rows, operators));
      }
    } finally {
      spark.stop();
    }
    System.out.println();
    System.out.println(sizesTable(runs));
  }

  private static Run run(SparkSession spark, Path dir, long rows, int operators) throws Exception {
    Path landing = dir.resolve("landing-many-" + rows + "-" + operators);
    if (!Files.exists(landing)) {
      Timer.time(
          "generate " + rows + " rows, " + operators + " operators",
          () -> BulkReturns.manyFiles(landing, rows, operators, 0.001, 42));
    }
    System.out.printf(Locale.ROOT, "%,d rows:%n", rows);
    Warehouse warehouse = Warehouse.at(spark, dir.resolve("e2e-" + System.nanoTime()).toString());
    double ingest =
        Timer.time(
            "Spark ingest-returns",
            () ->
                new IngestReturns(spark, warehouse)
                    .run(
                        new IngestReturns.Options(
                            landing.toString(), FileInspector.Limits.DEFAULT, 5.0))
                    .summary());
    double aggregate =
        Timer.time(
            "Spark aggregate",
            () -> new AggregateJob(spark).run(AggregateJob.Options.defaults(warehouse)).summary());
    String countries = org.spamtraffic.warehouse.DuckDbTables.source(warehouse, "countries");
    Path duckOut = dir.resolve("e2e-duck-" + System.nanoTime());
    double duckValidate =
        Timer.time(
            "DuckDB validate CSV → Parquet", () -> duckValidate(landing, duckOut, countries));
    double duckAnalytics =
        Timer.time("DuckDB analytics tables", () -> duckAnalytics(duckOut, countries));
    return new Run(rows, ingest, aggregate, duckValidate, duckAnalytics);
  }

  /**
   * The table of sizes: each engine's seconds and microseconds per row, the Spark / DuckDB ratio,
   * and each engine's time per row against the smallest size's (1.00 is linear growth).
   */
  static String sizesTable(List<Run> runs) {
    StringBuilder t =
        new StringBuilder(
            "| rows | Spark ingest | Spark aggregate | Spark µs/row | DuckDB validate | DuckDB"
                + " analytics | DuckDB µs/row | Spark / DuckDB | Spark per row vs first |"
                + " DuckDB per row vs first |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    Run first = runs.get(0);
    for (Run r : runs) {
      double sparkPerRow = r.spark() / r.rows() * 1e6;
      double duckPerRow = r.duck() / r.rows() * 1e6;
      t.append(
          String.format(
              Locale.ROOT,
              "| %,d | %.1f s | %.1f s | %.2f | %.1f s | %.1f s | %.2f | %.1f | %.2f | %.2f |%n",
              r.rows(),
              r.ingest(),
              r.aggregate(),
              sparkPerRow,
              r.duckValidate(),
              r.duckAnalytics(),
              duckPerRow,
              r.spark() / r.duck(),
              sparkPerRow / (first.spark() / first.rows() * 1e6),
              duckPerRow / (first.duck() / first.rows() * 1e6)));
    }
    return t.toString();
  }

  private static final String CODES_TYPE = "('email','sms','voice','ip_messaging','ip_multimedia')";
  private static final String CODES_CATEGORY =
      "('commercial','phishing','malware','fraud_scam','other','unknown')";
  private static final String CODES_ROUTE =
      "('on_net','domestic_interconnect','international_gateway','a2p_aggregator','grey_route',"
          + "'internet','unknown')";

  /** The checks as SQL, valid rows to Parquet partitioned by period like {@code returns}. */
  static String duckValidate(Path landing, Path out, String countries) throws Exception {
    String countryOk = "IN (SELECT alpha3 FROM iso)";
    String sql =
        "CREATE TABLE raw AS SELECT * FROM read_csv('"
            + landing
            + "/**/*.csv', header = true, all_varchar = true, union_by_name = true,"
            + " filename = true);"
            + " CREATE TABLE iso AS SELECT alpha3 FROM "
            + countries
            + ";"
            + " CREATE TABLE t AS SELECT filename, trim(operator_id) AS operator_id,"
            + " upper(trim(reporting_country)) AS reporting_country, upper(trim(period)) AS period,"
            + " lower(trim(spam_type)) AS spam_type, lower(trim(content_category))"
            + " AS content_category, upper(trim(source_country)) AS source_country,"
            + " trim(source_network) AS source_network, lower(trim(entry_route)) AS entry_route,"
            + " upper(trim(destination_country)) AS destination_country,"
            + " TRY_CAST(trim(service_size) AS BIGINT) AS service_size,"
            + " TRY_CAST(trim(total_traffic) AS BIGINT) AS total_traffic,"
            + " TRY_CAST(trim(spam_detected) AS BIGINT) AS spam_detected,"
            + " TRY_CAST(trim(spam_blocked) AS BIGINT) AS spam_blocked,"
            + " TRY_CAST(trim(spam_delivered) AS BIGINT) AS spam_delivered,"
            + " TRY_CAST(trim(user_reports) AS BIGINT) AS user_reports FROM raw;"
            + " CREATE TABLE ok AS SELECT * FROM t WHERE operator_id <> ''"
            + " AND reporting_country "
            + countryOk
            + " AND regexp_full_match(period, '20[0-9]{2}-(Q[1-4]|0[1-9]|1[0-2])')"
            + " AND spam_type IN "
            + CODES_TYPE
            + " AND content_category IN "
            + CODES_CATEGORY
            + " AND (source_country = 'UNKNOWN' OR source_country "
            + countryOk
            + ") AND entry_route IN "
            + CODES_ROUTE
            + " AND (destination_country = 'UNKNOWN' OR destination_country "
            + countryOk
            + ") AND service_size >= 0 AND total_traffic >= 0 AND spam_detected >= 0"
            + " AND spam_blocked >= 0 AND coalesce(spam_delivered, 0) >= 0"
            + " AND coalesce(user_reports, 0) >= 0"
            + " AND spam_blocked <= spam_detected AND spam_detected <= total_traffic;"
            + " COPY (SELECT *, CASE WHEN period LIKE '%Q%' THEN 3 ELSE 1 END AS period_months,"
            + " CASE WHEN period LIKE '%Q%' THEN period ELSE substr(period, 1, 4) || '-Q'"
            + " || CAST((CAST(substr(period, 6, 2) AS INTEGER) + 2) // 3 AS VARCHAR) END AS quarter,"
            + " make_date(CAST(substr(period, 1, 4) AS INTEGER), CASE WHEN period LIKE '%Q%'"
            + " THEN (CAST(substr(period, 7, 1) AS INTEGER) - 1) * 3 + 1"
            + " ELSE CAST(substr(period, 6, 2) AS INTEGER) END, 1) AS period_start,"
            + " CASE WHEN source_network LIKE 'AS%' THEN 'asn' WHEN source_network LIKE '+%'"
            + " THEN 'number_range' WHEN source_network = 'unknown' THEN 'unknown'"
            + " ELSE 'mcc_mnc' END AS source_network_kind"
            + " FROM ok QUALIFY count(*) OVER (PARTITION BY filename, operator_id, period,"
            + " spam_type, content_category, source_country, source_network, entry_route,"
            + " destination_country) = 1) TO '"
            + out
            + "' (FORMAT PARQUET, PARTITION_BY (period));";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute(sql);
      try (ResultSet rs =
          st.executeQuery(
              "SELECT (SELECT count(*) FROM raw), (SELECT count(*) FROM read_parquet('"
                  + out
                  + "/**/*.parquet'))")) {
        rs.next();
        return String.format(Locale.ROOT, "%,d rows read, %,d valid", rs.getLong(1), rs.getLong(2));
      }
    }
  }

  /** The analytics tables of {@code aggregate}, as the cross-check test computes them. */
  static String duckAnalytics(Path returns, String countries) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      String written = "read_parquet('" + returns + "/**/*.parquet', hive_partitioning = true)";
      DuckDbAnalytics.load(c, written, countries, null);
      st.execute("CREATE TABLE routes AS " + DuckDbAnalytics.ROUTES);
      st.execute("CREATE TABLE sources AS " + DuckDbAnalytics.SOURCES);
      st.execute("CREATE TABLE profile AS " + DuckDbAnalytics.profileSql());
      try (ResultSet rs =
          st.executeQuery(
              "SELECT (SELECT count(*) FROM vol), (SELECT count(*) FROM routes),"
                  + " (SELECT count(*) FROM sources)")) {
        rs.next();
        return String.format(
            Locale.ROOT,
            "volumes %,d, routes %,d, sources %,d rows",
            rs.getLong(1),
            rs.getLong(2),
            rs.getLong(3));
      }
    }
  }
}
