package org.spamtraffic.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

/**
 * The {@code sources} table: spam per receiving area (where the reporting operators serve),
 * quarter, type and source (a source country or a source network), with its share of the area's
 * spam and its rank.
 */
final class Sources {
  private Sources() {}

  static Dataset<Row> build(Dataset<Row> flows, Dataset<Row> networks, Dataset<Row> countries) {
    Dataset<Row> bySourceCountry =
        flows
            .groupBy("operator_id", "reporting_country", "quarter", "spam_type", "source_country")
            .agg(sum("spam_detected").as("spam_detected"))
            .select(
                col("operator_id"),
                col("reporting_country"),
                col("quarter"),
                col("spam_type"),
                lit("country").as("source_kind"),
                col("source_country").as("source"),
                lit(null).cast("string").as("source_network_kind"),
                col("spam_detected"));
    Dataset<Row> bySourceNetwork =
        networks
            .groupBy(
                "operator_id",
                "reporting_country",
                "quarter",
                "spam_type",
                "source_network",
                "source_network_kind")
            .agg(sum("spam_detected").as("spam_detected"))
            .select(
                col("operator_id"),
                col("reporting_country"),
                col("quarter"),
                col("spam_type"),
                lit("network").as("source_kind"),
                col("source_network").as("source"),
                col("source_network_kind"),
                col("spam_detected"));
    Dataset<Row> byArea =
        Areas.explodeAreas(
            bySourceCountry.unionByName(bySourceNetwork), "reporting_country", countries);
    WindowSpec inArea = Window.partitionBy("level", "area", "quarter", "spam_type", "source_kind");
    return byArea
        .groupBy(
            "level",
            "area",
            "quarter",
            "spam_type",
            "source_kind",
            "source",
            "source_network_kind",
            "operator_id")
        .agg(sum("spam_detected").as("spam_detected"))
        .groupBy(
            "level", "area", "quarter", "spam_type", "source_kind", "source", "source_network_kind")
        .agg(
            // Rows are one per operator here: a count, not a distinct count (which Spark plans
            // as extra aggregation phases).
            functions.count("operator_id").cast("int").as("reporting_operators"),
            sum("spam_detected").as("spam_detected"),
            max("spam_detected").as("_max_detected"))
        .withColumn(
            "share_of_area", Volumes.ratio(col("spam_detected"), sum("spam_detected").over(inArea)))
        .withColumn(
            "rank",
            functions
                .row_number()
                .over(inArea.orderBy(col("spam_detected").desc(), col("source").asc()))
                .cast("int"))
        .withColumn(
            "top_operator_share",
            functions.coalesce(Volumes.ratio(col("_max_detected"), col("spam_detected")), lit(0.0)))
        .drop("_max_detected");
  }
}
