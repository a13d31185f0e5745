package org.spamtraffic.intake;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import org.spamtraffic.stage.StageResult;
import org.spamtraffic.validate.Problem;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The {@code ingest-returns} job: reads every file of a landing folder, checks every row with the
 * return format's rules (the plain-Java checks {@code validate} runs), and commits {@code returns}
 * (valid rows of the live submissions), {@code rejects} (every finding, with file, sheet, row,
 * column, value, rule and message) and {@code submissions} (one row per file, counts that add up)
 * in one atomic warehouse commit.
 *
 * <p>The landing folder is the source of truth, and a run is incremental: it reads only the files
 * {@code submissions} has not recorded ({@link LandingChanges}), and changes the tables row by row:
 * the new files' rows and rejects are added, the rows of recorded submissions a new file replaces
 * are deleted from {@code returns}, the period jumps of the operators concerned are judged again,
 * and {@code submissions} is rewritten (one row per file). The tables are then what a run over the
 * whole landing folder gives ({@code --rebuild}, {@link Options#rebuild}); where a recorded file is
 * gone or changed, the run rebuilds by itself and says why. One pass ({@link CheckingPass}) reads
 * and checks the rows inside Spark tasks; its valid rows go through the DataFrame writer into the
 * job's branch of {@code returns}, its rejected rows to scratch, and small per-file figures to the
 * driver. The driver then decides the rules across rows and which submission is live for each
 * operator and period ({@link Submissions}), turns the rows rejected across rows into rejects, and
 * deletes them and the rows of submissions that are not live from the branch (an Iceberg row-level
 * delete, which rewrites only the files that hold such rows). Nothing is visible until the commit.
 */
public final class IngestReturns {
  /**
   * Options.
   *
   * @param landing landing folder (Hadoop URI), read recursively
   * @param limits file size and zip limits
   * @param jumpFactor a period-on-period change beyond this factor (either way) is flagged
   */
  public record Options(
      String landing, FileInspector.Limits limits, double jumpFactor, boolean rebuild) {
    /** Incremental options. */
    public Options(String landing, FileInspector.Limits limits, double jumpFactor) {
      this(landing, limits, jumpFactor, false);
    }

    /** Defaults for a landing folder. */
    public static Options of(String landing) {
      return new Options(landing, FileInspector.Limits.DEFAULT, 5.0);
    }

    /** The same options, rebuilding every table from the whole landing folder. */
    public Options rebuilding() {
      return new Options(landing, limits, jumpFactor, true);
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
   * @param filesRead files this run read (the others were recorded by earlier runs)
   * @param rebuilt why the run rebuilt the tables from the whole landing folder ({@code --rebuild},
   *     or a recorded file gone or changed), or null when it did not
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
      long commit,
      int filesRead,
      String rebuilt)
      implements StageResult {
    @Override
    public String summary() {
      String read =
          filesRead == files
              ? String.format(Locale.ROOT, "read %d files", files)
              : String.format(Locale.ROOT, "read %d new files of %d", filesRead, files);
      return (rebuilt == null ? "" : "rebuilt from the landing folder (" + rebuilt + "): ")
          + String.format(
              Locale.ROOT,
              "%s (%d failed, %d duplicate), %,d rows: %,d accepted + %,d rejected,"
                  + " %,d warnings → returns %,d rows (commit %d)",
              read,
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
    Steps steps = new Steps();
    boolean incremental =
        !options.rebuild()
            && warehouse.has("submissions")
            && warehouse.has("returns")
            && warehouse.has("rejects");
    List<RecordedFile> recorded =
        incremental ? RecordedFile.of(warehouse.read("submissions")) : List.of();
    LandingChanges changes = LandingChanges.of(conf, uris, recorded, inspector);
    List<ReturnFile> inspected = changes.added().parallelStream().map(inspector::inspect).toList();
    changes.checkOrder(inspected);
    String rebuilt = options.rebuild() ? "--rebuild" : null;
    if (incremental && changes.rebuildReason() != null) {
      rebuilt = changes.rebuildReason();
      Steps.LOG.warn("ingest-returns: rebuilding from the whole landing folder: {}", rebuilt);
      incremental = false;
      Set<String> done = new java.util.HashSet<>(changes.added());
      List<ReturnFile> all = new ArrayList<>(inspected);
      all.addAll(
          uris.parallelStream()
              .filter(u -> !done.contains(u))
              .map(u -> changes.inspected(u) != null ? changes.inspected(u) : inspector.inspect(u))
              .toList());
      inspected = all;
    }
    Submissions submissions =
        new Submissions(
            incremental ? changes.kept() : List.of(),
            inspected,
            LandingFolder.qualified(conf, options.landing()),
            changes.modifiedAt());
    steps.done("inspected " + inspected.size() + " files of " + uris.size());

    Warehouse.Transaction tx = warehouse.begin("ingest-returns");
    String rejectedFolder = tx.scratch() + "/rejected-rows";
    List<ReadTask> tasks = submissions.readTasks();
    CollectionAccumulator<CheckingPass.TaskSummary> accumulator =
        spark.sparkContext().collectionAccumulator("ingest-returns checking pass");
    boolean reading = !incremental || !tasks.isEmpty();
    if (reading) {
      JavaRDD<Row> valid =
          CheckingPass.validRows(
              spark,
              slices(tasks, spark.sparkContext().defaultParallelism()),
              submissions.chunkedIds(),
              rejectedFolder,
              accumulator);
      Dataset<Row> rows = spark.createDataFrame(valid, ReturnRow.SCHEMA);
      if (incremental) {
        tx.append("returns", rows);
      } else {
        tx.write("returns", rows);
      }
    }
    List<CheckingPass.TaskSummary> summaries = CheckingPass.summaries(accumulator);
    steps.done("checking pass, " + tasks.size() + " read tasks");

    Map<String, CheckingPass.Part> parts = CheckingPass.bySubmission(summaries);
    submissions.record(parts);
    Map<String, Set<Long>> repeated = repeatedKeyHashes(parts);
    submissions.recordDuplicates(
        repeated.isEmpty() ? List.of() : duplicateRows(tx.read("returns"), repeated));
    submissions.decide();
    Map<String, Submissions.CrossRows> cross = submissions.crossRows();
    steps.done("duplicate keys and decisions across rows");

    // Rejects first: the rows rejected across rows are read from returns before they leave it.
    if (reading) {
      Dataset<Row> rejects = rowRejects(summaries, submissions);
      if (!cross.isEmpty()) {
        rejects = rejects.unionByName(crossRejects(tx.read("returns"), cross));
      }
      if (incremental) {
        tx.append("rejects", withFile(rejects, submissions));
      } else {
        tx.write("rejects", withFile(rejects, submissions));
      }
    }
    List<Row> leaving = RowsLeaving.keys(submissions, parts, cross, submissions.periodsLeaving());
    RowsLeaving.delete(spark, tx, leaving);
    if (incremental) {
      judgePeriodJumpsAgain(tx, submissions, options.jumpFactor(), inspector);
    } else {
      submissions.periodJumps(options.jumpFactor());
    }
    submissions.countWarnings();
    tx.append("rejects", submissions.fileFindingsFrame(spark));
    steps.done("rejects, and returns settled");
    long returnsRows = tx.read("returns").count();
    tx.write("submissions", submissions.frame(spark));
    tx.rows("returns", returnsRows).rows("submissions", submissions.ids().size());
    Warehouse.Commit commit = tx.commit();
    steps.done("submissions and commit");
    return submissions.result(returnsRows, commit.number(), rebuilt);
  }

  /**
   * The period jumps of the operators whose live figures this run changed, judged again on their
   * rows of the settled {@code returns} (the recorded submissions' warnings of it replaced): what a
   * run over every file would find, without reading the other operators' rows.
   */
  private void judgePeriodJumpsAgain(
      Warehouse.Transaction tx, Submissions submissions, double factor, FileInspector inspector) {
    Set<String> operators = submissions.operatorsChanged();
    if (operators.isEmpty()) {
      return;
    }
    List<String> judged = submissions.recordedOf(operators);
    if (!judged.isEmpty()) {
      Map<String, Long> recordedJumps = new HashMap<>();
      for (Row r :
          tx.read("rejects")
              .filter(
                  col("rule").equalTo(PERIOD_JUMP).and(col("submission_id").isin(judged.toArray())))
              .groupBy("submission_id")
              .count()
              .collectAsList()) {
        recordedJumps.put(r.getString(0), r.getLong(1));
      }
      submissions.replacedJumpWarnings(recordedJumps);
      if (!recordedJumps.isEmpty()) {
        tx.delete(
            "rejects",
            "rule = "
                + RowsLeaving.literal(PERIOD_JUMP)
                + " AND submission_id IN "
                + RowsLeaving.list(recordedJumps.keySet()));
      }
    }
    List<Submissions.LiveFigure> figures = new ArrayList<>();
    for (Row r :
        tx.read("returns")
            .filter(col("operator_id").isin(operators.toArray()))
            .groupBy("submission_id", "operator_id", "spam_type", "period")
            .agg(org.apache.spark.sql.functions.sum("spam_detected"))
            .collectAsList()) {
      figures.add(
          new Submissions.LiveFigure(
              r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getLong(4)));
    }
    submissions.periodJumps(factor, figures);
    Map<String, String> sheets = new HashMap<>();
    for (String uri : submissions.recordedWithNewFindings()) {
      sheets.put(uri, inspector.inspect(uri).sheet());
    }
    submissions.sheets(sheets);
  }

  private static final String PERIOD_JUMP = "period_jump";

  /** Logs how long each step took (INFO: {@code --verbose}), to see where a slow run goes. */
  private static final class Steps {
    static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IngestReturns.class);
    private long start = System.nanoTime();

    void done(String what) {
      long now = System.nanoTime();
      LOG.info(
          "ingest-returns: {} in {} s",
          what,
          String.format(Locale.ROOT, "%.1f", (now - start) / 1e9));
      start = now;
    }
  }

  /** Every file under {@code landing}, recursively, skipping hidden and underscore files. */
  static List<String> list(Configuration conf, String landing) {
    return LandingFolder.list(conf, landing);
  }

  /** Input bytes a Spark task aims at: a chunk of a big CSV, or many small files together. */
  static final long SLICE_BYTES = 32L << 20;

  /**
   * Read tasks grouped into Spark partitions of about {@link #SLICE_BYTES} of input, in order (so
   * the chunks of a file stay together), and at least two partitions per core while the input
   * allows: hundreds of small returns would otherwise cost a task each (a writer per file, a task
   * launch), the many-operators case of a real study.
   */
  static List<List<ReadTask>> slices(List<ReadTask> tasks, int parallelism) {
    long total = tasks.stream().mapToLong(ReadTask::bytes).sum();
    long target = Math.max(1, Math.min(SLICE_BYTES, total / (2L * Math.max(1, parallelism))));
    List<List<ReadTask>> out = new ArrayList<>();
    List<ReadTask> current = new ArrayList<>();
    long size = 0;
    for (ReadTask t : tasks) {
      long b = t.bytes();
      if (!current.isEmpty() && size + b > target) {
        out.add(current);
        current = new ArrayList<>();
        size = 0;
      }
      current.add(t);
      size += b;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  /**
   * Key hashes that occur more than once within a submission: the tasks' repeated hashes, and for a
   * file read in chunks, the repeats among all its chunks' hashes. Usually there are none, and then
   * no duplicate search runs at all.
   */
  private static Map<String, Set<Long>> repeatedKeyHashes(Map<String, CheckingPass.Part> parts) {
    Map<String, Set<Long>> out = new HashMap<>();
    for (CheckingPass.Part p : parts.values()) {
      long[] repeats = CheckingPass.repeatedOccurrences(p.keyHashes, p.keyHashes.length);
      for (long h : repeats) {
        out.computeIfAbsent(p.submissionId, k -> new TreeSet<>()).add(h);
      }
    }
    return out;
  }

  /** The hash of a row's duplicate key, over the key columns of {@code returns}. */
  private static Column keyHash() {
    UDF1<Row, Long> hash =
        key -> {
          Object[] values = new Object[key.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = key.get(i);
          }
          return KeyHash.ofKey(values);
        };
    return udf(hash, DataTypes.LongType)
        .apply(struct(KeyHash.COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new)));
  }

  /**
   * The valid rows whose key hash repeats within their submission (a scan of those submissions'
   * rows of {@code returns}, no shuffle): the driver then compares their exact keys. Each row:
   * submission, source row, the key columns, spam detected.
   */
  private List<Row> duplicateRows(Dataset<Row> returns, Map<String, Set<Long>> repeated) {
    List<Row> keys = new ArrayList<>();
    repeated.forEach((s, hs) -> hs.forEach(h -> keys.add(RowFactory.create(s, h))));
    Dataset<Row> repeatedKeys =
        spark.createDataFrame(
            keys,
            new StructType()
                .add("submission_id", DataTypes.StringType)
                .add("_key_hash", DataTypes.LongType));
    List<Column> select = new ArrayList<>();
    select.add(col("submission_id"));
    select.add(col("source_row"));
    KeyHash.COLUMNS.forEach(k -> select.add(col(k)));
    select.add(col("spam_detected"));
    return returns
        .filter(col("submission_id").isin(repeated.keySet().toArray()))
        .withColumn("_key_hash", keyHash())
        .join(broadcast(repeatedKeys), new String[] {"submission_id", "_key_hash"})
        .select(select.toArray(Column[]::new))
        .collectAsList();
  }

  /** Columns of the rejects the tasks and the rules across rows give, before the file is added. */
  static final StructType REJECT_ROWS =
      new StructType()
          .add("submission_id", DataTypes.StringType)
          .add("operator_id", DataTypes.StringType)
          .add("sheet", DataTypes.StringType)
          .add("row", DataTypes.LongType)
          .add("column", DataTypes.StringType)
          .add("value", DataTypes.StringType)
          .add("rule", DataTypes.StringType)
          .add("level", DataTypes.StringType)
          .add("message", DataTypes.StringType);

  /**
   * The rejects of rows that broke a cell or row rule, from the files the successful task attempts
   * wrote (a failed attempt's file would count its rows twice), but those of submissions that
   * failed while reading.
   */
  private Dataset<Row> rowRejects(
      List<CheckingPass.TaskSummary> summaries, Submissions submissions) {
    String[] files =
        summaries.stream()
            .map(CheckingPass.TaskSummary::rejectedFile)
            .filter(java.util.Objects::nonNull)
            .toArray(String[]::new);
    Dataset<Row> rows =
        files.length > 0
            ? spark.read().schema(REJECT_ROWS).json(files)
            : spark.createDataFrame(List.of(), REJECT_ROWS);
    List<String> failed = submissions.failedIds();
    if (!failed.isEmpty()) {
      rows = rows.filter(not(col("submission_id").isin(failed.toArray())));
    }
    return rows;
  }

  /**
   * The rejects of the valid rows rejected across rows, with the problems {@link
   * Submissions.CrossRows} gives each (the rules of {@code ReturnChecks}), found by a scan of the
   * submissions concerned.
   */
  private Dataset<Row> crossRejects(
      Dataset<Row> returns, Map<String, Submissions.CrossRows> cross) {
    Map<String, Submissions.CrossRows> decisions = new HashMap<>(cross);
    JavaRDD<Row> out =
        returns
            .filter(col("submission_id").isin(cross.keySet().toArray()))
            .select(
                "submission_id", "operator_id", "period", "spam_type", "source_sheet", "source_row")
            .javaRDD()
            .flatMap(
                r -> {
                  String submission = r.getString(0);
                  List<Problem> problems =
                      decisions
                          .get(submission)
                          .problems(r.getString(1), r.getString(2), r.getString(3), r.getLong(5));
                  List<Row> rows = new ArrayList<>(problems.size());
                  for (Problem p : problems) {
                    rows.add(
                        RowFactory.create(
                            submission,
                            r.getString(1),
                            r.getString(4),
                            r.getLong(5),
                            p.column(),
                            p.value(),
                            p.rule(),
                            p.level().code(),
                            p.message()));
                  }
                  return rows.iterator();
                });
    return spark.createDataFrame(out, REJECT_ROWS);
  }

  private Dataset<Row> withFile(Dataset<Row> rejects, Submissions submissions) {
    return rejects.join(
        broadcast(submissions.filesFrame(spark)), new String[] {"submission_id"}, "left");
  }
}
