package org.spamtraffic.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.aggregate.AggregateJob;
import org.spamtraffic.publish.PublishJob;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * Publish benchmark (a main class, not a test): aggregates N synthetic return rows ({@link
 * AggregateBenchmark#synthetic}: 500 operators in 60 countries, 8 quarters, 5 types), then times
 * {@code publish} against a baseline measured in the same run: a Spark pass that reads the same
 * three tables, shuffles them into the same quarter x type blocks and counts each block (the I/O
 * and shuffle publish cannot avoid, without the suppression and its audit).
 *
 * <p>Run: {@code bin/benchmark publish [ROWS]}. Prints one Markdown table row.
 */
public final class PublishBenchmark {
  private PublishBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 200_000L;
    Path dir = Path.of(args.length > 1 ? args[1] : "target/bench-publish");
    Files.createDirectories(dir);
    SparkSession spark = SparkSessions.create("publish benchmark", "local[*]", Map.of(), false);
    try {
      Warehouse warehouse =
          Warehouse.at(
              spark, dir.resolve("warehouse-" + System.currentTimeMillis()).toUri().toString());
      warehouse.begin("bench").write("returns", AggregateBenchmark.synthetic(spark, rows)).commit();
      new AggregateJob(spark).run(AggregateJob.Options.defaults(warehouse));
      long sources = warehouse.read("sources").count();
      long volumes = warehouse.read("volumes").count();
      long routes = warehouse.read("routes").count();

      double baseline =
          Timer.time(
              "baseline: read and shuffle the blocks",
              () -> {
                long blocks = 0;
                for (String t : new String[] {"volumes", "sources", "routes"}) {
                  blocks +=
                      warehouse
                          .read(t)
                          .groupBy(concat_ws("|", col("quarter"), col("spam_type")))
                          .count()
                          .count();
                }
                return blocks;
              });
      PublishJob.Result[] result = new PublishJob.Result[1];
      double publish =
          Timer.time(
              "publish",
              () -> {
                result[0] = new PublishJob(spark).run(PublishJob.Options.defaults(warehouse));
                return null;
              });
      System.out.println(result[0].summary());
      System.out.printf(
          Locale.ROOT,
          "| %,d | %,d | %,d | %,d | %d | %.1f | %.1f | %.1fx |%n",
          rows,
          volumes,
          sources,
          routes,
          Runtime.getRuntime().availableProcessors(),
          baseline,
          publish,
          publish / baseline);
    } finally {
      spark.stop();
    }
  }
}
