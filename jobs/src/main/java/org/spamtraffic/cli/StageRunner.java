package org.spamtraffic.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;
import org.spamtraffic.stage.StageResult;

/**
 * Runs a stage and ends it with one line: its name, what it read and wrote, and how long; then,
 * indented, any details the stage says a person must read.
 */
final class StageRunner {
  private final PrintWriter out;

  StageRunner(PrintWriter out) {
    this.out = out;
  }

  <R extends StageResult> R run(String name, Supplier<R> stage) {
    long start = System.nanoTime();
    R result = stage.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(Locale.ROOT, "%-16s %s (%.1f s)%n", name, result.summary(), seconds);
    for (String line : result.details()) {
      out.printf(Locale.ROOT, "%-16s   %s%n", "", line);
    }
    out.flush();
    return result;
  }
}
