package org.spamtraffic.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.validate.Problem;
import org.spamtraffic.validate.ReturnChecks;
import org.spamtraffic.validate.RowCheck;

/**
 * The one pass of {@code ingest-returns} over the submitted rows, on Spark's public API. Each task
 * ({@code mapPartitions} over groups of {@link ReadTask}s) reads its files or chunks with the
 * readers {@code validate} uses and checks every line with the same plain-Java rules ({@link
 * RowCheck}); in the same loop it:
 *
 * <ul>
 *   <li>gives the valid lines as rows of {@code returns} ({@link ReturnRow}), which the job hands
 *       to the DataFrame writer of the Iceberg table: Spark's commit protocol, not this code,
 *       decides which task attempt's files count;
 *   <li>writes the problems of rejected lines, one JSON line per problem, to a scratch file named
 *       after its task attempt;
 *   <li>tallies what the rules across rows need ({@link ReturnChecks.Tally}), the counts per file
 *       and the key hashes ({@link KeyHash}) that may repeat, into a {@link TaskSummary} added to
 *       an accumulator when the task's rows run out.
 * </ul>
 *
 * <p>The summaries come from the accumulator of the write's tasks. Spark adds a result task's
 * update once, from the attempt that succeeded; the driver keeps one summary per partition all the
 * same ({@link #summaries}), so that a rerun partition cannot count twice, and reads only the
 * rejected-rows file that summary names: files of failed or duplicate attempts lie unread in the
 * job's scratch folder, which the commit removes.
 */
final class CheckingPass {
  private CheckingPass() {}

  /** Tests only: the first attempt of partition 0 fails after this many lines (negative: never). */
  static volatile long failFirstAttemptAfter = -1;

  /** Tests only: how many attempts {@link #failFirstAttemptAfter} has failed. */
  static final java.util.concurrent.atomic.AtomicInteger injectedFailures =
      new java.util.concurrent.atomic.AtomicInteger();

  /** What one task saw of one submission (a file, or the chunk of a file it read). */
  static final class Part implements Serializable {
    private static final long serialVersionUID = 1L;
    final String submissionId;
    long rows;
    long valid;
    long skipped;
    long formulas;
    String readError;
    String anyOperator;
    final ReturnChecks.Tally tally = new ReturnChecks.Tally();
    private long[] hashes = new long[64];
    private int hashCount;

    /**
     * 64-bit hashes of the keys of the valid rows, sorted: all of them when the submission is read
     * in chunks (a duplicate may sit in another chunk), else every occurrence of those that occur
     * more than once.
     */
    long[] keyHashes = new long[0];

    Part(String submissionId) {
      this.submissionId = submissionId;
    }

    void addHash(long h) {
      if (hashCount == hashes.length) {
        hashes = Arrays.copyOf(hashes, hashes.length * 2);
      }
      hashes[hashCount++] = h;
    }

    void finish(boolean chunked) {
      Arrays.sort(hashes, 0, hashCount);
      keyHashes =
          chunked ? Arrays.copyOf(hashes, hashCount) : repeatedOccurrences(hashes, hashCount);
      hashes = null;
    }

    /** Adds the figures of another part of the same submission. */
    void merge(Part o) {
      rows += o.rows;
      valid += o.valid;
      skipped += o.skipped;
      formulas += o.formulas;
      if (o.readError != null && (readError == null || o.readError.compareTo(readError) < 0)) {
        readError = o.readError;
      }
      if (o.anyOperator != null
          && (anyOperator == null || o.anyOperator.compareTo(anyOperator) < 0)) {
        anyOperator = o.anyOperator;
      }
      tally.merge(o.tally);
      if (o.keyHashes.length > 0) {
        long[] all = Arrays.copyOf(keyHashes, keyHashes.length + o.keyHashes.length);
        System.arraycopy(o.keyHashes, 0, all, keyHashes.length, o.keyHashes.length);
        Arrays.sort(all);
        keyHashes = all;
      }
    }
  }

  /**
   * What one task did.
   *
   * @param partition the Spark partition it read
   * @param parts what it saw of each submission, in the order read
   * @param rejectedFile the file of its rejected lines' problems, or null when there is none
   */
  record TaskSummary(int partition, List<Part> parts, String rejectedFile)
      implements Serializable {}

  /**
   * The checked valid rows of {@code slices} (one Spark partition each), as rows of {@code returns}
   * in {@link ReturnRow#SCHEMA}, lazily: the pass runs when the rows are written. Each task adds
   * its summary to {@code summaries} and its rejected lines to a file under {@code rejectedFolder}.
   */
  static JavaRDD<Row> validRows(
      SparkSession spark,
      List<List<ReadTask>> slices,
      Set<String> chunked,
      String rejectedFolder,
      CollectionAccumulator<TaskSummary> summaries) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return jsc.parallelize(slices, Math.max(1, slices.size()))
        .mapPartitionsWithIndex(new Task(Set.copyOf(chunked), rejectedFolder, summaries), false);
  }

  /**
   * One summary per partition from what the accumulator gathered (should a partition have run twice
   * to completion, its summaries are the same: the first is kept), in partition order.
   */
  static List<TaskSummary> summaries(CollectionAccumulator<TaskSummary> accumulator) {
    Map<Integer, TaskSummary> byPartition = new TreeMap<>();
    for (TaskSummary s : accumulator.value()) {
      byPartition.putIfAbsent(s.partition(), s);
    }
    return new ArrayList<>(byPartition.values());
  }

  /** The parts of every task merged by submission. */
  static Map<String, Part> bySubmission(List<TaskSummary> summaries) {
    Map<String, Part> out = new LinkedHashMap<>();
    for (TaskSummary s : summaries) {
      for (Part p : s.parts()) {
        Part m = out.putIfAbsent(p.submissionId, p);
        if (m != null) {
          m.merge(p);
        }
      }
    }
    return out;
  }

  /** One task: its loop over the lines of its read tasks. */
  private static final class Task
      implements Function2<Integer, Iterator<List<ReadTask>>, Iterator<Row>> {
    private static final long serialVersionUID = 1L;
    private final Set<String> chunked;
    private final String rejectedFolder;
    private final CollectionAccumulator<TaskSummary> summaries;

    Task(Set<String> chunked, String rejectedFolder, CollectionAccumulator<TaskSummary> summaries) {
      this.chunked = chunked;
      this.rejectedFolder = rejectedFolder;
      this.summaries = summaries;
    }

    @Override
    public Iterator<Row> call(Integer partition, Iterator<List<ReadTask>> slices) {
      List<ReadTask> tasks = new ArrayList<>();
      slices.forEachRemaining(tasks::addAll);
      TaskContext context = TaskContext.get();
      Loop loop = new Loop(this, partition, context, tasks.iterator());
      if (context != null) {
        context.addTaskCompletionListener(
            (org.apache.spark.util.TaskCompletionListener) c -> loop.rejected.close());
      }
      return loop;
    }
  }

  /** The rows of one task's read tasks, one file after the other, each opened when reached. */
  private static final class Loop implements Iterator<Row> {
    private final Task task;
    private final int partition;
    private final Iterator<ReadTask> readTasks;
    private final RejectedLines rejected;
    private final List<Part> parts = new ArrayList<>();
    private final long failAfter;
    private long seen;
    private ReadTask current;
    private Part part;
    private Iterator<ReadTask.Line> lines = Collections.emptyIterator();
    private Row next;
    private boolean done;

    Loop(Task task, int partition, TaskContext context, Iterator<ReadTask> readTasks) {
      this.task = task;
      this.partition = partition;
      this.readTasks = readTasks;
      int attempt = context == null ? 0 : context.attemptNumber();
      long attemptId = context == null ? 0 : context.taskAttemptId();
      this.rejected =
          new RejectedLines(
              task.rejectedFolder
                  + String.format(
                      Locale.ROOT, "/part-%05d-%d-%d.jsonl", partition, attempt, attemptId));
      this.failAfter = partition == 0 && attempt == 0 ? failFirstAttemptAfter : -1;
    }

    @Override
    public boolean hasNext() {
      while (next == null && !done) {
        if (!lines.hasNext()) {
          if (!readTasks.hasNext()) {
            finish();
            return false;
          }
          finishPart();
          current = readTasks.next();
          part = new Part(current.submissionId());
          lines = current.lines();
          continue;
        }
        if (seen++ == failAfter) {
          injectedFailures.incrementAndGet();
          throw new IllegalStateException("Failure injected by a test, after " + failAfter);
        }
        next = check(lines.next());
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }

    /** Checks one line: its row of {@code returns} when valid, else null. */
    private Row check(ReadTask.Line line) {
      if (line.error() != null) {
        part.readError =
            part.readError == null || line.error().compareTo(part.readError) < 0
                ? line.error()
                : part.readError;
        return null;
      }
      RawRow raw = line.row();
      part.formulas += raw.formulaCells();
      if (raw.kind() != RawRow.Kind.DATA) {
        part.skipped++;
        return null;
      }
      part.rows++;
      RowCheck.Checked c =
          RowCheck.check(raw.cells(), raw.fieldCount(), current.file().mapping().width());
      String operator = (String) c.value("operator_id");
      if (operator != null
          && (part.anyOperator == null || operator.compareTo(part.anyOperator) < 0)) {
        part.anyOperator = operator;
      }
      if (!c.valid()) {
        rejected.write(
            current.submissionId(), raw.cells()[OPERATOR], raw.sheet(), raw.row(), c.problems());
        return null;
      }
      part.valid++;
      part.tally.add(raw.row(), c);
      part.addHash(KeyHash.of(c.values()));
      return ReturnRow.of(
          current.submissionId(), current.file().uri(), raw.sheet(), raw.row(), c.values());
    }

    private void finishPart() {
      if (part != null) {
        part.finish(task.chunked.contains(part.submissionId));
        parts.add(part);
        part = null;
      }
    }

    private void finish() {
      finishPart();
      done = true;
      rejected.close();
      task.summaries.add(new TaskSummary(partition, parts, rejected.path()));
    }
  }

  private static final int OPERATOR = RowCheck.index("operator_id");

  /** The problems of rejected lines, written as JSON lines to a file opened on the first one. */
  private static final class RejectedLines {
    private static final JsonFactory JSON =
        JsonFactory.builder()
            // Any text a file holds, even a lone surrogate, is written as escapes, never refused.
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();
    private final String path;
    private OutputStream out;
    private JsonGenerator json;
    private boolean written;

    RejectedLines(String path) {
      this.path = path;
    }

    /** The file, or null when nothing was rejected. */
    String path() {
      return written ? path : null;
    }

    void write(String submission, String rawOperator, String sheet, long row, List<Problem> ps) {
      try {
        if (json == null) {
          Path p = new Path(path);
          FileSystem fs = p.getFileSystem(ReadTask.executorConf());
          out = fs.create(p, true);
          json = JSON.createGenerator(out);
          json.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
        }
        for (Problem p : ps) {
          json.writeStartObject();
          json.writeStringField("submission_id", submission);
          json.writeStringField("operator_id", rawOperator);
          json.writeStringField("sheet", sheet);
          json.writeNumberField("row", row);
          json.writeStringField("column", p.column());
          json.writeStringField("value", p.value());
          json.writeStringField("rule", p.rule());
          json.writeStringField("level", ReturnFormat.v1().rule(p.rule()).level().code());
          json.writeStringField("message", p.message());
          json.writeEndObject();
        }
        written = true;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the rejected rows to " + path, e);
      }
    }

    void close() {
      try {
        if (json != null) {
          json.close();
          out.close();
          json = null;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the rejected rows to " + path, e);
      }
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
          out = Arrays.copyOf(out, Math.max(8, 2 * (m + j - i)));
        }
        for (int k = i; k < j; k++) {
          out[m++] = a[k];
        }
      }
      i = j;
    }
    return Arrays.copyOf(out, m);
  }
}
