package org.spamtraffic.aggregate;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The {@code country_profile} table: one row per country and quarter, joining what the operators
 * measured (volumes and coverage, one column group per spam type) with the country's questionnaire
 * answer. Countries with returns get a row for each quarter they have returns for; countries that
 * answered the questionnaire but have no returns get a row for every quarter of the study, so that
 * the investment estimate sees them. It also carries what the estimate must know about the inputs:
 * the warnings ingest raised on operators' figures ({@code <type>_warnings}) and the population
 * (reference data, not the questionnaire).
 */
final class CountryProfile {
  static final List<String> TYPES =
      List.of("email", "sms", "voice", "ip_messaging", "ip_multimedia");

  private static final List<String> FACTS =
      List.of(
          "market_mobile_subscriptions",
          "market_email_mailboxes",
          "market_internet_users",
          "has_antispam_law",
          "has_enforcement_authority",
          "has_national_contact_point",
          "has_incident_response",
          "has_awareness_programme",
          "has_training_programme",
          "investment_current_annual_usd",
          "investment_planned_annual_usd",
          "readiness_legislation",
          "readiness_technical",
          "readiness_partnerships",
          "readiness_education",
          "readiness_cooperation",
          "readiness_overall");

  private CountryProfile() {}

  /**
   * The table.
   *
   * @param figureWarnings {@link FigureWarnings#of}: warnings raised at ingest on operators'
   *     figures, carried per type as {@code <type>_warnings}
   * @param population {@code alpha3}, {@code population} from the population reference
   */
  static Dataset<Row> build(
      Dataset<Row> operatorQuarters,
      Dataset<Row> volumes,
      Dataset<Row> coverage,
      Dataset<Row> facts,
      Dataset<Row> countries,
      Dataset<Row> figureWarnings,
      Dataset<Row> population) {
    List<Column> perType = new ArrayList<>();
    for (String t : TYPES) {
      Column isType = col("spam_type").equalTo(t);
      perType.add(max(when(isType, col("spam_detected"))).as(t + "_spam_detected"));
      perType.add(max(when(isType, col("spam_blocked"))).as(t + "_spam_blocked"));
      perType.add(max(when(isType, col("service_size"))).as(t + "_service_size"));
      perType.add(max(when(isType, col("coverage_ratio"))).as(t + "_coverage"));
      perType.add(
          max(when(isType, col("spam_national_estimate"))).as(t + "_spam_national_estimate"));
      perType.add(max(when(isType, col("estimate_method"))).as(t + "_estimate_method"));
      perType.add(max(when(isType, col("low_coverage"))).as(t + "_low_coverage"));
    }
    Dataset<Row> measured =
        volumes
            .filter(col("level").equalTo(Areas.COUNTRY))
            .select(
                col("area").as("country_code"),
                col("quarter"),
                col("spam_type"),
                col("spam_detected"),
                col("spam_blocked"))
            .join(
                coverage.select(
                    "country_code",
                    "quarter",
                    "spam_type",
                    "service_size",
                    "coverage_ratio",
                    "spam_national_estimate",
                    "estimate_method",
                    "low_coverage"),
                new String[] {"country_code", "quarter", "spam_type"}) // same rows on both sides
            .groupBy("country_code", "quarter")
            .agg(perType.get(0), perType.subList(1, perType.size()).toArray(Column[]::new));
    Dataset<Row> operators =
        operatorQuarters
            .groupBy(col("reporting_country").as("country_code"), col("quarter"))
            .agg(countDistinct("operator_id").cast("int").as("reporting_operators"));
    // A warning counts where its operator reported the type in the quarter (the operator's
    // country).
    List<Column> warned = new ArrayList<>();
    for (String t : TYPES) {
      warned.add(
          array_sort(collect_list(when(col("spam_type").equalTo(t), col("warning"))))
              .as(t + "_warnings"));
    }
    Dataset<Row> warnings =
        figureWarnings
            .join(
                operatorQuarters.select("operator_id", "quarter", "spam_type", "reporting_country"),
                new String[] {"operator_id", "quarter", "spam_type"})
            .groupBy(col("reporting_country").as("country_code"), col("quarter"))
            .agg(warned.get(0), warned.subList(1, warned.size()).toArray(Column[]::new));
    Dataset<Row> withReturns =
        measured
            .join(operators, new String[] {"country_code", "quarter"})
            .join(warnings, new String[] {"country_code", "quarter"}, "left")
            .withColumn("has_returns", lit(true));

    // Questionnaire-only countries: one row per quarter of the study, without measured figures.
    Dataset<Row> quarters = operators.select("quarter").distinct();
    Dataset<Row> answered = facts.select(col("country_code"));
    Dataset<Row> withoutReturns =
        answered
            .crossJoin(quarters)
            .join(
                withReturns.select("country_code", "quarter"),
                new String[] {"country_code", "quarter"},
                "left_anti")
            .withColumn("reporting_operators", lit(0))
            .withColumn("has_returns", lit(false));
    Dataset<Row> rows = withReturns.unionByName(withoutReturns, true);

    List<Column> factColumns = new ArrayList<>();
    factColumns.add(col("country_code").as("_f_country"));
    factColumns.add(lit(true).as("has_questionnaire"));
    for (String f : FACTS) {
      factColumns.add(col(f));
    }
    Dataset<Row> joined =
        rows.join(
                functions.broadcast(facts.select(factColumns.toArray(Column[]::new))),
                col("country_code").equalTo(col("_f_country")),
                "left")
            .drop("_f_country")
            .withColumn(
                "has_questionnaire", functions.coalesce(col("has_questionnaire"), lit(false)));
    for (String t : TYPES) {
      String market =
          switch (t) {
            case "sms", "voice" -> "market_mobile_subscriptions";
            case "email" -> "market_email_mailboxes";
            default -> "market_internet_users";
          };
      joined = joined.withColumn(t + "_market_size", col(market));
    }
    for (String t : TYPES) {
      // Empty, not null, where no warning was raised: an empty list reads as "nothing to confirm".
      joined =
          joined.withColumn(
              t + "_warnings",
              functions.coalesce(col(t + "_warnings"), functions.array().cast("array<string>")));
    }
    joined =
        joined
            .join(
                functions.broadcast(
                    population.select(
                        col("alpha3").as("_p_alpha3"), col("population").as("population"))),
                col("country_code").equalTo(col("_p_alpha3")),
                "left")
            .drop("_p_alpha3");
    Dataset<Row> reference =
        functions.broadcast(
            countries.select(
                col("alpha3").as("_c_alpha3"),
                col("name_en").as("country_name"),
                col("itu_region"),
                col("m49_region"),
                col("ldc"),
                col("lldc"),
                col("sids"),
                col("development_status")));
    return joined
        .join(reference, col("country_code").equalTo(col("_c_alpha3")), "left")
        .drop("_c_alpha3");
  }
}
