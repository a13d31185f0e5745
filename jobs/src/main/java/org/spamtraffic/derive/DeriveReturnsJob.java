package org.spamtraffic.derive;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.evidence.Derivation;
import org.spamtraffic.evidence.DeriveReturns;
import org.spamtraffic.evidence.EvidenceFiles;
import org.spamtraffic.evidence.EvidenceKind;
import org.spamtraffic.evidence.FilePart;
import org.spamtraffic.evidence.Outcome;
import org.spamtraffic.evidence.ReturnFiles;
import org.spamtraffic.evidence.Tally;
import org.spamtraffic.evidence.ip.IpLocation;
import org.spamtraffic.evidence.log.CallRates;
import org.spamtraffic.stage.StageResult;
import scala.Tuple2;

/**
 * derive-returns as a Spark job, for archives of millions of messages or records on any Hadoop file
 * system: the driver lists the evidence and cuts it into parts (large mbox files and logs at every
 * {@code partBytes}, small files grouped into tasks of about that size); each task reads its parts
 * with the evidence library's {@link Derivation} (the same code the plain command runs), counts
 * into a {@link Tally} and writes the unusable inputs it met to a file of its own; the driver
 * merges the tallies and writes the same files as the plain command. With a call-rate threshold, a
 * first pass counts calls per caller-day (reduced by key) before the second derives.
 */
public final class DeriveReturnsJob {
  private final SparkSession spark;

  public DeriveReturnsJob(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * What to derive and where.
   *
   * @param derive the derivation's options (input paths are Hadoop URIs here)
   * @param out the output folder, a Hadoop URI
   * @param partBytes about how many bytes each task reads
   */
  public record Options(DeriveReturns.Options derive, String out, long partBytes) {
    public Options {
      if (partBytes < 1 << 16) {
        throw new IllegalArgumentException("partBytes must be at least 64 KiB, not " + partBytes);
      }
    }
  }

  /**
   * What the job did.
   *
   * @param tally the counts
   * @param rows return rows written
   * @param files evidence files read
   * @param tasks tasks run (in the derivation pass)
   */
  public record Result(Tally tally, int rows, int files, int tasks) implements StageResult {
    @Override
    public String summary() {
      Tally.Inputs in = tally.allInputs();
      return String.format(
          java.util.Locale.ROOT,
          "read %,d files in %d tasks, %,d inputs = %,d used + %,d unusable → %d return rows",
          files,
          tasks,
          in.read(),
          in.used(),
          in.unusable(),
          rows);
    }
  }

  /** Runs the job. */
  public Result run(Options options) {
    DeriveReturns.Options o = options.derive();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Map<String, String> confEntries = new HashMap<>();
    conf.forEach(e -> confEntries.put(e.getKey(), e.getValue()));
    List<FilePart> parts = new ArrayList<>();
    try {
      for (DeriveReturns.Input in : o.inputs()) {
        for (FileStatus f : list(new Path(in.path()), conf)) {
          parts.addAll(
              FilePart.cut(
                  in.kind(),
                  f.getPath().toUri().toString(),
                  f.getLen(),
                  options.partBytes(),
                  true));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the evidence: " + e.getMessage(), e);
    }
    long files = parts.stream().filter(FilePart::first).count();
    List<List<FilePart>> tasks = group(parts, options.partBytes());
    IpLocation ip =
        o.kinds().contains(EvidenceKind.EMAIL)
            ? IpLocation.load(java.nio.file.Path.of(o.ipData().toString()))
            : null;
    Derivation derivation = DeriveReturns.derivation(o, ip);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    if (o.callsPerDay() != null && o.kinds().contains(EvidenceKind.VOICE)) {
      derivation = derivation.withCallRates(callRates(jsc, derivation, tasks, confEntries, o));
    }
    Broadcast<Derivation> shared = jsc.broadcast(derivation);
    String scratch = options.out() + "/_unusable";
    List<TaskResult> results =
        jsc.parallelize(tasks, Math.max(1, tasks.size()))
            .map(t -> derive(t, shared.value(), confEntries, scratch))
            .collect();
    Tally tally = new Tally();
    results.forEach(r -> tally.merge(r.tally()));
    try {
      FileSystem fs = new Path(options.out()).getFileSystem(conf);
      fs.mkdirs(new Path(options.out()));
      concatenate(fs, results, new Path(options.out(), ReturnFiles.UNUSABLE));
      fs.delete(new Path(scratch), true);
      ReturnFiles.Settings settings = DeriveReturns.settings(o, derivation, ip);
      int rows =
          ReturnFiles.writeReturn(
              settings, tally, fs.create(new Path(options.out(), ReturnFiles.RETURN), true));
      ReturnFiles.writeDerivation(
          tally, fs.create(new Path(options.out(), ReturnFiles.DERIVATION), true));
      Map<String, Object> summary = ReturnFiles.summary(settings, tally, rows);
      summary.put("engine", "Spark " + spark.version() + ", " + tasks.size() + " tasks");
      ReturnFiles.writeSummary(
          summary, fs.create(new Path(options.out(), ReturnFiles.SUMMARY), true));
      return new Result(tally, rows, (int) files, tasks.size());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the return to " + options.out() + ": " + e.getMessage(), e);
    }
  }

  /** One task's counts and the file holding its unusable inputs (or null when there were none). */
  record TaskResult(Tally tally, String unusableFile) implements Serializable {}

  private static TaskResult derive(
      List<FilePart> parts, Derivation d, Map<String, String> confEntries, String scratch)
      throws IOException {
    Configuration conf = configuration(confEntries);
    Tally tally = new Tally();
    TaskContext ctx = TaskContext.get();
    String name =
        scratch
            + "/part-"
            + ctx.partitionId()
            + "-"
            + ctx.attemptNumber()
            + "-"
            + ctx.taskAttemptId()
            + ".csv";
    CsvWriter[] unusable = {null};
    OutputStream[] stream = {null};
    for (FilePart p : parts) {
      d.read(
          p,
          source(p.file(), conf),
          outcome -> {
            tally.add(p.kind(), outcome);
            if (outcome instanceof Outcome.Unusable u) {
              try {
                if (unusable[0] == null) {
                  Path path = new Path(name);
                  stream[0] = path.getFileSystem(conf).create(path, true);
                  unusable[0] = ReturnFiles.csv(stream[0]);
                }
                unusable[0].writeRecord(ReturnFiles.unusableRow(u));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          });
    }
    if (unusable[0] != null) {
      unusable[0].close();
    }
    return new TaskResult(tally, unusable[0] == null ? null : name);
  }

  private static CallRates callRates(
      JavaSparkContext jsc,
      Derivation d,
      List<List<FilePart>> tasks,
      Map<String, String> confEntries,
      DeriveReturns.Options o) {
    Broadcast<Derivation> shared = jsc.broadcast(d);
    int threshold = o.callsPerDay();
    List<Long> busy =
        jsc.parallelize(tasks, Math.max(1, tasks.size()))
            .flatMapToPair(
                t -> {
                  Configuration conf = configuration(confEntries);
                  CallRates.Counter counter = new CallRates.Counter();
                  for (FilePart p : t) {
                    shared.value().countCalls(p, source(p.file(), conf), counter);
                  }
                  List<Tuple2<Long, Integer>> pairs = new ArrayList<>(counter.counts().size());
                  counter.counts().forEach((k, v) -> pairs.add(new Tuple2<>(k, v)));
                  return pairs.iterator();
                })
            .reduceByKey(Integer::sum)
            .filter(kv -> kv._2() >= threshold)
            .keys()
            .collect();
    Set<Long> set = new HashSet<>(busy);
    return new CallRates(threshold, o.shortCallSeconds(), set);
  }

  /**
   * The file's bytes from a position, through Hadoop's file system. Files are named by URI: a
   * Maildir name such as {@code 1736900000.M1P2.host:2,S} is not a valid Hadoop path string. A
   * checksummed file system (the local one) is read raw: operators' files have no {@code .crc}
   * files, and Hadoop cannot even name the {@code .crc} file of a name with a colon.
   */
  private static Derivation.Source source(String file, Configuration conf) {
    return position -> {
      Path path = new Path(java.net.URI.create(file));
      FileSystem fs = path.getFileSystem(conf);
      if (fs instanceof ChecksumFileSystem checksummed) {
        fs = checksummed.getRawFileSystem();
      }
      FSDataInputStream in = fs.open(path);
      try {
        in.seek(position);
      } catch (IOException e) {
        in.close();
        throw e;
      }
      return new BufferedInputStream(in, 1 << 16);
    };
  }

  private static Configuration configuration(Map<String, String> entries) {
    Configuration c = new Configuration(false);
    entries.forEach(c::set);
    return c;
  }

  /**
   * Parts grouped into tasks of about {@code bytes}: big files' parts alone, small files together.
   */
  static List<List<FilePart>> group(List<FilePart> parts, long bytes) {
    List<List<FilePart>> tasks = new ArrayList<>();
    List<FilePart> current = new ArrayList<>();
    long size = 0;
    for (FilePart p : parts) {
      long n = p.end() - p.start();
      if (!current.isEmpty() && size + n > bytes) {
        tasks.add(current);
        current = new ArrayList<>();
        size = 0;
      }
      current.add(p);
      size += n;
    }
    if (!current.isEmpty()) {
      tasks.add(current);
    }
    return tasks;
  }

  /** The evidence files under {@code root}, sorted, with the library's rule for what is skipped. */
  static List<FileStatus> list(Path root, Configuration conf) throws IOException {
    FileSystem fs = root.getFileSystem(conf);
    if (!fs.exists(root)) {
      throw new IllegalArgumentException("Evidence not found: " + root);
    }
    FileStatus top = fs.getFileStatus(root);
    if (top.isFile()) {
      return List.of(top);
    }
    String prefix = top.getPath().toString() + "/";
    List<FileStatus> files = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      LocatedFileStatus f = it.next();
      String rel = f.getPath().toString().substring(prefix.length());
      boolean skip =
          EvidenceFiles.skipped(
              rel,
              d -> {
                try {
                  return fs.getFileStatus(new Path(top.getPath(), d)).isDirectory();
                } catch (IOException e) {
                  return false;
                }
              });
      if (!skip) {
        files.add(f);
      }
    }
    files.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
    return files;
  }

  /** Writes the unusable rows of every successful task into one file, header first. */
  private static void concatenate(FileSystem fs, List<TaskResult> results, Path to)
      throws IOException {
    try (OutputStream out = fs.create(to, true)) {
      CsvWriter header = ReturnFiles.csv(new NonClosing(out));
      header.writeRecord(ReturnFiles.UNUSABLE_HEADER);
      header.close();
      byte[] buf = new byte[1 << 16];
      for (TaskResult r : results) {
        if (r.unusableFile() == null) {
          continue;
        }
        try (InputStream in = fs.open(new Path(r.unusableFile()))) {
          int n;
          while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
          }
        }
      }
    }
  }

  /** Lets a CSV writer flush into a stream that stays open. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
