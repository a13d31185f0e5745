package org.spamtraffic.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.aggregate.AggregateJob;
import org.spamtraffic.aggregate.DuckDbAnalytics;
import org.spamtraffic.publish.PublishJob;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * Aggregate-only benchmark (a main class, not a test): writes a synthetic {@code returns} table of
 * N rows with Spark, then times {@code aggregate} (and {@code publish}) against DuckDB computing
 * the same tables with the SQL of {@code AggregateCrossCheckTest} over the same Parquet.
 *
 * <p>Run: {@code java -cp <test classpath> org.spamtraffic.bench.AggregateBenchmark 10000000
 * /tmp/bench}. Prints one Markdown table row per run.
 */
public final class AggregateBenchmark {
  private static final String COUNTRIES =
      "'KEN','NGA','GHA','ZAF','EGY','SAU','ARE','MAR','BRA','USA','CAN','MEX','ARG','COL','DEU',"
          + "'FRA','GBR','ITA','ESP','POL','RUS','KAZ','UKR','TUR','IND','CHN','JPN','KOR','IDN',"
          + "'PHL','VNM','THA','MYS','PAK','BGD','NPL','LKA','AUS','NZL','FJI','PNG','TZA','UGA',"
          + "'ETH','SEN','CIV','CMR','AGO','MOZ','ZWE','BOL','PER','CHL','JAM','TTO','HTI','KGZ',"
          + "'UZB','ARM','GEO'";
  private static final String SOURCES =
      "'CHN','CHN','CHN','CHN','USA','USA','USA','RUS','RUS','IND','IND','BRA','NGA','VNM','UKR',"
          + "'DEU','IDN','TUR','PAK','unknown'";
  private static final String TYPES = "'email','sms','voice','ip_messaging','ip_multimedia'";
  private static final String ROUTES =
      "'on_net','domestic_interconnect','international_gateway','a2p_aggregator','grey_route',"
          + "'internet','unknown'";

  private AggregateBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    Path dir = Path.of(args.length > 1 ? args[1] : "target/bench-aggregate");
    Files.createDirectories(dir);
    SparkSession spark = SparkSessions.create("aggregate benchmark", "local[*]", Map.of(), false);
    try {
      Warehouse warehouse =
          Warehouse.at(
              spark, dir.resolve("warehouse-" + System.currentTimeMillis()).toUri().toString());
      long t0 = System.nanoTime();
      warehouse.begin("bench").write("returns", synthetic(spark, rows)).commit();
      double generate = seconds(t0);

      long t1 = System.nanoTime();
      AggregateJob.Result aggregate =
          new AggregateJob(spark).run(AggregateJob.Options.defaults(warehouse));
      double sparkAggregate = seconds(t1);
      long t2 = System.nanoTime();
      PublishJob.Result publish = new PublishJob(spark).run(PublishJob.Options.defaults(warehouse));
      double sparkPublish = seconds(t2);

      double duck;
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
        long t3 = System.nanoTime();
        DuckDbAnalytics.load(c, path(warehouse, "returns"), path(warehouse, "countries"), null);
        try (Statement s = c.createStatement()) {
          s.execute("CREATE TABLE routes_out AS " + DuckDbAnalytics.ROUTES);
          s.execute("CREATE TABLE sources_out AS " + DuckDbAnalytics.SOURCES);
          s.execute("CREATE TABLE profile_out AS " + DuckDbAnalytics.profileSql());
        }
        duck = seconds(t3);
      }
      System.out.println(aggregate.summary());
      System.out.println(publish.summary());
      System.out.printf(
          Locale.ROOT,
          "| %,d | %d | %.1f | %.1f | %.1f | %.1f | %.1fx |%n",
          rows,
          Runtime.getRuntime().availableProcessors(),
          generate,
          sparkAggregate,
          sparkPublish,
          duck,
          sparkAggregate / duck);
    } finally {
      spark.stop();
    }
  }

  /** N rows of the returns contract; service figures consistent per operator, period and type. */
  static Dataset<Row> synthetic(SparkSession spark, long rows) {
    return synthetic(spark, rows, 500, 60);
  }

  /**
   * N rows as above from {@code operators} operators spread over the first {@code countries} of the
   * 60 countries (at most 60).
   */
  public static Dataset<Row> synthetic(
      SparkSession spark, long rows, int operators, int countries) {
    List<String> columns = new ArrayList<>();
    columns.add("concat('sub-', operator_id, '-', period) AS submission_id");
    columns.add("operator_id");
    columns.add("concat('Operator ', operator_id) AS operator_name");
    columns.add("reporting_country");
    columns.add("period_start");
    columns.add("period_months");
    columns.add("quarter");
    columns.add("spam_type");
    columns.add("'commercial' AS content_category");
    columns.add("element_at(array(" + SOURCES + "), pmod(hash(id, 11), 20) + 1) AS source_country");
    columns.add("concat('AS', 1000 + pmod(hash(id, 12), 60)) AS source_network");
    columns.add("'asn' AS source_network_kind");
    columns.add("element_at(array(" + ROUTES + "), pmod(hash(id, 13), 7) + 1) AS entry_route");
    columns.add("reporting_country AS destination_country");
    columns.add(
        "CAST(100000 + pmod(hash(operator_id, period, spam_type), 5000000) AS BIGINT) AS"
            + " service_size");
    columns.add(
        "CASE WHEN pmod(hash(operator_id, 7), 10) = 0 THEN NULL ELSE CAST((100000 +"
            + " pmod(hash(operator_id, period, spam_type), 5000000)) * (20 +"
            + " pmod(hash(operator_id, period, spam_type, 9), 200)) AS BIGINT) END AS total_traffic");
    columns.add("detected AS spam_detected");
    columns.add("CAST(detected * pmod(hash(id, 14), 100) / 100 AS BIGINT) AS spam_blocked");
    columns.add(
        "detected - CAST(detected * pmod(hash(id, 14), 100) / 100 AS BIGINT) AS spam_delivered");
    columns.add("CAST(pmod(hash(id, 15), 50) AS BIGINT) AS user_reports");
    columns.add("CAST(NULL AS BIGINT) AS dropped_connections");
    columns.add("concat('landing/', operator_id, '-', period, '.csv') AS source_file");
    columns.add("CAST(NULL AS STRING) AS source_sheet");
    columns.add("id AS source_row");
    columns.add("period");
    return spark
        .range(rows)
        .selectExpr(
            "id",
            "CAST(pmod(hash(id, 1), " + operators + ") AS INT) AS op",
            "CAST(pmod(hash(id, 2), 8) AS INT) AS qi",
            "CAST(pmod(hash(id, 3), 3) AS INT) AS mi",
            "element_at(array(" + TYPES + "), pmod(hash(id, 4), 5) + 1) AS spam_type",
            "CAST(pmod(hash(id, 5), 10000) AS BIGINT) AS detected")
        .selectExpr(
            "*",
            "concat('OP', lpad(CAST(op AS STRING), 4, '0')) AS operator_id",
            "element_at(array("
                + COUNTRIES
                + "), pmod(op, "
                + countries
                + ") + 1) AS reporting_country",
            "op % 5 = 0 AS monthly",
            "2024 + qi DIV 4 AS year",
            "qi % 4 AS q")
        .selectExpr(
            "*",
            "concat(year, '-Q', q + 1) AS quarter",
            "CASE WHEN monthly THEN concat(year, '-', lpad(CAST(q * 3 + mi + 1 AS STRING), 2, '0'))"
                + " ELSE concat(year, '-Q', q + 1) END AS period",
            "CASE WHEN monthly THEN 1 ELSE 3 END AS period_months",
            "make_date(year, q * 3 + CASE WHEN monthly THEN mi ELSE 0 END + 1, 1) AS period_start")
        .selectExpr(columns.toArray(String[]::new));
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static String path(Warehouse w, String table) {
    return org.spamtraffic.warehouse.DuckDbTables.source(w, table);
  }
}
