package org.spamtraffic.cli;

import java.util.List;
import java.util.Map;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the whole study, stage after stage, in one Spark application. Its inputs follow {@link
 * Inputs}: the bundled samples when none is given, else every one given, each checked to exist
 * before the first stage starts.
 */
@Command(
    name = "study",
    mixinStandardHelpOptions = true,
    description = {
      "Runs every stage of the study in order on one Spark session: ingest-returns,"
          + " ingest-survey, aggregate, publish, estimate and report, each ending with one line"
          + " saying what it read and wrote.",
      "With no input given it reads the bundled samples (data-samples/) and writes under ./out/."
          + " Once one input is given, every input must be: the samples are never mixed into a"
          + " real study. Every input is checked to exist before the first stage starts."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/spamtraffic study",
      "  bin/spamtraffic study --landing landing/ --survey-landing survey/ --out out/",
      "  bin/spamtraffic study --landing hdfs:///spam/landing/returns \\",
      "      --survey-landing hdfs:///spam/landing/survey --out hdfs:///spam \\",
      "      --study-id 2026"
    })
final class Study extends SparkCommand {
  @Mixin LandingOption landing;

  @Mixin SurveyLandingOption survey;

  @Option(
      names = "--study-id",
      paramLabel = "ID",
      defaultValue = "sample",
      description =
          "Name of this study run; the report goes to <out>/reports/<study-id> (default:"
              + " ${DEFAULT-VALUE}).")
  String studyId;

  private Map<String, String> inputs;

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

  private Inputs declared() {
    return Inputs.of(spec.commandLine(), landing.input(), survey.input());
  }

  @Override
  protected void checkOptions() {
    inputs = declared().locations(sparkOptions.warehouseUri());
  }

  @Override
  protected void checkInputs(SparkSession spark) {
    declared().checkExist(spark, inputs);
  }

  @Override
  protected int run(SparkSession spark, Warehouse warehouse) {
    StudyContext context =
        new StudyContext(
            spark,
            warehouse,
            sparkOptions.outUri(),
            inputs.get(LandingOption.OPTION),
            inputs.get(SurveyLandingOption.OPTION),
            studyId);
    StageRunner runner = stageRunner();
    for (Stage stage : stages()) {
      runner.run(stage.name(), () -> stage.run(context));
    }
    return 0;
  }
}
