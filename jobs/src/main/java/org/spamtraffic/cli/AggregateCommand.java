package org.spamtraffic.cli;

import org.apache.spark.sql.SparkSession;
import org.spamtraffic.aggregate.AggregateJob;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Builds the study's analytics tables from the warehouse's returns and questionnaire facts. */
@Command(
    name = "aggregate",
    mixinStandardHelpOptions = true,
    description = {
      "Reads returns (and survey_country_facts when present) and writes countries, itu_regions,"
          + " volumes, coverage, routes, sources and country_profile in one warehouse commit.",
      "These tables keep full figures; run publish for the disclosure-controlled ones."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  bin/spamtraffic aggregate", "  bin/spamtraffic aggregate --out hdfs:///spam"})
final class AggregateCommand extends SparkCommand {
  @Option(
      names = "--low-coverage",
      paramLabel = "RATIO",
      defaultValue = "0.5",
      description =
          "Coverage ratio under which a national estimate is flagged low_coverage (default:"
              + " ${DEFAULT-VALUE}).")
  double lowCoverage;

  @Override
  protected int run(SparkSession spark, Warehouse warehouse) {
    AggregateJob.Options options = new AggregateJob.Options(warehouse, lowCoverage);
    stageRunner().run("aggregate", () -> new AggregateJob(spark).run(options));
    return 0;
  }
}
