package org.spamtraffic.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.intake.HostileFiles;
import org.spamtraffic.intake.IngestReturns;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine;

/**
 * The hostile-file corpus ({@link HostileFiles}, well over 100 files) through {@code validate
 * --json} and one {@code ingest-returns} together with the bundled samples: every file gets a clear
 * finding with a machine code and no stack trace, validate and ingest give it the same status,
 * counts add up for every file, nothing outside the landing folder is read, the batch commits, and
 * the samples' tables are exactly those of a run on the samples alone.
 */
class HostileCorpusTest {
  private static final Path SAMPLES =
      Paths.get("..", "data-samples", "returns").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Words of programmers, not operators: no message may contain them. */
  private static final List<String> TECHNICAL =
      List.of(
          "Exception",
          "exception",
          "java.",
          "org.apache",
          "org.dhatim",
          "\tat ",
          "Block ",
          "Index -1",
          "out of bounds",
          "Unknown cell type",
          "not (yet) implemented",
          "Insufficient header bytes",
          "null not found",
          "URISyntax",
          "Illegal character");

  @TempDir static Path temp;
  private static Path landing;
  private static Path corpus;
  private static List<HostileFiles.Case> cases;
  private static SparkSession spark;
  private static Warehouse baseline;
  private static Warehouse combined;
  private static IngestReturns.Result combinedResult;
  private static final Map<String, JsonNode> validated = new HashMap<>();
  private static final Map<String, Integer> exits = new HashMap<>();
  private static final Map<String, String> errors = new HashMap<>();
  private static final Map<String, org.apache.spark.sql.Row> submissions = new HashMap<>();

  @BeforeAll
  static void run() throws Exception {
    landing = Files.createDirectories(temp.resolve("landing"));
    // The samples as the portal lays them out: one folder per operator, right below the landing.
    copySamples(landing);
    spark = SparkSessions.forTests("hostile-corpus");
    baseline = Warehouse.at(spark, temp.resolve("warehouse-samples").toString());
    new IngestReturns(spark, baseline).run(IngestReturns.Options.of(landing.toString()));

    // Not an operator id ('+'), so no sender is known for the corpus files: each names its own
    // operator, and the samples' folders stay theirs.
    corpus = landing.resolve("hostile+corpus");
    cases = HostileFiles.write(corpus, temp.resolve("outside-landing"));
    combined = Warehouse.at(spark, temp.resolve("warehouse-all").toString());
    combinedResult =
        new IngestReturns(spark, combined).run(IngestReturns.Options.of(landing.toString()));
    for (org.apache.spark.sql.Row s : combined.read("submissions").collectAsList()) {
      String file = s.getAs("file");
      String prefix = corpus.toUri().toString().replace("file:///", "file:/");
      if (file.startsWith(prefix)) {
        submissions.put(file.substring(prefix.length()), s);
      }
    }
    for (HostileFiles.Case c : cases) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = new CommandLine(new SpamTraffic());
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(err));
      int exit = cli.execute("validate", "--json", "--", corpus.resolve(c.name()).toString());
      exits.put(c.name(), exit);
      errors.put(c.name(), err.toString());
      validated.put(c.name(), JSON.readTree(out.toString()));
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static void copySamples(Path to) throws Exception {
    try (Stream<Path> files = Files.walk(SAMPLES)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(SAMPLES.relativize(p).toString());
        Files.createDirectories(target.getParent());
        Files.copy(p, target);
      }
    }
  }

  @Test
  void theCorpusHasEveryKindAndMoreThanAHundredFiles() {
    assertThat(cases).hasSizeGreaterThanOrEqualTo(100);
    assertThat(cases)
        .extracting(HostileFiles.Case::name)
        .contains(
            "bom-only.csv",
            "header-over-16384-columns.csv",
            "zip-lies-shared-strings.xlsx",
            "zip-lies-cell-text.xlsx",
            "cell-reference-FXSHRXV2.xlsx",
            "iso-date-cell.xlsx",
            "encoding-changes-after-1mib.csv",
            "headers-in-nbsp.csv",
            "second-visible-sheet.xlsx",
            "second-visible-sheet.xls",
            "link-to-outside.csv",
            "macros.xlsm",
            "billion-laughs-sheet.xlsx",
            "xxe-sheet.xlsx",
            "my return (v2).csv");
  }

  @Test
  void validateGivesEveryFileJsonWithAMachineCodeAndWords() {
    SoftAssertions soft = new SoftAssertions();
    for (HostileFiles.Case c : cases) {
      JsonNode r = validated.get(c.name());
      soft.assertThat(exits.get(c.name())).as("exit of %s", c.name()).isIn(0, 1);
      soft.assertThat(errors.get(c.name())).as("stderr of %s", c.name()).isEmpty();
      soft.assertThat(r.path("status").asText()).as("status of %s", c.name()).isIn(c.statuses());
      soft.assertThat(r.path("rows_read").asLong())
          .as("%s: rows read = accepted + rejected", c.name())
          .isEqualTo(r.path("rows_accepted").asLong() + r.path("rows_rejected").asLong());
      List<String> rules = new ArrayList<>();
      for (JsonNode f : r.path("findings")) {
        rules.add(f.path("rule").asText());
        soft.assertThat(f.path("rule").asText()).as("%s: a machine code", c.name()).isNotBlank();
        soft.assertThat(f.path("level").asText()).isIn("error", "warning", "info");
        String message = f.path("message").asText();
        soft.assertThat(message).as("%s: a message", c.name()).isNotBlank();
        for (String word : TECHNICAL) {
          soft.assertThat(message).as("%s: %s", c.name(), message).doesNotContain(word);
        }
        soft.assertThat(message).doesNotContain("TOP-SECRET-CONTENT");
      }
      if (c.rule() != null) {
        soft.assertThat(rules).as("rules of %s", c.name()).contains(c.rule());
      }
      if ("failed".equals(r.path("status").asText())) {
        soft.assertThat(rules).as("%s failed: it says why", c.name()).isNotEmpty();
      }
    }
    soft.assertAll();
  }

  @Test
  void ingestCommitsTheBatchAndGivesEveryFileTheStatusValidateGives() {
    assertThat(combinedResult.commit()).isPositive();
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(submissions.keySet())
        .containsExactlyInAnyOrderElementsOf(cases.stream().map(HostileFiles.Case::name).toList());
    for (HostileFiles.Case c : cases) {
      org.apache.spark.sql.Row s = submissions.get(c.name());
      soft.assertThat(s).as("submission of %s", c.name()).isNotNull();
      if (s == null) {
        continue;
      }
      soft.assertThat(s.<String>getAs("status"))
          .as("status of %s", c.name())
          .isEqualTo(validated.get(c.name()).path("status").asText());
      soft.assertThat(s.<Long>getAs("rows_read"))
          .as("%s: rows read = accepted + rejected", c.name())
          .isEqualTo(s.<Long>getAs("rows_accepted") + s.<Long>getAs("rows_rejected"));
      if ("failed".equals(s.getAs("status"))) {
        String message = s.getAs("message");
        soft.assertThat(message).as("message of %s", c.name()).isNotBlank();
        for (String word : TECHNICAL) {
          soft.assertThat(message).as("%s: %s", c.name(), message).doesNotContain(word);
        }
      }
    }
    soft.assertAll();
  }

  @Test
  void theSamplesTablesAreThoseOfARunOnTheSamplesAlone() {
    Dataset<org.apache.spark.sql.Row> sampleSubmissions =
        combined.read("submissions").filter(not(col("file").contains("corpus")));
    assertThat(sorted(sampleSubmissions)).isEqualTo(sorted(baseline.read("submissions")));
    List<String> ids =
        sampleSubmissions
            .select("submission_id")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertThat(sorted(combined.read("returns").filter(col("submission_id").isin(ids.toArray()))))
        .isEqualTo(sorted(baseline.read("returns")))
        .isNotEmpty();
    assertThat(sorted(combined.read("rejects").filter(col("submission_id").isin(ids.toArray()))))
        .isEqualTo(sorted(baseline.read("rejects")));
    assertThat(combined.read("returns").filter(col("operator_id").startsWith("HX-")).count())
        .isEqualTo(
            cases.stream()
                .mapToLong(c -> validated.get(c.name()).path("rows_accepted").asLong())
                .sum());
  }

  private static List<String> sorted(Dataset<org.apache.spark.sql.Row> rows) {
    return rows.toJSON().collectAsList().stream().sorted().toList();
  }

  @Test
  void nothingOutsideTheLandingFolderIsEverRead() {
    for (String table : List.of("returns", "rejects", "submissions")) {
      boolean leaked =
          combined.read(table).toJSON().collectAsList().stream()
              .anyMatch(j -> j.contains("TOP-SECRET-CONTENT"));
      assertThat(leaked).as("the secret in %s", table).isFalse();
    }
    validated.forEach(
        (name, json) ->
            assertThat(json.toString().contains("TOP-SECRET-CONTENT"))
                .as("the secret in validate's answer on %s", name)
                .isFalse());
  }

  /**
   * Run as operators run it, in a JVM of its own: stdout is one JSON document and nothing else,
   * even for files that make POI log errors.
   */
  @Test
  void validateStdoutIsTheJsonAloneInItsOwnProcess() throws Exception {
    for (String name :
        List.of("scrambled-records.xls", "broken-fat.xls", "zip-lies-shared-strings.xlsx")) {
      Process p =
          new ProcessBuilder(
                  Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  SpamTraffic.class.getName(),
                  "validate",
                  "--json",
                  corpus.resolve(name).toString())
              .redirectError(ProcessBuilder.Redirect.PIPE)
              .start();
      byte[] out;
      byte[] err;
      try (InputStream o = p.getInputStream();
          InputStream e = p.getErrorStream()) {
        out = o.readAllBytes();
        err = e.readAllBytes();
      }
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String stdout = new String(out, StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(name + ": " + stdout).isEqualTo(1);
      JsonNode doc = JSON.readTree(stdout);
      assertThat(doc.path("status").asText()).isEqualTo("failed");
      assertThat(stdout.strip()).startsWith("{").endsWith("}");
      assertThat(new String(err, StandardCharsets.UTF_8)).doesNotContain("\tat ");
    }
  }

  @Test
  void annotatedCopiesShowFormulaTextWithoutRunningIt() throws Exception {
    for (String name : List.of("formula-text.csv", "formula-text.xlsx")) {
      Path out = temp.resolve("annotated-" + name + ".xlsx");
      int exit =
          SpamTraffic.execute(
              "validate", corpus.resolve(name).toString(), "--annotate", out.toString());
      assertThat(exit).isIn(0, 1);
      List<String> texts = new ArrayList<>();
      try (InputStream in = Files.newInputStream(out);
          XSSFWorkbook wb = new XSSFWorkbook(in)) {
        for (Sheet sheet : wb) {
          for (Row row : sheet) {
            for (Cell cell : row) {
              assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
              if (cell.getCellType() == CellType.STRING) {
                texts.add(cell.getStringCellValue());
              }
            }
          }
        }
      }
      assertThat(texts).as(name).anyMatch(t -> t.startsWith("'=HYPERLINK"));
      assertThat(texts)
          .as(name)
          .noneMatch(t -> org.spamtraffic.output.SpreadsheetText.isFormulaLike(t));
    }
  }

  @Test
  void aPathWithSpacesAndParenthesesIsAnnotated() throws Exception {
    Path out = temp.resolve("checked (v2).xlsx");
    assertThat(
            SpamTraffic.execute(
                "validate",
                corpus.resolve("my return (v2).csv").toString(),
                "--annotate",
                out.toString()))
        .isZero();
    assertThat(out).exists();
  }
}
