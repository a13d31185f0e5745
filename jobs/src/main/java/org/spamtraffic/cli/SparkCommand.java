package org.spamtraffic.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of every command that runs Spark: builds the session, runs, stops the session. */
abstract class SparkCommand implements Callable<Integer> {
  @Mixin SparkOptions sparkOptions;

  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    Logging.configure(sparkOptions.verbose());
    SparkSession spark =
        SparkSessions.create(
            "spamtraffic " + spec.name(),
            sparkOptions.master(),
            sparkOptions.conf(),
            System.console() != null);
    try {
      Warehouse warehouse =
          Warehouse.open(
                  spark,
                  Warehouse.catalog(spark, sparkOptions.catalog(), sparkOptions.warehouseUri()))
              .useAsCurrentCatalog();
      return run(spark, warehouse);
    } finally {
      spark.stop();
    }
  }

  /** The command's work; returns the exit code. */
  protected abstract int run(SparkSession spark, Warehouse warehouse);

  /** Where stage lines go. */
  protected StageRunner stageRunner() {
    return new StageRunner(spec.commandLine().getOut());
  }
}
