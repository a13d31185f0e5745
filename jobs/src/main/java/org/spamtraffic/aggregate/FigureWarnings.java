package org.spamtraffic.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.schema.Rule;

/**
 * The warnings ingest raised on an operator's figures (the return-scope warning rules of {@code
 * schemas/return-v1.schema.json}, today {@code period_jump}), as one row per operator, spam type
 * and quarter: what {@code country_profile} carries so that the investment estimate does not size
 * equipment on a figure nobody has confirmed.
 *
 * <p>Such a warning names its figure in the {@code value} column of {@code rejects} as {@code
 * "<spam type> in <period>"} (the form {@code intake/Submissions} writes); a monthly period counts
 * in its quarter.
 */
final class FigureWarnings {
  /** {@code sms in 2025-07}: the spam type and the period (month or quarter). */
  static final String VALUE_PATTERN = "^([a-z_]+) in ([0-9]{4})-(Q[1-4]|[0-9]{2})$";

  private FigureWarnings() {}

  /** The return-scope warning rules: the ones about a figure rather than a cell or a file. */
  static List<String> rules() {
    List<String> out = new ArrayList<>();
    for (Rule r : ReturnFormat.v1().rules().values()) {
      if (r.level() == Rule.Level.WARNING && "return".equals(r.scope())) {
        out.add(r.id());
      }
    }
    return out;
  }

  /**
   * From {@code rejects}: {@code operator_id}, {@code spam_type}, {@code quarter} and {@code
   * warning} ({@code "<operator_id> <period> <rule>"}, e.g. {@code "KZ-STEPPE 2025-07
   * period_jump"}: the key an analyst confirms the figure by).
   */
  static Dataset<Row> of(Dataset<Row> rejects) {
    Dataset<Row> figures =
        rejects
            .where(
                col("level")
                    .equalTo("warning")
                    .and(col("rule").isin(rules().toArray()))
                    .and(col("operator_id").isNotNull())
                    .and(col("value").rlike(VALUE_PATTERN)))
            .select(
                col("operator_id"),
                col("rule"),
                regexp_extract(col("value"), VALUE_PATTERN, 1).as("spam_type"),
                regexp_extract(col("value"), VALUE_PATTERN, 2).as("year"),
                regexp_extract(col("value"), VALUE_PATTERN, 3).as("part"));
    Column period = concat(col("year"), lit("-"), col("part"));
    Column quarter =
        when(col("part").startsWith("Q"), period)
            .otherwise(
                concat(
                    col("year"),
                    lit("-Q"),
                    floor(col("part").cast("int").minus(1).divide(3)).plus(1).cast("string")));
    return figures
        .select(
            col("operator_id"),
            col("spam_type"),
            quarter.as("quarter"),
            concat_ws(" ", col("operator_id"), period, col("rule")).as("warning"))
        .distinct();
  }
}
