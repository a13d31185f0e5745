package org.spamtraffic.cli;

/**
 * Keeps Spark's own log quiet unless --verbose: slf4j-simple reads these properties when the first
 * logger is made, so this runs before Spark starts. Log4j 2 (POI logs through it) gets a
 * configuration that writes to stderr, never stdout.
 */
final class Logging {
  private Logging() {}

  static void configure(boolean verbose) {
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "spamtraffic-log4j2.properties");
    }
    System.setProperty("spamtraffic.log4j.level", verbose ? "info" : "error");
    System.setProperty("spamtraffic.poi.level", verbose ? "warn" : "off");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.spamtraffic", verbose ? "debug" : "warn");
    // Warnings Spark prints on every local start, and nothing a user can act on.
    System.setProperty(
        "org.slf4j.simpleLogger.log.org.apache.hadoop.util.NativeCodeLoader", "error");
    System.setProperty(
        "org.slf4j.simpleLogger.log.org.apache.spark.util.Utils", verbose ? "info" : "error");
    // ojAlgo (publish's linear programs) prints eight lines to stdout, between the stage lines,
    // asking for a hardware profile of machines it does not know; this is its documented switch
    // (read in OjAlgoUtils' static initialiser, so before the first LP is built).
    if (!verbose) {
      System.setProperty("shut.up.ojAlgo", "true");
    }
  }
}
