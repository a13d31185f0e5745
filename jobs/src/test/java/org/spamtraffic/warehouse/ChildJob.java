package org.spamtraffic.warehouse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.intake.IngestReturns;
import org.spamtraffic.spark.SparkSessions;

/**
 * What {@link ChildJvm} runs: {@code write WAREHOUSE JOB TABLE LABEL ROWS GO_FILE} writes a table
 * on its branch, prints {@code ready}, waits for GO_FILE and commits; {@code ingest WAREHOUSE
 * LANDING} runs {@code ingest-returns}. Either prints {@code committed N}, or {@code conflict ...}
 * when another job won.
 */
public final class ChildJob {
  private ChildJob() {}

  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSessions.forTests("child " + args[0]);
    int code = 0;
    try {
      Warehouse w = Warehouse.at(spark, args[1]);
      if (args[0].equals("write")) {
        Warehouse.Transaction tx = w.begin(args[2]);
        tx.write(args[3], ContractRows.of(spark, args[3], args[4], Integer.parseInt(args[5])));
        System.out.println("ready");
        System.out.flush();
        Path go = Path.of(args[6]);
        while (!Files.exists(go)) {
          Thread.sleep(20);
        }
        try {
          System.out.println("committed " + tx.commit().number());
        } catch (Warehouse.CommitConflict e) {
          System.out.println("conflict " + e.getMessage());
          code = 3;
        }
      } else {
        IngestReturns.Result r = new IngestReturns(spark, w).run(IngestReturns.Options.of(args[2]));
        System.out.println("committed " + r.commit());
      }
      System.out.flush();
    } finally {
      spark.stop();
    }
    System.exit(code);
  }
}
