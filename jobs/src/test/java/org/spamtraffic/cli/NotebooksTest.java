package org.spamtraffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.notebook.NotebookRunner;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.stage.Stage;
import org.spamtraffic.stage.StudyContext;
import org.spamtraffic.warehouse.Warehouse;

/**
 * CI for the analyst notebooks: runs the study's stages ({@link Study#stages()}, as {@code
 * bin/spamtraffic study} does) on the bundled samples, then executes every notebook listed in
 * {@code notebooks/ci.txt} with {@link NotebookRunner} on the same Spark session, and writes the
 * executed copies to {@code jobs/target/notebooks/}. Lives in the CLI's package because the study's
 * stage list is the CLI's.
 */
class NotebooksTest {
  static final Path PROJECT = Paths.get("..").toAbsolutePath().normalize();
  static final Path NOTEBOOKS = PROJECT.resolve("notebooks");
  static final Path EXECUTED = Paths.get("target", "notebooks").toAbsolutePath();
  private static final Pattern PENDING = Pattern.compile("^#\\s*pending:\\s*(\\S+\\.ipynb)\\b.*$");

  @TempDir static Path temp;
  private static SparkSession spark;
  private static NotebookRunner runner;

  @BeforeAll
  static void buildTheSampleWarehouse() {
    spark = SparkSessions.forTests("notebooks");
    Warehouse warehouse = Warehouse.at(spark, temp.resolve("warehouse").toString());
    StudyContext context =
        new StudyContext(
            spark,
            warehouse,
            temp.toString(),
            PROJECT.resolve("data-samples/returns").toString(),
            PROJECT.resolve("data-samples/survey").toString(),
            "notebooks-ci");
    for (Stage stage : Study.stages()) {
      stage.run(context);
    }
    runner = new NotebookRunner(spark, warehouse);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @TestFactory
  Stream<DynamicTest> everyListedNotebookRunsAndShowsTablesAndCharts() throws IOException {
    return running().stream()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      NotebookRunner.Result result = runner.run(NOTEBOOKS.resolve(name));
                      result.writeTo(EXECUTED);
                      assertThat(result.succeeded()).as(result.describe()).isTrue();
                      assertThat(result.cellsRun()).isEqualTo(result.codeCells());
                      assertThat(count(result, "text/html"))
                          .as("%s shows at least one table", name)
                          .isPositive();
                      assertThat(result.images()).as("%s draws a chart", name).isPositive();
                    }));
  }

  @Test
  void everyNotebookIsListedForCiAsRunningOrPending() throws IOException {
    List<String> listed = new ArrayList<>(running());
    listed.addAll(pending());
    List<String> present;
    try (Stream<Path> files = Files.list(NOTEBOOKS)) {
      present =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".ipynb"))
              .sorted()
              .toList();
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
  }

  @Test
  void theNotebooksAreForAJavaKernelAndCommittedWithoutOutputs() throws IOException {
    List<Path> notebooks;
    try (Stream<Path> files = Files.list(NOTEBOOKS)) {
      notebooks = files.filter(f -> f.toString().endsWith(".ipynb")).toList();
    }
    assertThat(notebooks).isNotEmpty();
    for (Path p : notebooks) {
      JsonNode nb = new ObjectMapper().readTree(p.toFile());
      assertThat(nb.at("/metadata/kernelspec/language").asText()).as("%s", p).isEqualTo("java");
      assertThat(nb.at("/metadata/language_info/name").asText()).as("%s", p).isEqualTo("java");
      assertThat(nb.path("nbformat").asInt()).as("%s", p).isEqualTo(4);
      // The executed copies are CI's artefacts; the committed notebooks stay clean for review.
      for (JsonNode cell : nb.path("cells")) {
        assertThat(cell.path("outputs")).as("%s has no outputs", p).isEmpty();
      }
    }
  }

  private static long count(NotebookRunner.Result result, String mime) {
    long n = 0;
    for (JsonNode cell : result.executed().path("cells")) {
      for (JsonNode out : cell.path("outputs")) {
        if (out.path("data").has(mime)) {
          n++;
        }
      }
    }
    return n;
  }

  private static List<String> running() throws IOException {
    return ciLines().stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }

  private static List<String> pending() throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : ciLines()) {
      Matcher m = PENDING.matcher(line);
      if (m.matches()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  private static List<String> ciLines() throws IOException {
    return Files.readAllLines(NOTEBOOKS.resolve("ci.txt"), StandardCharsets.UTF_8).stream()
        .map(String::strip)
        .toList();
  }
}
