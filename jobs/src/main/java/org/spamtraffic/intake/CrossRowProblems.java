package org.spamtraffic.intake;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.spamtraffic.validate.FileOwner;
import org.spamtraffic.validate.Problem;

/**
 * Puts the problems decided across rows back on the rows they concern, as the {@code _cross} column
 * (an array of problems, null when there is none), with broadcast joins of the small decision
 * tables. When nothing was found, no join is planned at all.
 */
final class CrossRowProblems {
  /** One problem on a row: column, rule, value and the other value it was compared with. */
  static final StructType PROBLEM =
      new StructType()
          .add("column", DataTypes.StringType)
          .add("rule", DataTypes.StringType)
          .add("value", DataTypes.StringType)
          .add("other", DataTypes.StringType);

  private final SparkSession spark;
  private final Submissions submissions;

  CrossRowProblems(SparkSession spark, Submissions submissions) {
    this.spark = spark;
    this.submissions = submissions;
  }

  Dataset<Row> attach(Dataset<Row> rows) {
    List<Column> parts = new ArrayList<>();
    Dataset<Row> out = rows;

    Map<String, FileOwner> owners = submissions.fileOwners();
    List<Row> opRows = new ArrayList<>();
    owners.forEach((s, o) -> opRows.add(RowFactory.create(s, o.operator(), o.rule())));
    Dataset<Row> ops =
        spark.createDataFrame(
            opRows,
            new StructType()
                .add("submission_id", DataTypes.StringType)
                .add("_file_operator", DataTypes.StringType)
                .add("_operator_rule", DataTypes.StringType));
    out = out.join(broadcast(ops), new String[] {"submission_id"}, "left");
    parts.add(
        when(
            col("_valid").and(col("operator_id").notEqual(col("_file_operator"))),
            array(
                struct(
                    lit("operator_id").as("column"),
                    col("_operator_rule").as("rule"),
                    col("operator_id").as("value"),
                    col("_file_operator").as("other")))));

    if (!submissions.groupProblems().isEmpty()) {
      List<Row> g = new ArrayList<>();
      for (Submissions.GroupProblem gp : submissions.groupProblems()) {
        Problem p = gp.problem();
        g.add(
            RowFactory.create(
                gp.key().submissionId(),
                gp.key().operatorId(),
                gp.key().period(),
                gp.key().spamType(),
                RowFactory.create(p.column(), p.rule(), p.value(), p.other())));
      }
      Dataset<Row> groups =
          spark
              .createDataFrame(
                  g,
                  new StructType()
                      .add("submission_id", DataTypes.StringType)
                      .add("operator_id", DataTypes.StringType)
                      .add("period", DataTypes.StringType)
                      .add("spam_type", DataTypes.StringType)
                      .add("_gp", PROBLEM))
              .groupBy("submission_id", "operator_id", "period", "spam_type")
              .agg(org.apache.spark.sql.functions.collect_list("_gp").as("_group_problems"));
      out =
          out.join(
              broadcast(groups),
              new String[] {"submission_id", "operator_id", "period", "spam_type"},
              "left");
      parts.add(when(col("_valid"), col("_group_problems")));
    }

    if (!submissions.duplicateProblems().isEmpty()) {
      List<Row> d = new ArrayList<>();
      submissions
          .duplicateProblems()
          .forEach(
              (s, byRow) ->
                  byRow.forEach(
                      (row, p) ->
                          d.add(
                              RowFactory.create(
                                  s,
                                  row,
                                  RowFactory.create(p.column(), p.rule(), p.value(), p.other())))));
      Dataset<Row> dups =
          spark.createDataFrame(
              d,
              new StructType()
                  .add("submission_id", DataTypes.StringType)
                  .add("row", DataTypes.LongType)
                  .add("_dup", PROBLEM));
      out = out.join(broadcast(dups), new String[] {"submission_id", "row"}, "left");
      parts.add(when(col("_valid").and(col("_dup").isNotNull()), array(col("_dup"))));
    }

    Column all = null;
    for (Column p : parts) {
      Column safe =
          org.apache.spark.sql.functions.coalesce(
              p, array().cast(DataTypes.createArrayType(PROBLEM)));
      all = all == null ? safe : concat(all, safe);
    }
    Column cross = when(size(all).gt(0), all);
    return out.withColumn("_cross", cross);
  }
}
