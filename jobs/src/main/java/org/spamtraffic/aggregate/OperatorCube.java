package org.spamtraffic.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The one pass over {@code returns}: a single aggregation with two grouping sets, per operator and
 * period, that every analytics table is built from.
 *
 * <ul>
 *   <li>{@link #flows()}: per operator, reporting country, quarter, period, spam type, source
 *       country, destination country and entry route, with the period's service-level figures
 *       ({@code service_size}, {@code total_traffic}) taken once (max over the group's rows: the
 *       contract repeats the same figure on every row of an operator, period and type);
 *   <li>{@link #networks()}: per operator, reporting country, quarter, period, spam type and source
 *       network.
 * </ul>
 *
 * <p>Both are far smaller than {@code returns} (the content category and the row-level breakdowns
 * are gone), so the result is persisted once and reused by every table. An operator that sent both
 * a quarterly return and monthly returns for the same quarter and type would be counted twice: the
 * quarterly return wins and the monthly ones are set aside (ingest supersedes per period, and
 * {@code 2025-Q1} and {@code 2025-01} are different periods).
 */
public final class OperatorCube implements AutoCloseable {
  /** The entry routes of the return format, in its order. */
  public static final List<String> ROUTES =
      List.of(
          "on_net",
          "domestic_interconnect",
          "international_gateway",
          "a2p_aggregator",
          "grey_route",
          "internet",
          "unknown");

  private static final String VIEW_PREFIX = "spamtraffic_aggregate_returns_";

  private final Dataset<Row> cube;

  private OperatorCube(Dataset<Row> cube) {
    this.cube = cube;
  }

  /** Aggregates {@code returns} (the warehouse table) in one pass and persists the result. */
  public static OperatorCube of(Dataset<Row> returns) {
    String view = VIEW_PREFIX + Long.toUnsignedString(System.nanoTime());
    returns.createOrReplaceTempView(view);
    String keys = "operator_id, reporting_country, quarter, period, spam_type";
    String sql =
        String.format(
            Locale.ROOT,
            "SELECT grouping(source_network) = 1 AS is_flows, %s, source_country, destination_country, entry_route,"
                + " source_network, source_network_kind,"
                + " max(period_months) AS period_months, max(period_start) AS period_start,"
                + " max(service_size) AS service_size, max(total_traffic) AS total_traffic,"
                + " sum(spam_detected) AS spam_detected, sum(spam_blocked) AS spam_blocked,"
                + " sum(spam_delivered) AS spam_delivered, sum(user_reports) AS user_reports"
                + " FROM %s GROUP BY GROUPING SETS ("
                + " (%s, source_country, destination_country, entry_route),"
                + " (%s, source_network, source_network_kind))",
            keys,
            view,
            keys,
            keys);
    Dataset<Row> grouped = returns.sparkSession().sql(sql);
    returns.sparkSession().catalog().dropTempView(view);
    // grouping(c) is 1 on the rows of a grouping set that leaves c out: only the flows set leaves
    // out source_network.
    Dataset<Row> withSet =
        grouped
            .withColumn(
                "grouping_set", when(col("is_flows"), lit("flows")).otherwise(lit("networks")))
            .drop("is_flows");
    org.apache.spark.sql.expressions.WindowSpec perQuarter =
        org.apache.spark.sql.expressions.Window.partitionBy(
            "operator_id", "reporting_country", "quarter", "spam_type");
    Dataset<Row> preferred =
        withSet
            .withColumn(
                "_has_quarterly",
                max(when(col("period_months").geq(3), lit(true)).otherwise(lit(false)))
                    .over(perQuarter))
            .filter(col("period_months").geq(3).or(col("_has_quarterly").equalTo(lit(false))))
            .drop("_has_quarterly");
    return new OperatorCube(preferred.persist(StorageLevel.MEMORY_AND_DISK()));
  }

  /** Flows of one operator and period (see the class comment). */
  public Dataset<Row> flows() {
    return cube.filter(col("grouping_set").equalTo("flows"))
        .drop("grouping_set", "source_network", "source_network_kind");
  }

  /** Source networks of one operator and period. */
  public Dataset<Row> networks() {
    return cube.filter(col("grouping_set").equalTo("networks"))
        .drop("grouping_set", "source_country", "destination_country", "entry_route");
  }

  /**
   * One row per operator, reporting country, quarter and spam type: monthly returns rolled up into
   * their quarter. Flows are summed over the months; {@code service_size} is the last month's
   * figure (subscribers at the end of the quarter); {@code total_traffic} is the sum over the
   * months when every month reported it, else null (the operator then drops out of the spam share);
   * {@code months} counts the months covered and {@code incomplete} flags fewer than 3. Adds {@code
   * spam_via_<route>} for every entry route and {@code spam_detected_with_traffic}.
   */
  public Dataset<Row> operatorQuarters() {
    List<Column> perPeriod = new ArrayList<>();
    perPeriod.add(max("period_months").as("period_months"));
    perPeriod.add(max("period_start").as("period_start"));
    perPeriod.add(max("service_size").as("service_size"));
    perPeriod.add(max("total_traffic").as("total_traffic"));
    perPeriod.add(sum("spam_detected").as("spam_detected"));
    perPeriod.add(sum("spam_blocked").as("spam_blocked"));
    perPeriod.add(sum("spam_delivered").as("spam_delivered"));
    perPeriod.add(sum("user_reports").as("user_reports"));
    for (String route : ROUTES) {
      perPeriod.add(
          sum(when(col("entry_route").equalTo(route), col("spam_detected")).otherwise(lit(0L)))
              .as("spam_via_" + route));
    }
    Dataset<Row> periods =
        flows()
            .groupBy("operator_id", "reporting_country", "quarter", "spam_type", "period")
            .agg(perPeriod.get(0), perPeriod.subList(1, perPeriod.size()).toArray(Column[]::new));

    List<Column> perQuarter = new ArrayList<>();
    perQuarter.add(sum("period_months").cast("int").as("months"));
    perQuarter.add(max_by(col("service_size"), col("period_start")).as("service_size"));
    perQuarter.add(
        when(count(col("total_traffic")).equalTo(count(lit(1))), sum("total_traffic"))
            .as("total_traffic"));
    perQuarter.add(
        when(count(col("total_traffic")).equalTo(count(lit(1))), sum("spam_detected"))
            .otherwise(lit(0L))
            .as("spam_detected_with_traffic"));
    for (String measure :
        List.of("spam_detected", "spam_blocked", "spam_delivered", "user_reports")) {
      perQuarter.add(sum(measure).as(measure));
    }
    for (String route : ROUTES) {
      perQuarter.add(sum("spam_via_" + route).as("spam_via_" + route));
    }
    return periods
        .groupBy("operator_id", "reporting_country", "quarter", "spam_type")
        .agg(perQuarter.get(0), perQuarter.subList(1, perQuarter.size()).toArray(Column[]::new))
        .withColumn("incomplete", col("months").lt(3));
  }

  /** Releases the persisted aggregate. */
  @Override
  public void close() {
    cube.unpersist();
  }
}
