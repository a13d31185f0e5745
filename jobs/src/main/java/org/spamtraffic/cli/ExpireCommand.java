package org.spamtraffic.cli;

import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Retention: removes what no study commit needs, older than a setting. */
@Command(
    name = "expire",
    mixinStandardHelpOptions = true,
    description =
        "Removes from the warehouse what no study commit needs, when older than --older-than:"
            + " untagged Iceberg snapshots (jobs' intermediate ones and those of jobs that died),"
            + " the branches of jobs that never committed, and files no snapshot references. Every"
            + " commit's tables stay (tagged study-N), so --as-of keeps working for every commit.",
    footerHeading = "%nExamples:%n",
    footer = {"  bin/spamtraffic expire", "  bin/spamtraffic expire --older-than P30D"})
final class ExpireCommand extends SparkCommand {
  @Option(
      names = "--older-than",
      paramLabel = "DURATION",
      defaultValue = "P7D",
      description =
          "Keep everything younger than this ISO-8601 duration (default: ${DEFAULT-VALUE}, seven"
              + " days; a job running longer than this could lose its files).")
  Duration olderThan;

  @Override
  protected int run(SparkSession spark, Warehouse warehouse) {
    stageRunner().run("expire", () -> warehouse.expire(olderThan));
    return 0;
  }
}
