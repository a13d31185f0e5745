package org.spamtraffic.estimate;

import org.spamtraffic.stage.Stage;
import org.spamtraffic.stage.StageResult;
import org.spamtraffic.stage.StudyContext;

/** The estimate step of the study, with the default parameters and Monte Carlo settings. */
public final class EstimateStage implements Stage {
  @Override
  public String name() {
    return EstimateJob.NAME;
  }

  @Override
  public StageResult run(StudyContext context) {
    return EstimateJob.run(context.warehouse(), EstimateJob.Options.defaults());
  }
}
