package org.spamtraffic.intake.annotate;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.intake.IngestReturns;
import org.spamtraffic.intake.ReturnFile;
import org.spamtraffic.schema.Field;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.validate.ReturnValidator;
import org.spamtraffic.validate.ValidationReport;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The annotated workbook marks exactly the cells that ingest-returns rejects or warns about: the
 * same sample files go through both, and the (row, column, level) of every comment is compared with
 * the rejects table.
 */
class AnnotatorTest {
  static final Path SAMPLES =
      Paths.get("..", "data-samples", "returns").toAbsolutePath().normalize();

  /** Sample files with cell, row and return-level faults, in CSV, XLSX and XLS. */
  static final List<String> FILES =
      List.of(
          "KE-KILIMA/20250415T091500Z_KE-KILIMA_2025-Q1.csv",
          "KE-SAVANNA/20250715T101000Z_KE-SAVANNA_2025-Q2.csv",
          "NG-NAIJANET/20250715T101000Z_NG-NAIJANET_2025-Q2.xlsx",
          "NG-DELTA/20251015T083000Z_NG-DELTA_2025-Q3.csv",
          "IN-DECCAN/20251015T083000Z_IN-DECCAN_2025-Q3.xlsx",
          "FR-AZUR/20250715T101000Z_FR-AZUR_2025-Q2.csv",
          "BR-IPE/20250415T091500Z_BR-IPE_2025-Q1.csv",
          "EG-NILE/20250415T091500Z_EG-NILE_2025-Q1.xls");

  @TempDir static Path temp;
  private static Path landing;

  /** File name → the cells ingest-returns found problems in: "row:column:level". */
  private static final Map<String, Set<String>> REJECTED = new TreeMap<>();

  @BeforeAll
  static void ingest() throws Exception {
    landing = Files.createDirectories(temp.resolve("landing"));
    for (String f : FILES) {
      Path to = landing.resolve(f);
      Files.createDirectories(to.getParent());
      Files.copy(SAMPLES.resolve(f), to);
      REJECTED.put(to.getFileName().toString(), new TreeSet<>());
    }
    SparkSession spark = SparkSessions.forTests("annotator");
    try {
      Warehouse warehouse = Warehouse.at(spark, temp.resolve("warehouse").toString());
      new IngestReturns(spark, warehouse).run(IngestReturns.Options.of(landing.toString()));
      Map<String, ReturnFile> inspected = new TreeMap<>();
      for (Row r : warehouse.read("rejects").filter(col("row").isNotNull()).collectAsList()) {
        String uri = r.getAs("file");
        String name = new org.apache.hadoop.fs.Path(uri).getName();
        ReturnFile file = inspected.computeIfAbsent(name, n -> validator().validate(uri).file());
        REJECTED
            .get(name)
            .add(cell(file, r.<Long>getAs("row"), r.<String>getAs("column"), r.getAs("level")));
      }
    } finally {
      spark.stop();
    }
  }

  @AfterAll
  static void noSession() {
    // The session is stopped in ingest(): the annotator itself needs no Spark.
  }

  private static ReturnValidator validator() {
    return new ReturnValidator(new Configuration(), ReturnValidator.Options.DEFAULT);
  }

  /** Where a rejects row belongs in the sheet, as the annotator must place it. */
  private static String cell(ReturnFile file, long row, String column, String level) {
    int index = 0;
    if (column != null) {
      List<Field> fields = ReturnFormat.v1().fields();
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals(column)) {
          index = file.mapping().positions()[i];
        }
      }
    }
    return (row - 1) + ":" + index + ":" + level;
  }

  /** The cells the annotated workbook marked: "row:column:level" by fill colour. */
  private static Set<String> marked(Path annotated) throws Exception {
    Set<String> cells = new TreeSet<>();
    try (InputStream in = Files.newInputStream(annotated);
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      for (int s = 0; s < wb.getNumberOfSheets(); s++) {
        XSSFSheet sheet = wb.getSheetAt(s);
        for (Map.Entry<CellAddress, XSSFComment> e : sheet.getCellComments().entrySet()) {
          if (!"spamtraffic".equals(e.getValue().getAuthor())) {
            continue;
          }
          CellAddress a = e.getKey();
          short fill =
              sheet
                  .getRow(a.getRow())
                  .getCell(a.getColumn())
                  .getCellStyle()
                  .getFillForegroundColor();
          String comment = e.getValue().getString().getString();
          if (fill == IndexedColors.ROSE.getIndex()) {
            assertThat(comment).startsWith("Error: ");
            cells.add(a.getRow() + ":" + a.getColumn() + ":error");
          }
          // A cell with an error and a warning is red; its comment carries both.
          if (comment.contains("Warning: ")) {
            cells.add(a.getRow() + ":" + a.getColumn() + ":warning");
          }
          if (fill == IndexedColors.LIGHT_YELLOW.getIndex()) {
            assertThat(comment).startsWith("Warning: ").doesNotContain("Error: ");
          }
        }
      }
    }
    return cells;
  }

  @Test
  void theAnnotatedCellsAreExactlyTheCellsIngestReturnsRejects() throws Exception {
    int everyMark = 0;
    for (String f : FILES) {
      Path file = landing.resolve(f);
      String name = file.getFileName().toString();
      ValidationReport report = validator().validate(file.toString());
      Path out = temp.resolve("annotated-" + name + ".xlsx");
      Annotator.Result result = new Annotator(Annotator.Options.DEFAULT).annotate(report, out);
      assertThat(marked(out)).as(name).isEqualTo(REJECTED.get(name));
      assertThat(result.copied()).as(name).isEqualTo(name.endsWith(".xlsx"));
      everyMark += result.markedCells();
    }
    // The samples' deliberate faults are there to be found: this test compares something.
    assertThat(everyMark).isGreaterThanOrEqualTo(7);
  }

  @Test
  void aLargeWorkbookIsStreamedAndMarkedTheSameWay() throws Exception {
    Path file = landing.resolve(FILES.get(2));
    ValidationReport report = validator().validate(file.toString());
    Path copied = temp.resolve("copied.xlsx");
    Path streamed = temp.resolve("streamed.xlsx");
    new Annotator(Annotator.Options.DEFAULT).annotate(report, copied);
    Annotator.Result r =
        new Annotator(new Annotator.Options(0, org.spamtraffic.language.Language.ENGLISH))
            .annotate(report, streamed);
    assertThat(r.copied()).isFalse();
    assertThat(marked(streamed)).isEqualTo(marked(copied)).isNotEmpty();
  }

  @Test
  void theSummarySheetCountsRowsAndRules() throws Exception {
    Path file = landing.resolve(FILES.get(0));
    ValidationReport report = validator().validate(file.toString());
    Path out = temp.resolve("summary.xlsx");
    new Annotator(Annotator.Options.DEFAULT).annotate(report, out);
    try (InputStream in = Files.newInputStream(out);
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      XSSFSheet summary = wb.getSheetAt(0);
      assertThat(summary.getSheetName()).isEqualTo(Annotator.SUMMARY_SHEET);
      Map<String, String> cells = new TreeMap<>();
      for (org.apache.poi.ss.usermodel.Row row : summary) {
        if (row.getCell(1) != null) {
          cells.put(
              row.getCell(0).getStringCellValue(),
              new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(row.getCell(1)));
        }
      }
      assertThat(cells)
          .containsEntry("Rows read", Long.toString(report.rowsRead()))
          .containsEntry("Rows rejected", Long.toString(report.rowsRejected()))
          .containsEntry("country_code", "1");
      // The CSV's own header is kept on the rebuilt data sheet.
      String header = Files.readAllLines(file).get(0).split(",")[0];
      assertThat(wb.getSheetAt(1).getRow(0).getCell(0).getStringCellValue()).isEqualTo(header);
    }
  }

  @Test
  void anUnreadableFileGetsASummaryThatSaysWhy() throws Exception {
    Path pdf = temp.resolve("scan.xlsx");
    Files.writeString(pdf, "%PDF-1.7\n%%EOF\n", java.nio.charset.StandardCharsets.US_ASCII);
    ValidationReport report = validator().validate(pdf.toString());
    Path out = temp.resolve("pdf-annotated.xlsx");
    assertThat(new Annotator(Annotator.Options.DEFAULT).annotate(report, out).markedCells())
        .isZero();
    try (InputStream in = Files.newInputStream(out);
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      StringBuilder text = new StringBuilder();
      wb.getSheetAt(0).forEach(row -> row.forEach(c -> text.append(c.toString()).append('\n')));
      assertThat(text.toString())
          .contains("The file could not be read")
          .contains("The file is not a CSV, XLSX or XLS table (a PDF document)");
    }
  }
}
