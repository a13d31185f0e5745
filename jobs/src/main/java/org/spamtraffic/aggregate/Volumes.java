package org.spamtraffic.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The {@code volumes} table: one row per area (country, ITU-D region, M49 region, development
 * group, world), quarter and spam type. Built from {@link OperatorCube#operatorQuarters()}, so an
 * operator's service-level figures enter every sum exactly once.
 */
final class Volumes {
  private Volumes() {}

  static Dataset<Row> build(Dataset<Row> operatorQuarters, Dataset<Row> countries) {
    Dataset<Row> byArea = Areas.explodeAreas(operatorQuarters, "reporting_country", countries);
    List<String> key = List.of("level", "area", "area_name", "quarter", "spam_type");

    // Step 1: one row per operator within each area (an operator may serve several countries of a
    // region); step 2 sums operators and keeps the largest one for the dominance test.
    List<Column> perOperator = new ArrayList<>();
    perOperator.add(functions.collect_set("reporting_country").as("countries"));
    perOperator.add(max(col("incomplete").cast("int")).as("incomplete"));
    perOperator.add(
        functions.min(col("total_traffic").isNotNull().cast("int")).as("reports_traffic"));
    perOperator.add(sum(col("service_size")).as("service_size"));
    perOperator.add(sum(col("service_size").multiply(col("months"))).as("subscriber_months"));
    for (String m :
        List.of(
            "total_traffic",
            "spam_detected_with_traffic",
            "spam_detected",
            "spam_blocked",
            "spam_delivered",
            "user_reports")) {
      perOperator.add(sum(m).as(m));
    }
    for (String route : OperatorCube.ROUTES) {
      perOperator.add(sum("spam_via_" + route).as("spam_via_" + route));
    }
    List<String> operatorKey = new ArrayList<>(key);
    operatorKey.add("operator_id");
    Dataset<Row> operators =
        byArea
            .groupBy(operatorKey.stream().map(functions::col).toArray(Column[]::new))
            .agg(
                perOperator.get(0),
                perOperator.subList(1, perOperator.size()).toArray(Column[]::new));

    List<Column> perArea = new ArrayList<>();
    perArea.add(countDistinct("operator_id").cast("int").as("reporting_operators"));
    perArea.add(
        functions
            .size(functions.array_distinct(flatten(functions.collect_list("countries"))))
            .as("countries_reporting"));
    perArea.add(sum("incomplete").cast("int").as("incomplete_operators"));
    perArea.add(sum("reports_traffic").cast("int").as("traffic_operators"));
    for (String m :
        List.of(
            "service_size",
            "subscriber_months",
            "total_traffic",
            "spam_detected_with_traffic",
            "spam_detected",
            "spam_blocked",
            "spam_delivered",
            "user_reports")) {
      perArea.add(sum(m).as(m));
    }
    for (String route : OperatorCube.ROUTES) {
      perArea.add(sum("spam_via_" + route).as("spam_via_" + route));
    }
    perArea.add(max("spam_detected").as("_max_detected"));
    perArea.add(max("service_size").as("_max_service"));
    perArea.add(max("total_traffic").as("_max_traffic"));
    Dataset<Row> areas =
        operators
            .groupBy(key.stream().map(functions::col).toArray(Column[]::new))
            .agg(perArea.get(0), perArea.subList(1, perArea.size()).toArray(Column[]::new));

    Column offNet = lit(0L);
    for (String route : OperatorCube.ROUTES) {
      if (!route.equals("on_net") && !route.equals("unknown")) {
        offNet = offNet.plus(col("spam_via_" + route));
      }
    }
    Dataset<Row> volumes =
        areas
            .withColumn(
                "spam_share", ratio(col("spam_detected_with_traffic"), col("total_traffic")))
            .withColumn("block_rate", ratio(col("spam_blocked"), col("spam_detected")))
            .withColumn(
                "spam_per_subscriber_month", ratio(col("spam_detected"), col("subscriber_months")))
            .withColumn("share_on_net", ratio(col("spam_via_on_net"), col("spam_detected")))
            .withColumn("share_off_net", ratio(offNet, col("spam_detected")))
            .withColumn(
                "share_international_gateway",
                ratio(col("spam_via_international_gateway"), col("spam_detected")))
            .withColumn("share_grey_route", ratio(col("spam_via_grey_route"), col("spam_detected")))
            .withColumn(
                "top_operator_share",
                functions.greatest(
                    functions.coalesce(ratio(col("_max_detected"), col("spam_detected")), lit(0.0)),
                    functions.coalesce(ratio(col("_max_service"), col("service_size")), lit(0.0)),
                    functions.coalesce(ratio(col("_max_traffic"), col("total_traffic")), lit(0.0))))
            .withColumn("_q", quarterIndex(col("quarter")))
            .drop("_max_detected", "_max_service", "_max_traffic", "spam_detected_with_traffic");
    return withGrowth(volumes);
  }

  /** Adds growth on the previous quarter and on the same quarter a year before. */
  private static Dataset<Row> withGrowth(Dataset<Row> volumes) {
    Dataset<Row> earlier =
        volumes.select(
            col("level").as("_e_level"),
            col("area").as("_e_area"),
            col("spam_type").as("_e_type"),
            col("_q").as("_e_q"),
            col("spam_detected").as("_e_detected"));
    Dataset<Row> previous = earlier.toDF("_p_level", "_p_area", "_p_type", "_p_q", "_p_detected");
    Dataset<Row> yearBefore = earlier.toDF("_y_level", "_y_area", "_y_type", "_y_q", "_y_detected");
    return volumes
        .join(
            previous,
            col("level")
                .equalTo(col("_p_level"))
                .and(col("area").equalTo(col("_p_area")))
                .and(col("spam_type").equalTo(col("_p_type")))
                .and(col("_q").minus(1).equalTo(col("_p_q"))),
            "left")
        .join(
            yearBefore,
            col("level")
                .equalTo(col("_y_level"))
                .and(col("area").equalTo(col("_y_area")))
                .and(col("spam_type").equalTo(col("_y_type")))
                .and(col("_q").minus(4).equalTo(col("_y_q"))),
            "left")
        .withColumn(
            "growth_previous_quarter", ratio(col("spam_detected"), col("_p_detected")).minus(1.0))
        .withColumn(
            "growth_year_on_year", ratio(col("spam_detected"), col("_y_detected")).minus(1.0))
        .drop(
            "_q",
            "_p_level",
            "_p_area",
            "_p_type",
            "_p_q",
            "_p_detected",
            "_y_level",
            "_y_area",
            "_y_type",
            "_y_q",
            "_y_detected");
  }

  /** {@code a / b} as a double, null when {@code b} is null or 0. */
  static Column ratio(Column a, Column b) {
    return when(b.isNull().or(b.equalTo(0)), lit(null).cast("double"))
        .otherwise(a.cast("double").divide(b.cast("double")));
  }

  /** {@code YYYY-Qn} as a running quarter number, so that the previous quarter is one less. */
  static Column quarterIndex(Column quarter) {
    return expr("0")
        .plus(functions.substring(quarter, 1, 4).cast("int").multiply(4))
        .plus(functions.substring(quarter, 7, 1).cast("int"))
        .minus(1);
  }
}
