package org.spamtraffic.cli;

import org.apache.spark.sql.SparkSession;
import org.spamtraffic.publish.DisclosureRules;
import org.spamtraffic.publish.PublishJob;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Applies disclosure control to the analytics tables and writes the published ones. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Reads volumes, coverage, routes and sources and writes published_volumes,",
      "published_coverage, published_routes and published_sources: rows from too few operators",
      "or dominated by one operator are withheld, with complementary suppression."
    })
final class PublishCommand extends SparkCommand {
  @Option(
      names = "--min-operators",
      defaultValue = "3",
      description = "Fewest operators a published figure may come from (default: ${DEFAULT-VALUE})")
  int minOperators;

  @Option(
      names = "--max-share",
      defaultValue = "0.85",
      description =
          "Largest share (0..1] one operator may have of a published figure (default:"
              + " ${DEFAULT-VALUE})")
  double maxShare;

  @Override
  protected int run(SparkSession spark, Warehouse warehouse) {
    PublishJob.Options options =
        new PublishJob.Options(warehouse, new DisclosureRules(minOperators, maxShare));
    stageRunner().run("publish", () -> new PublishJob(spark).run(options));
    return 0;
  }
}
