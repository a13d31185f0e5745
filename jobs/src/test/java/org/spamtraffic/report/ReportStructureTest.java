package org.spamtraffic.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spamtraffic.report.chart.CategoryChart;
import org.spamtraffic.report.document.Labels;
import org.spamtraffic.report.document.ReportDocument;

/**
 * The draft reads right once rendered, as a report writer sees it: the .docx converted to PDF by
 * LibreOffice (headless), read back page by page with poppler's pdftotext, and every page kept as a
 * PNG under {@code target/report-structure/} (CI keeps them as artifacts). Fails, never skips, when
 * LibreOffice or poppler is missing: {@code apt-get install libreoffice-writer-nogui
 * poppler-utils}.
 */
class ReportStructureTest {
  private static final Path OUT = Path.of("target", "report-structure");
  private static final Labels EN = Labels.of("en");
  private static ReportDocument doc;
  private static List<String> pages;

  @BeforeAll
  static void render() throws Exception {
    doc =
        StudyReport.build(
            Fixtures.all(),
            EN,
            new StudyReport.Parameters("test", 7, "2026-01-15", List.of("KEN")));
    Files.createDirectories(OUT);
    Path docx = OUT.resolve("report.docx");
    Files.write(docx, ReportContentTest.docx(doc, EN));
    Path profile = Files.createTempDirectory("lo-profile");
    ExternalTool.run(
        "soffice",
        "--headless",
        "-env:UserInstallation=" + profile.toUri(),
        "--convert-to",
        "pdf",
        "--outdir",
        OUT.toString(),
        docx.toString());
    Path pdf = OUT.resolve("report.pdf");
    assertThat(pdf).exists();
    ExternalTool.run(
        "pdftoppm", "-r", "60", "-png", pdf.toString(), OUT.resolve("page").toString());
    ExternalTool.run("pdftotext", "-layout", pdf.toString(), OUT.resolve("report.txt").toString());
    String text = Files.readString(OUT.resolve("report.txt"), StandardCharsets.UTF_8);
    pages = List.of(text.split("\f"));
  }

  @Test
  void theFirstPageHasTheHeaderBlockAndTheCoverTable() {
    String first = pages.get(0).replaceAll("\\s+", " ");
    assertThat(first)
        .contains("TELECOMMUNICATION STANDARDIZATION SECTOR", "STUDY PERIOD", "TSAG-TD[xxx]");
    for (String field :
        List.of("Source:", "Title:", "Purpose:", "Contact:", "Keywords:", "Abstract:")) {
      assertThat(first).as(field).contains(field);
    }
    assertThat(first).contains("(3 of 194 ITU Member States)");
  }

  @Test
  void pagesAreNumberedOnceAndTheContentsGiveTheRightPages() {
    for (int i = 1; i < pages.size() - 1; i++) {
      String number = Integer.toString(i + 1);
      assertThat(pages.get(i))
          .as("page header of page " + number)
          .containsPattern("-\\s*" + number + "\\s*-");
      // The number once, in the header: no footer repeats it on a line of its own.
      assertThat(lines(pages.get(i)))
          .as("page " + number + " has its number on a line of its own (a footer)")
          .noneMatch(l -> l.trim().equals(number));
    }
    // "3 Findings by spam type ........ 4": the heading is on page 4.
    Pattern entry = Pattern.compile("^\\s*(\\d+|Annex [A-Z]) (.+?)\\s*\\.{3,}\\s*(\\d+)\\s*$");
    int checked = 0;
    for (String line : (pages.get(0) + "\n" + pages.get(1)).split("\n")) {
      Matcher m = entry.matcher(line);
      if (m.matches() && !m.group(1).startsWith("Annex")) {
        String heading = m.group(1) + " " + m.group(2).trim();
        int page = Integer.parseInt(m.group(3));
        assertThat(lines(pages.get(page - 1)))
            .as(heading + " on page " + page)
            .anyMatch(l -> l.trim().equals(heading));
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(10);
  }

  @Test
  void headingsAreNumberedAndNoneIsStrandedAtTheFootOfAPage() {
    String all = String.join("\n", pages);
    for (String heading :
        List.of(
            "1 Summary of findings",
            "2 Method and coverage",
            "9 Conclusions and proposals",
            "10 References",
            "11 Abbreviations",
            "Annex A – Participation and coverage",
            "Annex B – Methodology details",
            "Annex D – Country profile: Kenya")) {
      assertThat(all).as(heading).contains(heading);
    }
    Pattern numbered = Pattern.compile("^(\\d+(\\.\\d+)?|Annex [A-Z] –) [A-Z].*");
    for (int i = 1; i < pages.size(); i++) {
      List<String> body = lines(pages.get(i));
      if (body.size() < 2) {
        continue;
      }
      // The page number is in the header: the last line is the last line of text.
      String last = body.get(body.size() - 1).trim();
      assertThat(numbered.matcher(last).matches() && !last.contains("...."))
          .as("page " + (i + 1) + " ends with a heading: " + last)
          .isFalse();
    }
  }

  @Test
  void everyFigureAndTableIsReferredToInTheText() {
    assertThat(doc.unreferenced()).isEmpty();
    String all = String.join("\n", pages).replaceAll("[\\s\\u00a0]+", " ");
    for (int n = 1; n <= doc.figures().size(); n++) {
      assertThat(count(all, "Figure " + n + "\\b")).as("Figure " + n).isGreaterThanOrEqualTo(2);
    }
    for (int n = 1; n <= doc.tables().size(); n++) {
      assertThat(count(all, "Table " + n + "\\b")).as("Table " + n).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void noRawCodeOrInternalNameReachesTheReader() {
    String all = String.join("\n", pages);
    Matcher snake = Pattern.compile("\\b[a-z0-9]+(_[a-z0-9]+)+\\b").matcher(all);
    List<String> codes = new ArrayList<>();
    while (snake.find()) {
      codes.add(snake.group());
    }
    assertThat(codes).as("codes in the text").isEmpty();
    for (String code : List.of("KEN", "DEU", "ZAF", "warehouse", "commit")) {
      assertThat(count(all, "\\b" + code + "\\b")).as(code).isZero();
    }
    // "World" only in names (World Summit..., World, all ITU Member States), never as an area.
    assertThat(count(all, "\\bWorld\\b(?!, all| Summit| Telecommunication)")).as("World").isZero();
    assertThat(all.toLowerCase(Locale.ROOT)).doesNotContain("suppressed");
  }

  @Test
  void noChartIsEmpty() {
    for (ReportDocument.Figure f : doc.figures()) {
      if (f.chart() instanceof CategoryChart c) {
        assertThat(c.hasValues()).as(f.id()).isTrue();
      }
      if (f.chart() instanceof org.spamtraffic.report.chart.MapChart m) {
        // A map of who took part holds countries, not figure cells.
        assertThat(m.hasCountries()).as(f.id()).isTrue();
      } else {
        assertThat(f.cells()).as(f.id()).isPositive();
      }
    }
  }

  private static List<String> lines(String page) {
    return List.of(page.split("\n")).stream().filter(l -> !l.isBlank()).toList();
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
