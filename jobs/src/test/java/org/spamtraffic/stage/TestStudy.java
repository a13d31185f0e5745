package org.spamtraffic.stage;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.warehouse.Warehouse;

/**
 * A study run by a test: {@code stages} in order on one context whose output goes under {@code
 * dir/out}, each stage's time printed (the slow test classes' logs say where the time went).
 */
public final class TestStudy {
  private TestStudy() {}

  /** Runs {@code stages} and gives the context they ran on. */
  public static StudyContext run(
      SparkSession spark,
      Warehouse warehouse,
      Path dir,
      String returnsLanding,
      String surveyLanding,
      String studyId,
      List<Stage> stages) {
    StudyContext context =
        new StudyContext(
            spark,
            warehouse,
            dir.resolve("out").toUri().toString(),
            returnsLanding,
            surveyLanding,
            studyId);
    for (Stage s : stages) {
      long start = System.nanoTime();
      s.run(context);
      System.out.printf(
          Locale.ROOT,
          "%s: %s in %.0f s%n",
          studyId,
          s.getClass().getSimpleName(),
          (System.nanoTime() - start) / 1e9);
    }
    return context;
  }
}
