package org.spamtraffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code --version} and the completion script, from the command model. */
class VersionTest {
  @Test
  void versionNamesTheCommitAndTheLibraries() {
    CommandRun run = CommandRun.of("--version");
    assertThat(run.exit()).isZero();
    // The commit comes from build.properties, filtered by Maven with git-commit-id-maven-plugin.
    assertThat(run.out())
        .matches(
            "(?s)spamtraffic 0\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{7,}(-dirty)?\\)\\R"
                + "Spark 4\\.\\d+\\.\\d+, Iceberg 1\\.\\d+\\.\\d+, Java 17.*\\R");
    assertThat(Version.commit()).doesNotContain("${");
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
