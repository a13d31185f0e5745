package org.spamtraffic.publish;

import org.spamtraffic.stage.Stage;
import org.spamtraffic.stage.StageResult;
import org.spamtraffic.stage.StudyContext;

/** The publish (disclosure control) step of the study: {@link PublishJob} with default rules. */
public final class PublishStage implements Stage {
  @Override
  public String name() {
    return "publish";
  }

  @Override
  public StageResult run(StudyContext context) {
    return new PublishJob(context.spark()).run(PublishJob.Options.defaults(context.warehouse()));
  }
}
