package org.spamtraffic.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spamtraffic.generate.BulkReturns;
import org.spamtraffic.generate.SampleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes synthetic return files: the bundled samples, or a large landing set for benchmarks. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a realistic synthetic landing set (seeded: the same seed gives the same files):"
          + " with --rows N --out DIR, many operators, one CSV per operator and quarter; with"
          + " --rows N --single-file FILE, one operator's return of N rows in one CSV; with"
          + " --samples DIR, the bundled sample set (data-samples/returns)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/spamtraffic generate --rows 1000000 --out big-landing/",
      "  bin/spamtraffic generate --rows 100000 --single-file one.csv",
      "  bin/spamtraffic generate --samples my-samples/"
    })
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--rows", paramLabel = "N", description = "Rows to write.")
  Long rows;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Landing folder to write (with --rows).")
  Path out;

  @Option(
      names = "--single-file",
      paramLabel = "FILE",
      description = "Write one CSV file (with --rows).")
  Path singleFile;

  @Option(
      names = "--samples",
      paramLabel = "DIR",
      description = "Write the bundled sample set into this folder.")
  Path samples;

  @Option(
      names = "--operators",
      paramLabel = "N",
      defaultValue = "200",
      description = "Operators (with --out; default: ${DEFAULT-VALUE}).")
  int operators;

  @Option(
      names = "--bad-share",
      paramLabel = "RATIO",
      defaultValue = "0.001",
      description = "Share of rows made bad on purpose (default: ${DEFAULT-VALUE}).")
  double badShare;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var out_ = spec.commandLine().getOut();
    if (samples != null) {
      int files = SampleSet.write(samples, seed);
      out_.printf(Locale.ROOT, "generate         wrote %d sample files to %s%n", files, samples);
    } else if (rows != null && singleFile != null) {
      long n = BulkReturns.singleCsv(singleFile, rows, badShare, seed);
      out_.printf(Locale.ROOT, "generate         wrote %,d rows to %s%n", n, singleFile);
    } else if (rows != null && out != null) {
      long n = BulkReturns.manyFiles(out, rows, operators, badShare, seed);
      out_.printf(
          Locale.ROOT,
          "generate         wrote %,d rows for %d operators to %s%n",
          n,
          operators,
          out);
    } else {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "Give --samples DIR, or --rows N with --out DIR or --single-file FILE");
    }
    out_.flush();
    return 0;
  }
}
