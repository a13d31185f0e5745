package org.spamtraffic.intake;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.warehouse.Contracts;

/**
 * The files the checking pass wrote into the new {@code returns} version, and what the decisions
 * across rows do to them: files of submissions that are not live for their period are deleted, and
 * files holding rows rejected across rows are rewritten without those rows. Every other file stays
 * as written, so in the usual case the rows are written once.
 */
final class StagedReturns {
  private static final StructType SCHEMA = Contracts.sparkSchema(TableContract.load("returns"));

  private final SparkSession spark;
  private final String folder;
  private final List<CheckingPass.StagedFile> files = new ArrayList<>();
  // submission → scratch files of its rows held back by the checking pass
  private final java.util.Map<String, List<String>> held = new java.util.TreeMap<>();
  private boolean empty;

  StagedReturns(SparkSession spark, String folder, List<CheckingPass.TaskSummary> summaries) {
    this.spark = spark;
    this.folder = folder;
    for (CheckingPass.TaskSummary s : summaries) {
      files.addAll(s.files());
      if (s.heldFile() != null) {
        held.computeIfAbsent(s.submissionId(), k -> new ArrayList<>()).add(s.heldFile());
      }
    }
    empty = files.isEmpty() && held.isEmpty();
    removeStrayFiles();
  }

  /** The rows of {@code submissions} that the checking pass held back, in the same columns. */
  Dataset<Row> readHeld(Set<String> submissions) {
    return readHeldFiles(heldPaths(submissions::contains));
  }

  private List<String> heldPaths(java.util.function.Predicate<String> ofSubmission) {
    List<String> paths = new ArrayList<>();
    held.forEach(
        (submission, p) -> {
          if (ofSubmission.test(submission)) {
            paths.addAll(p);
          }
        });
    return paths;
  }

  private Dataset<Row> readHeldFiles(List<String> paths) {
    return paths.isEmpty()
        ? spark.createDataFrame(List.of(), SCHEMA)
        : spark.read().schema(SCHEMA).parquet(paths.toArray(String[]::new));
  }

  /** Whether no file holds rows (no valid row was written, or, once settled, none is left). */
  boolean isEmpty() {
    return empty;
  }

  /** The staged rows of {@code submissions}, typed as the {@code returns} contract says. */
  Dataset<Row> read(Set<String> submissions) {
    List<String> paths = new ArrayList<>();
    for (CheckingPass.StagedFile f : files) {
      if (submissions.contains(f.submissionId())) {
        paths.add(f.path());
      }
    }
    return readFiles(paths);
  }

  /**
   * Applies the decisions: rewrites the files of live periods that hold rows rejected across rows,
   * deletes the files that must not be in {@code returns}, and returns the rejects of the rows
   * rejected across rows (null when there are none).
   *
   * @param affected submission and period of the groups with rows rejected across rows
   * @param withCross puts the {@code _cross} problems on rows read back from the files
   */
  Dataset<Row> settle(
      Submissions submissions,
      Set<List<String>> affected,
      BiFunction<Dataset<Row>, Submissions, Dataset<Row>> withCross) {
    // Sets, not lists: a study has hundreds of files, and every file is looked up below.
    Set<String> failed = new HashSet<>(submissions.failedIds());
    Set<String> affectedPaths = new java.util.LinkedHashSet<>();
    Set<String> liveAffectedPaths = new java.util.LinkedHashSet<>();
    for (CheckingPass.StagedFile f : files) {
      List<String> key = List.of(f.submissionId(), f.period());
      if (affected.contains(key) && !failed.contains(f.submissionId())) {
        affectedPaths.add(f.path());
        if (submissions.live(f.submissionId(), f.period())) {
          liveAffectedPaths.add(f.path());
        }
      }
    }
    // Held-back rows are always settled: rejected across rows, or written into returns if live.
    List<String> heldPaths = heldPaths(id -> !failed.contains(id));
    Dataset<Row> crossRejects = null;
    boolean wroteBack = false;
    if (!affectedPaths.isEmpty() || !heldPaths.isEmpty()) {
      // Read twice rather than cached (caching every column cost more than a second read of the
      // few columns the rejects need); the rejects are materialised before their files go below.
      Dataset<Row> attached =
          withCross.apply(
              readFiles(affectedPaths).unionByName(readHeldFiles(heldPaths)), submissions);
      crossRejects = IngestReturns.crossRejects(attached).localCheckpoint(true);
      // Where the rows left go: the live periods of the files rewritten and of the held rows.
      Set<List<String>> live = new java.util.LinkedHashSet<>();
      for (CheckingPass.StagedFile f : files) {
        if (liveAffectedPaths.contains(f.path())) {
          live.add(List.of(f.submissionId(), f.period()));
        }
      }
      for (String submission : held.keySet()) {
        submissions.livePeriods(submission).forEach(p -> live.add(List.of(submission, p)));
      }
      if (!live.isEmpty()) {
        Dataset<Row> livePairs =
            spark.createDataFrame(
                live.stream().map(p -> RowFactory.create(p.get(0), p.get(1))).toList(),
                new StructType()
                    .add("submission_id", DataTypes.StringType)
                    .add("period", DataTypes.StringType));
        attached
            .filter(col("_cross").isNull())
            .join(broadcast(livePairs), new String[] {"submission_id", "period"})
            .select(
                java.util.Arrays.stream(SCHEMA.fieldNames())
                    .map(c -> col(c))
                    .toArray(Column[]::new))
            .write()
            .mode(SaveMode.Append)
            .partitionBy("period")
            .parquet(folder);
        wroteBack = true;
      }
    }
    List<CheckingPass.StagedFile> kept = new ArrayList<>();
    for (CheckingPass.StagedFile f : files) {
      boolean drop =
          affectedPaths.contains(f.path()) || !submissions.live(f.submissionId(), f.period());
      if (drop) {
        delete(f.path());
      } else {
        kept.add(f);
      }
    }
    files.clear();
    files.addAll(kept);
    empty = files.isEmpty() && !wroteBack;
    if (empty) {
      delete(folder);
    }
    return crossRejects;
  }

  private Dataset<Row> readFiles(java.util.Collection<String> paths) {
    if (paths.isEmpty()) {
      return spark.createDataFrame(List.of(), SCHEMA);
    }
    return spark
        .read()
        .schema(SCHEMA)
        .option("basePath", folder)
        .parquet(paths.toArray(String[]::new));
  }

  /** Deletes files a failed task attempt left behind (the successful attempts listed theirs). */
  private void removeStrayFiles() {
    Path root = new Path(folder);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        return;
      }
      Set<String> known = new HashSet<>();
      for (CheckingPass.StagedFile f : files) {
        known.add(fs.makeQualified(new Path(f.path())).toString());
      }
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      List<Path> stray = new ArrayList<>();
      while (it.hasNext()) {
        Path p = it.next().getPath();
        String name = p.getName();
        if (!name.startsWith(".") && !known.contains(fs.makeQualified(p).toString())) {
          stray.add(p);
        }
      }
      for (Path p : stray) {
        fs.delete(p, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the staged returns in " + folder, e);
    }
  }

  private void delete(String path) {
    Path p = new Path(path);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(p, true);
      // Parquet's checksum file beside it, on the local file system.
      Path crc = new Path(p.getParent(), "." + p.getName() + ".crc");
      if (fs.exists(crc)) {
        fs.delete(crc, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + path, e);
    }
  }
}
