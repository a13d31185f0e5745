package org.spamtraffic.intake;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.spamtraffic.validate.ReturnChecks;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The rows the checking pass wrote into {@code returns} that must leave it again: the rows of
 * submissions that failed while reading, of periods in which a submission is not live (superseded,
 * or every row rejected), and the valid rows rejected across rows ({@link Submissions.CrossRows}).
 *
 * <p>They are named by keys: a key names a submission and, where it is not null, a period, an
 * operator, a spam type or a row number; a row of {@code returns} leaves when it matches every
 * non-null column of a key. {@link #delete} turns the keys into row identities by one equi-join per
 * shape of key, and deletes those by one equi-join. Not one join with {@code (k.x IS NULL OR t.x =
 * k.x)} terms: Spark cannot hash such a condition, so it planned a broadcast nested-loop join of
 * every row of {@code returns} with every key (a 10M-row return with 1,700 repeated lines did not
 * finish in 826 s). Not one SQL condition naming every key either: a rebuild of a thousand
 * submissions names thousands of (submission, row) pairs, beyond Spark's code generation (64 KB a
 * method).
 */
final class RowsLeaving {
  private RowsLeaving() {}

  /** The key table's columns; a null column matches any value. */
  static final StructType KEYS =
      new StructType()
          .add("submission_id", DataTypes.StringType, false)
          .add("period", DataTypes.StringType, true)
          .add("operator_id", DataTypes.StringType, true)
          .add("spam_type", DataTypes.StringType, true)
          .add("source_row", DataTypes.LongType, true);

  /** The columns that identify a row of {@code returns}: a file's sheet and row. */
  static final List<String> IDENTITY = List.of("submission_id", "source_sheet", "source_row");

  /**
   * The delete's join condition, a plain equi-join on {@link #IDENTITY} ({@code <=>}: a CSV's rows
   * have no sheet).
   */
  static final String IDENTITY_MATCH =
      "t.submission_id = k.submission_id AND t.source_sheet <=> k.source_sheet"
          + " AND t.source_row = k.source_row";

  /**
   * Deletes from {@code tx}'s {@code returns} every row a key of {@code keys} names, in one
   * row-level delete (copy-on-write: each data file holding such a row is rewritten once).
   *
   * <p>Each shape of key (the columns it names) is an equi-join of the small key table, broadcast,
   * with the needed columns of {@code returns}, giving the identities of the rows that leave.
   * Iceberg cannot plan a MERGE whose source reads its own target, so the identities are written to
   * the transaction's scratch folder as Parquet and the MERGE reads that. Parquet on the
   * warehouse's file system rather than {@code localCheckpoint()} (its blocks die with an executor,
   * and a lost block cannot be recomputed once the target has changed) or a collect to the driver
   * (the rows of superseded submissions can be millions). Whole submissions go through the same one
   * delete: a second MERGE for them would rewrite the same files a second time.
   */
  static void delete(SparkSession spark, Warehouse.Transaction tx, List<Row> keys) {
    if (keys.isEmpty()) {
      return;
    }
    Dataset<Row> returns = tx.read("returns");
    Dataset<Row> identities = null;
    for (Map.Entry<List<String>, List<Row>> shape : byShape(keys).entrySet()) {
      List<String> columns = shape.getKey();
      StructType schema = new StructType();
      for (String c : columns) {
        schema = schema.add(KEYS.apply(c));
      }
      Dataset<Row> k = spark.createDataFrame(shape.getValue(), schema);
      Set<String> needed = new LinkedHashSet<>(IDENTITY);
      needed.addAll(columns);
      Dataset<Row> found =
          returns
              .select(needed.stream().map(c -> col(c)).toArray(Column[]::new))
              .join(broadcast(k), columns.toArray(String[]::new))
              .select(IDENTITY.stream().map(c -> col(c)).toArray(Column[]::new));
      identities = identities == null ? found : identities.union(found);
    }
    String folder = tx.scratch() + "/rows-leaving";
    identities.distinct().write().parquet(folder);
    Dataset<Row> leaving = spark.read().parquet(folder);
    if (!leaving.isEmpty()) {
      tx.deleteMatching("returns", leaving, IDENTITY_MATCH);
    }
  }

  /** The keys grouped by the columns they name, each key cut to those columns. */
  static Map<List<String>, List<Row>> byShape(List<Row> keys) {
    Map<List<String>, List<Row>> out = new LinkedHashMap<>();
    for (Row key : keys) {
      List<String> columns = new ArrayList<>();
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < KEYS.size(); i++) {
        if (!key.isNullAt(i)) {
          columns.add(KEYS.fields()[i].name());
          values.add(key.get(i));
        }
      }
      out.computeIfAbsent(List.copyOf(columns), c -> new ArrayList<>())
          .add(RowFactory.create(values.toArray()));
    }
    return out;
  }

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
