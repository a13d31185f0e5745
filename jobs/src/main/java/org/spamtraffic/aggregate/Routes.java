package org.spamtraffic.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The {@code routes} table: spam per quarter, type, source country, destination country and entry
 * route, with the flow's share of everything its destination received.
 */
final class Routes {
  private Routes() {}

  static Dataset<Row> build(Dataset<Row> flows) {
    String[] key = {"quarter", "spam_type", "source_country", "destination_country", "entry_route"};
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
        .groupBy(key[0], java.util.Arrays.copyOfRange(key, 1, key.length))
        .agg(
            countDistinct("operator_id").cast("int").as("reporting_operators"),
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
            functions_coalesce(Volumes.ratio(col("_max_detected"), col("spam_detected"))))
        .drop("_max_detected");
  }

  private static org.apache.spark.sql.Column functions_coalesce(org.apache.spark.sql.Column c) {
    return org.apache.spark.sql.functions.coalesce(c, lit(0.0));
  }
}
