package org.spamtraffic.aggregate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The analytics tables written again in DuckDB SQL, from the contracts' descriptions rather than
 * from the Spark code: the independent engine of {@code AggregateCrossCheckTest} and of the
 * aggregate benchmark.
 */
public final class DuckDbAnalytics {
  private static final List<String> TYPES = CountryProfile.TYPES;
  private static final List<String> ROUTE_NAMES = OperatorCube.ROUTES;

  private DuckDbAnalytics() {}

  /**
   * Loads {@code returns}, {@code countries} and {@code survey_country_facts} (DuckDB table
   * expressions such as {@code read_parquet([...])}, see {@code DuckDbTables}; facts may be null:
   * no questionnaire) and computes, as DuckDB tables: {@code rp} (returns with monthly returns set
   * aside where a quarterly one covers the quarter), {@code opq} (operator x quarter x type),
   * {@code area_of}, {@code vol} (volumes) and {@code cov} (coverage).
   */
  public static void load(Connection duck, String returns, String countries, String facts)
      throws SQLException {
    exec(duck, "CREATE OR REPLACE TABLE r AS SELECT * FROM " + returns);
    exec(duck, "CREATE OR REPLACE TABLE countries AS SELECT * FROM " + countries);
    exec(
        duck,
        facts == null
            ? "CREATE OR REPLACE TABLE facts (country_code VARCHAR,"
                + " market_mobile_subscriptions BIGINT, market_email_mailboxes BIGINT,"
                + " market_internet_users BIGINT, readiness_overall DOUBLE,"
                + " has_antispam_law BOOLEAN, investment_current_annual_usd DOUBLE)"
            : "CREATE OR REPLACE TABLE facts AS SELECT * FROM " + facts);
    exec(
        duck,
        "CREATE OR REPLACE MACRO qidx(q) AS"
            + " CAST(substr(q, 1, 4) AS INTEGER) * 4 + CAST(substr(q, 7, 1) AS INTEGER) - 1");
    // A quarterly return wins over monthly returns of the same operator, quarter and type.
    exec(
        duck,
        "CREATE OR REPLACE TABLE rp AS SELECT * FROM r WHERE period_months = 3 OR NOT EXISTS ("
            + " SELECT 1 FROM r q WHERE q.period_months = 3 AND q.operator_id = r.operator_id"
            + " AND q.reporting_country = r.reporting_country AND q.quarter = r.quarter"
            + " AND q.spam_type = r.spam_type)");
    StringBuilder via = new StringBuilder();
    StringBuilder viaSum = new StringBuilder();
    for (String route : ROUTE_NAMES) {
      via.append(", coalesce(sum(spam_detected) FILTER (WHERE entry_route = '")
          .append(route)
          .append("'), 0) AS spam_via_")
          .append(route);
      viaSum.append(", sum(spam_via_").append(route).append(") AS spam_via_").append(route);
    }
    // Service figures once per operator, period and type; months rolled up into the quarter.
    exec(
        duck,
        "CREATE OR REPLACE TABLE per_period AS SELECT operator_id, reporting_country, quarter,"
            + " spam_type, period, max(period_months) AS pm, max(period_start) AS ps,"
            + " max(service_size) AS svc, max(total_traffic) AS tt, sum(spam_detected) AS det,"
            + " sum(spam_blocked) AS blk, sum(spam_delivered) AS dlv, sum(user_reports) AS rep"
            + via
            + " FROM rp GROUP BY operator_id, reporting_country, quarter, spam_type, period");
    exec(
        duck,
        "CREATE OR REPLACE TABLE opq AS SELECT operator_id, reporting_country, quarter, spam_type,"
            + " sum(pm) AS months, arg_max(svc, ps) AS svc,"
            + " CASE WHEN count(tt) = count(*) THEN sum(tt) END AS tt,"
            + " CASE WHEN count(tt) = count(*) THEN sum(det) ELSE 0 END AS det_t,"
            + " sum(det) AS det, sum(blk) AS blk, sum(dlv) AS dlv, sum(rep) AS rep"
            + viaSum
            + " FROM per_period GROUP BY operator_id, reporting_country, quarter, spam_type");
    exec(
        duck,
        "CREATE OR REPLACE TABLE area_of AS"
            + " SELECT alpha3, 'country' AS level, alpha3 AS area, name_en AS area_name"
            + "   FROM countries"
            + " UNION ALL SELECT alpha3, 'itu_region', itu_region, itu_region FROM countries"
            + " UNION ALL SELECT alpha3, 'm49_region', m49_region, m49_region FROM countries"
            + "   WHERE m49_region IS NOT NULL"
            + " UNION ALL SELECT alpha3, 'group', 'ldc', 'Least developed countries' FROM countries"
            + "   WHERE ldc"
            + " UNION ALL SELECT alpha3, 'group', 'lldc', 'Landlocked developing countries'"
            + "   FROM countries WHERE lldc"
            + " UNION ALL SELECT alpha3, 'group', 'sids', 'Small island developing states'"
            + "   FROM countries WHERE sids"
            + " UNION ALL SELECT alpha3, 'group', development_status,"
            + "   CASE development_status WHEN 'developed' THEN 'Developed countries'"
            + "   ELSE 'Developing countries' END FROM countries"
            + " UNION ALL SELECT alpha3, 'world', 'World', 'World' FROM countries");
    exec(
        duck,
        "CREATE OR REPLACE TABLE ov AS SELECT a.level, a.area, a.area_name, o.* FROM opq o"
            + " JOIN area_of a ON a.alpha3 = o.reporting_country");
    exec(
        duck,
        "CREATE OR REPLACE TABLE vol0 AS WITH per_op AS (SELECT level, area, area_name, quarter,"
            + " spam_type, operator_id, max(CASE WHEN months < 3 THEN 1 ELSE 0 END) AS inc,"
            + " min(CASE WHEN tt IS NULL THEN 0 ELSE 1 END) AS rt, sum(svc) AS svc,"
            + " sum(svc * months) AS sm, sum(tt) AS tt, sum(det_t) AS det_t, sum(det) AS det,"
            + " sum(blk) AS blk, sum(dlv) AS dlv, sum(rep) AS rep"
            + viaSum
            + " FROM ov GROUP BY level, area, area_name, quarter, spam_type, operator_id),"
            + " reporting AS (SELECT level, area, quarter, spam_type,"
            + " count(DISTINCT reporting_country) AS countries_reporting FROM ov"
            + " GROUP BY level, area, quarter, spam_type)"
            + " SELECT p.level, p.area, p.area_name, p.quarter, p.spam_type,"
            + " count(*) AS reporting_operators, any_value(c.countries_reporting) AS"
            + " countries_reporting, sum(inc) AS incomplete_operators, sum(rt) AS traffic_operators,"
            + " sum(svc) AS service_size, sum(sm) AS subscriber_months, sum(tt) AS total_traffic,"
            + " sum(det) AS spam_detected, sum(blk) AS spam_blocked, sum(dlv) AS spam_delivered,"
            + " sum(rep) AS user_reports"
            + viaSum
            + ", sum(det_t) / nullif(sum(tt), 0) AS spam_share,"
            + " sum(blk) / nullif(sum(det), 0) AS block_rate,"
            + " sum(det) / nullif(sum(sm), 0) AS spam_per_subscriber_month,"
            + " sum(spam_via_on_net) / nullif(sum(det), 0) AS share_on_net,"
            + " (sum(det) - sum(spam_via_on_net) - sum(spam_via_unknown)) / nullif(sum(det), 0)"
            + "   AS share_off_net,"
            + " sum(spam_via_international_gateway) / nullif(sum(det), 0)"
            + "   AS share_international_gateway,"
            + " sum(spam_via_grey_route) / nullif(sum(det), 0) AS share_grey_route,"
            + " greatest(coalesce(max(det) / nullif(sum(det), 0), 0),"
            + "   coalesce(max(svc) / nullif(sum(svc), 0), 0),"
            + "   coalesce(max(tt) / nullif(sum(tt), 0), 0)) AS top_operator_share"
            + " FROM per_op p JOIN reporting c USING (level, area, quarter, spam_type)"
            + " GROUP BY p.level, p.area, p.area_name, p.quarter, p.spam_type");
    exec(
        duck,
        "CREATE OR REPLACE TABLE vol AS SELECT v.*,"
            + " v.spam_detected / nullif(p.spam_detected, 0) - 1 AS growth_previous_quarter,"
            + " v.spam_detected / nullif(y.spam_detected, 0) - 1 AS growth_year_on_year"
            + " FROM vol0 v"
            + " LEFT JOIN vol0 p ON p.level = v.level AND p.area = v.area"
            + "   AND p.spam_type = v.spam_type AND qidx(p.quarter) = qidx(v.quarter) - 1"
            + " LEFT JOIN vol0 y ON y.level = v.level AND y.area = v.area"
            + "   AND y.spam_type = v.spam_type AND qidx(y.quarter) = qidx(v.quarter) - 4");
    exec(
        duck,
        "CREATE OR REPLACE TABLE cov AS WITH base AS (SELECT v.area AS country_code, v.quarter,"
            + " v.spam_type, v.reporting_operators, v.incomplete_operators, v.service_size,"
            + " v.spam_detected, v.top_operator_share,"
            + " CASE WHEN v.spam_type IN ('sms', 'voice') THEN f.market_mobile_subscriptions"
            + "   WHEN v.spam_type = 'email' THEN f.market_email_mailboxes"
            + "   ELSE f.market_internet_users END AS ms,"
            + " CASE WHEN v.spam_type IN ('sms', 'voice') THEN 'market_mobile_subscriptions'"
            + "   WHEN v.spam_type = 'email' THEN 'market_email_mailboxes'"
            + "   ELSE 'market_internet_users' END AS src"
            + " FROM vol v LEFT JOIN facts f ON f.country_code = v.area WHERE v.level = 'country'),"
            + " k AS (SELECT *, coalesce(ms > 0, false) AS known, service_size / ms AS ratio"
            + "   FROM base)"
            + " SELECT country_code, quarter, spam_type, reporting_operators, incomplete_operators,"
            + " service_size, CASE WHEN known THEN ms END AS market_size,"
            + " CASE WHEN known THEN src END AS market_source,"
            + " CASE WHEN known THEN ratio END AS coverage_ratio,"
            + " CASE WHEN known THEN 'known' ELSE 'unknown_market' END AS coverage_status,"
            + " CASE WHEN known THEN ratio < 0.5 END AS low_coverage, spam_detected,"
            + " CASE WHEN known AND ratio > 0 AND ratio < 1 THEN spam_detected / ratio"
            + " ELSE spam_detected END"
            + "   AS spam_national_estimate,"
            + " CASE WHEN NOT known THEN 'unknown_market' WHEN ratio = 0 THEN 'zero_coverage'"
            + " WHEN ratio >= 1 THEN 'reported'"
            + "   WHEN ratio < 0.5 THEN 'low_coverage_extrapolated' ELSE 'extrapolated' END"
            + "   AS estimate_method, top_operator_share FROM k");
  }

  /** The routes table, from {@code rp}. */
  public static final String ROUTES =
      "WITH per_op AS (SELECT quarter, spam_type, source_country, destination_country,"
          + " entry_route, operator_id, sum(spam_detected) AS det, sum(spam_blocked) AS blk"
          + " FROM rp GROUP BY quarter, spam_type, source_country, destination_country,"
          + " entry_route, operator_id),"
          + " cells AS (SELECT quarter, spam_type, source_country, destination_country,"
          + " entry_route, count(*) AS reporting_operators, sum(det) AS spam_detected,"
          + " sum(blk) AS spam_blocked,"
          + " coalesce(max(det) / nullif(sum(det), 0), 0) AS top_operator_share"
          + " FROM per_op GROUP BY quarter, spam_type, source_country, destination_country,"
          + " entry_route)"
          + " SELECT *, CASE entry_route WHEN 'on_net' THEN 'on_net' WHEN 'unknown' THEN 'unknown'"
          + "   ELSE 'off_net' END AS net,"
          + " spam_detected / nullif(sum(spam_detected) OVER (PARTITION BY quarter, spam_type,"
          + "   destination_country), 0) AS share_of_destination"
          + " FROM cells";

  /** The sources table, from {@code rp} and {@code area_of}. */
  public static final String SOURCES =
      "WITH src AS (SELECT operator_id, reporting_country, quarter, spam_type,"
          + " 'country' AS source_kind, source_country AS source,"
          + " CAST(NULL AS VARCHAR) AS source_network_kind, spam_detected FROM rp"
          + " UNION ALL SELECT operator_id, reporting_country, quarter, spam_type, 'network',"
          + " source_network, source_network_kind, spam_detected FROM rp),"
          + " per_op AS (SELECT a.level, a.area, s.quarter, s.spam_type, s.source_kind, s.source,"
          + " s.source_network_kind, s.operator_id, sum(s.spam_detected) AS det FROM src s"
          + " JOIN area_of a ON a.alpha3 = s.reporting_country"
          + " GROUP BY a.level, a.area, s.quarter, s.spam_type, s.source_kind, s.source,"
          + " s.source_network_kind, s.operator_id),"
          + " cells AS (SELECT level, area, quarter, spam_type, source_kind, source,"
          + " source_network_kind, count(*) AS reporting_operators, sum(det) AS spam_detected,"
          + " coalesce(max(det) / nullif(sum(det), 0), 0) AS top_operator_share"
          + " FROM per_op GROUP BY level, area, quarter, spam_type, source_kind, source,"
          + " source_network_kind)"
          + " SELECT *, spam_detected / nullif(sum(spam_detected) OVER w, 0) AS share_of_area,"
          + " row_number() OVER (w ORDER BY spam_detected DESC, source ASC) AS rank"
          + " FROM cells WINDOW w AS (PARTITION BY level, area, quarter, spam_type, source_kind)";

  /** The country_profile table, from {@code vol}, {@code cov}, {@code opq} and the facts. */
  public static String profileSql() {
    StringBuilder pivot = new StringBuilder();
    StringBuilder markets = new StringBuilder();
    for (String t : TYPES) {
      String f = " FILTER (WHERE v.spam_type = '" + t + "') AS " + t;
      pivot
          .append(", max(v.spam_detected)")
          .append(f)
          .append("_spam_detected, max(v.spam_blocked)")
          .append(f)
          .append("_spam_blocked, max(c.service_size)")
          .append(f)
          .append("_service_size, max(c.coverage_ratio)")
          .append(f)
          .append("_coverage, max(c.spam_national_estimate)")
          .append(f)
          .append("_spam_national_estimate, max(c.estimate_method)")
          .append(f)
          .append("_estimate_method, bool_or(c.low_coverage)")
          .append(f)
          .append("_low_coverage");
      String market =
          switch (t) {
            case "sms", "voice" -> "market_mobile_subscriptions";
            case "email" -> "market_email_mailboxes";
            default -> "market_internet_users";
          };
      markets.append(", f.").append(market).append(" AS ").append(t).append("_market_size");
    }
    return "WITH measured AS (SELECT v.area AS country_code, v.quarter"
        + pivot
        + " FROM vol v JOIN cov c ON c.country_code = v.area AND c.quarter = v.quarter"
        + "   AND c.spam_type = v.spam_type WHERE v.level = 'country' GROUP BY v.area, v.quarter),"
        + " ops AS (SELECT reporting_country AS country_code, quarter,"
        + "   count(DISTINCT operator_id) AS reporting_operators FROM opq"
        + "   GROUP BY reporting_country, quarter),"
        + " with_returns AS (SELECT m.*, o.reporting_operators, true AS has_returns"
        + "   FROM measured m JOIN ops o USING (country_code, quarter)),"
        + " quarters AS (SELECT DISTINCT quarter FROM opq),"
        + " without AS (SELECT f.country_code, q.quarter, 0 AS reporting_operators,"
        + "   false AS has_returns FROM facts f CROSS JOIN quarters q WHERE NOT EXISTS ("
        + "   SELECT 1 FROM with_returns w WHERE w.country_code = f.country_code"
        + "   AND w.quarter = q.quarter)),"
        + " all_rows AS (SELECT * FROM with_returns UNION ALL BY NAME SELECT * FROM without)"
        + " SELECT a.*, f.country_code IS NOT NULL AS has_questionnaire"
        + markets
        + ", f.readiness_overall, f.has_antispam_law, f.investment_current_annual_usd,"
        + " k.name_en AS country_name, k.itu_region, k.m49_region, k.ldc, k.lldc, k.sids,"
        + " k.development_status"
        + " FROM all_rows a LEFT JOIN facts f ON f.country_code = a.country_code"
        + " LEFT JOIN countries k ON k.alpha3 = a.country_code";
  }

  private static void exec(Connection duck, String sql) throws SQLException {
    try (Statement s = duck.createStatement()) {
      s.execute(sql);
    }
  }
}
