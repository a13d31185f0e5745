package org.spamtraffic.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
import org.spamtraffic.publish.PublishJob;
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
    new PublishJob(spark).run(PublishJob.Options.defaults(generated));
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

  /**
   * Disclosure control checked independently on the generated set, in SQL over the published
   * Parquet: the primary rules hold row by row, published rows keep their full figures, withheld
   * rows show none, growth is withheld against a withheld quarter, coverage mirrors volumes, no
   * additive relation of areas has a primary row as its only withheld row, and no other additive
   * relation (a destination's flows; an area's sources) has exactly one withheld row, counting a
   * total published in another table as a member of the relation (a destination's flows and its
   * volume row; an area's sources and its volume row; a source country's flows and its world row in
   * sources).
   */
  @Test
  void generatedSetPassesTheDisclosureChecks() throws SQLException {
    load(generated);
    for (String table :
        List.of(
            "volumes",
            "sources",
            "published_volumes",
            "published_coverage",
            "published_routes",
            "published_sources")) {
      exec("CREATE OR REPLACE TABLE " + table + "_x AS SELECT * FROM " + path(generated, table));
    }
    String join =
        " FROM volumes_x v JOIN published_volumes_x p USING (level, area, quarter, spam_type)";
    assertThat(scalar("SELECT count(*) FROM volumes_x"))
        .isEqualTo(scalar("SELECT count(*) FROM published_volumes_x"));
    assertThat(
            scalar(
                "SELECT count(*)"
                    + join
                    + " WHERE p.suppression_reason IS DISTINCT FROM CASE"
                    + " WHEN v.reporting_operators < 3 THEN 'fewer_operators'"
                    + " WHEN v.top_operator_share > 0.85 THEN 'dominance'"
                    + " ELSE p.suppression_reason END"
                    + " OR (p.suppression_reason = 'complementary'"
                    + "   AND (v.reporting_operators < 3 OR v.top_operator_share > 0.85))"))
        .as("primary rules row by row")
        .isZero();
    assertThat(scalar("SELECT count(*) FROM published_volumes_x WHERE suppressed"))
        .isGreaterThan(0L);
    assertThat(
            scalar(
                "SELECT count(*) FROM published_volumes_x"
                    + " WHERE suppression_reason = 'complementary'"))
        .as("complementary suppressions on the generated set")
        .isGreaterThan(0L);
    assertThat(
            scalar(
                "SELECT count(*)"
                    + join
                    + " WHERE NOT p.suppressed AND (p.spam_detected IS DISTINCT FROM"
                    + " v.spam_detected OR p.service_size IS DISTINCT FROM v.service_size)"))
        .as("published rows keep their figures")
        .isZero();
    assertThat(
            scalar(
                "SELECT count(*) FROM published_volumes_x WHERE suppressed AND (spam_detected IS"
                    + " NOT NULL OR spam_share IS NOT NULL OR total_traffic IS NOT NULL"
                    + " OR growth_previous_quarter IS NOT NULL)"))
        .as("withheld rows show nothing")
        .isZero();
    assertThat(
            scalar(
                "SELECT count(*) FROM published_volumes_x p JOIN published_volumes_x e"
                    + " ON e.level = p.level AND e.area = p.area AND e.spam_type = p.spam_type"
                    + " AND qidx(e.quarter) = qidx(p.quarter) - 1"
                    + " WHERE e.suppressed AND p.growth_previous_quarter IS NOT NULL"))
        .as("growth against a withheld quarter")
        .isZero();
    assertThat(
            scalar(
                "SELECT count(*) FROM published_coverage_x c JOIN published_volumes_x p"
                    + " ON p.level = 'country' AND p.area = c.country_code"
                    + " AND p.quarter = c.quarter AND p.spam_type = c.spam_type"
                    + " WHERE c.suppressed <> p.suppressed"))
        .as("coverage mirrors volumes")
        .isZero();
    String relations =
        "WITH rel AS ("
            + " SELECT 'itu|' || k.itu_region AS rel, p.quarter, p.spam_type, p.suppressed, p.suppression_reason AS why"
            + "   FROM published_volumes_x p JOIN countries k ON p.level = 'country'"
            + "   AND p.area = k.alpha3"
            + " UNION ALL SELECT 'itu|' || area, quarter, spam_type, suppressed, suppression_reason AS why"
            + "   FROM published_volumes_x WHERE level = 'itu_region'"
            + " UNION ALL SELECT 'm49|' || k.m49_region, p.quarter, p.spam_type, p.suppressed, p.suppression_reason AS why"
            + "   FROM published_volumes_x p JOIN countries k ON p.level = 'country'"
            + "   AND p.area = k.alpha3"
            + " UNION ALL SELECT 'm49|' || area, quarter, spam_type, suppressed, suppression_reason AS why"
            + "   FROM published_volumes_x WHERE level = 'm49_region'"
            + " UNION ALL SELECT 'group|' || k.development_status, p.quarter, p.spam_type,"
            + "   p.suppressed, p.suppression_reason AS why FROM published_volumes_x p JOIN countries k"
            + "   ON p.level = 'country' AND p.area = k.alpha3"
            + " UNION ALL SELECT 'group|' || g.grp, p.quarter, p.spam_type, p.suppressed, p.suppression_reason AS why"
            + "   FROM published_volumes_x p JOIN (SELECT alpha3, 'ldc' AS grp FROM countries"
            + "   WHERE ldc UNION ALL SELECT alpha3, 'lldc' FROM countries WHERE lldc"
            + "   UNION ALL SELECT alpha3, 'sids' FROM countries WHERE sids) g"
            + "   ON p.level = 'country' AND p.area = g.alpha3"
            + " UNION ALL SELECT 'group|' || area, quarter, spam_type, suppressed, suppression_reason AS why"
            + "   FROM published_volumes_x WHERE level = 'group'"
            + " UNION ALL SELECT 'world-itu', quarter, spam_type, suppressed, suppression_reason AS why"
            + "   FROM published_volumes_x WHERE level IN ('itu_region', 'world')"
            + " UNION ALL SELECT 'world-m49', quarter, spam_type, suppressed, suppression_reason AS why"
            + "   FROM published_volumes_x WHERE level IN ('m49_region', 'world')"
            + " UNION ALL SELECT 'world-development', quarter, spam_type, suppressed, suppression_reason AS why"
            + "   FROM published_volumes_x WHERE level = 'world'"
            + "   OR (level = 'group' AND area IN ('developed', 'developing'))"
            + " UNION ALL SELECT 'world-countries', quarter, spam_type, suppressed, suppression_reason AS why"
            + "   FROM published_volumes_x WHERE level IN ('country', 'world'))"
            + " SELECT count(*) FROM (SELECT rel, quarter, spam_type,"
            + " count(*) FILTER (WHERE suppressed) AS withheld,"
            + " count(*) FILTER (WHERE why IN ('fewer_operators', 'dominance')) AS primaries"
            + " FROM rel GROUP BY rel, quarter, spam_type) WHERE withheld = 1 AND primaries = 1";
    // A relation whose only withheld row is primary gives that figure back by one subtraction. A
    // lone complementary row given back is no leak in itself (it is not an operator's figure); what
    // it may pin further is for the reader's full linear attack (GeneratedAttackTest).
    assertThat(scalar(relations)).as("volume relations whose one withheld row is primary").isZero();
    // Across tables: a relation's total published in another table is one of its members, so the
    // flows into a country with that country's volume row, an area's sources (of one kind) with
    // the area's volume row, and the flows out of a source country with its world row in sources.
    // Where no total is published anywhere, a lone withheld row among published ones is still
    // counted (conservative).
    String leak =
        " WHERE (t.suppressed IS NULL AND withheld = 1 AND cells > 1)"
            + " OR (t.suppressed IS NOT NULL"
            + " AND withheld + CASE WHEN t.suppressed THEN 1 ELSE 0 END = 1)";
    assertThat(
            scalar(
                "SELECT count(*) FROM (SELECT quarter, spam_type, destination_country,"
                    + " count(*) AS cells, count(*) FILTER (WHERE suppressed) AS withheld"
                    + " FROM published_routes_x GROUP BY ALL) f LEFT JOIN published_volumes_x t"
                    + " ON t.level = 'country' AND t.area = f.destination_country"
                    + " AND t.quarter = f.quarter AND t.spam_type = f.spam_type"
                    + leak))
        .as("flows into a country against its volume row")
        .isZero();
    assertThat(
            scalar(
                "SELECT count(*) FROM (SELECT quarter, spam_type, source_country,"
                    + " count(*) AS cells, count(*) FILTER (WHERE suppressed) AS withheld"
                    + " FROM published_routes_x GROUP BY ALL) f LEFT JOIN published_sources_x t"
                    + " ON t.level = 'world' AND t.source_kind = 'country'"
                    + " AND t.source = f.source_country"
                    + " AND t.quarter = f.quarter AND t.spam_type = f.spam_type"
                    + leak))
        .as("flows out of a source country against its world row in sources")
        .isZero();
    // Only where an area's sources of a kind account for all its spam is that a sum (elsewhere
    // they are a bound, which publish's audit weighs), and a member the sum gives back matters when
    // it is a primary cell: a complement is withheld to protect others, which the audit checks with
    // every relation at once (SamplesAttackTest attacks it).
    assertThat(
            scalar(
                "SELECT count(*) FROM (SELECT level, area, quarter, spam_type, source_kind,"
                    + " count(*) FILTER (WHERE suppressed) AS withheld, count(*) FILTER (WHERE"
                    + " suppression_reason IN ('fewer_operators', 'dominance')) AS primaries"
                    + " FROM published_sources_x GROUP BY ALL) f"
                    + " JOIN (SELECT level, area, quarter, spam_type, source_kind,"
                    + " sum(spam_detected) AS attributed FROM sources_x GROUP BY ALL) a"
                    + " USING (level, area, quarter, spam_type, source_kind)"
                    + " JOIN volumes_x v USING (level, area, quarter, spam_type)"
                    + " JOIN published_volumes_x t USING (level, area, quarter, spam_type)"
                    + " WHERE a.attributed = v.spam_detected AND ((NOT t.suppressed AND withheld = 1"
                    + " AND primaries = 1) OR (t.suppressed AND withheld = 0"
                    + " AND t.suppression_reason IN ('fewer_operators', 'dominance')))"))
        .as("an area's sources against the area's volume row")
        .isZero();
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
    Map<String, Map<String, Object>> actual = keyed(query("SELECT * FROM " + path(w, table)), key);
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
    return org.spamtraffic.warehouse.DuckDbTables.source(w, table);
  }
}
