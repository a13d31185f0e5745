package org.spamtraffic.intake;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.stage.StageResult;
import org.spamtraffic.validate.Messages;
import org.spamtraffic.validate.SparkChecks;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The {@code ingest-returns} job: reads every file of a landing folder, checks every row with the
 * return format's rules as Spark column expressions, and commits {@code returns} (valid rows of the
 * live submissions), {@code rejects} (every finding, with file, sheet, row, column, value, rule and
 * message) and {@code submissions} (one row per file, counts that add up) in one atomic warehouse
 * commit.
 *
 * <p>The landing folder is the source of truth: every run rebuilds the three tables from all the
 * files in it, so a re-run gives the same tables and a resubmitted file is recognised by its hash.
 * One pass reads and checks the rows; the checked rows are cached, and small aggregations over the
 * cache decide the rules across rows and which submission is live for each operator and period.
 */
public final class IngestReturns {
  /**
   * Options.
   *
   * @param landing landing folder (Hadoop URI), read recursively
   * @param limits file size and zip limits
   * @param jumpFactor a period-on-period change beyond this factor (either way) is flagged
   */
  public record Options(String landing, FileInspector.Limits limits, double jumpFactor) {
    /** Defaults for a landing folder. */
    public static Options of(String landing) {
      return new Options(landing, FileInspector.Limits.DEFAULT, 5.0);
    }
  }

  /**
   * Result.
   *
   * @param files files found
   * @param failedFiles files that could not be read
   * @param duplicateFiles files identical to an earlier one
   * @param rowsRead data rows read
   * @param rowsAccepted rows accepted
   * @param rowsRejected rows rejected
   * @param warnings warnings raised
   * @param returnsRows rows in {@code returns} (accepted rows of live submissions)
   * @param commit the warehouse commit number
   */
  public record Result(
      int files,
      int failedFiles,
      int duplicateFiles,
      long rowsRead,
      long rowsAccepted,
      long rowsRejected,
      long warnings,
      long returnsRows,
      long commit)
      implements StageResult {
    @Override
    public String summary() {
      return String.format(
          Locale.ROOT,
          "read %d files (%d failed, %d duplicate), %,d rows: %,d accepted + %,d rejected,"
              + " %,d warnings → returns %,d rows (commit %d)",
          files,
          failedFiles,
          duplicateFiles,
          rowsRead,
          rowsAccepted,
          rowsRejected,
          warnings,
          returnsRows,
          commit);
    }
  }

  private final SparkSession spark;
  private final Warehouse warehouse;

  /** A job on {@code spark}, writing to {@code warehouse}. */
  public IngestReturns(SparkSession spark, Warehouse warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  /** Runs the job. */
  public Result run(Options options) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<String> uris = list(conf, options.landing());
    FileInspector inspector = new FileInspector(conf, options.limits());
    List<ReturnFile> inspected = uris.parallelStream().map(inspector::inspect).toList();
    Submissions submissions = new Submissions(inspected);

    List<ReadTask> tasks = submissions.readTasks();
    Dataset<Row> raw = rawRows(tasks);
    Dataset<Row> checked = forLaterSteps(check(raw)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      submissions.recordGroups(groups(checked));
      submissions.recordDuplicates(duplicateRows(checked, submissions));
      submissions.decide(options.jumpFactor());

      Dataset<Row> finalRows = withCrossRowProblems(checked, submissions);
      Observation returnsCount = new Observation("returns");
      Dataset<Row> returns =
          finalRows
              .filter(col("kind").equalTo("DATA").and(col("_ok")).and(col("_live")))
              .observe(returnsCount, count(lit(1)).as("rows"));
      Dataset<Row> rejects = rejects(finalRows, submissions);

      Warehouse.Transaction tx = warehouse.begin("ingest-returns");
      tx.write(
          "returns",
          returnsFrame(returns.join(broadcast(submissions.filesFrame(spark)), "submission_id")));
      long returnsRows = observedRows(returnsCount);
      tx.write("rejects", rejects);
      tx.write("submissions", submissions.frame(spark));
      tx.rows("returns", returnsRows).rows("submissions", inspected.size());
      Warehouse.Commit commit = tx.commit();
      return submissions.result(returnsRows, commit.number());
    } finally {
      checked.unpersist();
    }
  }

  private static long observedRows(Observation observation) {
    try {
      Object n = observation.getAsJava().get("rows");
      return n instanceof Long l ? l : 0L;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while counting rows", e);
    }
  }

  /** Every file under {@code landing}, recursively, skipping hidden and underscore files. */
  static List<String> list(Configuration conf, String landing) {
    Path root = new Path(landing);
    List<String> out = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(conf);
      if (!fs.exists(root)) {
        throw new IllegalArgumentException(
            "The landing folder " + landing + " does not exist; pass an existing folder");
      }
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        LocatedFileStatus s = it.next();
        String name = s.getPath().getName();
        if (!name.startsWith(".") && !name.startsWith("_") && !name.equalsIgnoreCase("README.md")) {
          out.add(s.getPath().toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the landing folder " + landing, e);
    }
    out.sort(String::compareTo);
    return out;
  }

  private Dataset<Row> rawRows(List<ReadTask> tasks) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> rows = jsc.parallelize(tasks, Math.max(1, tasks.size())).flatMap(ReadTask::rows);
    return spark.createDataFrame(rows, ReadTask.SCHEMA);
  }

  /**
   * Typed columns, error columns, validity ({@code _valid}) and problems ({@code _problems}) of a
   * raw frame in {@link ReadTask#SCHEMA}, derived from the return format.
   */
  public static Dataset<Row> check(Dataset<Row> raw) {
    Dataset<Row> typed = SparkChecks.checkFields(raw).withColumns(SparkChecks.rowRules());
    Column data = col("kind").equalTo("DATA");
    return typed
        .withColumn("_valid", data.and(SparkChecks.valid()))
        .withColumn("_problems", when(data.and(not(SparkChecks.valid())), SparkChecks.problems()));
  }

  /**
   * Keeps only what the steps after checking use, before the rows are cached: the typed values,
   * validity and the problem list (which already carries each raw value it needs), not the raw text
   * and per-field error columns. The cache is the costliest structure of the job.
   */
  static Dataset<Row> forLaterSteps(Dataset<Row> checked) {
    List<String> drop = new ArrayList<>();
    for (String c : checked.columns()) {
      if ((c.startsWith("raw_") && !c.equals("raw_operator_id"))
          || c.startsWith("_e_")
          || c.equals("_width")
          || c.equals("_field_count")) {
        drop.add(c);
      }
    }
    return checked.drop(drop.toArray(String[]::new));
  }

  /**
   * One aggregation over the checked rows, grouped by file, kind of line, validity, operator,
   * period and type: enough for the per-file counts, the file's operator and the service-level
   * rules, and small (a file has a few dozen such groups).
   */
  private static List<Row> groups(Dataset<Row> checked) {
    return checked
        .groupBy("submission_id", "kind", "_valid", "operator_id", "period", "spam_type")
        .agg(
            count(lit(1)).as("rows"),
            sum(col("formula_cells").cast("long")).as("formulas"),
            min("_error").as("error"),
            min("row").as("first_row"),
            min("service_size"),
            max("service_size"),
            min("total_traffic"),
            max("total_traffic"),
            sum("spam_detected"))
        .collectAsList();
  }

  /**
   * Rows sharing a key within a submission: first by a 64-bit hash (one small aggregation), then
   * the few colliding rows are fetched and compared on their exact key on the driver.
   */
  private List<Row> duplicateRows(Dataset<Row> checked, Submissions submissions) {
    List<String> key = ReturnFormat.v1().key();
    Column hash =
        xxhash64(key.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    Dataset<Row> hashed = checked.filter(col("_valid")).withColumn("_key_hash", hash);
    Dataset<Row> collisions =
        hashed
            .groupBy("submission_id", "_key_hash")
            .agg(count(lit(1)).as("n"))
            .filter(col("n").gt(1))
            .select("submission_id", "_key_hash");
    List<Column> select = new ArrayList<>();
    select.add(col("submission_id"));
    select.add(col("row"));
    key.forEach(k -> select.add(col(k)));
    select.add(col("spam_detected"));
    return hashed
        .join(broadcast(collisions), new String[] {"submission_id", "_key_hash"})
        .select(select.toArray(Column[]::new))
        .collectAsList();
  }

  /** Adds the cross-row problems, {@code _ok} (no problem at all) and {@code _live}. */
  private Dataset<Row> withCrossRowProblems(Dataset<Row> checked, Submissions submissions) {
    Dataset<Row> rows = checked;
    List<String> failed = submissions.failedIds();
    if (!failed.isEmpty()) {
      rows = rows.filter(not(col("submission_id").isin(failed.toArray())));
    }
    rows = new CrossRowProblems(spark, submissions).attach(rows);
    Column ok = col("_valid").and(col("_cross").isNull());
    Dataset<Row> live = submissions.liveFrame(spark);
    return rows.withColumn("_ok", ok)
        .join(broadcast(live), new String[] {"submission_id", "period"}, "left")
        .withColumn("_live", org.apache.spark.sql.functions.coalesce(col("_live_flag"), lit(false)))
        .drop("_live_flag");
  }

  private Dataset<Row> rejects(Dataset<Row> finalRows, Submissions submissions) {
    UserDefinedFunction message =
        udf((UDF4<String, String, String, String, String>) Messages::render, DataTypes.StringType);
    Dataset<Row> rowProblems =
        finalRows
            .filter(col("kind").equalTo("DATA").and(not(col("_ok"))))
            .select(
                col("submission_id"),
                col("sheet"),
                col("row"),
                col("raw_operator_id"),
                explode(
                        org.apache.spark.sql.functions.concat(
                            org.apache.spark.sql.functions.coalesce(
                                col("_problems"), org.apache.spark.sql.functions.array()),
                            org.apache.spark.sql.functions.coalesce(
                                col("_cross"), org.apache.spark.sql.functions.array())))
                    .as("p"));
    Dataset<Row> fromRows =
        rowProblems.select(
            col("submission_id"),
            col("raw_operator_id").as("operator_id"),
            col("sheet"),
            col("row"),
            col("p.column").as("column"),
            col("p.value").as("value"),
            col("p.rule").as("rule"),
            levelOf(col("p.rule")).as("level"),
            message
                .apply(col("p.rule"), col("p.column"), col("p.value"), col("p.other"))
                .as("message"));
    Dataset<Row> files = submissions.filesFrame(spark);
    Dataset<Row> withFile = fromRows.join(broadcast(files), new String[] {"submission_id"}, "left");
    return withFile.unionByName(submissions.fileFindingsFrame(spark));
  }

  private static Column levelOf(Column rule) {
    Column c = lit("error");
    for (var r : ReturnFormat.v1().rules().values()) {
      if (r.level() != org.spamtraffic.schema.Rule.Level.ERROR) {
        c = when(rule.equalTo(r.id()), lit(r.level().code())).otherwise(c);
      }
    }
    return c;
  }

  private static Dataset<Row> returnsFrame(Dataset<Row> returns) {
    List<Column> cols = new ArrayList<>();
    cols.add(col("submission_id"));
    for (var f : ReturnFormat.v1().fields()) {
      cols.add(col(f.name()));
    }
    cols.add(col("sheet").as("source_sheet"));
    cols.add(col("row").as("source_row"));
    cols.add(col("file").as("source_file"));
    Dataset<Row> typed = returns.select(cols.toArray(Column[]::new));
    return withDerived(typed);
  }

  /** Columns derived from the typed period and source network, as the returns contract has them. */
  static Dataset<Row> withDerived(Dataset<Row> typed) {
    Column p = col("period");
    Column quarterly = org.apache.spark.sql.functions.substring(p, 6, 1).equalTo("Q");
    Column year = org.apache.spark.sql.functions.substring(p, 1, 4).cast("int");
    Column q = org.apache.spark.sql.functions.substring(p, 7, 1).cast("int");
    Column m = org.apache.spark.sql.functions.substring(p, 6, 2).cast("int");
    Column startMonth = when(quarterly, q.minus(1).multiply(3).plus(1)).otherwise(m);
    Column net = col("source_network");
    return typed
        .withColumn(
            "period_start", org.apache.spark.sql.functions.make_date(year, startMonth, lit(1)))
        .withColumn("period_months", when(quarterly, lit(3)).otherwise(lit(1)))
        .withColumn(
            "quarter",
            when(quarterly, p)
                .otherwise(
                    org.apache.spark.sql.functions.concat(
                        org.apache.spark.sql.functions.substring(p, 1, 4),
                        lit("-Q"),
                        org.apache.spark.sql.functions.ceil(m.divide(3)).cast("string"))))
        .withColumn(
            "source_network_kind",
            when(net.startsWith("AS"), lit("asn"))
                .when(net.startsWith("+"), lit("number_range"))
                .when(net.equalTo("unknown"), lit("unknown"))
                .otherwise(lit("mcc_mnc")));
  }
}
