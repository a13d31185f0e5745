package org.spamtraffic.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.spamtraffic.report.chart.ChartData;
import org.spamtraffic.report.chart.ChartRenderer;
import org.spamtraffic.report.chart.MapChart;
import org.spamtraffic.report.chart.ValueFormat;
import org.spamtraffic.report.data.PublishedTables;
import org.spamtraffic.report.data.ReportTable;
import org.spamtraffic.report.document.DocxWriter;
import org.spamtraffic.report.document.Labels;
import org.spamtraffic.report.document.ReportDocument;
import org.spamtraffic.report.table.CsvTables;
import org.spamtraffic.report.table.WorkbookWriter;

/** The draft, workbook and charts print exactly what the published tables hold. */
class ReportContentTest {
  private static final StudyReport.Parameters PARAMETERS =
      new StudyReport.Parameters("test", 7, "2026-01-15", List.of("KEN", "DEU"));

  private final PublishedTables tables = Fixtures.all();
  private final ReportTable volumes = Fixtures.volumes();

  @Test
  void theParticipationMapShadesCountriesByReturnsAndQuestionnaire() {
    Labels en = Labels.of("en");
    ReportDocument doc = StudyReport.build(tables, en, PARAMETERS);
    List<ReportDocument.Figure> maps =
        doc.allSections()
            .flatMap(s -> s.blocks().stream())
            .filter(b -> b instanceof ReportDocument.Figure f && f.chart() instanceof MapChart)
            .map(b -> (ReportDocument.Figure) b)
            .toList();
    assertThat(maps).hasSize(1);
    MapChart map = (MapChart) maps.get(0).chart();
    // Returns: KEN, FRA, DEU (published_coverage); questionnaire: KEN, FRA, HTI.
    assertThat(map.classes())
        .extracting(MapChart.Shading::label)
        .containsExactly(
            "Operator returns and questionnaire", "Operator returns only", "Questionnaire only");
    assertThat(map.classes().get(0).countries()).containsExactly("FRA", "KEN");
    assertThat(map.classes().get(1).countries()).containsExactly("DEU");
    assertThat(map.classes().get(2).countries()).containsExactly("HTI");
    assertThat(map.frame().source()).contains("3 countries").contains("3 Member States");
    // Who took part is no figure: the map counts in no share of withheld cells.
    assertThat(maps.get(0).cells()).isZero();
    assertThat(ReportLanguagesTest.texts(doc, en))
        .anyMatch(t -> t.contains("operators in 3 countries sent returns"))
        .anyMatch(t -> t.startsWith("The boundaries shown on the map"));
  }

  @Test
  void keyFiguresInTheDocumentEqualThePublishedWorldRows() throws Exception {
    Labels en = Labels.of("en");
    ReportDocument doc = StudyReport.build(tables, en, PARAMETERS);
    List<List<String>> docx = docxTables(docx(doc, en)).get(0);
    assertThat(doc.tables().get(0).title())
        .isEqualTo("Spam indicators by type, reporting countries (3 of 194), 2025-Q4");
    assertThat(docx.get(0).get(0)).isEqualTo("Spam type");
    assertThat(docx.get(0).get(1)).startsWith("Spam detected");
    assertThat(docx.get(0).subList(2, docx.get(0).size()))
        .containsExactly(
            "Spam share",
            "Block rate",
            "Spam per subscriber per month",
            "Growth on a year before",
            "Reporting operators");
    NumberFormat number = NumberFormat.getInstance(Locale.ENGLISH);
    NumberFormat percent = NumberFormat.getPercentInstance(Locale.ENGLISH);
    double unit = unitOf(docx.get(0).get(1));
    Map<String, String> typeNames = Map.of("email", "Email", "sms", "SMS", "voice", "Voice");
    int checked = 0;
    for (List<Object> row :
        volumes.rows(volumes.where("level", "world").and(volumes.where("quarter", Fixtures.Q2)))) {
      String type = volumes.text(row, "spam_type");
      List<String> printed =
          docx.stream().filter(r -> r.get(0).equals(typeNames.get(type))).findFirst().orElseThrow();
      assertRounded(printed.get(1), unit, volumes.number(row, "spam_detected"));
      assertThat(percent.parse(printed.get(2)).doubleValue())
          .isCloseTo(volumes.number(row, "spam_share"), within(0.0005));
      assertThat(percent.parse(printed.get(3)).doubleValue())
          .isCloseTo(volumes.number(row, "block_rate"), within(0.0005));
      assertThat(number.parse(printed.get(6)).intValue())
          .isEqualTo(volumes.value(row, "reporting_operators"));
      checked++;
    }
    assertThat(checked).isEqualTo(3);
  }

  @Test
  void regionTableAndCoverageTablePrintTheTablesAndMarkWithheldCells() throws Exception {
    Labels en = Labels.of("en");
    ReportDocument doc = StudyReport.build(tables, en, PARAMETERS);
    List<List<List<String>>> docx = docxTables(docx(doc, en));
    // Every table of the .docx holds exactly the cells of the document model, in order.
    assertThat(docx).hasSize(doc.tables().size());
    for (int i = 0; i < docx.size(); i++) {
      ReportDocument.Table t = doc.tables().get(i);
      assertThat(docx.get(i).get(0)).as(t.title()).isEqualTo(t.header());
      List<List<String>> resolved =
          t.rows().stream().map(r -> r.stream().map(c -> doc.resolve(c, en)).toList()).toList();
      assertThat(docx.get(i).subList(1, docx.get(i).size())).as(t.title()).isEqualTo(resolved);
    }
    ReportDocument.Table byRegion = table(doc, "Spam detected by ITU-D region and type, 2025-Q4");
    Map<String, String> areaOf =
        Map.of(
            "Africa", "Africa", "Europe", "Europe", "All reporting countries (3 of 194)", "World");
    for (List<String> printed : byRegion.rows()) {
      String area = areaOf.get(printed.get(0));
      List<String> types = List.of("email", "sms", "voice");
      for (int t = 0; t < types.size(); t++) {
        List<Object> row = published(area, Fixtures.Q2, types.get(t));
        if (volumes.suppressed(row, volumes.index("spam_detected"))) {
          assertThat(printed.get(t + 1)).isEqualTo("withheld");
        } else {
          assertRounded(
              printed.get(t + 1),
              unitOf(byRegion.header().get(t + 1)),
              volumes.number(row, "spam_detected"));
        }
      }
    }
    ReportDocument.Table coverage = table(doc, "Coverage of national markets, 2025-Q4");
    List<String> germany =
        coverage.rows().stream().filter(r -> r.get(0).equals("Germany")).findFirst().orElseThrow();
    assertThat(germany.get(3)).isEqualTo("withheld");
    List<String> kenya =
        coverage.rows().stream().filter(r -> r.get(0).equals("Kenya")).findFirst().orElseThrow();
    assertThat(kenya.get(3)).isEqualTo("30.0%");
    assertThat(kenya.get(4)).isEqualTo("extrapolated, low coverage");
  }

  @Test
  void everyFigureHasANumberedCaptionAndItsChartDataEqualsTheTable() throws Exception {
    Labels en = Labels.of("en");
    ReportDocument doc = StudyReport.build(tables, en, PARAMETERS);
    try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(docx(doc, en)))) {
      List<String> captions =
          word.getParagraphs().stream()
              .filter(p -> "FigureCaption".equals(p.getStyle()))
              .map(XWPFParagraph::getText)
              .toList();
      assertThat(captions).hasSize(doc.figures().size());
      for (int i = 0; i < captions.size(); i++) {
        assertThat(captions.get(i))
            .isEqualTo("Figure " + (i + 1) + " – " + doc.figures().get(i).caption());
      }
      assertThat(word.getAllPictures()).hasSize(doc.figures().size());
    }
    ReportDocument.Figure world =
        doc.figures().stream()
            .filter(f -> f.chart().frame().id().equals("volume-by-type-world"))
            .findFirst()
            .orElseThrow();
    List<String> lines = List.of(ChartData.csv(world.chart()).split("\n"));
    assertThat(lines.get(0)).isEqualTo("category,series,value");
    Map<String, String> typeNames = Map.of("Email", "email", "SMS", "sms", "Voice", "voice");
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      List<Object> row = published("World", cells[0], typeNames.get(cells[1]));
      assertThat(cells[2]).isEqualTo(volumes.value(row, "spam_detected").toString());
    }
    assertThat(lines).hasSize(1 + 2 * 3);
    // Withheld values are left out of a chart and counted in its source line.
    ReportDocument.Figure kenya =
        doc.figures().stream()
            .filter(f -> f.chart().frame().id().equals("country-deu-volumes"))
            .findFirst()
            .orElseThrow();
    assertThat(kenya.chart().suppressedValues()).isEqualTo(2);
    assertThat(kenya.chart().frame().source()).endsWith(" Withheld values not shown: 2.");
    assertThat(ChartData.csv(kenya.chart())).contains("2025-Q4,Voice,\n");
  }

  @Test
  void theWorkbookHoldsEveryPublishedCellAndMarksWithheldOnes() throws IOException {
    Labels en = Labels.of("en");
    List<ReportTable> list = new ArrayList<>(tables.all().values());
    byte[] xlsx = new WorkbookWriter(en).write(list, "Published tables", Instant.EPOCH);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      assertThat(wb.getSheetName(0)).isEqualTo("README");
      assertThat(wb.getNumberOfSheets()).isEqualTo(list.size() + 1);
      for (ReportTable t : list) {
        XSSFSheet sheet = wb.getSheet(WorkbookWriter.sheetName(t));
        assertThat(sheet.getPaneInformation().isFreezePane()).as(t.name()).isTrue();
        assertThat(sheet.getCTWorksheet().isSetAutoFilter()).as(t.name()).isTrue();
        XSSFCell first = sheet.getRow(0).getCell(0);
        assertThat(wb.getFontAt(first.getCellStyle().getFontIndex()).getBold()).isTrue();
        assertThat(sheet.getLastRowNum()).isEqualTo(t.size());
        for (int r = 0; r < t.size(); r++) {
          List<Object> row = t.rows().get(r);
          for (int c = 0; c < t.columns().size(); c++) {
            Cell cell = sheet.getRow(r + 1).getCell(c);
            Object v = row.get(c);
            String where = t.name() + " row " + (r + 1) + " " + t.columns().get(c).name();
            if (t.suppressed(row, c)) {
              assertThat(cell.getStringCellValue()).as(where).isEqualTo("suppressed");
              assertThat(cell.getCellStyle().getFillForegroundColorColor()).as(where).isNotNull();
            } else if (v == null) {
              assertThat(cell.getCellType()).as(where).isEqualTo(CellType.BLANK);
            } else if (v instanceof Number n) {
              assertThat(cell.getNumericCellValue()).as(where).isEqualTo(n.doubleValue());
            } else if (v instanceof Boolean b) {
              assertThat(cell.getBooleanCellValue()).as(where).isEqualTo(b);
            } else {
              assertThat(cell.getStringCellValue()).as(where).isEqualTo(v.toString());
            }
          }
        }
      }
      XSSFSheet volumesSheet = wb.getSheet("published_volumes");
      int share = volumes.index("spam_share");
      assertThat(volumesSheet.getRow(1).getCell(share).getCellStyle().getDataFormatString())
          .isEqualTo("0.0%");
      int detected = volumes.index("spam_detected");
      assertThat(volumesSheet.getRow(1).getCell(detected).getCellStyle().getDataFormatString())
          .isEqualTo("#,##0");
      assertThat(wb.getSheet("README").getRow(4).getCell(1).getStringCellValue()).isNotBlank();
    }
  }

  @Test
  void theSameTablesGiveTheSameBytes() throws IOException {
    Labels en = Labels.of("en");
    ChartRenderer renderer = new ChartRenderer(en.locale());
    ReportDocument one = StudyReport.build(Fixtures.all(), en, PARAMETERS);
    ReportDocument two = StudyReport.build(Fixtures.all(), en, PARAMETERS);
    assertThat(one).isEqualTo(two);
    for (int i = 0; i < one.figures().size(); i++) {
      assertThat(renderer.svg(one.figures().get(i).chart()))
          .isEqualTo(renderer.svg(two.figures().get(i).chart()));
      assertThat(ChartData.csv(one.figures().get(i).chart()))
          .isEqualTo(ChartData.csv(two.figures().get(i).chart()));
    }
    for (ReportTable t : Fixtures.all().all().values()) {
      assertThat(CsvTables.bytes(t)).isEqualTo(CsvTables.bytes(t));
    }
    // Rows given in another order give the same CSV: tables sort their rows.
    ReportTable v = Fixtures.volumes();
    List<List<Object>> reversed = new ArrayList<>(v.rows());
    java.util.Collections.reverse(reversed);
    assertThat(CsvTables.csv(ReportTable.of(v.contract(), reversed))).isEqualTo(CsvTables.csv(v));
    Map<String, byte[]> a = zipEntries(docx(one, en));
    Map<String, byte[]> b = zipEntries(new DocxWriter(en).write(two, pngs(two, en), Instant.EPOCH));
    assertThat(a.keySet()).isEqualTo(b.keySet());
    for (String entry : a.keySet()) {
      if (!entry.equals("docProps/core.xml")) {
        assertThat(a.get(entry)).as(entry).isEqualTo(b.get(entry));
      }
    }
  }

  @Test
  void missingTablesAreNamedInTheDraftInsteadOfFailing() throws Exception {
    Labels en = Labels.of("en");
    ReportDocument doc = StudyReport.build(Fixtures.referenceOnly(), en, PARAMETERS);
    List<String> missing =
        doc.allSections()
            .flatMap(s -> s.blocks().stream())
            .filter(ReportDocument.Missing.class::isInstance)
            .map(b -> ((ReportDocument.Missing) b).text())
            .toList();
    assertThat(missing)
        .anyMatch(m -> m.contains("published table published_volumes"))
        .anyMatch(m -> m.contains("published table published_sources"))
        .anyMatch(m -> m.contains("published table published_coverage"))
        .anyMatch(m -> m.startsWith("No published figures for Kenya"));
    assertThat(doc.figures()).isEmpty();
    assertThat(docx(doc, en)).isNotEmpty();
  }

  @Test
  void frenchHeadingsCaptionsAndNumbers() throws Exception {
    Labels fr = Labels.of("fr");
    ReportDocument doc = StudyReport.build(tables, fr, PARAMETERS);
    // Words, numbers and quarters in French (T4 2025, not 2025-Q4).
    List<List<String>> types = docxTables(docx(doc, fr)).get(0);
    assertThat(types.get(0).get(0)).isEqualTo("Type de spam");
    List<Object> email = published("World", Fixtures.Q2, "email");
    assertThat(types.get(1).get(1)).matches("[0-9\\u202f\\u00a0 ]+");
    assertThat(
            Double.parseDouble(types.get(1).get(1).replaceAll("[\\u202f\\u00a0 ]", ""))
                * unitOf(
                    types
                        .get(0)
                        .get(1)
                        .replace("milliers", "thousands")
                        .replace("millions", "millions")
                        .replace("milliards", "billions")))
        .isCloseTo(
            volumes.number(email, "spam_detected"),
            org.assertj.core.data.Percentage.withPercentage(0.5));
    assertThat(table(doc, "Couverture des marchés nationaux, T4 2025").rows())
        .anyMatch(r -> r.get(0).equals("Allemagne") && r.get(3).equals("masqué"));
  }

  @Test
  void investmentAndReadinessPrintTheirTablesAndOnlyPublishableCountryRows() throws Exception {
    Labels en = Labels.of("en");
    ReportDocument doc = StudyReport.build(tables, en, PARAMETERS);
    ReportTable intervals = Fixtures.intervals();
    NumberFormat number = NumberFormat.getInstance(Locale.ENGLISH);
    ReportDocument.Table byArea =
        table(
            doc,
            "Investment need and gap by area, P5 to P95: 5-year present values at 5.0% real, USD of"
                + " 2024, data to 2025-Q4");
    Map<String, String> areaOf =
        Map.of(
            "Reporting countries (sum)", "Reporting countries",
            "World, all ITU Member States (extrapolated)", "World",
            "LDC", "ldc");
    int checked = 0;
    for (List<String> printed : byArea.rows()) {
      String area = areaOf.getOrDefault(printed.get(0), printed.get(0));
      String measure = printed.get(1).toLowerCase(Locale.ROOT);
      List<Object> row =
          intervals.rows().stream()
              .filter(r -> intervals.text(r, "area").equals(area))
              .filter(r -> intervals.text(r, "measure").equals(measure))
              .findFirst()
              .orElseThrow();
      assertRounded(printed.get(2), 1, intervals.number(row, "p5_usd"));
      assertRounded(printed.get(3), 1, intervals.number(row, "p50_usd"));
      assertRounded(printed.get(4), 1, intervals.number(row, "p95_usd"));
      checked++;
    }
    // reporting countries, world, two regions, LDC: need and gap
    assertThat(checked).isEqualTo(10);
    String csv =
        ChartData.csv(
            doc.figures().stream()
                .filter(f -> f.chart().frame().id().equals("investment-by-region"))
                .findFirst()
                .orElseThrow()
                .chart());
    List<Object> africaNeed =
        intervals
            .rows(intervals.where("area", "Africa").and(intervals.where("measure", "need")))
            .get(0);
    assertThat(csv)
        .contains(
            "Africa,Need (P50; bar: P5–P95),"
                + ChartData.number(intervals.number(africaNeed, "p5_usd"))
                + ","
                + ChartData.number(intervals.number(africaNeed, "p50_usd"))
                + ","
                + ChartData.number(intervals.number(africaNeed, "p95_usd"))
                + "\n");
    // Germany's estimate is not publishable: no trace of it; Kenya's is.
    List<String> allText =
        doc.tables().stream().flatMap(t -> t.rows().stream()).flatMap(List::stream).toList();
    assertThat(doc.tables().stream().map(ReportDocument.Table::title))
        .contains(
            "Investment need and gap, Kenya, P5 to P95: 5-year present values at 5.0% real, USD of"
                + " 2024, data to 2025-Q4")
        .noneMatch(t -> t.startsWith("Investment need and gap, Germany"));
    assertThat(allText).doesNotContain("DEU", "Germany (DEU)");
    ReportDocument.Figure tornado =
        doc.figures().stream()
            .filter(f -> f.chart().frame().id().equals("sensitivity-world"))
            .findFirst()
            .orElseThrow();
    assertThat(ChartData.csv(tornado.chart()))
        .startsWith(
            "parameter,total_at_low,total_at_high,base_total\n"
                + "Capital cost of filtering capacity (SMS),2100000,4200000,3000000\n");
    ReportDocument.Figure readiness =
        doc.figures().stream()
            .filter(f -> f.chart().frame().id().equals("readiness-by-region"))
            .findFirst()
            .orElseThrow();
    String scores = ChartData.csv(readiness.chart());
    assertThat(scores)
        .contains("Kenya (Africa),Legislation,0.125\n")
        .contains("Haiti (Americas),Education,\n")
        .doesNotContain(",0\n"); // the earlier submissions' zeros
    assertThat(readiness.chart().frame().source())
        .isEqualTo("Source: questionnaire answers of 3 Member States.");
    assertThat(ChartData.csv(figure(doc, "readiness-by-group").chart()))
        .startsWith("row,column,value\n\"Haiti (LDC, SIDS)\",Legislation,0.375\n");
  }

  private static ReportDocument.Figure figure(ReportDocument doc, String id) {
    return doc.figures().stream()
        .filter(f -> f.chart().frame().id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  /** {@code t} with the rows of the areas named set unpublishable (withheld whole). */
  private static ReportTable withholding(ReportTable t, List<String> areas) {
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> row : t.rows()) {
      List<Object> copy = new ArrayList<>(row);
      if (areas.contains(t.text(row, "area"))) {
        copy.set(t.index("publishable"), false);
      }
      rows.add(copy);
    }
    return ReportTable.of(t.contract(), rows);
  }

  private static ReportDocument.Section section(ReportDocument doc, String heading) {
    return doc.allSections()
        .filter(s -> s.heading().contains(heading))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no section " + heading));
  }

  /** Every text of a section a reader meets: paragraphs, notes, bullets, titles, cells. */
  private static List<String> texts(ReportDocument.Section s) {
    List<String> out = new ArrayList<>();
    for (ReportDocument.Block b : s.blocks()) {
      if (b instanceof ReportDocument.Paragraph p) {
        out.add(p.text());
      } else if (b instanceof ReportDocument.Missing m) {
        out.add(m.text());
      } else if (b instanceof ReportDocument.Bullets l) {
        out.addAll(l.items());
      } else if (b instanceof ReportDocument.Table t) {
        out.add(t.title());
        out.add(t.note());
        t.rows().forEach(out::addAll);
      } else if (b instanceof ReportDocument.Figure f) {
        out.add(f.caption());
        out.add(f.chart().frame().title());
      }
    }
    return out;
  }

  @Test
  void withheldInvestmentTotalsAndRegionsWithoutAnEstimateAreNamedInWords() {
    List<String> withheld = List.of("Reporting countries", "World", "Africa");
    PublishedTables t =
        PublishedTables.of(
            List.of(
                Fixtures.volumes(),
                Fixtures.countries(),
                withholding(Fixtures.intervals(), withheld),
                withholding(Fixtures.sensitivity(), withheld),
                // The world's base case stays published: the table then has a line to print.
                withholding(Fixtures.totals(), List.of("Reporting countries", "Africa"))));
    ReportDocument doc = StudyReport.build(t, Labels.of("en"), PARAMETERS);
    List<String> investment = texts(section(doc, "Investment needed to counter spam"));
    // The withheld rollups by name, with the rule that withholds them.
    assertThat(investment)
        .contains(
            "The totals for the reporting countries together, the extrapolation to all ITU"
                + " Member States, and Africa are withheld: complementary suppression, because"
                + " with the published figures they would let a reader work out a country's"
                + " withheld figure to within 10%.");
    // Regions of the countries table with no investment row at all: named, and why.
    assertThat(investment)
        .contains(
            "No investment estimate for Americas, Asia & Pacific, and CIS: no country there sent"
                + " returns or answered the questionnaire, so the study has no figure to estimate"
                + " them from.");
    // A withheld area keeps its line in each table, marked, so that no row goes missing unsaid.
    assertThat(tableStarting(doc, "Investment need and gap by area, P5 to P95").rows())
        .contains(List.of("Africa", "Need", "withheld", "withheld", "withheld"))
        .anyMatch(
            r ->
                r.get(0).equals("Europe") && r.get(1).equals("Need") && r.get(3).startsWith("USD"));
    assertThat(tableStarting(doc, "Investment need, existing investment and gap, base case").rows())
        .contains(
            List.of(
                "Reporting countries (sum)",
                "withheld",
                "withheld",
                "withheld",
                "withheld",
                "withheld"));
    // The tornado shows the reporting countries' total: not drawn, said so in words, and the
    // intro does not send the reader to it.
    assertThat(doc.figures()).noneMatch(f -> f.chart().frame().id().equals("sensitivity-world"));
    assertThat(investment)
        .contains(
            "Not drawn: Sensitivity of the reporting countries' investment need. It varies the"
                + " reporting countries' total, which is withheld by disclosure control"
                + " (complementary suppression).");
    assertThat(investment.get(0))
        .startsWith("Investment needed to counter spam, and the gap against what countries")
        .doesNotContain("sensitivity", "not drawn");
    // No table name or other code reaches the reader.
    assertThat(investment).noneMatch(s -> s.matches("(?s).*\\b[a-z0-9]+_[a-z0-9_]+\\b.*"));
    // The headline is said to be withheld, not left out.
    List<String> summary = texts(section(doc, "Summary of findings"));
    assertThat(summary)
        .anyMatch(
            s ->
                s.startsWith(
                    "The investment needed by the reporting countries together in 2025-Q4 is"
                        + " withheld by disclosure control (complementary suppression"))
        .noneMatch(s -> s.startsWith("Investment needed to counter spam in the"));
  }

  @Test
  void theInvestmentIsAsOfTheLatestQuarterEvenWhenEveryRowOfItIsWithheld() {
    // 2025-Q3 published whole; 2025-Q4, the latest, withheld whole.
    List<ReportTable> investment = new ArrayList<>();
    for (ReportTable t : List.of(Fixtures.intervals(), Fixtures.sensitivity(), Fixtures.totals())) {
      List<List<Object>> rows = new ArrayList<>();
      for (List<Object> row : t.rows()) {
        List<Object> earlier = new ArrayList<>(row);
        earlier.set(t.index("as_of_quarter"), Fixtures.Q1);
        earlier.set(t.index("publishable"), true);
        rows.add(earlier);
        List<Object> latest = new ArrayList<>(row);
        latest.set(t.index("publishable"), false);
        rows.add(latest);
      }
      investment.add(ReportTable.of(t.contract(), rows));
    }
    List<ReportTable> all = new ArrayList<>(List.of(Fixtures.volumes(), Fixtures.countries()));
    all.addAll(investment);
    ReportDocument doc = StudyReport.build(PublishedTables.of(all), Labels.of("en"), PARAMETERS);
    List<String> section = texts(section(doc, "Investment needed to counter spam"));
    // An earlier quarter is never shown as the current one.
    assertThat(section).noneMatch(s -> s.contains(Fixtures.Q1));
    assertThat(doc.tables()).noneMatch(x -> x.id().startsWith("investment-"));
    assertThat(section)
        .anyMatch(s -> s.startsWith("The totals for the reporting countries together, the"));
    assertThat(texts(section(doc, "Summary of findings")))
        .anyMatch(
            s ->
                s.startsWith(
                    "The investment needed by the reporting countries together in "
                        + Fixtures.Q2
                        + " is withheld"))
        .noneMatch(s -> s.contains(Fixtures.Q1) && s.contains("USD"));
  }

  @Test
  void theHeadlineIsOneFigureLabelledWithWhatItCoversAndTheWorldStandsApart() {
    ReportDocument doc = StudyReport.build(tables, Labels.of("en"), PARAMETERS);
    List<String> bullets =
        doc.allSections()
            .flatMap(s -> s.blocks().stream())
            .filter(b -> b instanceof ReportDocument.Bullets)
            .flatMap(b -> ((ReportDocument.Bullets) b).items().stream())
            .toList();
    ReportTable intervals = Fixtures.intervals();
    List<Object> reporting =
        intervals
            .rows(intervals.where("level", "reporting").and(intervals.where("measure", "need")))
            .get(0);
    NumberFormat number = NumberFormat.getInstance(Locale.ENGLISH);
    List<String> headline =
        bullets.stream().filter(b -> b.startsWith("Investment needed to counter spam")).toList();
    assertThat(headline)
        .singleElement()
        .asString()
        .startsWith(
            "Investment needed to counter spam in the 3 reporting countries: "
                + new org.spamtraffic.report.document.Printed(Labels.of("en"))
                    .number(intervals.number(reporting, "p50_usd"), ValueFormat.USD)
                + " (median of the simulation; 90% interval ")
        .endsWith("; 5-year present values at 5.0% real, USD of 2024, from data to 2025-Q4.");
    assertThat(bullets)
        .anyMatch(
            b -> b.startsWith("Extrapolated to all 194 ITU Member States by development group"))
        .noneMatch(b -> b.contains("world, over the planning horizon"));
    // What the figure leaves out is stated beside it, with its likely size.
    assertThat(bullets)
        .anyMatch(
            b ->
                b.startsWith("Not in that figure: 12 country and spam type pairs")
                    && b.contains("would add at least USD 3 million"));
  }

  @Test
  void aChartWhoseValuesAreAllWithheldIsReplacedByANote() {
    ReportTable v = Fixtures.volumes();
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> row : v.rows()) {
      List<Object> copy = new ArrayList<>(row);
      if ("Africa".equals(v.text(row, "area"))) {
        copy.set(v.index("suppressed"), true);
        for (String figure : List.of("spam_detected", "spam_share", "block_rate")) {
          copy.set(v.index(figure), null);
        }
      }
      rows.add(copy);
    }
    PublishedTables withheld =
        PublishedTables.of(List.of(ReportTable.of(v.contract(), rows), Fixtures.countries()));
    ReportDocument doc = StudyReport.build(withheld, Labels.of("en"), PARAMETERS);
    assertThat(doc.figures())
        .noneMatch(f -> f.chart().frame().id().equals("volume-by-type-africa"));
    assertThat(doc.annexes().get(2).blocks())
        .contains(
            new ReportDocument.Missing(
                "Not drawn: Spam detected by type and quarter, Africa. Every value it would show"
                    + " (6) was withheld by disclosure control."));
  }

  @Test
  void aCountryProfileGivesTheCountrysRoutesAndSources() {
    Labels en = Labels.of("en");
    ReportDocument doc = StudyReport.build(tables, en, PARAMETERS);
    assertThat(
            table(
                    doc,
                    "Top five source countries of the spam received in Kenya, by spam type, 2025-Q4")
                .rows())
        .containsExactly(
            List.of("SMS", "1", "China", "50.0%"),
            List.of("SMS", "2", "United States of America", "35.0%"),
            List.of("SMS", "3", "Unknown (not identified)", "20.0%"));
    ReportDocument.Table routes =
        table(
            doc, "Entry routes of the spam detected in Kenya, share of each type's spam, 2025-Q4");
    assertThat(routes.rows()).isNotEmpty();
    org.spamtraffic.report.document.Printed printed =
        new org.spamtraffic.report.document.Printed(en);
    for (List<String> r : routes.rows()) {
      String type =
          StudyReport.TYPE_ORDER.stream()
              .filter(t -> en.name("type", t).equals(r.get(0)))
              .findFirst()
              .orElseThrow();
      List<Object> row = published("KEN", Fixtures.Q2, type);
      List<String> columns =
          List.of("share_on_net", "share_international_gateway", "share_grey_route");
      for (int c = 0; c < columns.size(); c++) {
        int i = volumes.index(columns.get(c));
        assertThat(r.get(c + 1))
            .isEqualTo(printed.value(row.get(i), ValueFormat.PERCENT, volumes.suppressed(row, i)));
      }
    }
  }

  @Test
  void theWorkbookHasEveryTableOfTheDraftAsTheDraftPrintsIt() throws Exception {
    for (String language : List.of("en", "fr")) {
      Labels labels = Labels.of(language);
      ReportDocument doc = StudyReport.build(tables, labels, PARAMETERS);
      WorkbookWriter writer = new WorkbookWriter(labels);
      byte[] xlsx = writer.write(doc, List.of(Fixtures.volumes()), "t", Instant.EPOCH);
      try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
        org.apache.poi.ss.usermodel.DataFormatter shows =
            new org.apache.poi.ss.usermodel.DataFormatter(labels.locale());
        int numbers = 0;
        assertThat(doc.tables()).isNotEmpty();
        for (int n = 1; n <= doc.tables().size(); n++) {
          ReportDocument.Table t = doc.tables().get(n - 1);
          XSSFSheet sheet = wb.getSheet(writer.reportSheetName(n));
          assertThat(sheet).as("sheet of table %d", n).isNotNull();
          assertThat(sheet.getRow(0).getCell(0).getStringCellValue())
              .isEqualTo(labels.get("table") + " " + n + " – " + t.title());
          for (int c = 0; c < t.header().size(); c++) {
            assertThat(sheet.getRow(1).getCell(c).getStringCellValue())
                .isEqualTo(t.header().get(c));
          }
          for (int r = 0; r < t.rows().size(); r++) {
            for (int c = 0; c < t.header().size(); c++) {
              String printed = doc.resolve(t.rows().get(r).get(c), labels);
              Cell cell = sheet.getRow(r + 2).getCell(c);
              if (cell.getCellType() == CellType.NUMERIC) {
                numbers++;
              }
              // A number cell shows exactly the digits the draft prints; a dash is left empty.
              assertThat(shows.formatCellValue(cell).replace('\u202f', '\u00a0'))
                  .as("%s table %d row %d column %d", language, n, r + 1, c + 1)
                  .isEqualTo(printed.equals("–") ? "" : printed.replace('\u202f', '\u00a0'));
            }
          }
        }
        assertThat(numbers).as("number cells").isGreaterThan(50);
        assertThat(wb.getSheetIndex(writer.reportSheetName(1)))
            .isLessThan(wb.getSheetIndex(WorkbookWriter.sheetName(Fixtures.volumes())));
      }
    }
  }

  @Test
  void anUnknownLanguageOrCountryIsRefusedWithTheChoices() {
    assertThatThrownBy(() -> Labels.of("xx"))
        .hasMessage("No report labels for language 'xx'; available: [en, fr, es, ar, zh, ru]");
    assertThatThrownBy(() -> new ReportJob.Options("out", "s", "en", List.of("XYZ")))
        .hasMessageContaining("--country 'XYZ' is not an ISO 3166-1 alpha-3 code");
    assertThatThrownBy(() -> new ReportJob.Options("out", "../etc", "en", List.of()))
        .hasMessageContaining("--study-id '../etc' must be");
  }

  private List<Object> published(String area, String quarter, String type) {
    return volumes.rows().stream()
        .filter(r -> volumes.text(r, "area").equals(area))
        .filter(r -> volumes.text(r, "quarter").equals(quarter))
        .filter(r -> volumes.text(r, "spam_type").equals(type))
        .findFirst()
        .orElseThrow();
  }

  private static ReportDocument.Table tableStarting(ReportDocument doc, String title) {
    return doc.tables().stream()
        .filter(t -> t.title().startsWith(title))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no table " + title));
  }

  private static ReportDocument.Table table(ReportDocument doc, String title) {
    return doc.tables().stream().filter(t -> t.title().equals(title)).findFirst().orElseThrow();
  }

  static byte[] docx(ReportDocument doc, Labels labels) {
    return new DocxWriter(labels).write(doc, pngs(doc, labels), Instant.EPOCH);
  }

  /** PNGs by document: rendering at 300 dpi is the slow part, and equal documents draw alike. */
  private static final Map<ReportDocument, Map<String, byte[]>> PNGS = new java.util.HashMap<>();

  static synchronized Map<String, byte[]> pngs(ReportDocument doc, Labels labels) {
    return PNGS.computeIfAbsent(
        doc,
        d -> {
          ChartRenderer renderer = new ChartRenderer(labels.locale());
          Map<String, byte[]> pngs = new LinkedHashMap<>();
          d.figures().forEach(f -> pngs.put(f.chart().frame().id(), renderer.png(f.chart())));
          return pngs;
        });
  }

  /** The unit a table heading states: "Spam detected (millions)" is 1,000,000. */
  static double unitOf(String heading) {
    if (heading.endsWith("(billions)")) {
      return 1e9;
    }
    if (heading.endsWith("(millions)")) {
      return 1e6;
    }
    if (heading.endsWith("(thousands)")) {
      return 1e3;
    }
    return 1;
  }

  /** A number as the report prints it: "USD 1.8 million", "480,000", "12.3%". */
  static double parsePrinted(String printed) {
    String t = printed.replace("USD ", "").replace(",", "").trim();
    double factor = 1;
    for (Map.Entry<String, Double> w :
        Map.of(" thousand", 1e3, " million", 1e6, " billion", 1e9, " trillion", 1e12).entrySet()) {
      if (t.endsWith(w.getKey())) {
        factor = w.getValue();
        t = t.substring(0, t.length() - w.getKey().length());
      }
    }
    if (t.endsWith("%")) {
      return Double.parseDouble(t.substring(0, t.length() - 1)) / 100;
    }
    return Double.parseDouble(t) * factor;
  }

  /**
   * The printed number is the value rounded to three significant figures (or to the column's unit,
   * whichever is coarser), and no further from it than that rounding allows.
   */
  static void assertRounded(String printed, double unit, double actual) {
    double value = parsePrinted(printed) * unit;
    double magnitude = actual == 0 ? 0 : Math.pow(10, Math.floor(Math.log10(Math.abs(actual))) - 2);
    double tolerance = Math.max(unit / 2, magnitude / 2) * 1.0000001;
    assertThat(value).as(printed).isCloseTo(actual, within(tolerance));
  }

  static List<List<List<String>>> docxTables(byte[] docx) throws IOException {
    try (XWPFDocument word = new XWPFDocument(new ByteArrayInputStream(docx))) {
      List<List<List<String>>> out = new ArrayList<>();
      // The first two tables are the first-page block and the cover table.
      for (XWPFTable t : word.getTables().subList(2, word.getTables().size())) {
        out.add(
            t.getRows().stream()
                .map(r -> r.getTableCells().stream().map(c -> c.getText()).toList())
                .toList());
      }
      return out;
    }
  }

  static Map<String, byte[]> zipEntries(byte[] zip) throws IOException {
    Map<String, byte[]> out = new java.util.TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }
}
