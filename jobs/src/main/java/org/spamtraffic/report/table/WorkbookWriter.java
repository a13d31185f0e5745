package org.spamtraffic.report.table;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.spamtraffic.report.chart.ValueFormat;
import org.spamtraffic.report.data.ReportTable;
import org.spamtraffic.report.document.Labels;
import org.spamtraffic.report.document.ReportDocument;
import org.spamtraffic.schema.TableContract;

/**
 * Writes the published tables as one XLSX workbook: a README sheet saying what each sheet holds
 * (from the table contracts), then one sheet per table of the report draft ("Table 1", "Table
 * 2"...: its title, headings, labels and rounding exactly as the draft prints them, numbers as
 * numbers in the same rounding, withheld cells marked, the table's note under it), then one sheet
 * per published table with a bold, filled, frozen header row, an auto-filter, number formats per
 * column (counts with thousands separators, shares as %), column widths that fit, and withheld
 * cells grey with the word "suppressed". Arabic sheets run right to left. What each table and
 * column holds is the contract's text in the workbook's language ({@link ContractTexts}).
 */
public final class WorkbookWriter {
  /**
   * The README's column widths, in characters: sheet, what it holds, one row is, rows, withheld
   * cells, share withheld.
   */
  private static final int[] README_WIDTHS = {28, 60, 44, 10, 18, 18};

  /** Widest column, in characters: longer text wraps in the cell. */
  private static final int MAX_WIDTH = 48;

  /** The sheet name of the README. */
  public static final String README = "README";

  private final Labels labels;
  private final ContractTexts contracts;

  /** A writer whose README speaks {@code labels}' language. */
  public WorkbookWriter(Labels labels) {
    this.labels = labels;
    this.contracts = ContractTexts.of(org.spamtraffic.language.Language.of(labels.language()));
  }

  /**
   * The workbook of {@code tables}, in the order given.
   *
   * @param title first line of the README
   * @param createdAt recorded as the workbook's creation time (the warehouse commit time, so that
   *     the same inputs give the same properties)
   */
  public byte[] write(List<ReportTable> tables, String title, Instant createdAt) {
    return write(null, tables, title, createdAt);
  }

  /**
   * The workbook of the draft's tables, then {@code tables}, in the order given.
   *
   * @param report the draft whose tables get a sheet each (null for none)
   * @param title first line of the README
   * @param createdAt recorded as the workbook's creation time
   */
  public byte[] write(
      ReportDocument report, List<ReportTable> tables, String title, Instant createdAt) {
    try (XSSFWorkbook wb = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      wb.getProperties().getCoreProperties().setCreated(Optional.of(Date.from(createdAt)));
      wb.getProperties().getCoreProperties().setCreator("spamtraffic");
      wb.getProperties()
          .getCoreProperties()
          .getUnderlyingProperties()
          .setLanguageProperty(labels.documentTag());
      Styles styles = new Styles(wb);
      List<ReportDocument.Table> shown = report == null ? List.of() : report.tables();
      readme(wb, styles, shown, tables, title);
      for (int i = 0; i < shown.size(); i++) {
        reportSheet(wb, styles, report, i + 1, shown.get(i));
      }
      for (ReportTable table : tables) {
        sheet(wb, styles, table);
      }
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the workbook", e);
    }
  }

  /** The sheet name of {@code table} (Excel allows 31 characters). */
  public static String sheetName(ReportTable table) {
    String name = table.name();
    return name.length() <= 31 ? name : name.substring(0, 31);
  }

  /** The sheet name of the draft's table {@code number}: "Table 3" in the report's language. */
  public String reportSheetName(int number) {
    String name = labels.get("table") + " " + number;
    return name.length() <= 31 ? name : name.substring(0, 31);
  }

  private void readme(
      XSSFWorkbook wb,
      Styles styles,
      List<ReportDocument.Table> shown,
      List<ReportTable> tables,
      String title) {
    XSSFSheet sheet = wb.createSheet(README);
    sheet.setRightToLeft(labels.rightToLeft());
    int r = 0;
    Cell t = sheet.createRow(r++).createCell(0);
    t.setCellValue(title);
    t.setCellStyle(styles.title);
    for (String line : List.of(labels.get("workbook.intro"), labels.get("workbook.suppressed"))) {
      Row row = sheet.createRow(r);
      text(row, 0, line, styles.wrap);
      // Across the README's columns, two lines high, so that it reads on screen and on paper.
      sheet.addMergedRegion(new CellRangeAddress(r, r, 0, 4));
      row.setHeightInPoints(30);
      r++;
    }
    r++;
    String[] header = {
      labels.get("workbook.sheet"),
      labels.get("workbook.holds"),
      labels.get("workbook.row"),
      labels.get("workbook.rows"),
      labels.get("workbook.withheld"),
      labels.get("workbook.withheld-share")
    };
    headerFitted(sheet.createRow(r++), header, styles);
    for (int i = 0; i < shown.size(); i++) {
      Row row = sheet.createRow(r++);
      text(row, 0, reportSheetName(i + 1), styles.wrap);
      text(row, 1, shown.get(i).title(), styles.wrap);
      text(row, 2, labels.get("workbook.report-table"), styles.wrap);
      fitHeight(row, shown.get(i).title(), "");
      number(row, 3, shown.get(i).rows().size(), styles.countTop);
      number(row, 4, shown.get(i).withheldCells(labels.get("suppressed")), styles.countTop);
    }
    for (ReportTable table : tables) {
      Row row = sheet.createRow(r++);
      text(row, 0, sheetName(table), styles.wrap);
      String holds = contracts.description(table.contract());
      String oneRow = contracts.row(table.contract());
      text(row, 1, holds, styles.wrap);
      text(row, 2, oneRow, styles.wrap);
      fitHeight(row, holds, oneRow);
      number(row, 3, table.size(), styles.countTop);
      number(row, 4, table.withheldFigureCells(), styles.countTop);
      if (table.disclosureControlled() && table.figureCells() > 0) {
        // The share of the table's figure cells withheld (rows left out whole included).
        Cell share = row.createCell(5);
        share.setCellValue(table.withheldShare());
        share.setCellStyle(styles.shareTop);
      }
    }
    r++;
    headerFitted(
        sheet.createRow(r++),
        new String[] {
          labels.get("workbook.column"),
          labels.get("workbook.description"),
          labels.get("workbook.sheet")
        },
        styles);
    for (ReportTable table : tables) {
      for (TableContract.Column c : table.columns()) {
        Row row = sheet.createRow(r++);
        // The description in the wide column: it is what people read.
        text(row, 0, c.name(), styles.wrap);
        String description = contracts.column(table.contract(), c);
        text(row, 1, description, styles.wrap);
        text(row, 2, sheetName(table), styles.wrap);
        fitHeight(row, description, "");
      }
    }
    for (int c = 0; c < README_WIDTHS.length; c++) {
      sheet.setColumnWidth(c, README_WIDTHS[c] * 256);
    }
    printLayout(sheet, 1);
  }

  /**
   * A README header row, as tall as its longest wrapped label: a label wider than its column
   * ("Proporción reservada" in the 18-wide column F) wraps, and at the default height LibreOffice
   * drew its first line over the row above.
   */
  private void headerFitted(Row row, String[] names, Styles styles) {
    header(row, names, styles);
    int lines = 1;
    for (int c = 0; c < names.length; c++) {
      // One character less than the column: the bold header font is wider than the body's.
      lines = Math.max(lines, lines(names[c], README_WIDTHS[c] - 1));
    }
    float height = lines * lineHeight();
    row.setHeightInPoints(Math.max(row.getSheet().getDefaultRowHeightInPoints(), height));
  }

  /**
   * Row height for wrapped text in README columns 1 and 2 (60 and 44 characters wide): spreadsheet
   * programs do not all grow rows to fit wrapped text on opening, so the height is set here.
   */
  private void fitHeight(Row row, String wide, String narrow) {
    int lines = Math.max(1, Math.max(lines(wide, 68), lines(narrow, 50)));
    row.setHeightInPoints(lines * lineHeight());
  }

  /** The height of one wrapped line of the README, in points. */
  private float lineHeight() {
    // Chinese and Arabic glyphs (Noto Sans CJK, Noto Sans Arabic) need taller lines than Latin:
    // at Latin spacing LibreOffice cut the last lines of a Chinese description off.
    boolean tall = labels.rightToLeft() || labels.language().equals("zh");
    return tall ? 16.5f : 12.75f;
  }

  private static int lines(String text, int width) {
    return org.spamtraffic.output.WrappedText.lines(text, width);
  }

  /**
   * Landscape A4, {@code pagesWide} pages across, as many down as needed, header row repeated: a
   * sheet printed or saved as PDF stays legible instead of one column per page.
   */
  private static void printLayout(XSSFSheet sheet, int pagesWide) {
    sheet.setFitToPage(true);
    sheet.setAutobreaks(true);
    sheet.getPrintSetup().setLandscape(true);
    sheet.getPrintSetup().setPaperSize(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE);
    sheet.getPrintSetup().setFitWidth((short) pagesWide);
    sheet.getPrintSetup().setFitHeight((short) 0);
  }

  private void sheet(XSSFWorkbook wb, Styles styles, ReportTable table) {
    XSSFSheet sheet = wb.createSheet(sheetName(table));
    sheet.setRightToLeft(labels.rightToLeft());
    List<TableContract.Column> columns = table.columns();
    int[] widths = new int[columns.size()];
    Row head = sheet.createRow(0);
    for (int c = 0; c < columns.size(); c++) {
      Cell cell = head.createCell(c);
      cell.setCellValue(columns.get(c).name());
      cell.setCellStyle(styles.header);
      widths[c] = columns.get(c).name().length() + 3; // room for the filter button
    }
    ValueFormat[] formats = new ValueFormat[columns.size()];
    java.text.NumberFormat[] shown = new java.text.NumberFormat[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      formats[c] = ColumnFormats.of(columns.get(c));
      shown[c] = formats[c] == null ? null : formats[c].cellFormat(java.util.Locale.ROOT);
    }
    int r = 1;
    for (List<Object> values : table.rows()) {
      Row row = sheet.createRow(r++);
      for (int c = 0; c < columns.size(); c++) {
        Cell cell = row.createCell(c);
        Object v = values.get(c);
        String printed;
        if (table.suppressed(values, c)) {
          cell.setCellValue(labels.get("workbook.suppressed-cell"));
          cell.setCellStyle(styles.suppressed);
          printed = labels.get("workbook.suppressed-cell");
        } else if (v == null) {
          cell.setBlank();
          printed = "";
        } else if (v instanceof Number n) {
          cell.setCellValue(n.doubleValue());
          cell.setCellStyle(styles.number(formats[c] == null ? ValueFormat.DECIMAL : formats[c]));
          printed = shown[c] == null ? n.toString() : shown[c].format(n);
        } else if (v instanceof Boolean b) {
          cell.setCellValue(b);
          printed = b.toString().toUpperCase(java.util.Locale.ROOT);
        } else if (v instanceof LocalDate d) {
          cell.setCellValue(d);
          cell.setCellStyle(styles.date);
          printed = "yyyy-mm-dd";
        } else if (v instanceof Instant i) {
          cell.setCellValue(i.toString());
          printed = i.toString();
        } else {
          printed = CsvTables.cell(v);
          cell.setCellValue(printed);
        }
        widths[c] = Math.max(widths[c], printed.length() + 1);
      }
    }
    int total = 0;
    for (int c = 0; c < columns.size(); c++) {
      int width = Math.min(MAX_WIDTH, Math.max(8, widths[c]));
      sheet.setColumnWidth(c, width * 256);
      total += width;
    }
    // About 150 characters fit across a landscape A4 page at a legible size.
    printLayout(sheet, Math.max(1, (total + 149) / 150));
    sheet.setRepeatingRows(new CellRangeAddress(0, 0, -1, -1));
    sheet.createFreezePane(0, 1);
    if (!columns.isEmpty()) {
      sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, columns.size() - 1));
    }
  }

  /**
   * One table of the draft as the draft prints it: the title line, the headings, the cells with
   * their labels and rounding (a printed number becomes a number cell showing the same digits), the
   * withheld cells marked, and the note under the table.
   */
  private void reportSheet(
      XSSFWorkbook wb, Styles styles, ReportDocument report, int number, ReportDocument.Table t) {
    XSSFSheet sheet = wb.createSheet(reportSheetName(number));
    sheet.setRightToLeft(labels.rightToLeft());
    Cell title = sheet.createRow(0).createCell(0);
    title.setCellValue(labels.get("table") + " " + number + " – " + t.title());
    title.setCellStyle(styles.title);
    int columns = t.header().size();
    int[] widths = new int[columns];
    Row head = sheet.createRow(1);
    for (int c = 0; c < columns; c++) {
      text(head, c, t.header().get(c), styles.header);
      widths[c] = Math.min(24, t.header().get(c).length() + 2);
    }
    PrintedCells cells = new PrintedCells(labels.locale());
    String withheld = labels.get("suppressed");
    int r = 2;
    for (List<String> values : t.rows()) {
      Row row = sheet.createRow(r++);
      for (int c = 0; c < columns; c++) {
        String shown = report.resolve(values.get(c), labels);
        Cell cell = row.createCell(c);
        widths[c] = Math.max(widths[c], shown.length() + 2);
        if (!t.numeric().get(c)) {
          // Text as the draft prints it, a formula-like name neutralised by the one rule.
          cell.setCellValue(org.spamtraffic.output.SpreadsheetText.neutralised(shown));
        } else if (shown.equals(withheld)) {
          cell.setCellValue(shown);
          cell.setCellStyle(styles.suppressed);
        } else if (shown.equals(org.spamtraffic.report.document.Printed.NONE)) {
          cell.setBlank();
        } else {
          Optional<PrintedCells.Value> value = cells.parse(shown);
          if (value.isPresent()) {
            cell.setCellValue(value.get().number());
            cell.setCellStyle(styles.excel(value.get().excelFormat()));
          } else {
            cell.setCellValue(shown);
            cell.setCellStyle(styles.right);
          }
        }
      }
    }
    if (!t.note().isEmpty()) {
      text(sheet.createRow(r + 1), 0, t.note(), styles.plain);
    }
    for (int c = 0; c < columns; c++) {
      sheet.setColumnWidth(c, Math.min(MAX_WIDTH, Math.max(8, widths[c])) * 256);
    }
    printLayout(sheet, 1);
    sheet.setRepeatingRows(new CellRangeAddress(1, 1, -1, -1));
    sheet.createFreezePane(0, 2);
  }

  private static void header(Row row, String[] names, Styles styles) {
    for (int c = 0; c < names.length; c++) {
      Cell cell = row.createCell(c);
      cell.setCellValue(names[c]);
      cell.setCellStyle(styles.header);
    }
  }

  private static void text(Row row, int column, String value, CellStyle style) {
    Cell cell = row.createCell(column);
    cell.setCellValue(value);
    cell.setCellStyle(style);
  }

  private static void number(Row row, int column, double value, CellStyle style) {
    Cell cell = row.createCell(column);
    cell.setCellValue(value);
    cell.setCellStyle(style);
  }

  /** Cell styles, created once per workbook (Excel limits their number). */
  private static final class Styles {
    final XSSFWorkbook wb;
    final CellStyle title;
    final CellStyle header;
    final CellStyle wrap;
    final CellStyle count;
    final CellStyle countTop;
    final CellStyle shareTop;
    final CellStyle date;
    final CellStyle suppressed;
    final CellStyle right;
    final CellStyle plain;
    final java.util.Map<ValueFormat, CellStyle> numbers =
        new java.util.EnumMap<>(ValueFormat.class);
    final java.util.Map<String, CellStyle> excel = new java.util.HashMap<>();

    Styles(XSSFWorkbook wb) {
      this.wb = wb;
      XSSFFont bold = wb.createFont();
      bold.setBold(true);
      bold.setFontHeightInPoints((short) 14);
      title = wb.createCellStyle();
      title.setFont(bold);

      XSSFFont white = wb.createFont();
      white.setBold(true);
      white.setColor(IndexedColors.WHITE.getIndex());
      XSSFCellStyle h = wb.createCellStyle();
      h.setFont(white);
      // ITU-ish dark blue, with white bold text: readable printed in grey too.
      h.setFillForegroundColor(new XSSFColor(new byte[] {0x1F, 0x4E, 0x79}, null));
      h.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      h.setVerticalAlignment(VerticalAlignment.CENTER);
      h.setWrapText(true);
      h.setBorderBottom(BorderStyle.THIN);
      header = h;

      wrap = wb.createCellStyle();
      wrap.setWrapText(true);
      wrap.setVerticalAlignment(VerticalAlignment.TOP);

      count = number(ValueFormat.COUNT);
      countTop = wb.createCellStyle();
      countTop.cloneStyleFrom(count);
      countTop.setVerticalAlignment(VerticalAlignment.TOP);
      shareTop = wb.createCellStyle();
      shareTop.cloneStyleFrom(number(ValueFormat.PERCENT));
      shareTop.setVerticalAlignment(VerticalAlignment.TOP);

      date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));

      XSSFFont grey = wb.createFont();
      grey.setItalic(true);
      grey.setColor(IndexedColors.GREY_80_PERCENT.getIndex());
      XSSFCellStyle s = wb.createCellStyle();
      s.setFont(grey);
      s.setFillForegroundColor(
          new XSSFColor(new byte[] {(byte) 0xD9, (byte) 0xD9, (byte) 0xD9}, null));
      s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      s.setAlignment(HorizontalAlignment.RIGHT);
      suppressed = s;

      right = wb.createCellStyle();
      right.setAlignment(HorizontalAlignment.RIGHT);
      plain = wb.createCellStyle();
    }

    /** A style with an Excel number format ("#,##0.0", "0.0%"), one per format. */
    CellStyle excel(String format) {
      return excel.computeIfAbsent(
          format,
          f -> {
            CellStyle style = wb.createCellStyle();
            style.setDataFormat(wb.createDataFormat().getFormat(f));
            return style;
          });
    }

    CellStyle number(ValueFormat format) {
      return numbers.computeIfAbsent(
          format,
          f -> {
            CellStyle style = wb.createCellStyle();
            style.setDataFormat(wb.createDataFormat().getFormat(f.excelFormat()));
            return style;
          });
    }
  }
}
