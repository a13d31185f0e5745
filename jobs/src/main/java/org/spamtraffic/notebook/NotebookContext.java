package org.spamtraffic.notebook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * What a notebook's setup cell asks for: the Spark session and the warehouse.
 *
 * <p>Under {@link NotebookRunner} these are the runner's own (one session for every notebook of a
 * run, and the warehouse it was given). In a Java kernel, the first call opens a session: on the
 * master named by the environment variable {@value #MASTER_VARIABLE} ({@code local[*]} when unset),
 * over the warehouse named by {@value #WAREHOUSE_VARIABLE} (default: {@code out/warehouse} of the
 * project, found from the working directory).
 */
public final class NotebookContext {
  /** Environment variable naming the warehouse URI, any Hadoop file system URI. */
  public static final String WAREHOUSE_VARIABLE = "SPAMTRAFFIC_WAREHOUSE";

  /** Environment variable naming the Spark master, e.g. {@code spark://host:7077}. */
  public static final String MASTER_VARIABLE = "SPAMTRAFFIC_SPARK_MASTER";

  private static volatile SparkSession providedSpark;
  private static volatile Warehouse providedWarehouse;
  private static Warehouse ownWarehouse;
  private static SparkSession ownSpark;

  private NotebookContext() {}

  /** The session notebooks run on: the runner's, or one opened on first use. */
  public static synchronized SparkSession spark() {
    if (providedSpark != null) {
      return providedSpark;
    }
    if (ownSpark == null || ownSpark.sparkContext().isStopped()) {
      ownSpark =
          SparkSessions.create(
              "spamtraffic notebook", System.getenv(MASTER_VARIABLE), Map.of(), false);
    }
    return ownSpark;
  }

  /**
   * The warehouse notebooks read, on {@link #spark()}: the runner's (as of the commit it was run
   * for), else the one at {@link #warehouseUri()}, whose catalog becomes the session's current one
   * so that cells can also say {@code spark.table("spamtraffic.returns")}.
   */
  public static synchronized Warehouse warehouse() {
    if (providedWarehouse != null) {
      return providedWarehouse;
    }
    if (ownWarehouse == null || ownWarehouse.spark() != spark()) {
      ownWarehouse =
          Warehouse.open(spark(), Warehouse.catalog(spark(), "local", warehouseUri()))
              .useAsCurrentCatalog();
    }
    return ownWarehouse;
  }

  /** The warehouse URI: the runner's, else {@value #WAREHOUSE_VARIABLE}, else the project's. */
  public static String warehouseUri() {
    if (providedWarehouse != null) {
      return providedWarehouse.root();
    }
    String fromEnvironment = System.getenv(WAREHOUSE_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    return projectHome().resolve("out/warehouse").toString();
  }

  /** Used by the runner around a run; {@code null}s end it. */
  static synchronized void provide(SparkSession spark, Warehouse warehouse) {
    providedSpark = spark;
    providedWarehouse = warehouse;
  }

  /**
   * The project folder: {@code SPAMTRAFFIC_HOME}, else the working directory or the first parent
   * with {@code bin/spamtraffic} (a kernel starts in the notebook's folder, {@code notebooks/}).
   */
  static Path projectHome() {
    String home = System.getenv("SPAMTRAFFIC_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("bin/spamtraffic"))) {
        return d;
      }
    }
    return dir;
  }
}
