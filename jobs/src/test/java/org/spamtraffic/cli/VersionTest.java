package org.spamtraffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code --version} and the completion script, from the command model. */
class VersionTest {
  @Test
  void versionNamesTheCommitAndTheLibraries() {
    CommandRun run = CommandRun.of("--version");
    assertThat(run.exit()).isZero();
    // The commit comes from build.properties, filled in by Maven from `git rev-parse`.
    assertThat(run.out())
        .matches(
            "(?s)spamtraffic 0\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{7,}(-dirty)?\\)\\R"
                + "Spark 4\\.\\d+\\.\\d+, Iceberg 1\\.\\d+\\.\\d+, Java 17.*\\R");
    assertThat(Version.commit()).doesNotContain("${");
  }

  /**
   * The commit is this checkout's HEAD, also in a linked {@code git worktree} (where the plugin
   * used before named the main worktree's HEAD). Tests run from the module folder of the build that
   * filled build.properties in, so HEAD is the same one.
   */
  @Test
  void theCommitIsThisCheckoutsHead() throws Exception {
    Process git =
        new ProcessBuilder("git", "rev-parse", "--short=7", "HEAD")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String head =
        new String(git.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    assertThat(git.waitFor()).as("git rev-parse HEAD (CI builds from a git clone)").isZero();
    assertThat(Version.commit()).matches(head + "(-dirty)?");
  }

  @Test
  void theCompletionScriptKnowsEveryCommandAndOption() {
    CommandRun run = CommandRun.of("generate-completion");
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("complete -F _complete_spamtraffic")
        .contains("ingest-returns")
        .contains("--survey-landing")
        .contains("--as-of")
        .doesNotContain("return-template");
  }
}
