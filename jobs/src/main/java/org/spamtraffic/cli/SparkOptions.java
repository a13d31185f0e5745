package org.spamtraffic.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every Spark command takes: where to run, where the data lives, how loud to be. */
public final class SparkOptions {
  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "Spark master URL (default: local[*], or the one spark-submit sets), e.g."
              + " spark://host:7077.")
  String master;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description = "A Spark setting, repeatable, e.g. --conf spark.executor.memory=8g.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(
      names = "--out",
      paramLabel = "URI",
      defaultValue = "out",
      description =
          "Output root, any Hadoop file system URI (default: ${DEFAULT-VALUE}). The warehouse is"
              + " <out>/warehouse unless --warehouse is given; reports go to <out>/reports.")
  String out;

  @Option(
      names = "--warehouse",
      paramLabel = "URI",
      description = "Warehouse root, any Hadoop file system URI (default: <out>/warehouse).")
  String warehouse;

  @Option(
      names = "--catalog",
      paramLabel = "NAME",
      defaultValue = "local",
      description =
          "The Iceberg catalog of the warehouse's tables (default: ${DEFAULT-VALUE}). When"
              + " spark.sql.catalog.NAME is set with --conf (a site's Hive, REST, JDBC or Glue"
              + " catalog, as Iceberg's Spark documentation sets it), that catalog; otherwise an"
              + " embedded catalog in --warehouse. Tables are NAME.spamtraffic.TABLE, and"
              + " spamtraffic.TABLE in Spark SQL.")
  String catalog;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show Spark's own log (INFO) and full stack traces.")
  boolean verbose;

  /** The warehouse URI. */
  public String warehouseUri() {
    return warehouse != null ? warehouse : trimSlash(out) + "/warehouse";
  }

  /** The name of the warehouse's Iceberg catalog in Spark. */
  public String catalog() {
    return catalog;
  }

  /** The output root URI. */
  public String outUri() {
    return trimSlash(out);
  }

  /** The Spark master, or null for the default. */
  public String master() {
    return master;
  }

  /** Extra Spark settings. */
  public Map<String, String> conf() {
    return conf;
  }

  /** Whether --verbose was given. */
  public boolean verbose() {
    return verbose;
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
