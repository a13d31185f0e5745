package org.spamtraffic.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.estimate.Confirmations;
import org.spamtraffic.estimate.Distribution;
import org.spamtraffic.estimate.EstimateJob;
import org.spamtraffic.estimate.ParameterFile;
import org.spamtraffic.estimate.ParameterSet;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Estimates the investment needed to counter spam, from {@code country_profile}. */
@Command(
    name = "estimate",
    mixinStandardHelpOptions = true,
    description =
        "Estimates the investment each country needs to counter spam (docs/investment-model.md)"
            + " from country_profile: writes investment, investment_totals, investment_intervals"
            + " (Monte Carlo), investment_sensitivity, investment_not_estimated (what cannot be"
            + " sized, and why) and investment_forecast (the volumes capacity is sized for).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/spamtraffic estimate",
      "  bin/spamtraffic estimate --parameters my.json --quarter 2025-Q4 \\",
      "      --confirmed confirmed.csv"
    })
final class EstimateCommand extends SparkCommand {
  @Option(
      names = "--parameters",
      paramLabel = "FILE",
      description =
          "An analyst's parameter file (schemas/investment-parameters.schema.json); it may list"
              + " only the settings and parameters it changes. Default: the bundled"
              + " schemas/investment-parameters-default.json.")
  String parameters;

  @Option(
      names = "--quarter",
      paramLabel = "YYYY-Qn",
      description =
          "Last quarter of the four-quarter window (default: the latest in country_profile).")
  String quarter;

  /**
   * The old spelling, kept hidden for one release. {@code --as-of} names a warehouse commit on
   * every other command, so a commit number here is refused rather than taken for a quarter.
   */
  @Option(
      names = "--as-of",
      hidden = true,
      paramLabel = "YYYY-Qn",
      description = "Old spelling of --quarter, kept for one release.")
  void asOf(String value) {
    if (value.matches("\\d+")) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "estimate takes the window's last quarter as --quarter YYYY-Qn; --as-of "
              + value
              + " looks like a warehouse commit, which estimate does not read");
    }
    quarter = value;
  }

  @Option(
      names = "--draws",
      paramLabel = "N",
      defaultValue = "10000",
      description = "Monte Carlo draws (default: ${DEFAULT-VALUE}).")
  int draws;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "52",
      description =
          "Monte Carlo seed; the same seed gives the same intervals (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--distribution",
      paramLabel = "NAME",
      defaultValue = "pert",
      description = "pert or triangular (default: ${DEFAULT-VALUE}).")
  String distribution;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "Disclosure policy file deciding which figures are publishable, in the shape of"
              + " schemas/disclosure-policy.json (default: that file; use the one publish used).")
  java.nio.file.Path policy;

  @Option(
      names = "--confirmed",
      paramLabel = "FILE",
      description =
          "The analyst's list of flagged figures since confirmed (CSV: operator_id,spam_type,period;"
              + " further columns ignored). A figure ingest flagged with a warning (period_jump)"
              + " sizes no equipment until it is on this list or the operator resubmits it.")
  String confirmed;

  @Override
  protected int run(SparkSession spark, Warehouse warehouse) {
    ParameterSet set = parameters == null ? ParameterFile.defaults() : read(spark, parameters);
    Confirmations list = confirmed == null ? Confirmations.none() : confirmations(spark, confirmed);
    EstimateJob.Options options =
        new EstimateJob.Options(
            quarter,
            set,
            draws,
            seed,
            Distribution.byKey(distribution),
            policy == null
                ? org.spamtraffic.publish.DisclosurePolicy.standard()
                : org.spamtraffic.publish.DisclosurePolicy.read(policy),
            list);
    stageRunner().run(EstimateJob.NAME, () -> EstimateJob.run(warehouse, options));
    return 0;
  }

  private static Confirmations confirmations(SparkSession spark, String uri) {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (InputStream in = fs.open(path)) {
        return Confirmations.read(in, uri);
      }
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException("Confirmation list " + uri + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read confirmation list " + uri, e);
    }
  }

  private static ParameterSet read(SparkSession spark, String uri) {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (InputStream in = fs.open(path)) {
        return ParameterFile.read(in, uri);
      }
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException("Parameter file " + uri + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read parameter file " + uri, e);
    }
  }
}
