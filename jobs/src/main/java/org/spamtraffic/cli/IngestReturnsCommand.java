package org.spamtraffic.cli;

import org.apache.spark.sql.SparkSession;
import org.spamtraffic.intake.FileInspector;
import org.spamtraffic.intake.IngestReturns;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Ingests a landing folder of operator returns into the warehouse. */
@Command(
    name = "ingest-returns",
    mixinStandardHelpOptions = true,
    description =
        "Reads the CSV, XLSX and XLS returns of a landing folder that are not yet recorded, checks"
            + " every row, and commits returns (valid rows of each operator's latest submission per"
            + " period), rejects (every finding, with file, sheet, row, column, value, rule and"
            + " message) and submissions (one row per file) to the warehouse in one atomic commit;"
            + " --rebuild reads every file again.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/spamtraffic ingest-returns",
      "  bin/spamtraffic ingest-returns --landing out/landing --out out/",
      "  bin/spamtraffic ingest-returns --landing out/landing --out out/ --rebuild"
    })
final class IngestReturnsCommand extends SparkCommand {
  @Mixin LandingOption landing;

  private String location;

  @Option(
      names = "--max-file-size",
      paramLabel = "BYTES",
      defaultValue = "2147483648",
      description = "Largest file accepted, in bytes (default: ${DEFAULT-VALUE}).")
  long maxFileBytes;

  @Option(
      names = "--chunk-size",
      paramLabel = "BYTES",
      defaultValue = "33554432",
      description =
          "A UTF-8 CSV larger than this many bytes is read in parallel chunks cut at line ends"
              + " (default: ${DEFAULT-VALUE}).")
  long chunkBytes;

  @Option(
      names = "--jump-factor",
      paramLabel = "FACTOR",
      defaultValue = "5",
      description =
          "Warn when an operator's spam for a type changes more than this factor against its"
              + " previous period (default: ${DEFAULT-VALUE})")
  double jumpFactor;

  @Option(
      names = "--rebuild",
      description =
          "Read every file of the landing folder again and rebuild returns, rejects and"
              + " submissions from them (by default a run reads only the files not yet recorded)")
  boolean rebuild;

  @Override
  protected void checkOptions() {
    location = inputs().locations(sparkOptions.warehouseUri()).get(LandingOption.OPTION);
  }

  @Override
  protected void checkInputs(SparkSession spark) {
    inputs().checkExist(spark, java.util.Map.of(LandingOption.OPTION, location));
  }

  private Inputs inputs() {
    return Inputs.of(spec.commandLine(), landing.input());
  }

  @Override
  protected int run(SparkSession spark, Warehouse warehouse) {
    FileInspector.Limits limits =
        new FileInspector.Limits(
            maxFileBytes,
            FileInspector.Limits.DEFAULT.maxUnzippedBytes(),
            FileInspector.Limits.DEFAULT.maxZipRatio(),
            chunkBytes);
    stageRunner()
        .run(
            "ingest-returns",
            () ->
                new IngestReturns(spark, warehouse)
                    .run(new IngestReturns.Options(location, limits, jumpFactor, rebuild)));
    return 0;
  }
}
