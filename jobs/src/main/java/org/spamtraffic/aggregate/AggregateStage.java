package org.spamtraffic.aggregate;

import org.spamtraffic.stage.Stage;
import org.spamtraffic.stage.StageResult;
import org.spamtraffic.stage.StudyContext;

/** The aggregate step of the study: {@link AggregateJob} with default options. */
public final class AggregateStage implements Stage {
  @Override
  public String name() {
    return "aggregate";
  }

  @Override
  public StageResult run(StudyContext context) {
    return new AggregateJob(context.spark())
        .run(AggregateJob.Options.defaults(context.warehouse()));
  }
}
