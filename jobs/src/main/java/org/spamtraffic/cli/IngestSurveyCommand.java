package org.spamtraffic.cli;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.FormReader;
import org.spamtraffic.survey.scoring.ScoringRules;
import org.spamtraffic.surveyingest.IngestSurvey;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Ingests questionnaire responses into the warehouse. */
@Command(
    name = "ingest-survey",
    mixinStandardHelpOptions = true,
    description = {
      "Reads questionnaire responses (KoboToolbox, ODK, SurveyCTO exports as CSV or XLSX, and"
          + " filled-in offline forms), checks every answer against the questionnaire, and writes"
          + " survey_responses, survey_answers, survey_rejects, survey_indicators,"
          + " survey_distributions and survey_country_facts."
    })
final class IngestSurveyCommand extends SparkCommand {
  @Option(
      names = "--landing",
      defaultValue = "${env:SPAMTRAFFIC_HOME:-.}/data-samples/survey",
      description = "Folder of response files, read recursively (default: ${DEFAULT-VALUE})")
  String landing;

  @Option(
      names = "--form",
      description =
          "An XLSForm (.xlsx, or a folder with survey.csv, choices.csv, settings.csv) to check"
              + " against instead of the study's questionnaire; it must have the questions the"
              + " scoring rules read")
  Path form;

  @Override
  protected int run(SparkSession spark, Warehouse warehouse) {
    IngestSurvey.Options options = IngestSurvey.Options.of(landing);
    if (form != null) {
      Form f = FormReader.read(form).orThrow();
      options =
          new IngestSurvey.Options(
              landing,
              f,
              options.countryQuestion(),
              ScoringRules.reference(f),
              options.regions(),
              options.rates());
    }
    IngestSurvey.Options chosen = options;
    stageRunner().run("ingest-survey", () -> IngestSurvey.run(spark, warehouse, chosen));
    return 0;
  }
}
