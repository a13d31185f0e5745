package org.spamtraffic.surveyingest;

import org.spamtraffic.stage.Stage;
import org.spamtraffic.stage.StageResult;
import org.spamtraffic.stage.StudyContext;

/**
 * The ingest-survey step of the study: the questionnaire responses of the survey landing folder.
 */
public final class IngestSurveyStage implements Stage {
  @Override
  public String name() {
    return "ingest-survey";
  }

  @Override
  public StageResult run(StudyContext context) {
    return IngestSurvey.run(
        context.spark(), context.warehouse(), IngestSurvey.Options.of(context.surveyLanding()));
  }
}
