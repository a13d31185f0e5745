package org.spamtraffic.intake;

import org.spamtraffic.stage.Stage;
import org.spamtraffic.stage.StudyContext;

/** The {@code ingest-returns} step of the study: the study's returns landing folder. */
public final class IngestReturnsStage implements Stage {
  @Override
  public String name() {
    return "ingest-returns";
  }

  @Override
  public IngestReturns.Result run(StudyContext context) {
    return new IngestReturns(context.spark(), context.warehouse())
        .run(IngestReturns.Options.of(context.returnsLanding()));
  }
}
