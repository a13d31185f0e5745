package org.spamtraffic.aggregate;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.aggregate.ReturnRows.Measure;
import org.spamtraffic.warehouse.Warehouse;

/** The hand-worked data set of {@code AggregateJobTest} (numbers worked out there), for reuse. */
public final class AggregateTestData {
  private AggregateTestData() {}

  /** Writes the hand-worked returns and questionnaire facts to {@code warehouse}. */
  public static void writeHandWorked(SparkSession spark, Warehouse warehouse) {
    ReturnRows r = handWorkedReturns();
    warehouse
        .begin("test")
        .write("returns", r.toDataFrame(spark))
        .write(
            "survey_country_facts",
            TestTables.of(
                spark,
                "survey_country_facts",
                List.of(
                    Map.of(
                        "country_code",
                        "KEN",
                        "submission_id",
                        "s-ken",
                        "market_mobile_subscriptions",
                        10_000_000L,
                        "has_antispam_law",
                        true,
                        "readiness_overall",
                        0.6,
                        "investment_current_annual_usd",
                        250_000.0),
                    Map.of(
                        "country_code",
                        "GHA",
                        "submission_id",
                        "s-gha",
                        "market_mobile_subscriptions",
                        1_000_000L,
                        "market_email_mailboxes",
                        200_000L),
                    Map.of(
                        "country_code",
                        "FJI",
                        "submission_id",
                        "s-fji",
                        "market_internet_users",
                        500_000L,
                        "readiness_overall",
                        0.2))))
        // Ingest's findings: only the warning on a figure (period_jump) reaches country_profile;
        // an error and a file-level warning do not.
        .write(
            "rejects",
            TestTables.of(
                spark,
                "rejects",
                List.of(
                    rejectRow("A", "sms in 2025-03", "period_jump", "warning"),
                    rejectRow("A", "sms in 2025-Q1", "period_jump", "warning"),
                    rejectRow("B", "voice in 2025-02", "period_jump", "warning"),
                    rejectRow("A", "x", "file.encoding", "warning"),
                    rejectRow("A", "sms in 2025-03", "whole_number", "error"))))
        .commit();
  }

  private static Map<String, Object> rejectRow(
      String operator, String value, String rule, String level) {
    return Map.of(
        "submission_id",
        "sub-" + operator,
        "operator_id",
        operator,
        "file",
        "landing/" + operator + ".csv",
        "value",
        value,
        "rule",
        rule,
        "level",
        level,
        "message",
        "a message");
  }

  static ReturnRows handWorkedReturns() {
    ReturnRows r = new ReturnRows();
    // Kenya 2025-Q1
    r.add(
        m(
            "A",
            "KEN",
            "2025-Q1",
            "NGA",
            "AS100",
            "international_gateway",
            1_000_000,
            10_000_000L,
            300,
            250));
    r.add(m("A", "KEN", "2025-Q1", "KEN", "639-02", "on_net", 1_000_000, 10_000_000L, 200, 150));
    r.add(
        m(
            "B",
            "KEN",
            "2025-Q1",
            "NGA",
            "AS100",
            "international_gateway",
            600_000,
            4_000_000L,
            100,
            100));
    r.add(m("B", "KEN", "2025-Q1", "CHN", "AS200", "grey_route", 600_000, 4_000_000L, 300, 200));
    r.add(m("B", "KEN", "2025-03", "CHN", "AS200", "grey_route", 600_000, 1_000_000L, 999, 999));
    r.add(m("C", "KEN", "2025-01", "CHN", "AS200", "grey_route", 400_000, 1_000_000L, 50, 40));
    r.add(m("C", "KEN", "2025-02", "CHN", "AS200", "grey_route", 420_000, 1_100_000L, 60, 50));
    r.add(m("C", "KEN", "2025-02", "unknown", "unknown", "unknown", 420_000, 1_100_000L, 40, 0));
    // Kenya, earlier quarters: operator A only
    r.add(
        m(
            "A",
            "KEN",
            "2024-Q4",
            "NGA",
            "AS100",
            "international_gateway",
            950_000,
            9_000_000L,
            420,
            400));
    r.add(
        m(
            "A",
            "KEN",
            "2024-Q1",
            "NGA",
            "AS100",
            "international_gateway",
            900_000,
            8_000_000L,
            700,
            600));
    // Ghana: one operator
    r.add(m("D", "GHA", "2025-Q1", "NGA", "AS100", "internet", 900_000, null, 80, 60));
    // Ghana, email: D reports 10 spam but a service size of 0 (zero coverage, not extrapolated)
    r.add(
        new Measure(
            "D",
            "GHA",
            "2025-Q1",
            "email",
            "USA",
            "AS300",
            "internet",
            "GHA",
            0,
            null,
            10,
            5,
            null,
            null));
    // South Africa: two operators, no questionnaire
    r.add(
        m("E", "ZAF", "2025-Q1", "CHN", "AS200", "grey_route", 2_000_000, 20_000_000L, 1_000, 900));
    r.add(
        m("F", "ZAF", "2025-Q1", "ZAF", "655-01", "on_net", 3_000_000, 30_000_000L, 2_000, 1_500));
    // Egypt: one operator
    r.add(
        m(
            "G",
            "EGY",
            "2025-Q1",
            "CHN",
            "AS200",
            "international_gateway",
            5_000_000,
            50_000_000L,
            5_000,
            4_000));
    return r;
  }

  private static Measure m(
      String operator,
      String country,
      String period,
      String source,
      String network,
      String route,
      long service,
      Long traffic,
      long detected,
      long blocked) {
    return new Measure(
        operator,
        country,
        period,
        "sms",
        source,
        network,
        route,
        country,
        service,
        traffic,
        detected,
        blocked,
        detected - blocked,
        null);
  }
}
