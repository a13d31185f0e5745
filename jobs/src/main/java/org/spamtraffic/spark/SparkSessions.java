package org.spamtraffic.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one Spark session of a command. Only entry points (the CLI's {@code main}, tests,
 * notebooks) call this; jobs receive the session.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * A session on {@code master} ({@code local[*]} by default), with the settings this project
   * relies on, then the caller's {@code --conf} settings on top.
   *
   * @param appName shown in the Spark UI and cluster logs
   * @param master a Spark master URL; null or blank means {@code local[*]} unless spark-submit set
   *     one
   * @param conf extra Spark settings, applied last
   * @param progressBar show Spark's console progress bar (on a terminal)
   */
  public static SparkSession create(
      String appName, String master, Map<String, String> conf, boolean progressBar) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    String submitted = System.getProperty("spark.master");
    boolean local;
    if (master != null && !master.isBlank()) {
      b.master(master);
      local = master.startsWith("local");
    } else if (submitted != null) {
      local = submitted.startsWith("local");
    } else {
      b.master("local[*]");
      local = true;
    }
    b.config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.ui.showConsoleProgress", Boolean.toString(progressBar))
        // Parquet dates and timestamps written in the proleptic calendar, readable by DuckDB as is.
        .config("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED")
        .config("spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED")
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .config("spark.sql.debug.maxToStringFields", "500")
        // The return checks compile to one large method per stage; HotSpot never JIT-compiles a
        // method over 8,000 bytes of bytecode, so such a stage would run interpreted (3x slower,
        // measured). Above that size Spark falls back to its smaller per-expression code instead.
        .config("spark.sql.codegen.hugeMethodLimit", "8000")
        // upper()/lower() through the JVM, like the plain-Java checks, not ICU (20% of the check
        // time went to ICU's case mapping).
        .config("spark.sql.icu.caseMappings.enabled", "false");
    if (local) {
      int cores = Runtime.getRuntime().availableProcessors();
      // 200 shuffle partitions for a few cores only adds scheduling; AQE still coalesces.
      b.config("spark.sql.shuffle.partitions", Integer.toString(Math.max(4, cores * 4)))
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
    }
    conf.forEach(b::config);
    return b.getOrCreate();
  }

  /** A small session for tests: {@code local[2]}, UI off, few shuffle partitions. */
  public static SparkSession forTests(String appName) {
    return create(
        appName,
        "local[2]",
        Map.of("spark.sql.shuffle.partitions", "4", "spark.ui.enabled", "false"),
        false);
  }
}
