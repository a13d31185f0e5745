package org.spamtraffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study (or a stage) reads the bundled samples only when no input is given: a partial set of
 * inputs, or an input that does not exist, stops the command before anything is committed.
 */
class StudyInputsTest {
  @TempDir Path temp;

  private static final Path SAMPLE_RETURN =
      Path.of(
              "..",
              "data-samples",
              "returns",
              "KE-KILIMA",
              "20250415T091500Z_KE-KILIMA_2025-Q1.csv")
          .toAbsolutePath()
          .normalize();

  private Path landing() throws IOException {
    Path operator = Files.createDirectories(temp.resolve("landing/KE-KILIMA"));
    Files.copy(
        SAMPLE_RETURN,
        operator.resolve(SAMPLE_RETURN.getFileName()),
        StandardCopyOption.REPLACE_EXISTING);
    return temp.resolve("landing");
  }

  @Test
  void oneInputGivenNeedsTheOthersBeforeSparkStarts() throws IOException {
    Path out = temp.resolve("out");
    CommandRun run =
        CommandRun.of("study", "--landing", landing().toString(), "--out", out.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("spamtraffic study: --landing " + landing() + " was given, so --survey-landing")
        .contains("the bundled samples are read only when no input is given")
        .contains("Try: bin/spamtraffic study --help")
        .doesNotContain("Usage:")
        .doesNotContain("Exception");
    assertThat(out).doesNotExist();
  }

  @Test
  void theOldSpellingsAreTheSameOptions() throws IOException {
    Path out = temp.resolve("out");
    CommandRun run =
        CommandRun.of("study", "--survey", landing().toString(), "--out", out.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--survey-landing " + landing() + " was given, so --landing");
    assertThat(out).doesNotExist();
  }

  @Test
  void noInputIntoAWarehouseElsewhereIsRefused() {
    CommandRun run = CommandRun.of("study", "--out", "hdfs://namenode:8020/spam");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "Give --landing and --survey-landing: the bundled samples are read only into a"
                + " warehouse on this machine, and hdfs://namenode:8020/spam/warehouse is not");
  }

  @Test
  void aStageWithItsOneInputNeedsNoOther() {
    CommandRun run = CommandRun.of("ingest-survey", "--out", "s3a://bucket/spam");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Give --survey-landing");
  }

  @Test
  void aMissingInputStopsTheStudyBeforeItsFirstCommit() throws IOException {
    Path out = temp.resolve("out");
    CommandRun first =
        CommandRun.of("ingest-returns", "--landing", landing().toString(), "--out", out.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    Map<String, String> before = files(out);
    assertThat(before).containsKey("warehouse/catalog.db");

    Path missing = temp.resolve("no-such-survey");
    CommandRun study =
        CommandRun.of(
            "study",
            "--landing",
            landing().toString(),
            "--survey-landing",
            missing.toString(),
            "--out",
            out.toString());
    assertThat(study.exit()).isEqualTo(2);
    assertThat(study.err())
        .contains("--survey-landing " + missing + " does not exist (nothing was read or written)");
    assertThat(study.out()).doesNotContain("ingest-returns");
    // Not a file of the warehouse was added, removed or rewritten.
    assertThat(files(out)).isEqualTo(before);
  }

  /** Every file under {@code root}: its size and modification time. */
  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
        files.put(
            root.relativize(p).toString(),
            Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return files;
  }
}
