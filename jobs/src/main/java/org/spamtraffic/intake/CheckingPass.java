package org.spamtraffic.intake;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.execution.SQLExecution$;
import org.apache.spark.sql.execution.datasources.OutputWriter;
import org.apache.spark.sql.execution.datasources.OutputWriterFactory;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.SerializableConfiguration;
import org.spamtraffic.spark.ProjectionChain;
import org.spamtraffic.spark.RowView;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The one pass of {@code ingest-returns} over the submitted rows. Each Spark task reads its file
 * (or chunk), checks every row with the checks' column expressions (run as a {@link
 * ProjectionChain}), and, in the same loop:
 *
 * <ul>
 *   <li>writes the valid rows into the new, not yet committed, version of {@code returns} ({@code
 *       period=…/} folders, one file per task and period), after a window that holds back the rows
 *       whose key hash repeats close by ({@link #WINDOW_BYTES});
 *   <li>writes the rejected rows with their problems to a scratch file;
 *   <li>counts lines by group ({@link GroupStats}) for the decisions across rows.
 * </ul>
 *
 * <p>Nothing is cached and the submitted files are parsed once: the driver then decides
 * supersession and the rules across rows from the small summaries, deletes the files of submissions
 * that are not live, settles the held-back rows, and rewrites only the files that hold rows
 * rejected across rows. This replaced a cached, four-times-scanned checked frame (see
 * docs/benchmarks.md).
 *
 * <p>The checks' frame handed in must have the {@code returns} data columns first (contract order,
 * without the partition column), then {@link #EXTRA} columns.
 */
final class CheckingPass {
  /** Columns the pass needs after the {@code returns} data columns, in this order. */
  static final List<String> EXTRA =
      List.of(
          "period",
          "kind",
          "_valid",
          "_problems",
          "raw_operator_id",
          "_error",
          "formula_cells",
          "_key_hash");

  /** Columns of the scratch files of rejected rows. */
  static final List<String> REJECTED =
      List.of("submission_id", "source_sheet", "source_row", "raw_operator_id", "_problems");

  /** A file one task wrote into the returns version. */
  record StagedFile(String submissionId, String period, String path, long rows)
      implements Serializable {}

  /**
   * What one task did.
   *
   * @param keyHashes 64-bit hashes of the key of the valid rows, sorted: all of them when the task
   *     read one chunk of a file (duplicates may sit in another chunk), else every occurrence of
   *     those that occur more than once
   * @param rejectedFile the scratch file of its rejected rows, or null when there is none (only the
   *     files of successful attempts are read: a failed attempt's file is ignored)
   * @param heldFile the scratch file of the valid rows held back because their key hash repeats
   *     within a window of the task ({@link #WINDOW_BYTES}), or null when there is none
   * @param heldRows how many rows it holds
   * @param heldHashes the key hashes of the held rows, sorted, one per row: a repeated hash whose
   *     every occurrence was held back needs no scan of the {@code returns} files
   */
  record TaskSummary(
      String submissionId,
      List<StagedFile> files,
      List<GroupStats> groups,
      long rejectedRows,
      String rejectedFile,
      long[] keyHashes,
      String heldFile,
      long heldRows,
      long[] heldHashes)
      implements Serializable {}

  /**
   * Valid rows wait in a window of about this many bytes before they are written: those whose key
   * hash repeats within the window are held back in scratch, not written into {@code returns}, so
   * that a duplicate key (both rows are rejected) found there costs no rewrite of a {@code returns}
   * file. Duplicates further apart are still found, from the tasks' hashes, and their files
   * rewritten.
   */
  static final long WINDOW_BYTES = 16L << 20;

  private CheckingPass() {}

  /**
   * Tests only: the first attempt of the first task fails after this many rows (negative: never),
   * to show that a retried task leaves no trace of its failed attempt. Local mode runs tasks in
   * this JVM, so a static reaches them.
   */
  static volatile long failFirstAttemptAfter = -1;

  /** Tests only: how many attempts {@link #failFirstAttemptAfter} has failed. */
  static final java.util.concurrent.atomic.AtomicInteger injectedFailures =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Runs the pass and returns every task's summary.
   *
   * @param raw the rows the read tasks produce, in {@link ReadTask#SCHEMA}
   * @param checked the checks' frame planned over a frame of no rows with that schema: its
   *     projections are what each task runs over its rows
   * @param returnsFolder the new version folder of {@code returns}
   * @param rejectedFolder scratch folder for the rejected rows
   * @param heldFolder scratch folder for the rows held back (see {@link #WINDOW_BYTES})
   * @param windowBytes the size of the window ({@link #WINDOW_BYTES} but in tests)
   */
  static List<TaskSummary> run(
      SparkSession spark,
      JavaRDD<InternalRow> raw,
      Dataset<Row> checked,
      int dataColumns,
      String returnsFolder,
      String rejectedFolder,
      String heldFolder,
      long windowBytes,
      java.util.Set<String> chunked) {
    StructType schema = checked.schema();
    StructType returnsSchema = new StructType(slice(schema, 0, dataColumns));
    List<StructField> rejectedFields = new ArrayList<>();
    int[] rejected = new int[REJECTED.size()];
    for (int i = 0; i < rejected.length; i++) {
      rejected[i] = schema.fieldIndex(REJECTED.get(i));
      rejectedFields.add(schema.fields()[rejected[i]]);
    }
    StructType rejectedSchema = new StructType(rejectedFields.toArray(StructField[]::new));
    int[] heldColumns = java.util.Arrays.copyOf(Segment.range(dataColumns), dataColumns + 1);
    heldColumns[dataColumns] = schema.fieldIndex("period");
    StructType heldSchema =
        new StructType(
            java.util.Arrays.stream(heldColumns)
                .mapToObj(i -> schema.fields()[i])
                .toArray(StructField[]::new));
    Layout layout =
        new Layout(
            schema,
            dataColumns,
            rejected,
            writerFor(spark, returnsSchema),
            writerFor(spark, rejectedSchema),
            writerFor(spark, heldSchema),
            heldColumns,
            returnsFolder,
            rejectedFolder,
            heldFolder,
            windowBytes,
            UUID.randomUUID().toString(),
            new java.util.HashSet<>(chunked),
            ProjectionChain.of(checked));
    // The session's SQL settings travel to the tasks as they would with a Dataset action (the
    // checks' expressions read some of them, such as the case mapping, when they run).
    return SQLExecution$.MODULE$.withSQLConfPropagated(
        (org.apache.spark.sql.classic.SparkSession) spark,
        () -> raw.mapPartitionsWithIndex(new Task(layout), false).collect());
  }

  private static StructField[] slice(StructType s, int from, int to) {
    StructField[] out = new StructField[to - from];
    System.arraycopy(s.fields(), from, out, 0, out.length);
    return out;
  }

  /** Spark's own Parquet writer set up for {@code schema}, as its file writer would be. */
  private static WriterSetup writerFor(SparkSession spark, StructType schema) {
    try {
      Job job = Job.getInstance(new Configuration(spark.sparkContext().hadoopConfiguration()));
      OutputWriterFactory factory =
          new ParquetFileFormat()
              .prepareWrite(spark, job, scala.collection.immutable.Map$.MODULE$.empty(), schema);
      return new WriterSetup(
          factory, new SerializableConfiguration(job.getConfiguration()), schema);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot set up the Parquet writer", e);
    }
  }

  /** A writer factory with the configuration it was prepared with. */
  record WriterSetup(OutputWriterFactory factory, SerializableConfiguration conf, StructType schema)
      implements Serializable {
    OutputWriter open(String folder, String name, int partition, int attempt) {
      TaskAttemptContext context =
          new TaskAttemptContextImpl(
              conf.value(), new TaskAttemptID("spamtraffic", 0, TaskType.MAP, partition, attempt));
      String path = folder + "/" + name + factory.getFileExtension(context);
      return factory.newInstance(path, schema, context);
    }
  }

  /** Ordinals and writers, shipped to every task. */
  record Layout(
      StructType schema,
      int dataColumns,
      int[] rejectedColumns,
      WriterSetup returns,
      WriterSetup rejected,
      WriterSetup held,
      int[] heldColumns,
      String returnsFolder,
      String rejectedFolder,
      String heldFolder,
      long windowBytes,
      String runId,
      java.util.Set<String> chunked,
      ProjectionChain checks)
      implements Serializable {
    int at(String column) {
      return schema.fieldIndex(column);
    }
  }

  /** One task: the loop over its rows. */
  private static final class Task
      implements Function2<Integer, Iterator<InternalRow>, Iterator<TaskSummary>> {
    private static final long serialVersionUID = 1L;
    private final Layout layout;

    Task(Layout layout) {
      this.layout = layout;
    }

    @Override
    public Iterator<TaskSummary> call(Integer partition, Iterator<InternalRow> rows) {
      int attempt = TaskContext.get() == null ? 0 : TaskContext.get().attemptNumber();
      Ordinals o = new Ordinals(layout);
      ProjectionChain.Compiled checks = layout.checks().compile(partition);
      // What the rejected rows' writer takes: a view of the checked row's columns, nothing copied.
      RowView toRejected = checks.output().select(layout.rejectedColumns());
      // A row waiting in the window: its data columns and period, copied out of the checked row;
      // written into returns through a view of its data columns alone.
      List<Expression> waitingColumns = new ArrayList<>();
      for (int i : layout.heldColumns()) {
        waitingColumns.add(new BoundReference(i, layout.schema().fields()[i].dataType(), true));
      }
      UnsafeProjection toWindow =
          UnsafeProjection.create(CollectionConverters.asScala(waitingColumns).toSeq());
      RowView waitingData =
          RowView.columnsOf(
              waitingColumns.stream()
                  .limit(layout.dataColumns())
                  .map(Expression::dataType)
                  .toArray(org.apache.spark.sql.types.DataType[]::new));
      // A task reads several small files one after the other: one segment per submission.
      List<TaskSummary> out = new ArrayList<>();
      Segment segment = null;
      long seen = 0;
      long failAfter = partition == 0 && attempt == 0 ? failFirstAttemptAfter : -1;
      try {
        while (rows.hasNext()) {
          if (seen++ == failAfter) {
            injectedFailures.incrementAndGet();
            throw new IllegalStateException("Failure injected by a test, after " + failAfter);
          }
          RowView r = checks.apply(rows.next());
          UTF8String submission = r.getUTF8String(o.submission);
          if (segment == null || !segment.submission.equals(submission)) {
            if (segment != null) {
              out.add(segment.finish());
            }
            String fileName =
                String.format(
                    Locale.ROOT,
                    "part-%05d-%03d-%d-%s",
                    partition,
                    out.size(),
                    attempt,
                    layout.runId());
            segment =
                new Segment(
                    layout,
                    o,
                    submission.clone(),
                    fileName,
                    partition,
                    attempt,
                    toRejected,
                    toWindow,
                    waitingData);
          }
          segment.add(r);
        }
        if (segment != null) {
          out.add(segment.finish());
          segment = null;
        }
      } finally {
        if (segment != null) {
          segment.close();
        }
      }
      return out.iterator();
    }
  }

  /** The rows of one submission within a task, and what they are written to. */
  private static final class Segment {
    final UTF8String submission;
    private final String submissionId;
    private final Layout layout;
    private final Ordinals o;
    private final String fileName;
    private final int partition;
    private final int attempt;
    private final RowView toRejected;
    private final UnsafeProjection toWindow;
    private final RowView waitingData;
    // The waiting rows; their key hashes are the last window.size() of hashes.
    private final List<UnsafeRow> window = new ArrayList<>();
    private long windowBytes;
    private OutputWriter heldWriter;
    private long heldRows;
    private long[] heldHashes = new long[16];
    private final Map<UTF8String, OutputWriter> writers = new HashMap<>();
    private final Map<UTF8String, long[]> written = new HashMap<>();
    private final Map<GroupKey, GroupStats> groups = new HashMap<>();
    private OutputWriter rejectedWriter;
    private long rejectedRows;
    private long[] hashes = new long[1024];
    private int hashCount;

    Segment(
        Layout layout,
        Ordinals o,
        UTF8String submission,
        String fileName,
        int partition,
        int attempt,
        RowView toRejected,
        UnsafeProjection toWindow,
        RowView waitingData) {
      this.layout = layout;
      this.o = o;
      this.submission = submission;
      this.submissionId = submission.toString();
      this.fileName = fileName;
      this.partition = partition;
      this.attempt = attempt;
      this.toRejected = toRejected;
      this.toWindow = toWindow;
      this.waitingData = waitingData;
    }

    void add(InternalRow r) {
      UTF8String kind = r.getUTF8String(o.kind);
      boolean valid = r.getBoolean(o.valid);
      UTF8String period = string(r, o.period);
      groupOf(groups, submissionId, kind, valid, r, o)
          .add(
              r.getLong(o.row),
              r.getInt(o.formulas),
              r.isNullAt(o.error) ? null : r.getUTF8String(o.error).toString(),
              longOrNull(r, o.serviceSize),
              longOrNull(r, o.total),
              longOrNull(r, o.detected));
      if (!o.isData(kind)) {
        return;
      }
      if (valid) {
        if (hashCount == hashes.length) {
          hashes = java.util.Arrays.copyOf(hashes, hashes.length * 2);
        }
        hashes[hashCount++] = r.getLong(o.keyHash);
        UnsafeRow waiting = toWindow.apply(r).copy();
        window.add(waiting);
        windowBytes += waiting.getSizeInBytes() + 64L; // and about that much of object headers
        if (windowBytes >= layout.windowBytes()) {
          flushWindow();
        }
      } else {
        if (rejectedWriter == null) {
          rejectedWriter =
              layout.rejected().open(layout.rejectedFolder(), fileName, partition, attempt);
        }
        rejectedWriter.write(toRejected);
        rejectedRows++;
      }
    }

    /**
     * Writes the waiting rows: those whose key hash repeats within the window to the held-back
     * scratch file, the others into {@code returns}.
     */
    private void flushWindow() {
      int n = window.size();
      int first = hashCount - n; // the window's rows' hashes, in order
      long[] sorted = java.util.Arrays.copyOfRange(hashes, first, hashCount);
      java.util.Arrays.sort(sorted);
      long[] repeated = repeatedOccurrences(sorted, n);
      int periodAt = layout.dataColumns(); // the period follows the data columns
      for (int i = 0; i < n; i++) {
        UnsafeRow row = window.get(i);
        long hash = hashes[first + i];
        if (repeated.length > 0 && java.util.Arrays.binarySearch(repeated, hash) >= 0) {
          if (heldWriter == null) {
            heldWriter = layout.held().open(layout.heldFolder(), fileName, partition, attempt);
          }
          heldWriter.write(row);
          if (heldRows == heldHashes.length) {
            heldHashes = java.util.Arrays.copyOf(heldHashes, heldHashes.length * 2);
          }
          heldHashes[(int) heldRows++] = hash;
          continue;
        }
        UTF8String p = row.getUTF8String(periodAt);
        OutputWriter w = writers.get(p);
        if (w == null) {
          UTF8String key = p.clone();
          w =
              layout
                  .returns()
                  .open(layout.returnsFolder() + "/period=" + key, fileName, partition, attempt);
          writers.put(key, w);
          written.put(key, new long[1]);
        }
        w.write(waitingData.of(row)); // its data columns
        written.get(p)[0]++;
      }
      window.clear();
      windowBytes = 0;
    }

    void close() {
      for (OutputWriter w : writers.values()) {
        w.close();
      }
      if (rejectedWriter != null) {
        rejectedWriter.close();
      }
      if (heldWriter != null) {
        heldWriter.close();
      }
    }

    TaskSummary finish() {
      flushWindow();
      close();
      List<StagedFile> files = new ArrayList<>();
      for (Map.Entry<UTF8String, OutputWriter> w : writers.entrySet()) {
        files.add(
            new StagedFile(
                submissionId,
                w.getKey().toString(),
                w.getValue().path(),
                written.get(w.getKey())[0]));
      }
      java.util.Arrays.sort(hashes, 0, hashCount);
      long[] keyHashes =
          layout.chunked().contains(submissionId)
              ? java.util.Arrays.copyOf(hashes, hashCount)
              : repeatedOccurrences(hashes, hashCount);
      long[] held = java.util.Arrays.copyOf(heldHashes, (int) heldRows);
      java.util.Arrays.sort(held);
      return new TaskSummary(
          submissionId,
          files,
          new ArrayList<>(groups.values()),
          rejectedRows,
          rejectedWriter == null ? null : rejectedWriter.path(),
          keyHashes,
          heldWriter == null ? null : heldWriter.path(),
          heldRows,
          held);
    }

    private static GroupStats groupOf(
        Map<GroupKey, GroupStats> groups,
        String submission,
        UTF8String kind,
        boolean valid,
        InternalRow r,
        Ordinals o) {
      GroupKey probe =
          new GroupKey(kind, valid, string(r, o.operator), string(r, o.period), string(r, o.type));
      GroupStats g = groups.get(probe);
      if (g == null) {
        GroupKey key = probe.copy();
        g =
            new GroupStats(
                submission,
                key.kind().toString(),
                valid,
                text(key.operator()),
                text(key.period()),
                text(key.type()));
        groups.put(key, g);
      }
      return g;
    }

    private static String text(UTF8String s) {
      return s == null ? null : s.toString();
    }

    private static UTF8String string(InternalRow r, int i) {
      return r.isNullAt(i) ? null : r.getUTF8String(i);
    }

    private static Long longOrNull(InternalRow r, int i) {
      return r.isNullAt(i) ? null : r.getLong(i);
    }

    private static int[] range(int n) {
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = i;
      }
      return out;
    }
  }

  /** The group a line counts in; strings point into the row until {@link #copy()}. */
  private record GroupKey(
      UTF8String kind, boolean valid, UTF8String operator, UTF8String period, UTF8String type) {
    GroupKey copy() {
      return new GroupKey(kind.clone(), valid, clone(operator), clone(period), clone(type));
    }

    private static UTF8String clone(UTF8String s) {
      return s == null ? null : s.clone();
    }
  }

  /** Column ordinals the loop reads. */
  private static final class Ordinals {
    final int submission;
    final int kind;
    final int valid;
    final int period;
    final int operator;
    final int type;
    final int row;
    final int formulas;
    final int error;
    final int serviceSize;
    final int total;
    final int detected;
    final int keyHash;
    private final UTF8String data = UTF8String.fromString("DATA");

    Ordinals(Layout l) {
      submission = l.at("submission_id");
      kind = l.at("kind");
      valid = l.at("_valid");
      period = l.at("period");
      operator = l.at("operator_id");
      type = l.at("spam_type");
      row = l.at("source_row");
      formulas = l.at("formula_cells");
      error = l.at("_error");
      serviceSize = l.at("service_size");
      total = l.at("total_traffic");
      detected = l.at("spam_detected");
      keyHash = l.at("_key_hash");
    }

    boolean isData(UTF8String kind) {
      return data.equals(kind);
    }
  }

  /** Every occurrence of the values that occur more than once in sorted {@code a[0..n)}. */
  static long[] repeatedOccurrences(long[] a, int n) {
    long[] out = new long[0];
    int m = 0;
    for (int i = 0; i < n; ) {
      int j = i + 1;
      while (j < n && a[j] == a[i]) {
        j++;
      }
      if (j - i > 1) {
        if (m + j - i > out.length) {
          out = java.util.Arrays.copyOf(out, Math.max(8, 2 * (m + j - i)));
        }
        for (int k = i; k < j; k++) {
          out[m++] = a[k];
        }
      }
      i = j;
    }
    return java.util.Arrays.copyOf(out, m);
  }
}
