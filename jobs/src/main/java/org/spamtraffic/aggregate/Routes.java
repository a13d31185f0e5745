package org.spamtraffic.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * The {@code routes} table: spam per quarter, type, source country, destination country and entry
 * route, with the flow's share of everything its destination received.
 */
final class Routes {
  private Routes() {}

  static Dataset<Row> build(Dataset<Row> flows) {
    Dataset<Row> perOperator =
        flows
            .groupBy(
                "quarter",
                "spam_type",
                "source_country",
                "destination_country",
                "entry_route",
                "operator_id")
            .agg(sum("spam_detected").as("spam_detected"), sum("spam_blocked").as("spam_blocked"));
    return perOperator
        .groupBy("quarter", "spam_type", "source_country", "destination_country", "entry_route")
        .agg(
            // One row per operator already: a plain count, not countDistinct (which Spark plans
            // as an Expand and a second aggregation).
            count(lit(1)).cast("int").as("reporting_operators"),
            sum("spam_detected").as("spam_detected"),
            sum("spam_blocked").as("spam_blocked"),
            max("spam_detected").as("_max_detected"))
        .withColumn(
            "net",
            when(col("entry_route").equalTo("on_net"), lit("on_net"))
                .when(col("entry_route").equalTo("unknown"), lit("unknown"))
                .otherwise(lit("off_net")))
        .withColumn(
            "share_of_destination",
            Volumes.ratio(
                col("spam_detected"),
                sum("spam_detected")
                    .over(Window.partitionBy("quarter", "spam_type", "destination_country"))))
        .withColumn(
            "top_operator_share",
            functions.coalesce(Volumes.ratio(col("_max_detected"), col("spam_detected")), lit(0.0)))
        .drop("_max_detected");
  }
}
