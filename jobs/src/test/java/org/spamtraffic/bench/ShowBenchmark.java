package org.spamtraffic.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code show} of a small table as a user runs it, one command (a JVM of its own) at a time: read
 * without Spark, against the baseline {@code --where true} (the same rows, read with Spark), the
 * two alternated. Each run's wall-clock includes the JVM start, as a user's does.
 *
 * <p>Arguments: the output root of a study (its {@code warehouse/}), the table (default {@code
 * submissions}), the runs of each (default 5).
 */
public final class ShowBenchmark {
  private ShowBenchmark() {}

  public static void main(String[] args) throws Exception {
    String out = args.length > 0 ? args[0] : "out";
    String table = args.length > 1 ? args[1] : "submissions";
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    System.out.printf(
        Locale.ROOT,
        "show %s of %s, %d runs each, alternated (%d cores)%n",
        table,
        out,
        runs,
        Runtime.getRuntime().availableProcessors());
    double fast = 0;
    double spark = 0;
    String fastOut = null;
    for (int i = 0; i < runs; i++) {
      String[] f = {null};
      fast +=
          Timer.time(
              "show " + table + " (Iceberg reader)",
              () -> {
                f[0] = show(out, table);
                return null;
              });
      String[] s = {null};
      spark +=
          Timer.time(
              "show " + table + " --where true (Spark)",
              () -> {
                s[0] = show(out, table, "--where", "true");
                return null;
              });
      if (!f[0].equals(s[0])) {
        throw new IllegalStateException("The two ways printed different rows");
      }
      fastOut = f[0];
    }
    System.out.printf(
        Locale.ROOT,
        "mean %.1f s without Spark, %.1f s with Spark: %.1fx; printed %d lines each%n",
        fast / runs,
        spark / runs,
        spark / fast,
        fastOut.lines().count());
  }

  private static String show(String out, String table, String... more)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-opens") || a.startsWith("-D") || a.startsWith("-XX"))
            .toList());
    cmd.add("-Xmx2g");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.spamtraffic.cli.SpamTraffic");
    cmd.add("show");
    cmd.add(table);
    cmd.add("--out");
    cmd.add(out);
    cmd.addAll(List.of(more));
    File printed = File.createTempFile("show", ".txt");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(printed)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("show failed: " + cmd);
      }
      return Files.readString(printed.toPath(), StandardCharsets.UTF_8);
    } finally {
      Files.delete(printed.toPath());
    }
  }
}
