package org.spamtraffic.intake;

import org.spamtraffic.stage.Stage;
import org.spamtraffic.stage.StageResult;
import org.spamtraffic.stage.StudyContext;

/** The ingest-returns step of the study. */
public final class IngestReturnsStage implements Stage {
  @Override
  public String name() {
    return "ingest-returns";
  }

  @Override
  public StageResult run(StudyContext context) {
    throw new UnsupportedOperationException("ingest-returns is being built");
  }
}
