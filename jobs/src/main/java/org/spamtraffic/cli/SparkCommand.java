package org.spamtraffic.cli;

import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every command that runs Spark: checks its options, builds the session, checks its inputs
 * exist, opens the warehouse, runs, stops the session. Nothing is written to the warehouse before
 * both checks have passed.
 */
abstract class SparkCommand implements Callable<Integer> {
  @Mixin SparkOptions sparkOptions;

  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    checkOptions();
    Logging.configure(sparkOptions.verbose());
    OptionalInt answered = runWithoutSpark();
    if (answered.isPresent()) {
      return answered.getAsInt();
    }
    SparkSession spark =
        SparkSessions.create(
            "spamtraffic " + spec.name(),
            sparkOptions.master(),
            sparkOptions.conf(),
            System.console() != null);
    try {
      checkInputs(spark);
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

  /**
   * Checks the options together before Spark starts (a usage error is {@link
   * picocli.CommandLine.ParameterException}, exit code 2). By default there is nothing to check.
   */
  protected void checkOptions() {}

  /**
   * The command's work done without starting Spark, where it can be (a read that Iceberg's own API
   * answers), returning the exit code; empty to run with Spark. By default, always with Spark.
   */
  protected OptionalInt runWithoutSpark() {
    return OptionalInt.empty();
  }

  /**
   * Checks, with the session's file systems, that the command's inputs exist, before the warehouse
   * is opened. By default there is nothing to check.
   */
  protected void checkInputs(SparkSession spark) {}

  /** The command's work; returns the exit code. */
  protected abstract int run(SparkSession spark, Warehouse warehouse);

  /** Where stage lines go. */
  protected StageRunner stageRunner() {
    return new StageRunner(spec.commandLine().getOut());
  }
}
