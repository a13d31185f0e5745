package org.spamtraffic.intake;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.stage.StageResult;
import org.spamtraffic.validate.Messages;
import org.spamtraffic.validate.SparkChecks;
import org.spamtraffic.warehouse.Contracts;
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
 * One pass ({@link CheckingPass}) reads and checks the rows and writes the valid ones straight into
 * the new version of {@code returns}, the rejected ones to scratch, and small per-group figures to
 * the driver; the driver then decides the rules across rows and which submission is live for each
 * operator and period, and {@link StagedReturns} deletes or rewrites the few files those decisions
 * touch. Nothing is visible until the commit.
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
  private long windowBytes = CheckingPass.WINDOW_BYTES;
  private Trace trace;

  /**
   * What the last run did with rows rejected across rows, for tests and the step log.
   *
   * @param heldRows valid rows held back by the checking pass (their key hash repeated nearby)
   * @param rewritten (submission, period) pairs whose {@code returns} files were rewritten
   */
  record Trace(long heldRows, int rewritten) {}

  /** The same job with another hold-back window (tests: 1 byte holds nothing back). */
  IngestReturns withWindowBytes(long bytes) {
    this.windowBytes = bytes;
    return this;
  }

  Trace trace() {
    return trace;
  }

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
    List<ReturnFile> inspected = uris.parallelStream().map(inspector::inspect).toList();
    Submissions submissions = new Submissions(inspected, qualified(conf, options.landing()));
    steps.done("inspected " + inspected.size() + " files");

    Warehouse.Transaction tx = warehouse.begin("ingest-returns");
    String returnsFolder = tx.stage("returns");
    String rejectedFolder = tx.scratch() + "/rejected-rows";
    String heldFolder = tx.scratch() + "/held-rows";
    List<ReadTask> tasks = submissions.readTasks();
    List<CheckingPass.TaskSummary> summaries =
        tasks.isEmpty()
            ? List.of()
            : CheckingPass.run(
                spark,
                rawRows(tasks),
                passFrame(check(rawTemplate())),
                RETURNS_DATA_COLUMNS.size(),
                returnsFolder,
                rejectedFolder,
                heldFolder,
                windowBytes,
                submissions.chunkedIds());
    StagedReturns staged = new StagedReturns(spark, returnsFolder, summaries);
    steps.done("checking pass, " + tasks.size() + " read tasks");

    submissions.recordGroups(mergedGroups(summaries));
    Repeats repeats = repeatedKeyHashes(summaries);
    submissions.recordDuplicates(
        repeats.all().isEmpty() ? List.of() : duplicateRows(staged, repeats));
    submissions.decide(options.jumpFactor());
    steps.done("duplicate keys and decisions across rows");

    java.util.Set<List<String>> affected = submissions.periodsWithCrossRowRejects();
    Dataset<Row> crossRejects = staged.settle(submissions, affected, this::withCrossRowProblems);
    trace =
        new Trace(
            summaries.stream().mapToLong(CheckingPass.TaskSummary::heldRows).sum(),
            affected.size());
    steps.done(
        "settled returns: "
            + trace.heldRows()
            + " rows held back, "
            + trace.rewritten()
            + " (submission, period) rewritten");
    if (staged.isEmpty()) {
      tx.write("returns", spark.createDataFrame(List.of(), RETURNS_SCHEMA));
    }
    long returnsRows = warehouseCount(returnsFolder);
    Dataset<Row> rejects = rowRejects(summaries, submissions);
    if (crossRejects != null) {
      rejects = rejects.unionByName(crossRejects);
    }
    tx.write(
        "rejects",
        withFile(rejects, submissions).unionByName(submissions.fileFindingsFrame(spark)));
    tx.write("submissions", submissions.frame(spark));
    tx.rows("returns", returnsRows).rows("submissions", inspected.size());
    Warehouse.Commit commit = tx.commit();
    steps.done("rejects, submissions and commit");
    return submissions.result(returnsRows, commit.number());
  }

  /** Logs how long each step took (INFO: {@code --verbose}), to see where a slow run goes. */
  private static final class Steps {
    private static final org.slf4j.Logger LOG =
        org.slf4j.LoggerFactory.getLogger(IngestReturns.class);
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

  /** The contract of {@code returns}, and its data columns (all but the partition column). */
  private static final StructType RETURNS_SCHEMA =
      Contracts.sparkSchema(TableContract.load("returns"));

  private static final List<String> RETURNS_DATA_COLUMNS =
      java.util.Arrays.stream(RETURNS_SCHEMA.fieldNames())
          .filter(c -> !TableContract.load("returns").partitionBy().contains(c))
          .toList();

  /**
   * The checked rows in the layout of the checking pass: the {@code returns} data columns, typed as
   * the contract says, then what the pass needs to count and reject ({@link CheckingPass#EXTRA}).
   */
  static Dataset<Row> passFrame(Dataset<Row> checked) {
    Dataset<Row> rows =
        withDerived(
            checked
                .withColumnRenamed("file", "source_file")
                .withColumnRenamed("sheet", "source_sheet")
                .withColumnRenamed("row", "source_row"));
    List<Column> cols = new ArrayList<>();
    for (String c : RETURNS_DATA_COLUMNS) {
      cols.add(col(c).cast(RETURNS_SCHEMA.apply(c).dataType()).as(c));
    }
    Column keyHash =
        xxhash64(
            ReturnFormat.v1().key().stream()
                .map(k -> col(k).cast(RETURNS_SCHEMA.apply(k).dataType()))
                .toArray(Column[]::new));
    for (String c : CheckingPass.EXTRA) {
      cols.add(
          switch (c) {
            case "period" -> col(c).cast("string");
            case "_key_hash" -> when(col("_valid"), keyHash).as(c);
            default -> col(c);
          });
    }
    return rows.select(cols.toArray(Column[]::new));
  }

  private static java.util.Collection<GroupStats> mergedGroups(
      List<CheckingPass.TaskSummary> summaries) {
    java.util.Map<List<Object>, GroupStats> merged = new java.util.LinkedHashMap<>();
    for (CheckingPass.TaskSummary s : summaries) {
      for (GroupStats g : s.groups()) {
        GroupStats m = merged.putIfAbsent(g.key(), g);
        if (m != null) {
          m.merge(g);
        }
      }
    }
    return merged.values();
  }

  /** Rows in a folder of Parquet files, from their footers. */
  private long warehouseCount(String folder) {
    return spark.read().schema(RETURNS_SCHEMA).parquet(folder).count();
  }

  /** The landing folder's URI in the form its files are listed (scheme and absolute path). */
  static String qualified(Configuration conf, String landing) {
    Path root = new Path(landing);
    try {
      return root.getFileSystem(conf).makeQualified(root).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot use the landing folder " + landing, e);
    }
  }

  /** Every file under {@code landing}, recursively, skipping hidden and underscore files. */
  static List<String> list(Configuration conf, String landing) {
    return LandingFolder.list(conf, landing);
  }

  private JavaRDD<InternalRow> rawRows(List<ReadTask> tasks) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<List<ReadTask>> slices = slices(tasks, jsc.defaultParallelism());
    return jsc.parallelize(slices, slices.size()).flatMap(IngestReturns::rowsOfSlice);
  }

  /**
   * A frame of no rows with the read tasks' schema: the checks are planned over it, and the
   * checking pass runs the planned projections over the rows its tasks read.
   */
  private Dataset<Row> rawTemplate() {
    return spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).<Row>emptyRDD(), ReadTask.SCHEMA);
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
    long total = tasks.stream().mapToLong(IngestReturns::bytes).sum();
    long target = Math.max(1, Math.min(SLICE_BYTES, total / (2L * Math.max(1, parallelism))));
    List<List<ReadTask>> out = new ArrayList<>();
    List<ReadTask> current = new ArrayList<>();
    long size = 0;
    for (ReadTask t : tasks) {
      long b = bytes(t);
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

  private static long bytes(ReadTask t) {
    return t.range() != null ? t.range()[1] - t.range()[0] : Math.max(1, t.file().sizeBytes());
  }

  /** The rows of a slice's read tasks, one file after the other, each opened when reached. */
  private static java.util.Iterator<InternalRow> rowsOfSlice(List<ReadTask> slice) {
    java.util.Iterator<ReadTask> next = slice.iterator();
    return new java.util.Iterator<>() {
      private java.util.Iterator<InternalRow> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && next.hasNext()) {
          current = next.next().rows();
        }
        return current.hasNext();
      }

      @Override
      public InternalRow next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return current.next();
      }
    };
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
   * Key hashes that occur more than once within a submission, as (submission, hash) rows: all of
   * them, and those with an occurrence written into {@code returns} (not every occurrence held back
   * by the checking pass). Usually there are none, and then no duplicate search runs at all.
   */
  record Repeats(List<Row> all, List<Row> written) {}

  /**
   * The repeats, from the tasks' sorted hashes (the chunks of a file read in parallel have their
   * hashes merged here) and the hashes of the rows they held back.
   */
  private static Repeats repeatedKeyHashes(List<CheckingPass.TaskSummary> summaries) {
    java.util.Map<String, List<long[]>> bySubmission = new java.util.TreeMap<>();
    java.util.Map<String, List<long[]>> heldBySubmission = new java.util.HashMap<>();
    for (CheckingPass.TaskSummary s : summaries) {
      if (s.submissionId() != null && s.keyHashes().length > 0) {
        bySubmission.computeIfAbsent(s.submissionId(), k -> new ArrayList<>()).add(s.keyHashes());
        heldBySubmission
            .computeIfAbsent(s.submissionId(), k -> new ArrayList<>())
            .add(s.heldHashes());
      }
    }
    List<Row> all = new ArrayList<>();
    List<Row> written = new ArrayList<>();
    bySubmission.forEach(
        (submission, parts) -> {
          long[] hashes = merged(parts);
          long[] held = merged(heldBySubmission.get(submission));
          for (int i = 0; i < hashes.length; ) {
            int j = i + 1;
            while (j < hashes.length && hashes[j] == hashes[i]) {
              j++;
            }
            if (j - i > 1) {
              Row r = org.apache.spark.sql.RowFactory.create(submission, hashes[i]);
              all.add(r);
              if (j - i > occurrences(held, hashes[i])) {
                written.add(r);
              }
            }
            i = j;
          }
        });
    return new Repeats(all, written);
  }

  private static long[] merged(List<long[]> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    long[] all = parts.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    java.util.Arrays.parallelSort(all);
    return all;
  }

  /** How many times {@code h} occurs in sorted {@code a}. */
  private static int occurrences(long[] a, long h) {
    int at = java.util.Arrays.binarySearch(a, h);
    if (at < 0) {
      return 0;
    }
    int from = at;
    int to = at;
    while (from > 0 && a[from - 1] == h) {
      from--;
    }
    while (to + 1 < a.length && a[to + 1] == h) {
      to++;
    }
    return to - from + 1;
  }

  /**
   * The valid rows whose key hash is repeated within their submission (one scan of the key columns
   * of those submissions' new {@code returns} files and held-back rows, no shuffle): the driver
   * then compares their exact keys. The last column says whether the row was held back.
   */
  private List<Row> duplicateRows(StagedReturns staged, Repeats repeats) {
    List<String> key = ReturnFormat.v1().key();
    List<Column> select = new ArrayList<>();
    select.add(col("submission_id"));
    select.add(col("source_row"));
    key.forEach(k -> select.add(col(k)));
    select.add(col("spam_detected"));
    select.add(col("_held"));
    Dataset<Row> rows =
        withRepeatedHash(staged.readHeld(submissionsOf(repeats.all())), repeats.all())
            .withColumn("_held", lit(true));
    if (!repeats.written().isEmpty()) {
      // Only then are returns files scanned: some occurrence of a repeated key was written there.
      rows =
          rows.unionByName(
              withRepeatedHash(staged.read(submissionsOf(repeats.written())), repeats.written())
                  .withColumn("_held", lit(false)));
    }
    return rows.select(select.toArray(Column[]::new)).collectAsList();
  }

  private static java.util.Set<String> submissionsOf(List<Row> repeated) {
    java.util.Set<String> submissions = new java.util.HashSet<>();
    repeated.forEach(r -> submissions.add(r.getString(0)));
    return submissions;
  }

  /** The rows of {@code staged} whose (submission, key hash) is one of {@code repeated}. */
  private Dataset<Row> withRepeatedHash(Dataset<Row> staged, List<Row> repeated) {
    Dataset<Row> repeatedKeys =
        spark.createDataFrame(
            repeated,
            new StructType()
                .add("submission_id", DataTypes.StringType)
                .add("_key_hash", DataTypes.LongType));
    Column hash =
        xxhash64(
            ReturnFormat.v1().key().stream()
                .map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new));
    return staged
        .withColumn("_key_hash", hash)
        .join(broadcast(repeatedKeys), new String[] {"submission_id", "_key_hash"});
  }

  /**
   * Puts the cross-row problems on valid rows read back from {@code returns} files ({@code _cross},
   * null when there is none).
   */
  private Dataset<Row> withCrossRowProblems(Dataset<Row> staged, Submissions submissions) {
    Dataset<Row> rows = staged.withColumn("row", col("source_row")).withColumn("_valid", lit(true));
    return new CrossRowProblems(spark, submissions).attach(rows);
  }

  /**
   * The rejects of rows that broke a cell or row rule, from the scratch files the successful task
   * attempts wrote (a failed attempt's file would count its rows twice).
   */
  private Dataset<Row> rowRejects(
      List<CheckingPass.TaskSummary> summaries, Submissions submissions) {
    String[] files =
        summaries.stream()
            .map(CheckingPass.TaskSummary::rejectedFile)
            .filter(java.util.Objects::nonNull)
            .toArray(String[]::new);
    StructType scratch =
        new StructType()
            .add("submission_id", DataTypes.StringType)
            .add("source_sheet", DataTypes.StringType)
            .add("source_row", DataTypes.LongType)
            .add("raw_operator_id", DataTypes.StringType)
            .add("_problems", PROBLEMS);
    Dataset<Row> rows =
        files.length > 0
            ? spark.read().schema(scratch).parquet(files)
            : spark.createDataFrame(List.of(), scratch);
    List<String> failed = submissions.failedIds();
    if (!failed.isEmpty()) {
      rows = rows.filter(not(col("submission_id").isin(failed.toArray())));
    }
    return problemRows(
        rows.select(
            col("submission_id"),
            col("raw_operator_id").as("operator_id"),
            col("source_sheet").as("sheet"),
            col("source_row").as("row"),
            explode(col("_problems")).as("p")));
  }

  /** Rejects of rows rejected across rows ({@code _cross}), in the same shape. */
  static Dataset<Row> crossRejects(Dataset<Row> withCross) {
    return problemRows(
        withCross
            .filter(col("_cross").isNotNull())
            .select(
                col("submission_id"),
                col("operator_id"),
                col("source_sheet").as("sheet"),
                col("source_row").as("row"),
                explode(col("_cross")).as("p")));
  }

  private static final org.apache.spark.sql.types.DataType PROBLEMS =
      DataTypes.createArrayType(CrossRowProblems.PROBLEM);

  private static Dataset<Row> problemRows(Dataset<Row> exploded) {
    UserDefinedFunction message =
        udf((UDF4<String, String, String, String, String>) Messages::render, DataTypes.StringType);
    return exploded.select(
        col("submission_id"),
        col("operator_id"),
        col("sheet"),
        col("row"),
        col("p.column").as("column"),
        col("p.value").as("value"),
        col("p.rule").as("rule"),
        levelOf(col("p.rule")).as("level"),
        message
            .apply(col("p.rule"), col("p.column"), col("p.value"), col("p.other"))
            .as("message"));
  }

  private Dataset<Row> withFile(Dataset<Row> rejects, Submissions submissions) {
    return rejects.join(
        broadcast(submissions.filesFrame(spark)), new String[] {"submission_id"}, "left");
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
