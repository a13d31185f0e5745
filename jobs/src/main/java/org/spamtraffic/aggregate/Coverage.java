package org.spamtraffic.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The {@code coverage} table: for each country, quarter and type with returns, how much of the
 * national market (from the questionnaire) the reporting operators serve, and a national estimate.
 *
 * <p>The estimate is a ratio estimator: {@code spam_detected / coverage_ratio}, assuming that the
 * subscribers of operators that did not report see as much spam per subscriber as those that did.
 * It is not extrapolated down when coverage is 1 or more (multi-SIM users and inactive mailboxes
 * make operator totals exceed the market), nor at all when the market size is unknown.
 */
final class Coverage {
  /** Estimate methods, as written in {@code estimate_method}. */
  static final String REPORTED = "reported";

  static final String EXTRAPOLATED = "extrapolated";
  static final String LOW_COVERAGE = "low_coverage_extrapolated";
  static final String UNKNOWN_MARKET = "unknown_market";
  static final String ZERO_COVERAGE = "zero_coverage";

  private Coverage() {}

  /**
   * @param volumes the volumes table (its country rows are used)
   * @param facts survey_country_facts, possibly empty
   * @param lowCoverage coverage ratio under which an estimate is flagged
   */
  static Dataset<Row> build(Dataset<Row> volumes, Dataset<Row> facts, double lowCoverage) {
    Dataset<Row> countries =
        volumes
            .filter(col("level").equalTo(Areas.COUNTRY))
            .select(
                col("area").as("country_code"),
                col("quarter"),
                col("spam_type"),
                col("reporting_operators"),
                col("incomplete_operators"),
                col("service_size"),
                col("spam_detected"),
                col("top_operator_share"));
    Dataset<Row> markets =
        functions.broadcast(
            facts.select(
                col("country_code").as("_f_country"),
                col("market_mobile_subscriptions"),
                col("market_email_mailboxes"),
                col("market_internet_users")));
    Column type = col("spam_type");
    Column marketSource =
        when(
                type.isin("sms", "voice").and(col("market_mobile_subscriptions").isNotNull()),
                lit("market_mobile_subscriptions"))
            .when(
                type.equalTo("email").and(col("market_email_mailboxes").isNotNull()),
                lit("market_email_mailboxes"))
            .when(
                type.isin("ip_messaging", "ip_multimedia")
                    .and(col("market_internet_users").isNotNull()),
                lit("market_internet_users"));
    Column marketSize =
        when(type.isin("sms", "voice"), col("market_mobile_subscriptions"))
            .when(type.equalTo("email"), col("market_email_mailboxes"))
            .when(type.isin("ip_messaging", "ip_multimedia"), col("market_internet_users"));
    // A reported market of 0 says nothing usable about coverage: treated as unknown.
    Column known = col("market_size").isNotNull().and(col("market_size").gt(0));
    Column ratio = col("coverage_ratio");
    return countries
        .join(markets, col("country_code").equalTo(col("_f_country")), "left")
        .withColumn("market_size", marketSize.cast("long"))
        .withColumn("market_source", when(known, marketSource))
        .withColumn("market_size", when(known, col("market_size")))
        .withColumn(
            "coverage_ratio",
            when(known, col("service_size").cast("double").divide(col("market_size"))))
        .withColumn("coverage_status", when(known, lit("known")).otherwise(lit(UNKNOWN_MARKET)))
        .withColumn("low_coverage", when(known, ratio.lt(lowCoverage)))
        .withColumn(
            "estimate_method",
            when(functions.not(known), lit(UNKNOWN_MARKET))
                // Operators that report no subscribers give nothing to scale by.
                .when(ratio.equalTo(0.0), lit(ZERO_COVERAGE))
                .when(ratio.geq(1.0), lit(REPORTED))
                .when(ratio.lt(lowCoverage), lit(LOW_COVERAGE))
                .otherwise(lit(EXTRAPOLATED)))
        .withColumn(
            "spam_national_estimate",
            when(
                    col("estimate_method").isin(EXTRAPOLATED, LOW_COVERAGE),
                    col("spam_detected").cast("double").divide(ratio))
                .otherwise(col("spam_detected").cast("double")))
        .drop(
            "_f_country",
            "market_mobile_subscriptions",
            "market_email_mailboxes",
            "market_internet_users");
  }
}
