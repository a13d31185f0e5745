package org.spamtraffic.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spamtraffic.report.chart.CategoryChart;
import org.spamtraffic.report.chart.Chart;
import org.spamtraffic.report.chart.FlowChart;
import org.spamtraffic.report.chart.HeatMapChart;
import org.spamtraffic.report.chart.RangeChart;
import org.spamtraffic.report.chart.TornadoChart;
import org.spamtraffic.report.chart.ValueFormat;
import org.spamtraffic.report.document.Labels;
import org.spamtraffic.report.document.Printed;
import org.spamtraffic.report.document.ReportDocument;
import org.spamtraffic.report.table.WorkbookWriter;

/**
 * The draft in each of the six languages as its reader meets it: every text of the document and of
 * its charts (titles, axes, legends, categories, source lines) in the language, numbers as CLDR
 * writes them, Arabic right to left, and the Arabic and Chinese drafts rendered by LibreOffice with
 * fonts that have their scripts (pages kept as PNG under {@code target/report-languages/}). Fails,
 * never skips, when LibreOffice, poppler or the Noto fonts are missing.
 */
class ReportLanguagesTest {
  private static final Path OUT = Path.of("target", "report-languages");

  /**
   * Latin words that may stay in a draft in Arabic, Chinese or Russian: abbreviations ITU keeps in
   * every language, file and command names the reader types, and the document number placeholder.
   */
  private static final Set<String> LATIN_KEPT =
      Set.of(
          "TSAG",
          "SMS",
          "README",
          "xlsx",
          "tables",
          "csv",
          "spamtraffic",
          "study",
          "WSIS",
          "WTSA",
          "WTDC",
          "USD",
          "ITU",
          "CIRT",
          // The abbreviations table lists the Latin abbreviations ITU uses in every language.
          "LLDC",
          "SIDS",
          // The name of the investment model's parameter file, an identifier.
          "default",
          // The name of the map's boundary data set (Natural Earth), cited as its makers name it.
          "Natural",
          "Earth");

  /** English words that no French or Spanish text of the draft has. */
  private static final Set<String> ENGLISH_WORDS =
      Set.of(
          "the",
          "and",
          "with",
          "which",
          "from",
          "withheld",
          "detected",
          "reporting",
          "countries",
          "share",
          "quarter",
          "blocked",
          "need",
          "gap");

  private static ReportDocument draft(String language) {
    return StudyReport.build(
        Fixtures.all(),
        Labels.of(language),
        new StudyReport.Parameters("test", 7, "2026-01-15", List.of("KEN")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ar", "zh", "ru"})
  void noEnglishIsLeftInADraftInAnotherScript(String language) {
    List<String> left = new ArrayList<>();
    Pattern latin = Pattern.compile("[A-Za-z]{4,}");
    for (String text : texts(draft(language), Labels.of(language))) {
      // File names and the commands the reader types are kept as they are.
      String checked = text.replaceAll("bin/spamtraffic|tables/\\*\\.csv|tables\\.xlsx", "");
      Matcher m = latin.matcher(checked);
      while (m.find()) {
        if (!LATIN_KEPT.contains(m.group())) {
          left.add(m.group() + " in: " + text);
        }
      }
    }
    assertThat(left).as("English words in the %s draft", language).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"fr", "es"})
  void noEnglishIsLeftInAFrenchOrSpanishDraft(String language) {
    Set<String> left = new TreeSet<>();
    for (String text : texts(draft(language), Labels.of(language))) {
      String lower = text.toLowerCase(Locale.ROOT);
      for (String word : ENGLISH_WORDS) {
        if (Pattern.compile("\\b" + word + "\\b").matcher(lower).find()) {
          left.add(word + " in: " + text);
        }
      }
    }
    assertThat(left).as("English words in the %s draft", language).isEmpty();
  }

  @Test
  void quartersAreWrittenAsEachLanguageWritesThem() {
    assertThat(Labels.of("en").period("2025-Q4")).isEqualTo("2025-Q4");
    assertThat(Labels.of("fr").period("2025-Q4")).isEqualTo("T4 2025");
    assertThat(Labels.of("zh").period("2025-Q4")).isEqualTo("2025年第4季度");
    assertThat(Labels.of("fr").format("volumes.world.caption", "2025-Q4")).endsWith("T4 2025");
    assertThat(String.join("\n", texts(draft("fr"), Labels.of("fr")))).doesNotContain("2025-Q4");
  }

  @Test
  void numbersAreWrittenAsEachLanguageWritesThem() {
    assertThat(printed("en").number(4.92e9, ValueFormat.COUNT)).isEqualTo("4.92 billion");
    assertThat(printed("fr").number(4.92e9, ValueFormat.COUNT)).isEqualTo("4,92 milliards");
    assertThat(printed("es").number(4.92e9, ValueFormat.COUNT)).isEqualTo("4,92 mil millones");
    assertThat(printed("ru").number(4.92e9, ValueFormat.COUNT)).isEqualTo("4,92 миллиарда");
    assertThat(printed("zh").number(4.92e9, ValueFormat.COUNT)).isEqualTo("49.2亿");
    assertThat(printed("fr").number(0.467, ValueFormat.PERCENT)).isEqualTo("46,7\u00a0%");
    assertThat(printed("ar").number(0.467, ValueFormat.PERCENT)).contains("46.7").contains("%");
    assertThat(printed("fr").wholePercent(0.85)).isEqualTo("85\u00a0%");
  }

  @Test
  void theArabicDraftAndWorkbookRunRightToLeft() throws IOException {
    Labels ar = Labels.of("ar");
    ReportDocument doc = draft("ar");
    try (XWPFDocument docx =
        new XWPFDocument(new ByteArrayInputStream(ReportContentTest.docx(doc, ar)))) {
      String styles = docx.getStyles().getCtStyles().xmlText();
      assertThat(styles).contains("<w:bidi/>").contains("w:val=\"ar\"");
      assertThat(docx.getTables()).isNotEmpty();
      for (XWPFTable t : docx.getTables()) {
        assertThat(t.getCTTbl().getTblPr().isSetBidiVisual()).as("table mirrored").isTrue();
      }
    }
    byte[] xlsx =
        new WorkbookWriter(ar)
            .write(List.of(Fixtures.volumes(), Fixtures.coverage()), "t", Instant.EPOCH);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      for (int i = 0; i < wb.getNumberOfSheets(); i++) {
        assertThat(wb.getSheetAt(i).isRightToLeft()).as(wb.getSheetName(i)).isTrue();
      }
      assertThat(wb.getProperties().getCoreProperties().getUnderlyingProperties())
          .extracting(p -> p.getLanguageProperty().orElse(""))
          .isEqualTo("ar");
    }
    try (XWPFDocument docx =
        new XWPFDocument(
            new ByteArrayInputStream(ReportContentTest.docx(draft("en"), Labels.of("en"))))) {
      assertThat(docx.getStyles().getCtStyles().xmlText())
          .doesNotContain("<w:bidi/>")
          .contains("w:val=\"en-GB\"");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ar", "zh"})
  void arabicAndChineseDraftsRenderWithFontsOfTheirScript(String language) throws Exception {
    Labels labels = Labels.of(language);
    Path dir = OUT.resolve(language);
    Files.createDirectories(dir);
    Path docx = dir.resolve("report.docx");
    Files.write(docx, ReportContentTest.docx(draft(language), labels));
    Path profile = Files.createTempDirectory("lo-profile");
    ExternalTool.run(
        "soffice",
        "--headless",
        "-env:UserInstallation=" + profile.toUri(),
        "--convert-to",
        "pdf",
        "--outdir",
        dir.toString(),
        docx.toString());
    Path pdf = dir.resolve("report.pdf");
    assertThat(pdf).exists();
    ExternalTool.run(
        "pdftoppm", "-r", "60", "-l", "4", "-png", pdf.toString(), dir.resolve("page").toString());
    String fonts = ExternalTool.run("pdffonts", pdf.toString());
    String wanted = language.equals("ar") ? "NotoNaskhArabic" : "NotoSansCJK";
    assertThat(fonts)
        .as("fonts embedded in the %s draft (fonts-noto-core, fonts-noto-cjk)", language)
        .contains(wanted);
    String first = ExternalTool.run("pdftotext", "-l", "1", pdf.toString(), "-");
    assertThat(first).contains(language.equals("ar") ? "الاتحاد" : "国际电信联盟");
  }

  private static Printed printed(String language) {
    return new Printed(Labels.of(language));
  }

  /** Every text a reader of the draft sees: cover, headings, paragraphs, tables, charts. */
  static List<String> texts(ReportDocument doc, Labels labels) {
    List<String> out = new ArrayList<>();
    out.addAll(doc.cover().fields().keySet());
    out.addAll(doc.cover().fields().values());
    doc.allSections()
        .forEach(
            s -> {
              out.add(s.heading());
              for (ReportDocument.Block b : s.blocks()) {
                blockTexts(doc, b, labels, out);
              }
            });
    return out.stream().filter(t -> t != null && !t.isBlank()).toList();
  }

  private static void blockTexts(
      ReportDocument doc, ReportDocument.Block b, Labels labels, List<String> out) {
    if (b instanceof ReportDocument.Paragraph p) {
      out.add(doc.resolve(p.text(), labels));
    } else if (b instanceof ReportDocument.Subheading h) {
      out.add(h.text());
    } else if (b instanceof ReportDocument.Bullets l) {
      l.items().forEach(i -> out.add(doc.resolve(i, labels)));
    } else if (b instanceof ReportDocument.Numbered n) {
      out.addAll(n.items());
    } else if (b instanceof ReportDocument.Editable e) {
      out.add(doc.resolve(e.text(), labels));
    } else if (b instanceof ReportDocument.Missing m) {
      out.add(doc.resolve(m.text(), labels));
    } else if (b instanceof ReportDocument.Table t) {
      out.add(t.title());
      out.add(t.note());
      out.addAll(t.header());
      t.rows().forEach(r -> r.forEach(c -> out.add(doc.resolve(c, labels))));
    } else if (b instanceof ReportDocument.Figure f) {
      out.add(f.caption());
      chartTexts(f.chart(), out);
    }
  }

  private static void chartTexts(Chart chart, List<String> out) {
    out.add(chart.frame().title());
    out.add(chart.frame().source());
    if (chart instanceof CategoryChart c) {
      out.add(c.categoryAxis());
      out.add(c.valueAxis());
      out.addAll(c.categories());
      c.series().forEach(s -> out.add(s.name()));
    } else if (chart instanceof RangeChart r) {
      out.add(r.categoryAxis());
      out.add(r.valueAxis());
      out.addAll(r.categories());
      r.series().forEach(s -> out.add(s.name()));
    } else if (chart instanceof TornadoChart t) {
      out.add(t.valueAxis());
      out.add(t.lowLabel());
      out.add(t.highLabel());
      t.bars().forEach(b -> out.add(b.parameter()));
    } else if (chart instanceof HeatMapChart h) {
      out.add(h.rowAxis());
      out.add(h.columnAxis());
      out.addAll(h.rows());
      out.addAll(h.columns());
    } else if (chart instanceof org.spamtraffic.report.chart.MapChart m) {
      m.classes().forEach(c -> out.add(c.label()));
      out.add(m.others());
    } else if (chart instanceof FlowChart f) {
      out.add(f.unit());
      f.flows()
          .forEach(
              x -> {
                out.add(x.source());
                out.add(x.via());
                out.add(x.destination());
              });
    }
  }
}
