package org.spamtraffic.report.table;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.spamtraffic.output.SpreadsheetText;
import org.spamtraffic.report.chart.ChartData;
import org.spamtraffic.report.data.ReportTable;
import org.spamtraffic.schema.TableContract;

/**
 * A published table as CSV: UTF-8, comma, LF, a header of contract column names, rows in the
 * table's sorted order, numbers in plain notation with full precision (no thousands separators, no
 * rounding), so that the same table always gives the same bytes. Withheld cells are empty; the
 * table's own {@code suppressed} and {@code suppression_reason} columns say why.
 */
public final class CsvTables {
  private CsvTables() {}

  /** The table as CSV text. */
  public static String csv(ReportTable table) {
    StringBuilder out = new StringBuilder();
    List<TableContract.Column> columns = table.columns();
    for (int c = 0; c < columns.size(); c++) {
      out.append(c == 0 ? "" : ",").append(quote(columns.get(c).name()));
    }
    out.append('\n');
    for (List<Object> row : table.rows()) {
      for (int c = 0; c < columns.size(); c++) {
        out.append(c == 0 ? "" : ",").append(quote(cell(row.get(c))));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** The table as UTF-8 bytes. */
  public static byte[] bytes(ReportTable table) {
    return csv(table).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * One value as CSV text: plain numbers, ISO dates, lists joined with semicolons; text a
   * spreadsheet would run as a formula neutralised ({@link SpreadsheetText}: names in the tables
   * come from operators' files).
   */
  public static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      return ChartData.number(d);
    }
    if (value instanceof Float f) {
      return ChartData.number(f.doubleValue());
    }
    if (value instanceof Number n) {
      return n.toString(); // a number is never neutralised: -3 stays a number
    }
    if (value instanceof List<?> list) {
      return SpreadsheetText.neutralised(
          String.join(";", list.stream().map(String::valueOf).toList()));
    }
    return SpreadsheetText.neutralised(value.toString());
  }

  private static String quote(String cell) {
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
      return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
    return cell;
  }
}
