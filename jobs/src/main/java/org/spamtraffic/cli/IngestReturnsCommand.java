package org.spamtraffic.cli;

import org.apache.spark.sql.SparkSession;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Command;

/** Ingests operator returns. */
@Command(name = "ingest-returns", mixinStandardHelpOptions = true, description = "Ingests returns")
final class IngestReturnsCommand extends SparkCommand {
  @Override
  protected int run(SparkSession spark, Warehouse warehouse) {
    throw new UnsupportedOperationException("ingest-returns is being built");
  }
}
