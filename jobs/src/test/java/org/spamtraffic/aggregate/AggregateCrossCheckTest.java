package org.spamtraffic.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * Every analytics table recomputed by an independent engine: DuckDB SQL over the same Parquet (the
 * warehouse's {@code returns}, {@code countries} and {@code survey_country_facts}), written from
 * the table contracts' descriptions rather than from the Spark code, on the hand-worked set and on
 * a generated one. Counts and sums must match exactly; ratios to a relative tolerance of 1e-9 (the
 * engines add doubles in different orders).
 */
class AggregateCrossCheckTest {
  private static final double TOLERANCE = 1e-9;
  private static final List<String> TYPES = CountryProfile.TYPES;

  private static SparkSession spark;
  @TempDir static Path dir;
  private static Warehouse handWorked;
  private static Warehouse generated;
  private static int generatedRows;
  private static Connection duck;

  @BeforeAll
  static void run() throws SQLException {
    spark = SparkSessions.forTests("AggregateCrossCheckTest");
    handWorked = Warehouse.at(spark, dir.resolve("hand").toUri().toString());
    AggregateTestData.writeHandWorked(spark, handWorked);
    generated = Warehouse.at(spark, dir.resolve("generated").toUri().toString());
    generatedRows = GeneratedReturns.write(spark, generated, 20_261_122L);
    for (Warehouse w : List.of(handWorked, generated)) {
      new AggregateJob(spark).run(AggregateJob.Options.defaults(w));
    }
    duck = DriverManager.getConnection("jdbc:duckdb:");
  }

  @AfterAll
  static void stop() throws SQLException {
    duck.close();
    spark.stop();
  }

  @Test
  void theGeneratedSetIsBigEnoughToMeanSomething() throws SQLException {
    assertThat(generatedRows).isGreaterThan(1_000);
    load(generated);
    assertThat(scalar("SELECT count(*) FROM vol")).isGreaterThan(300L);
    assertThat(scalar("SELECT count(*) FROM opq WHERE months < 3")).isGreaterThan(0L);
    assertThat(
            scalar(
                "SELECT count(*) FROM r WHERE period_months = 1 AND quarter IN (SELECT quarter"
                    + " FROM r q WHERE q.period_months = 3 AND q.operator_id = r.operator_id)"))
        .as("monthly returns overlapping a quarterly one")
        .isGreaterThan(0L);
  }

  @Test
  void handWorkedSetMatchesDuckDb() throws SQLException {
    crossCheck(handWorked);
  }

  @Test
  void generatedSetMatchesDuckDb() throws SQLException {
    crossCheck(generated);
  }

  private static void crossCheck(Warehouse w) throws SQLException {
    load(w);
    compare(w, "volumes", "SELECT * FROM vol", "level", "area", "quarter", "spam_type");
    compare(w, "coverage", "SELECT * FROM cov", "country_code", "quarter", "spam_type");
    compare(
        w,
        "routes",
        DuckDbAnalytics.ROUTES,
        "quarter",
        "spam_type",
        "source_country",
        "destination_country",
        "entry_route");
    compare(
        w,
        "sources",
        DuckDbAnalytics.SOURCES,
        "level",
        "area",
        "quarter",
        "spam_type",
        "source_kind",
        "source",
        "source_network_kind");
    compare(w, "country_profile", DuckDbAnalytics.profileSql(), "country_code", "quarter");
  }

  /** Loads the inputs of {@code w} into DuckDB and computes volumes and coverage there. */
  private static void load(Warehouse w) throws SQLException {
    DuckDbAnalytics.load(
        duck, path(w, "returns"), path(w, "countries"), path(w, "survey_country_facts"));
  }

  /**
   * Compares the Spark table with the DuckDB query on every column the query returns: same keys,
   * same values (exact for whole numbers and text, relative {@value #TOLERANCE} for doubles).
   */
  private static void compare(Warehouse w, String table, String expectedSql, String... key)
      throws SQLException {
    Map<String, Map<String, Object>> expected = keyed(query(expectedSql), key);
    Map<String, Map<String, Object>> actual =
        keyed(query("SELECT * FROM read_parquet('" + path(w, table) + "/**/*.parquet')"), key);
    assertThat(actual.keySet()).as(table + " rows").isEqualTo(expected.keySet());
    assertThat(expected).as(table + " has rows").isNotEmpty();
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> e : expected.entrySet()) {
      Map<String, Object> a = actual.get(e.getKey());
      for (Map.Entry<String, Object> c : e.getValue().entrySet()) {
        assertThat(a).as(table + " has column " + c.getKey()).containsKey(c.getKey());
        if (!same(c.getValue(), a.get(c.getKey()))) {
          differences.add(
              e.getKey()
                  + " "
                  + c.getKey()
                  + ": DuckDB "
                  + c.getValue()
                  + ", Spark "
                  + a.get(c.getKey()));
        }
      }
    }
    assertThat(differences).as(table + " differences").isEmpty();
  }

  private static boolean same(Object expected, Object actual) {
    if (expected == null || actual == null) {
      return expected == null && actual == null;
    }
    if (expected instanceof Number e && actual instanceof Number a) {
      boolean whole =
          !(e instanceof Double || e instanceof Float || e instanceof BigDecimal)
              && !(a instanceof Double || a instanceof Float || a instanceof BigDecimal);
      if (whole) {
        return new BigDecimal(e.toString()).compareTo(new BigDecimal(a.toString())) == 0;
      }
      double x = e.doubleValue();
      double y = a.doubleValue();
      return Math.abs(x - y) <= TOLERANCE * Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
    }
    return Objects.equals(expected.toString(), actual.toString());
  }

  private static Map<String, Map<String, Object>> keyed(
      List<Map<String, Object>> rows, String... key) {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    for (Map<String, Object> r : rows) {
      StringBuilder k = new StringBuilder();
      for (String column : key) {
        k.append(r.get(column)).append('|');
      }
      Map<String, Object> previous = out.put(k.toString(), r);
      assertThat(previous).as("duplicate key " + k).isNull();
    }
    return out;
  }

  private static List<Map<String, Object>> query(String sql) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static long scalar(String sql) throws SQLException {
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void exec(String sql) throws SQLException {
    try (Statement s = duck.createStatement()) {
      s.execute(sql);
    }
  }

  private static String path(Warehouse w, String table) {
    return URI.create(w.location(table)).getPath();
  }
}
