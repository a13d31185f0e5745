package org.spamtraffic.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.generate.BulkReturns;
import org.spamtraffic.intake.IngestReturns;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * Benchmark (not a test): the cost of adding one return to a big warehouse. A landing folder of
 * {@code FILES} generated returns of about {@code ROWS_PER_FILE} rows each is ingested once; then,
 * in the same run, one more return of the same size is (1) ingested alone into an empty warehouse
 * (the baseline) and (2) added to the big warehouse by an incremental run. The ratio (2)/(1) is
 * what the study pays for its history; the target is at most 2. Run with {@code bin/benchmark
 * incremental [FILES [ROWS_PER_FILE [REPEATS]]]}; results go to docs/benchmarks.md by hand.
 */
public final class IncrementalBenchmark {
  private IncrementalBenchmark() {}

  public static void main(String[] args) throws Exception {
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    long perFile = args.length > 1 ? Long.parseLong(args[1]) : 2000;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path dir = Paths.get(args.length > 3 ? args[3] : "/tmp/spamtraffic-bench");
    int operators = Math.max(1, files / 4); // four quarters each
    Path landing = dir.resolve("landing-" + files + "x" + perFile);
    Path extra = dir.resolve("extra-" + perFile);
    if (!Files.exists(landing)) {
      Timer.time(
          "generate " + files + " files",
          () -> BulkReturns.manyFiles(landing, files * perFile, operators, 0.001, 42));
    }
    if (!Files.exists(extra)) {
      // One more operator's returns (another seed), of which one file is added at a time.
      Path generated = dir.resolve("extra-generated-" + perFile);
      Timer.time(
          "generate the added returns",
          () -> BulkReturns.manyFiles(generated, 4 * perFile, 1, 0.001, 4242));
      // As a new operator's (the generator names its first operator like the landing's first).
      try (Stream<Path> s = Files.walk(generated)) {
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          String name = p.getFileName().toString().replace("-OP0000", "-OP9999");
          Path target = extra.resolve(name.substring(0, name.indexOf('_'))).resolve(name);
          Files.createDirectories(target.getParent());
          Files.writeString(target, Files.readString(p).replace("-OP0000", "-OP9999"));
        }
      }
    }
    List<Path> added;
    try (Stream<Path> s = Files.walk(extra)) {
      added = s.filter(Files::isRegularFile).sorted().toList();
    }
    System.out.printf(
        Locale.ROOT,
        "incremental benchmark: %d files of about %,d rows, %d cores, load %.1f%n",
        files,
        perFile,
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    SparkSession spark = SparkSessions.create("benchmark", "local[*]", Map.of(), false);
    try {
      Path work = dir.resolve("incremental-" + System.nanoTime());
      Path big = work.resolve("landing");
      copyTree(landing, big);
      Warehouse history = Warehouse.at(spark, work.resolve("wh-big").toString());
      Timer.time(
          "ingest the " + files + " files (once)",
          () -> new IngestReturns(spark, history).run(IngestReturns.Options.of(big.toString())));
      Timer.time("warm-up: one file alone", () -> alone(spark, work.resolve("warm"), added.get(0)));
      double[] baseline = new double[repeats];
      double[] incremental = new double[repeats];
      for (int i = 0; i < repeats; i++) {
        Path file = added.get(1 + i % (added.size() - 1));
        Path aloneDir = work.resolve("alone-" + i);
        baseline[i] =
            Timer.time(
                "baseline: the file alone, empty warehouse", () -> alone(spark, aloneDir, file));
        Path into =
            big.resolve(file.getParent().getFileName()).resolve("r" + i + "-" + file.getFileName());
        Files.createDirectories(into.getParent());
        Files.copy(file, into);
        incremental[i] =
            Timer.time(
                "incremental: the file into the " + (files + i) + " files",
                () ->
                    new IngestReturns(spark, history.refresh())
                        .run(IngestReturns.Options.of(big.toString()))
                        .summary());
      }
      System.out.printf(
          Locale.ROOT,
          "%n| files recorded | rows per file | file alone (median) | added incrementally (median) | ratio |%n");
      System.out.printf(
          Locale.ROOT,
          "| %,d | %,d | %.1f s | %.1f s | %.2f |%n",
          files,
          perFile,
          median(baseline),
          median(incremental),
          median(incremental) / median(baseline));
    } finally {
      spark.stop();
    }
  }

  private static String alone(SparkSession spark, Path work, Path file) throws Exception {
    Path landing = work.resolve("landing").resolve(file.getParent().getFileName());
    Files.createDirectories(landing);
    Files.copy(file, landing.resolve(file.getFileName()));
    return new IngestReturns(spark, Warehouse.at(spark, work.resolve("wh").toString()))
        .run(IngestReturns.Options.of(work.resolve("landing").toString()))
        .summary();
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    return v[v.length / 2];
  }
}
