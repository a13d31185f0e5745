package org.spamtraffic.stage;

/**
 * What a stage (job) reports when it ends. Every job's {@code Result} implements it, so that the
 * command line can end every stage with one line saying what it read and wrote.
 */
public interface StageResult {
  /**
   * What the stage read and wrote, for example {@code read 14 files, 3,210 rows → returns 3,120}.
   */
  String summary();
}
