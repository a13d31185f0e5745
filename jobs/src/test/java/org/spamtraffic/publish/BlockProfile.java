package org.spamtraffic.publish;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * Not a test: times one block of a warehouse's publish problem (args: warehouse, quarter, type).
 */
public final class BlockProfile {
  private BlockProfile() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSessions.forTests("BlockProfile");
    Warehouse w = Warehouse.at(spark, args[0]);
    Hierarchy h = Hierarchy.of(w.read("countries").collectAsList());
    List<Row> rows =
        PublishJob.blockInput(w.read("volumes"), w.read("sources"), w.read("routes"))
            .filter(col("quarter").equalTo(args[1]).and(col("spam_type").equalTo(args[2])))
            .collectAsList();
    long t0 = System.nanoTime();
    PublishBlock.Built b = new PublishBlock(h, DisclosurePolicy.standard()).build(rows);
    long t1 = System.nanoTime();
    Suppression.Reason[] r = b.suppression().solve(DisclosurePolicy.standard());
    long t2 = System.nanoTime();
    long withheld = java.util.Arrays.stream(r).filter(x -> x != null).count();
    System.out.printf(
        "rows %d, build %.2f s, solve %.2f s, withheld %d, %s, dropped relations %d%n",
        rows.size(),
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9,
        withheld,
        b.suppression().stats(),
        b.suppression().droppedRelations());
    spark.stop();
  }
}
