package org.spamtraffic.stage;

/**
 * One step of the study, as {@code bin/spamtraffic study} runs it: a name and a run on a shared
 * {@link StudyContext}. Jobs stay small classes with their own {@code Options} and {@code Result};
 * a {@code Stage} only adapts one to the study.
 */
public interface Stage {
  /** The stage's command name, for example {@code ingest-returns}. */
  String name();

  /** Runs the stage. */
  StageResult run(StudyContext context);
}
