package org.spamtraffic.warehouse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running {@link ChildJob}, with this JVM's class path and Spark's module flags: a
 * writer of its own (its own Spark session, catalog connection and SQLite lock), which a test can
 * kill with SIGKILL ({@code kill -9}) like a crashed job.
 */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = new ArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("(output lost: " + e + ")");
              }
            },
            "child output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@link ChildJob} with {@code args}; {@code pauseAt} holds it at that point, or null. */
  static ChildJvm start(Path logDir, String pauseAt, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")
          || a.startsWith("-XX:+IgnoreUnrecognized")
          || a.startsWith("-Djdk.")
          || a.startsWith("-Dio.netty")) {
        command.add(a);
      }
    }
    command.add("-Xmx1g");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    if (pauseAt != null) {
      command.add("-D" + Pause.PROPERTY + "=" + pauseAt);
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildJob.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(command);
    b.redirectError(logDir.resolve("child-" + System.nanoTime() + ".err").toFile());
    return new ChildJvm(b.start());
  }

  /** Waits for a line starting with {@code prefix} and returns it; fails after {@code timeout}. */
  String await(String prefix, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = end - System.nanoTime();
      String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError(
            "The child did not print '"
                + prefix
                + "' in "
                + timeout
                + "; it printed "
                + all
                + (process.isAlive() ? "" : " and exited with " + process.exitValue()));
      }
      all.add(line);
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** The last line of its output once it has exited. */
  String result(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("The child did not end in " + timeout + "; it printed " + all);
    }
    String last = null;
    for (String line = lines.poll(1, TimeUnit.SECONDS);
        line != null;
        line = lines.poll(1, TimeUnit.SECONDS)) {
      all.add(line);
      last = line;
    }
    return last == null && !all.isEmpty() ? all.get(all.size() - 1) : last;
  }

  /** SIGKILL, as {@code kill -9}: no shutdown hook, no finally block runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
