package org.spamtraffic.cli;

import org.apache.spark.sql.SparkSession;
import org.spamtraffic.publish.DisclosurePolicy;
import org.spamtraffic.publish.PublishJob;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Applies disclosure control to the analytics tables and writes the published ones. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description =
        "Reads volumes, coverage, routes and sources and writes published_volumes,"
            + " published_coverage, published_routes and published_sources under the disclosure"
            + " policy: rows from too few operators or dominated by one operator are withheld, and"
            + " more rows are withheld until a linear-programming audit shows none can be narrowed"
            + " below the protection level from what is published.",
    footerHeading = "%nExamples:%n",
    footer = {"  bin/spamtraffic publish", "  bin/spamtraffic publish --policy my-policy.json"})
final class PublishCommand extends SparkCommand {
  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "Disclosure policy file (min_operators, max_share, protection), in the shape of"
              + " schemas/disclosure-policy.json (default: that file).")
  java.nio.file.Path policy;

  @Override
  protected int run(SparkSession spark, Warehouse warehouse) {
    PublishJob.Options options =
        new PublishJob.Options(
            warehouse,
            policy == null ? DisclosurePolicy.standard() : DisclosurePolicy.read(policy));
    stageRunner().run("publish", () -> new PublishJob(spark).run(options));
    return 0;
  }
}
