package org.spamtraffic.cli;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.language.Language;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.FormReader;
import org.spamtraffic.survey.scoring.ScoringRules;
import org.spamtraffic.surveyingest.IngestSurvey;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/spamtraffic ingest-survey",
      "  bin/spamtraffic ingest-survey --survey-landing exports/ --out out/",
      "  bin/spamtraffic ingest-survey --lang fr"
    })
final class IngestSurveyCommand extends SparkCommand {
  @Mixin SurveyLandingOption landing;

  /** The old spelling, kept hidden for one release: --landing is the returns' landing folder. */
  @Option(
      names = "--landing",
      hidden = true,
      paramLabel = "DIR",
      description = "Old spelling of --survey-landing, kept for one release.")
  void oldLanding(String folder) {
    landing.landing = folder;
  }

  private String location;

  @Option(
      names = "--form",
      paramLabel = "FORM",
      description =
          "An XLSForm (.xlsx, or a folder with survey.csv, choices.csv, settings.csv) to check"
              + " against instead of the study's questionnaire; it must have the questions the"
              + " scoring rules read.")
  Path form;

  @Option(
      names = "--lang",
      paramLabel = "LANG",
      defaultValue = "en",
      converter = LanguageOption.class,
      description =
          "The language of survey_rejects' messages: en, fr, es, ar, zh or ru (default:"
              + " ${DEFAULT-VALUE}). Each row also keeps the message's key and arguments, and its"
              + " rule, value and question stay as they are.")
  Language lang = Language.ENGLISH;

  @Override
  protected void checkOptions() {
    location = inputs().locations(sparkOptions.warehouseUri()).get(SurveyLandingOption.OPTION);
  }

  @Override
  protected void checkInputs(SparkSession spark) {
    inputs().checkExist(spark, java.util.Map.of(SurveyLandingOption.OPTION, location));
  }

  private Inputs inputs() {
    return Inputs.of(spec.commandLine(), landing.input());
  }

  @Override
  protected int run(SparkSession spark, Warehouse warehouse) {
    IngestSurvey.Options options = IngestSurvey.Options.of(location);
    if (form != null) {
      Form f = FormReader.read(form).orThrow();
      options =
          new IngestSurvey.Options(
              location,
              f,
              options.countryQuestion(),
              ScoringRules.reference(f),
              options.regions(),
              options.rates(),
              options.language());
    }
    IngestSurvey.Options chosen = options.in(lang);
    stageRunner().run("ingest-survey", () -> IngestSurvey.run(spark, warehouse, chosen));
    return 0;
  }
}
