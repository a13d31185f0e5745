package org.spamtraffic.cli;

/**
 * Keeps Spark's own log quiet unless --verbose: slf4j-simple reads these properties when the first
 * logger is made, so this runs before Spark starts.
 */
final class Logging {
  private Logging() {}

  static void configure(boolean verbose) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.spamtraffic", verbose ? "debug" : "warn");
    // Warnings Spark prints on every local start, and nothing a user can act on.
    System.setProperty(
        "org.slf4j.simpleLogger.log.org.apache.hadoop.util.NativeCodeLoader", "error");
    System.setProperty(
        "org.slf4j.simpleLogger.log.org.apache.spark.util.Utils", verbose ? "info" : "error");
  }
}
