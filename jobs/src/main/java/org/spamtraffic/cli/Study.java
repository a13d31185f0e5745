package org.spamtraffic.cli;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.aggregate.AggregateStage;
import org.spamtraffic.estimate.EstimateStage;
import org.spamtraffic.intake.IngestReturnsStage;
import org.spamtraffic.publish.PublishStage;
import org.spamtraffic.report.ReportStage;
import org.spamtraffic.stage.Stage;
import org.spamtraffic.stage.StudyContext;
import org.spamtraffic.surveyingest.IngestSurveyStage;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the whole study, stage after stage, in one Spark application. */
@Command(
    name = "study",
    mixinStandardHelpOptions = true,
    description = {
      "Runs every stage of the study in order on one Spark session:",
      "ingest-returns, then the later stages as they exist.",
      "Defaults read the bundled data-samples/ and write under ./out/."
    })
final class Study extends SparkCommand {
  @Option(
      names = "--returns",
      defaultValue = "${env:SPAMTRAFFIC_HOME:-.}/data-samples/returns",
      description = "Landing folder of operator returns (default: ${DEFAULT-VALUE})")
  String returns;

  @Option(
      names = "--survey",
      defaultValue = "${env:SPAMTRAFFIC_HOME:-.}/data-samples/survey",
      description = "Landing folder of questionnaire responses (default: ${DEFAULT-VALUE})")
  String survey;

  @Option(
      names = "--study-id",
      defaultValue = "sample",
      description = "Name of this study run; the report goes to <out>/reports/<study-id>")
  String studyId;

  /** The study's stages, in the order data flows. */
  static List<Stage> stages() {
    return List.of(
        new IngestReturnsStage(),
        new IngestSurveyStage(),
        new AggregateStage(),
        new PublishStage(),
        new EstimateStage(),
        new ReportStage());
  }

  @Override
  protected int run(SparkSession spark, Warehouse warehouse) {
    StudyContext context =
        new StudyContext(spark, warehouse, sparkOptions.outUri(), returns, survey, studyId);
    StageRunner runner = stageRunner();
    for (Stage stage : stages()) {
      runner.run(stage.name(), () -> stage.run(context));
    }
    return 0;
  }
}
