package org.spamtraffic.intake;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.spamtraffic.validate.ReturnChecks;

/**
 * The rows the checking pass wrote into {@code returns} that must leave it again, as a small table
 * of keys for a row-level delete by join: the rows of submissions that failed while reading, of
 * periods in which a submission is not live (superseded, or every row rejected), and the valid rows
 * rejected across rows ({@link Submissions.CrossRows}).
 *
 * <p>A key names a submission and, where it is not null, a period, an operator, a spam type or a
 * row number; a row of {@code returns} leaves when it matches every non-null column of a key. Keys
 * rather than one SQL condition: a rebuild of a thousand submissions with repeated breakdowns names
 * thousands of (submission, row) pairs, and one condition of that size is beyond Spark's code
 * generation (64 KB a method), so it ran interpreted over every row of {@code returns}; a join with
 * the keys costs the same whatever their number.
 */
final class RowsLeaving {
  private RowsLeaving() {}

  /** The key table's columns; {@link #MATCH} is the join condition over them. */
  static final StructType KEYS =
      new StructType()
          .add("submission_id", DataTypes.StringType, false)
          .add("period", DataTypes.StringType, true)
          .add("operator_id", DataTypes.StringType, true)
          .add("spam_type", DataTypes.StringType, true)
          .add("source_row", DataTypes.LongType, true);

  /**
   * A row {@code t} of {@code returns} matches a key {@code k}: an equi-join on the submission, the
   * other columns compared where the key names them.
   */
  static final String MATCH =
      "t.submission_id = k.submission_id"
          + " AND (k.period IS NULL OR t.period = k.period)"
          + " AND (k.operator_id IS NULL OR t.operator_id = k.operator_id)"
          + " AND (k.spam_type IS NULL OR t.spam_type = k.spam_type)"
          + " AND (k.source_row IS NULL OR t.source_row = k.source_row)";

  /**
   * The keys of the rows that leave; empty when every row stays. {@code periodsLeaving}: recorded
   * submission → the periods a new file replaces it in (an incremental run).
   */
  static List<Row> keys(
      Submissions submissions,
      Map<String, CheckingPass.Part> parts,
      Map<String, Submissions.CrossRows> cross,
      Map<String, Set<String>> periodsLeaving) {
    List<Row> keys = new ArrayList<>();
    periodsLeaving.forEach(
        (id, periods) -> periods.forEach(p -> keys.add(key(id, p, null, null, null))));
    for (CheckingPass.Part p : parts.values()) {
      if (p.valid == 0) {
        continue; // nothing of it was written
      }
      Set<String> live = submissions.livePeriods(p.submissionId);
      if (live.isEmpty()) {
        keys.add(key(p.submissionId, null, null, null, null));
        continue;
      }
      // Every valid row written is in the tally, so the periods written and not live are all the
      // periods whose rows leave.
      Set<String> leaving = new TreeSet<>();
      p.tally.groups().keySet().forEach(g -> leaving.add(g.period()));
      leaving.removeAll(live);
      leaving.forEach(period -> keys.add(key(p.submissionId, period, null, null, null)));
    }
    cross.forEach(
        (id, c) -> {
          c.otherOperators().forEach(o -> keys.add(key(id, null, o, null, null)));
          for (ReturnChecks.GroupKey g : c.verdict().groupProblems().keySet()) {
            keys.add(key(id, g.period(), g.operatorId(), g.spamType(), null));
          }
          new TreeSet<>(c.duplicates().keySet())
              .forEach(row -> keys.add(key(id, null, null, null, row)));
        });
    return keys;
  }

  /** The keys as a frame of {@link #KEYS}. */
  static Dataset<Row> frame(SparkSession spark, List<Row> keys) {
    return spark.createDataFrame(keys, KEYS);
  }

  private static Row key(
      String submission, String period, String operator, String spamType, Long row) {
    return RowFactory.create(submission, period, operator, spamType, row);
  }

  static String list(Collection<String> values) {
    return values.stream().map(RowsLeaving::literal).collect(Collectors.joining(", ", "(", ")"));
  }

  /**
   * A Spark SQL string literal of any text (submission ids come from file names): backslashes and
   * quotes escaped, as Spark's parser reads them by default.
   */
  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
