package org.spamtraffic.report.table;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spamtraffic.report.data.PublishedTables;
import org.spamtraffic.report.data.ReportTable;
import org.spamtraffic.report.document.Labels;
import org.spamtraffic.schema.TableContract;

/**
 * The analysts' workbook (tables.xlsx) in another language has no English description left: what
 * each published table holds, what one of its rows means and what each column holds are said in the
 * workbook's language, for every table a report may publish. Codes, column names and the values the
 * tables hold (low, base, high, email, unknown, "Reporting countries") stay as they are.
 */
class WorkbookLanguagesTest {
  /**
   * Latin words a description in Arabic, Chinese or Russian may keep: codes the tables hold
   * (levels, scenarios, measures, layers, methods, spam types, pillars), column names of one word,
   * and null.
   */
  private static final Set<String> CODES =
      Set.of(
          "null",
          "true",
          "x",
          "max",
          "low",
          "base",
          "high",
          "basis",
          "sum",
          "extrapolated",
          "reported",
          "known",
          "unknown",
          "technical",
          "institutional",
          "need",
          "gap",
          "existing",
          "country",
          "world",
          "group",
          "reporting",
          "ldc",
          "lldc",
          "sids",
          "developed",
          "developing",
          "email",
          "sms",
          "voice",
          "internet",
          "network",
          "asn",
          "equipment",
          "service",
          "filtering",
          "feedback",
          "pert",
          "triangular",
          "complementary",
          "dominance",
          "legislation",
          "partnerships",
          "education",
          "cooperation",
          "awareness",
          "method",
          "users",
          "count",
          "points",
          "respondents",
          "publishable",
          "coverage",
          "volumes",
          "routes",
          "sources",
          "investment",
          "estimate",
          "publish",
          "ingest",
          "survey",
          "qn");

  /**
   * Values of the tables written in English that a text quotes as they are (an area's name in the
   * data, the forecast's basis codes).
   */
  private static final List<String> QUOTED_VALUES =
      List.of("World (ITU Member States)", "Reporting countries", "trend and prior", "prior only");

  /** English words that no French or Spanish description has. */
  private static final Set<String> ENGLISH_WORDS =
      Set.of(
          "the",
          "and",
          "of",
          "when",
          "which",
          "with",
          "from",
          "each",
          "every",
          "only",
          "for",
          "by",
          "is",
          "are",
          "not",
          "its",
          "this",
          "that",
          "quarter",
          "share",
          "withheld",
          "suppressed",
          "operators",
          "countries",
          "published",
          "rows",
          "row");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"fr", "es", "ar", "zh", "ru"})
  void noEnglishDescriptionIsLeftInTheReadme(String language) throws IOException {
    List<ReportTable> tables = everyPublishableTable();
    List<String> english = descriptions(readme(Labels.of("en"), tables));
    List<String> translated = descriptions(readme(Labels.of(language), tables));
    assertThat(translated).hasSameSizeAs(english);
    List<String> left = new ArrayList<>();
    for (int i = 0; i < english.size(); i++) {
      String text = translated.get(i);
      // A formula over column names (count / respondents) reads the same in every language.
      if (text.equals(english.get(i)) && !englishWords(text, "ar").isEmpty()) {
        left.add("untranslated: " + text);
        continue;
      }
      for (String word : englishWords(text, language)) {
        left.add(word + " in: " + text);
      }
    }
    assertThat(left).as("English in the %s workbook's README", language).isEmpty();
  }

  /**
   * In Arabic and Chinese, whose glyphs stand taller than Latin ones, every README row of a table
   * or column description is tall enough for its wrapped lines at 1.4 times the 11-point font, so
   * that no description is cut or runs into the next row when printed.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ar", "zh"})
  void readmeRowsAreTallEnoughForTheirDescriptionsInTallScripts(String language)
      throws IOException {
    Sheet sheet = readme(Labels.of(language), everyPublishableTable());
    List<String> short_ = new ArrayList<>();
    for (Row row : sheet) {
      Cell b = row.getCell(1);
      if (b == null
          || b.getCellType() != CellType.STRING
          || !b.getCellStyle().getWrapText()
          || b.getCellStyle().getFillPattern() != FillPatternType.NO_FILL
          || row.getRowNum() < 3) {
        // Not a description: a heading row (filled, one short line) or the title and notes.
        continue;
      }
      // About 68 Latin characters fit on a line of the 60-wide column B, a Chinese one counts two.
      int width =
          b.getStringCellValue()
              .codePoints()
              .map(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN ? 2 : 1)
              .sum();
      int lines = (width + 67) / 68;
      if (row.getHeightInPoints() < lines * 11 * 1.4f) {
        short_.add("row " + (row.getRowNum() + 1) + " (" + row.getHeightInPoints() + " pt)");
      }
    }
    assertThat(short_).isEmpty();
  }

  /**
   * Every README header row is tall enough for its labels as they wrap in their columns (at 1.4
   * times the 11-point font in Arabic and Chinese, 1.15 times in the others): a label wider than
   * its column wraps, and a row left at the default height had LibreOffice draw the wrapped label
   * over the row above (the Chinese "不予公布的单元格" and "不予公布的比例").
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en", "fr", "es", "ar", "zh", "ru"})
  void readmeHeaderRowsAreTallEnoughForTheirWrappedLabels(String language) throws IOException {
    Sheet sheet = readme(Labels.of(language), everyPublishableTable());
    float line = 11 * (language.equals("ar") || language.equals("zh") ? 1.4f : 1.15f);
    List<String> short_ = new ArrayList<>();
    int headers = 0;
    for (Row row : sheet) {
      Cell first = row.getCell(0);
      if (first == null || first.getCellStyle().getFillPattern() == FillPatternType.NO_FILL) {
        continue;
      }
      headers++;
      for (Cell cell : row) {
        String label = cell.getStringCellValue();
        // The column's width in characters, less one for the bold font.
        int chars = sheet.getColumnWidth(cell.getColumnIndex()) / 256 - 1;
        int lines = org.spamtraffic.output.WrappedText.lines(label, chars);
        if (row.getHeightInPoints() < lines * line) {
          short_.add(
              String.format(
                  Locale.ROOT,
                  "row %d: '%s' takes %d lines of %d characters, the row is %.1f pt",
                  row.getRowNum() + 1,
                  label,
                  lines,
                  chars,
                  row.getHeightInPoints()));
        }
      }
    }
    assertThat(headers).isEqualTo(2);
    assertThat(short_).isEmpty();
  }

  /** One empty table per contract a report may publish: the README describes them all. */
  private static List<ReportTable> everyPublishableTable() throws IOException {
    List<ReportTable> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("..", "schemas", "tables"))) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString().replace(".schema.json", "");
        TableContract contract = TableContract.load(name);
        if (PublishedTables.mayRead(contract)) {
          out.add(ReportTable.of(contract, List.of()));
        }
      }
    }
    assertThat(out).hasSizeGreaterThanOrEqualTo(14);
    return out;
  }

  private static Sheet readme(Labels labels, List<ReportTable> tables) throws IOException {
    byte[] xlsx = new WorkbookWriter(labels).write(tables, "t", Instant.EPOCH);
    XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx));
    return wb.getSheet(WorkbookWriter.README);
  }

  /**
   * The README's description cells: columns B and C of the rows below the header rows (what a table
   * holds and what a row means; what a column holds).
   */
  private static List<String> descriptions(Sheet sheet) {
    List<String> out = new ArrayList<>();
    boolean body = false;
    for (Row row : sheet) {
      Cell first = row.getCell(0);
      if (first == null || first.getCellType() != CellType.STRING) {
        continue;
      }
      if (first.getCellStyle().getFillPattern()
          != org.apache.poi.ss.usermodel.FillPatternType.NO_FILL) {
        body = true; // a header row: the rows below it describe tables or columns
        continue;
      }
      if (!body) {
        continue;
      }
      for (int c = 1; c <= 2; c++) {
        Cell cell = row.getCell(c);
        if (cell != null && cell.getCellType() == CellType.STRING) {
          String text = cell.getStringCellValue();
          // The sheet-name column of the column table is a table name, not a description.
          if (!text.isEmpty() && !text.matches("[a-z0-9_]+")) {
            out.add(text);
          }
        }
      }
    }
    return out;
  }

  private static List<String> englishWords(String text, String language) {
    String t = text;
    for (String v : QUOTED_VALUES) {
      t = t.replace(v, " ");
    }
    List<String> left = new ArrayList<>();
    // Identifiers stay: column names, file names, codes with digits or dots
    // (spam_growth_rate.<type>).
    Matcher m = Pattern.compile("[\\w./*<>+-]+").matcher(t);
    while (m.find()) {
      String token = m.group();
      if (token.matches(".*[_./0-9*<>].*")) {
        continue;
      }
      Matcher w = Pattern.compile("[A-Za-z]+").matcher(token);
      while (w.find()) {
        String word = w.group();
        String lower = word.toLowerCase(Locale.ROOT);
        boolean english =
            switch (language) {
              case "ar", "zh", "ru" ->
                  !word.equals(word.toUpperCase(Locale.ROOT)) && !CODES.contains(lower);
              default -> ENGLISH_WORDS.contains(lower);
            };
        if (english) {
          left.add(word);
        }
      }
    }
    return left;
  }
}
