package org.spamtraffic.report;

import java.util.List;
import org.spamtraffic.stage.Stage;
import org.spamtraffic.stage.StageResult;
import org.spamtraffic.stage.StudyContext;

/** The report step of the study: the bundle in English, without country profiles. */
public final class ReportStage implements Stage {
  @Override
  public String name() {
    return "report";
  }

  @Override
  public StageResult run(StudyContext context) {
    return new ReportJob(context.warehouse())
        .run(new ReportJob.Options(context.outUri(), context.studyId(), "en", List.of()));
  }
}
