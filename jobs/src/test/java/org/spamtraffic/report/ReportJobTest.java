package org.spamtraffic.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.cli.Version;
import org.spamtraffic.report.data.ReportTable;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Contracts;
import org.spamtraffic.warehouse.Warehouse;

/** The report job on a real warehouse: the whole bundle, twice, and with tables missing. */
class ReportJobTest {
  private static SparkSession spark;
  @TempDir static Path dir;
  private static Warehouse full;
  private static ReportJob.Result first;
  private static ReportJob.Result second;

  @BeforeAll
  static void writeWarehouseAndRunTwice() {
    spark = SparkSessions.forTests("ReportJobTest");
    full = Warehouse.at(spark, dir.resolve("warehouse").toUri().toString());
    Warehouse.Transaction tx = full.begin("fixtures");
    for (ReportTable t :
        List.of(
            Fixtures.volumes(),
            Fixtures.sources(),
            Fixtures.routes(),
            Fixtures.coverage(),
            Fixtures.countries(),
            Fixtures.intervals(),
            Fixtures.sensitivity(),
            Fixtures.totals(),
            Fixtures.indicators())) {
      tx.write(t.name(), frame(t));
    }
    // An analyst table that must never reach a report.
    tx.write(
        "rejects",
        spark.createDataFrame(
            List.of(RowFactory.create("s1", "op1", "f.csv", null, 4L, "x", "v", "r", "error", "m")),
            Contracts.sparkSchema(org.spamtraffic.schema.TableContract.load("rejects"))));
    java.util.Map<String, Object> submission = new java.util.LinkedHashMap<>();
    submission.put("submission_id", "0123456789abcdef");
    submission.put("operator_id", "op1");
    submission.put("file", "landing/op1/2025-Q4.csv");
    submission.put("file_name", "2025-Q4.csv");
    submission.put("format", "csv");
    submission.put("sha256", "0123456789abcdef" + "0".repeat(48));
    submission.put("size_bytes", 1234L);
    submission.put("received_at", java.sql.Timestamp.valueOf("2026-01-10 09:00:00"));
    submission.put("rows_read", 10L);
    submission.put("rows_accepted", 10L);
    submission.put("rows_rejected", 0L);
    submission.put("warnings", 0L);
    submission.put("status", "accepted");
    submission.put("format_version", 1);
    org.spamtraffic.schema.TableContract submissions =
        org.spamtraffic.schema.TableContract.load("submissions");
    tx.write(
        "submissions",
        spark.createDataFrame(
            List.of(RowFactory.create(Fixtures.row(submissions, submission).toArray())),
            Contracts.sparkSchema(submissions)));
    tx.commit();
    first = new ReportJob(full).run(options("one"));
    second = new ReportJob(full).run(options("two"));
    keepForRenderCheck(bundle("one"));
  }

  /** A copy under target/ for docs/render-check.sh, which renders it with LibreOffice. */
  private static void keepForRenderCheck(Path bundle) {
    Path target = Path.of("target", "report-sample");
    try (Stream<Path> files = Files.walk(bundle)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path copy = target.resolve(bundle.relativize(f).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(f, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static ReportJob.Options options(String out) {
    return new ReportJob.Options(
        dir.resolve(out).toUri().toString(), "test-study", "en", List.of("KEN"));
  }

  private static org.apache.spark.sql.Dataset<Row> frame(ReportTable t) {
    List<Row> rows = new ArrayList<>();
    t.rows().forEach(r -> rows.add(RowFactory.create(r.toArray())));
    return spark.createDataFrame(rows, Contracts.sparkSchema(t.contract()));
  }

  private static Path bundle(String out) {
    return dir.resolve(out).resolve("reports").resolve("test-study");
  }

  @Test
  void writesEveryPartOfTheBundle() throws IOException {
    Path b = bundle("one");
    assertThat(b.resolve("report.docx")).isNotEmptyFile();
    assertThat(b.resolve("tables.xlsx")).isNotEmptyFile();
    assertThat(b.resolve("manifest.json")).isNotEmptyFile();
    assertThat(first.charts()).isGreaterThanOrEqualTo(12);
    assertThat(first.missing()).isEmpty();
    try (Stream<Path> charts = Files.list(b.resolve("charts"))) {
      assertThat(charts.count()).isEqualTo(3L * first.charts());
    }
    assertThat(b.resolve("tables/published_volumes.csv")).isNotEmptyFile();
    assertThat(b.resolve("tables/rejects.csv")).doesNotExist();
    // Germany's investment estimate is not publishable; Kenya's is.
    String intervals = Files.readString(b.resolve("tables/investment_intervals.csv"));
    assertThat(intervals).contains(",KEN,").doesNotContain(",DEU,");
    assertThat(first.summary()).contains("read 9 published tables").contains("report.docx");
    // A local bundle is named by its path, which a person can paste, not a file: URI.
    assertThat(first.bundle()).isEqualTo(b.toAbsolutePath().toString());
    assertThat(first.summary()).contains("→ " + b.toAbsolutePath() + ":");
  }

  @Test
  void theSameInputsGiveTheSameBundle() throws Exception {
    Path a = bundle("one");
    Path b = bundle("two");
    List<Path> files;
    try (Stream<Path> all = Files.walk(a)) {
      files = all.filter(Files::isRegularFile).map(a::relativize).sorted().toList();
    }
    int compared = 0;
    for (Path f : files) {
      String name = f.toString();
      if (name.endsWith(".csv") || name.endsWith(".svg") || name.endsWith(".png")) {
        assertThat(Files.readAllBytes(b.resolve(f)))
            .as(name)
            .isEqualTo(Files.readAllBytes(a.resolve(f)));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(3 * 12);
    Map<String, byte[]> docA =
        ReportContentTest.zipEntries(Files.readAllBytes(a.resolve("report.docx")));
    Map<String, byte[]> docB =
        ReportContentTest.zipEntries(Files.readAllBytes(b.resolve("report.docx")));
    assertThat(docA.keySet()).isEqualTo(docB.keySet());
    for (String entry : docA.keySet()) {
      if (!entry.equals("docProps/core.xml")) {
        assertThat(docB.get(entry)).as(entry).isEqualTo(docA.get(entry));
      }
    }
  }

  @Test
  void aBundleOfAnEarlierCommitMadeAgainLaterIsTheSameByteForByte() throws Exception {
    Warehouse later = Warehouse.at(spark, full.root());
    later
        .begin("publish")
        .write(Fixtures.volumes().name(), frame(Fixtures.volumes()).limit(3))
        .commit();
    assertThat(later.head().number()).isEqualTo(2);
    new ReportJob(later.asOf(1)).run(options("again"));
    Path a = bundle("one");
    Path b = bundle("again");
    List<Path> files;
    try (Stream<Path> all = Files.walk(a)) {
      files = all.filter(Files::isRegularFile).map(a::relativize).sorted().toList();
    }
    try (Stream<Path> all = Files.walk(b)) {
      assertThat(all.filter(Files::isRegularFile).map(b::relativize).sorted().toList())
          .isEqualTo(files);
    }
    for (Path f : files) {
      if (f.toString().equals("manifest.json")) {
        // The same but for where the bundle was written.
        assertThat(Files.readString(b.resolve(f)).replace("/again", "/one"))
            .isEqualTo(Files.readString(a.resolve(f)));
      } else {
        assertThat(Files.readAllBytes(b.resolve(f)))
            .as(f.toString())
            .isEqualTo(Files.readAllBytes(a.resolve(f)));
      }
    }
  }

  @Test
  void theManifestNamesInputsWithHashesAndEveryOutput() throws Exception {
    Path b = bundle("one");
    // Full provenance is the study team's, beside the bundle; the bundle's own names no file.
    JsonNode m =
        new ObjectMapper()
            .readTree(b.resolveSibling("test-study.internal").resolve("manifest.json").toFile());
    JsonNode shown = new ObjectMapper().readTree(b.resolve("manifest.json").toFile());
    assertThat(shown.has("landing_files")).isFalse();
    assertThat(shown.toString()).doesNotContain("landing/op1").doesNotContain("op1");
    for (JsonNode t : shown.path("tables")) {
      if (t.path("table").asText().equals("published_volumes")) {
        assertThat(t.path("withheld_share").asDouble())
            .isEqualTo(
                t.path("withheld_figure_cells").asDouble() / t.path("figure_cells").asDouble());
      }
    }
    assertThat(m.path("software").path("version").asText()).isEqualTo(Version.current());
    // The code and the parameters that made the bundle, in both manifests (no path in the hash).
    for (JsonNode manifest : List.of(m, shown)) {
      assertThat(manifest.path("software").path("commit").asText())
          .isEqualTo(ReportJob.sourceCommit())
          .isNotBlank();
      JsonNode content = manifest.path("content_parameters");
      assertThat(content.path("language").asText()).isEqualTo("en");
      assertThat(content.path("disclosure_policy").path("min_operators").asInt()).isEqualTo(3);
      assertThat(content.toString()).doesNotContain("/");
      // The parameter file the estimate read, as sha256sum gives it.
      assertThat(content.path("investment_model").path("parameter_files_sha256").asText())
          .isEqualTo(Fixtures.PARAMETER_FILES_SHA256)
          .matches("[0-9a-f]{64}");
      assertThat(manifest.path("content_parameters_sha256").asText())
          .isEqualTo(sha256(new ObjectMapper().writeValueAsBytes(content)));
    }
    assertThat(m.path("study_id").asText()).isEqualTo("test-study");
    assertThat(m.path("parameters").path("countries").get(0).asText()).isEqualTo("KEN");
    assertThat(m.path("warehouse").path("commit").asLong()).isEqualTo(1);
    JsonNode volumes = null;
    for (JsonNode in : m.path("inputs")) {
      if (in.path("table").asText().equals("published_volumes")) {
        volumes = in;
      }
      assertThat(in.path("table").asText()).isNotEqualTo("rejects");
    }
    assertThat(volumes).isNotNull();
    assertThat(volumes.path("rows").asInt()).isEqualTo(Fixtures.volumes().size());
    assertThat(volumes.path("files")).isNotEmpty();
    Path root = dir.resolve("warehouse");
    for (JsonNode f : volumes.path("files")) {
      assertThat(f.path("sha256").asText())
          .isEqualTo(sha256(Files.readAllBytes(root.resolve(f.path("path").asText()))));
    }
    JsonNode landing = m.path("landing_files");
    assertThat(landing).hasSize(1);
    assertThat(landing.get(0).path("file").asText()).isEqualTo("landing/op1/2025-Q4.csv");
    assertThat(landing.get(0).path("sha256").asText()).startsWith("0123456789abcdef");
    assertThat(m.path("inputs").findValuesAsText("table")).doesNotContain("submissions");
    int outputs = 0;
    for (JsonNode o : m.path("outputs")) {
      Path file = b.resolve(o.path("path").asText());
      assertThat(o.path("sha256").asText())
          .as(o.path("path").asText())
          .isEqualTo(sha256(Files.readAllBytes(file)));
      assertThat(o.path("shows").asText()).isNotBlank();
      assertThat(o.path("tables")).isNotEmpty();
      outputs++;
    }
    try (Stream<Path> all = Files.walk(b)) {
      // Every file but the manifest itself is listed.
      assertThat(all.filter(Files::isRegularFile).count()).isEqualTo(outputs + 1L);
    }
  }

  @Test
  void aWarehouseWithoutTheStudyTablesStillGivesADraftThatSaysWhatIsMissing() throws IOException {
    Warehouse early = Warehouse.at(spark, dir.resolve("early").toUri().toString());
    early.begin("fixtures").write("countries", frame(Fixtures.countries())).commit();
    ReportJob.Result result =
        new ReportJob(early)
            .run(
                new ReportJob.Options(
                    dir.resolve("early-out").toUri().toString(), "early", "fr", List.of()));
    assertThat(result.missing())
        .contains("published_volumes", "published_sources", "investment_intervals");
    assertThat(result.charts()).isZero();
    assertThat(result.summary()).contains("(missing: published_volumes");
    Path docx = dir.resolve("early-out/reports/early/report.docx");
    List<String> text = new ArrayList<>();
    try (var word = new org.apache.poi.xwpf.usermodel.XWPFDocument(Files.newInputStream(docx))) {
      word.getParagraphs().forEach(p -> text.add(p.getText()));
    }
    assertThat(text)
        .anyMatch(t -> t.startsWith("Cette partie nécessite le tableau publié published_volumes"));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
