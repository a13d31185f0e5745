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

  /**
   * Lines a person must read after the summary (what was left out and why), one finding each; empty
   * by default. The command line prints them indented under the stage's line.
   */
  default java.util.List<String> details() {
    return java.util.List.of();
  }
}
