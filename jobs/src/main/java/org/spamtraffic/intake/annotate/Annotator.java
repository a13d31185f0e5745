package org.spamtraffic.intake.annotate;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.spamtraffic.intake.FileFormat;
import org.spamtraffic.intake.FileInspector;
import org.spamtraffic.intake.LocalCopy;
import org.spamtraffic.intake.ReturnFile;
import org.spamtraffic.intake.TextDecoding;
import org.spamtraffic.intake.WorkbookScan;
import org.spamtraffic.output.SpreadsheetText;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.schema.Rule;
import org.spamtraffic.validate.Finding;
import org.spamtraffic.validate.ValidationReport;

/**
 * Writes the operator's own workbook back with the checks on it: every cell a rule rejected filled
 * red, every warning yellow, each with a comment saying what is wrong and what is allowed (a
 * problem about a whole row sits on the row's first cell), and a summary sheet in front (rows read,
 * accepted, rejected, warnings, findings by rule with what each rule checks).
 *
 * <p>A small XLSX is copied with everything in it (formats, other sheets, formulas). A CSV, a
 * legacy XLS and a large XLSX (over {@link Options#copyLimitBytes}) are rebuilt as a new XLSX
 * holding the data sheet's rows as read (the CSV's original header and text), streamed with SXSSF,
 * so that a million-row file never sits in memory. Row numbers stay those of the original file, so
 * that the annotations match the messages of {@code validate} and the {@code rejects} table.
 *
 * <p>The findings come from {@link ValidationReport}: the same rules as {@code ingest-returns}.
 * When the report kept only its first findings ({@link ValidationReport#truncated()}), only those
 * are marked and the summary says so.
 */
public final class Annotator {
  /**
   * Options.
   *
   * @param copyLimitBytes largest XLSX copied whole with POI; larger ones are rebuilt by streaming
   */
  public record Options(long copyLimitBytes) {
    /** Workbooks up to 4 MiB (tens of thousands of rows) are copied whole. */
    public static final Options DEFAULT = new Options(4L << 20);
  }

  /**
   * What was written.
   *
   * @param out the annotated workbook
   * @param markedCells cells filled and commented
   * @param copied whether the operator's workbook was copied whole (else its rows were rebuilt)
   */
  public record Result(Path out, int markedCells, boolean copied) {}

  /** Name of the summary sheet put in front of the workbook. */
  public static final String SUMMARY_SHEET = "Checks";

  private static final String AUTHOR = "spamtraffic";

  private final Options options;

  /** An annotator with these options. */
  public Annotator(Options options) {
    this.options = options;
  }

  /**
   * Writes {@code report}'s file, annotated, to {@code out}. The report's file must be a local file
   * (a {@code file:} URI or a path).
   *
   * @throws IllegalArgumentException when the report's file is not on the local file system
   */
  public Result annotate(ValidationReport report, Path out) {
    ReturnFile file = report.file();
    Path source = localPath(file.uri());
    Marks marks = Marks.of(file, report.findings());
    // An error about the whole file (unreadable, not a table, a part that failed to parse...)
    // means no row was checked: there is nothing to mark cell by cell.
    boolean rowsChecked =
        file.readable()
            && file.format() != FileFormat.UNKNOWN
            && report.findings().stream().noneMatch(f -> f.row() == null && f.isError());
    java.io.File retyped = null;
    try {
      if (rowsChecked
          && file.format() == FileFormat.XLSX
          && file.findings().stream().anyMatch(f -> "file.iso_dates".equals(f.rule()))) {
        // The same retyped copy the checks read: the streaming reader gives up on ISO date cells.
        retyped = LocalCopy.withoutIsoDateCells(source.toFile());
        source = retyped.toPath();
      }
      if (rowsChecked && file.format() == FileFormat.XLSX && copiesWhole(source)) {
        try {
          return copyWorkbook(report, source, marks, out);
        } catch (IOException | RuntimeException | StackOverflowError e) {
          // POI refuses some parts the streaming reader accepts. The rows can still be shown,
          // rebuilt from the streaming reader.
        }
      }
      if (rowsChecked) {
        try {
          return rebuild(report, source, marks, out);
        } catch (IOException | RuntimeException | StackOverflowError e) {
          // The rows were read once for the checks; if they cannot be read again, the summary
          // still tells the operator what was found.
        }
      }
      try (SXSSFWorkbook wb = new SXSSFWorkbook(100)) {
        new Summary(report, false).write(wb, wb.createSheet(SUMMARY_SHEET));
        save(wb, out);
        wb.dispose();
      }
      return new Result(out, 0, false);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot annotate " + file.fileName() + ": " + e.getMessage(), e);
    } finally {
      LocalCopy.release(retyped);
    }
  }

  /**
   * Whether POI may load the workbook whole: small on disk and small inflated (POI's model takes
   * many times the XML's size; the inspection already refused anything worse than a large file).
   */
  private boolean copiesWhole(Path source) throws IOException {
    if (Files.size(source) > options.copyLimitBytes()) {
      return false;
    }
    WorkbookScan.Result scan = WorkbookScan.of(source.toFile(), FileInspector.Limits.DEFAULT);
    return !scan.refused()
        && scan.inflatedBytes() <= INFLATED_PER_COPIED_BYTE * options.copyLimitBytes();
  }

  /** Inflated bytes allowed per byte of {@link Options#copyLimitBytes} for a whole copy. */
  private static final long INFLATED_PER_COPIED_BYTE = 16;

  // ---- small XLSX: the operator's workbook itself ------------------------------------------

  private Result copyWorkbook(ValidationReport report, Path source, Marks marks, Path out)
      throws IOException {
    try (InputStream in = Files.newInputStream(source);
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      neutraliseFormulaText(wb);
      Sheet sheet = wb.getSheet(report.file().sheet());
      Painter painter = new Painter(wb, sheet, true);
      for (int r : marks.rows()) {
        Row row = sheet.getRow(r) == null ? sheet.createRow(r) : sheet.getRow(r);
        for (Marks.Mark m : marks.inRow(r).values()) {
          Cell cell = row.getCell(m.column());
          painter.paint(cell == null ? row.createCell(m.column()) : cell, m);
        }
      }
      Sheet summary = wb.createSheet(uniqueName(wb, SUMMARY_SHEET));
      new Summary(report, true).write(wb, summary);
      wb.setSheetOrder(summary.getSheetName(), 0);
      for (Sheet s : wb) {
        s.setSelected(false);
      }
      summary.setSelected(true);
      wb.setActiveSheet(0);
      save(wb, out);
    }
    return new Result(out, marks.count(), true);
  }

  /**
   * Text cells that a spreadsheet would run if edited are neutralised ({@link SpreadsheetText}).
   */
  private static void neutraliseFormulaText(Workbook wb) {
    for (Sheet sheet : wb) {
      for (Row row : sheet) {
        for (Cell cell : row) {
          if (cell.getCellType() == CellType.STRING
              && SpreadsheetText.isFormulaLike(cell.getStringCellValue())) {
            cell.setCellValue(SpreadsheetText.neutralised(cell.getStringCellValue()));
          }
        }
      }
    }
  }

  private static String uniqueName(Workbook wb, String name) {
    String candidate = name;
    for (int i = 2; wb.getSheet(candidate) != null; i++) {
      candidate = name + " " + i;
    }
    return candidate;
  }

  // ---- CSV, XLS, large XLSX: the rows rebuilt, streamed ------------------------------------

  private Result rebuild(ValidationReport report, Path source, Marks marks, Path out)
      throws IOException {
    ReturnFile file = report.file();
    try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
      wb.setCompressTempFiles(true);
      Sheet summary = wb.createSheet(SUMMARY_SHEET);
      String name = file.sheet() == null ? stripExtension(file.fileName()) : file.sheet();
      Sheet data = wb.createSheet(safeSheetName(name));
      Painter painter = new Painter(wb, data, false);
      RowWriter writer = new RowWriter(data, marks, painter);
      switch (file.format()) {
        case CSV -> csvRows(file, source, writer);
        case XLS -> xlsRows(file, source, writer);
        default -> xlsxRows(file, source, writer);
      }
      writer.finish();
      new Summary(report, false).write(wb, summary);
      summary.setSelected(true);
      wb.setActiveSheet(0);
      save(wb, out);
      wb.dispose();
    }
    return new Result(out, marks.count(), false);
  }

  /** Writes rows in order, marking their cells, and creating the empty cells that are marked. */
  private static final class RowWriter {
    private final Sheet sheet;
    private final Marks marks;
    private final Painter painter;
    private final java.util.Iterator<Integer> markedRows;
    private Integer nextMarked;

    RowWriter(Sheet sheet, Marks marks, Painter painter) {
      this.sheet = sheet;
      this.marks = marks;
      this.painter = painter;
      this.markedRows = marks.rows().iterator();
      this.nextMarked = markedRows.hasNext() ? markedRows.next() : null;
    }

    /** Writes row {@code index} (0-based, increasing) with its values (String, Double or null). */
    void write(int index, List<Object> values) {
      // Marked rows that the source does not hold (it should not happen) still get their marks.
      while (nextMarked != null && nextMarked < index) {
        writeRow(nextMarked, List.of());
      }
      writeRow(index, values);
    }

    private void writeRow(int index, List<Object> values) {
      Row row = sheet.createRow(index);
      for (int c = 0; c < values.size(); c++) {
        Object v = values.get(c);
        if (v instanceof Double d) {
          row.createCell(c).setCellValue(d);
        } else if (v != null) {
          row.createCell(c).setCellValue(SpreadsheetText.neutralised(v.toString()));
        }
      }
      if (nextMarked != null && nextMarked == index) {
        for (Marks.Mark m : marks.inRow(index).values()) {
          Cell cell = row.getCell(m.column());
          painter.paint(cell == null ? row.createCell(m.column()) : cell, m);
        }
        nextMarked = markedRows.hasNext() ? markedRows.next() : null;
      }
    }

    void finish() {
      while (nextMarked != null) {
        writeRow(nextMarked, List.of());
      }
    }
  }

  private static void csvRows(ReturnFile file, Path source, RowWriter writer) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(source), 1 << 16)) {
      skipBom(raw);
      CsvReader<CsvRecord> reader =
          CsvReader.builder()
              .fieldSeparator(file.delimiter())
              .quoteCharacter('"')
              .commentStrategy(CommentStrategy.NONE)
              .skipEmptyLines(false)
              .allowExtraFields(true)
              .allowMissingFields(true)
              .allowExtraCharsAfterClosingQuote(true)
              .ofCsvRecord(TextDecoding.reader(raw, Charset.forName(file.charset())));
      try (reader) {
        for (CsvRecord r : reader) {
          writer.write((int) r.getStartingLineNumber() - 1, List.copyOf(r.getFields()));
        }
      }
    }
  }

  private static void skipBom(InputStream in) throws IOException {
    // The same byte-order marks the CSV reader of ingest-returns skips.
    in.mark(4);
    int a = in.read();
    int b = in.read();
    int c = in.read();
    if (a == 0xEF && b == 0xBB && c == 0xBF) {
      return;
    }
    in.reset();
    if ((a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF)) {
      in.skipNBytes(2);
    }
  }

  private static void xlsRows(ReturnFile file, Path source, RowWriter writer) throws IOException {
    DataFormatter formatter = new DataFormatter(Locale.ROOT);
    try (InputStream in = Files.newInputStream(source);
        HSSFWorkbook wb = new HSSFWorkbook(in)) {
      for (Row row : wb.getSheet(file.sheet())) {
        List<Object> values = new java.util.ArrayList<>();
        for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
          Cell cell = row.getCell(c);
          if (cell == null) {
            values.add(null);
          } else if (cell.getCellType() == CellType.NUMERIC
              && !org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(cell)) {
            values.add(cell.getNumericCellValue());
          } else {
            values.add(formatter.formatCellValue(cell));
          }
        }
        writer.write(row.getRowNum(), values);
      }
    }
  }

  private static void xlsxRows(ReturnFile file, Path source, RowWriter writer) throws IOException {
    try (ReadableWorkbook wb = new ReadableWorkbook(source.toFile());
        Stream<org.dhatim.fastexcel.reader.Row> rows =
            wb.findSheet(file.sheet()).orElseThrow().openStream()) {
      for (org.dhatim.fastexcel.reader.Row row :
          (Iterable<org.dhatim.fastexcel.reader.Row>) rows::iterator) {
        List<Object> values = new java.util.ArrayList<>();
        for (int c = 0; c < row.getCellCount(); c++) {
          org.dhatim.fastexcel.reader.Cell cell = row.getCell(c);
          if (cell == null || cell.getRawValue() == null) {
            values.add(null);
          } else if (cell.getType() == org.dhatim.fastexcel.reader.CellType.NUMBER) {
            values.add(Double.parseDouble(cell.getRawValue()));
          } else {
            values.add(cell.getText());
          }
        }
        writer.write(row.getRowNum() - 1, values);
      }
    }
  }

  // ---- painting -----------------------------------------------------------------------------

  /** Fills and comments cells; keeps each cell's own format by deriving one style per original. */
  private static final class Painter {
    private final Workbook wb;
    private final Drawing<?> drawing;
    private final CreationHelper factory;
    private final boolean keepStyles;
    private final Map<String, CellStyle> styles = new HashMap<>();

    Painter(Workbook wb, Sheet sheet, boolean keepStyles) {
      this.wb = wb;
      this.drawing = sheet.createDrawingPatriarch();
      this.factory = wb.getCreationHelper();
      this.keepStyles = keepStyles;
    }

    void paint(Cell cell, Marks.Mark mark) {
      boolean error = mark.hasError();
      CellStyle base = keepStyles ? cell.getCellStyle() : null;
      String key = (base == null ? "none" : Short.toString(base.getIndex())) + (error ? "E" : "W");
      CellStyle style =
          styles.computeIfAbsent(
              key,
              k -> {
                CellStyle s = wb.createCellStyle();
                if (base != null) {
                  s.cloneStyleFrom(base);
                }
                s.setFillForegroundColor(
                    error ? IndexedColors.ROSE.getIndex() : IndexedColors.LIGHT_YELLOW.getIndex());
                s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
                return s;
              });
      cell.setCellStyle(style);
      String text = mark.comment();
      Comment existing = cell.getCellComment();
      if (existing != null) {
        // Keep the operator's own note, under ours.
        text = text + "\n\n(your note) " + existing.getString().getString();
        cell.removeCellComment();
      }
      ClientAnchor anchor = factory.createClientAnchor();
      anchor.setCol1(cell.getColumnIndex() + 1);
      anchor.setCol2(cell.getColumnIndex() + 5);
      anchor.setRow1(cell.getRowIndex());
      anchor.setRow2(cell.getRowIndex() + 3 + text.length() / 60);
      Comment comment = drawing.createCellComment(anchor);
      comment.setString(factory.createRichTextString(text));
      comment.setAuthor(AUTHOR);
      // The anchor places the box beside the cell; the address ties the comment to the cell
      // (SXSSF would otherwise take the anchor's top-left cell).
      comment.setAddress(cell.getAddress());
      cell.setCellComment(comment);
    }
  }

  // ---- summary ------------------------------------------------------------------------------

  /** The summary sheet: counts, file-level findings, and findings by rule. */
  private record Summary(ValidationReport report, boolean copied) {
    void write(Workbook wb, Sheet sheet) {
      Font bold = wb.createFont();
      bold.setBold(true);
      CellStyle strong = wb.createCellStyle();
      strong.setFont(bold);
      CellStyle wrap = wb.createCellStyle();
      wrap.setWrapText(true);
      ReturnFile file = report.file();
      int r = 0;
      line(sheet, r++, strong, "Checks of " + file.fileName());
      line(sheet, r++, null, verdict());
      r++;
      r = pair(sheet, r, "Rows read", report.rowsRead());
      r = pair(sheet, r, "Rows accepted", report.rowsAccepted());
      r = pair(sheet, r, "Rows rejected", report.rowsRejected());
      r = pair(sheet, r, "Warnings", report.warnings());
      r++;
      if (file.readable() && report.rowsRead() > 0) {
        line(
            sheet,
            r++,
            null,
            "Red cells are errors: the row is not used until they are fixed. Yellow cells are"
                + " warnings: the row is used, but check it. Point at a cell to read what is"
                + " wrong and what is allowed; a problem about a whole row is on its first cell.");
        if (!copied) {
          line(
              sheet,
              r++,
              null,
              "This workbook holds the rows of your "
                  + file.format().code().toUpperCase(Locale.ROOT)
                  + " file as they were read, with their original row numbers; fix them in your"
                  + " own file.");
        }
        if (report.truncated()) {
          line(
              sheet,
              r++,
              strong,
              "Only the first "
                  + report.findings().size()
                  + " findings are marked; fix them and check the file again to see the rest.");
        }
      }
      List<Finding> fileLevel = report.findings().stream().filter(f -> f.row() == null).toList();
      if (!fileLevel.isEmpty()) {
        r++;
        line(sheet, r++, strong, "About the whole file");
        for (Finding f : fileLevel) {
          Row row = sheet.createRow(r++);
          row.createCell(0).setCellValue(f.isError() ? "Error" : capitalised(f.level()));
          row.createCell(1).setCellValue(SpreadsheetText.neutralised(f.message()));
        }
      }
      if (!report.byRule().isEmpty()) {
        r++;
        Row head = sheet.createRow(r++);
        String[] titles = {"Rule", "Findings", "Level", "What it checks"};
        for (int i = 0; i < titles.length; i++) {
          head.createCell(i).setCellValue(titles[i]);
          head.getCell(i).setCellStyle(strong);
        }
        Map<String, Rule> rules = ReturnFormat.v1().rules();
        for (Map.Entry<String, Long> e : report.byRule().entrySet()) {
          Rule rule = rules.get(e.getKey());
          Row row = sheet.createRow(r++);
          row.createCell(0).setCellValue(e.getKey());
          row.createCell(1).setCellValue(e.getValue());
          row.createCell(2).setCellValue(rule == null ? "" : rule.level().code());
          row.createCell(3).setCellValue(rule == null ? "" : rule.description());
          row.getCell(3).setCellStyle(wrap);
        }
      }
      sheet.setColumnWidth(0, 26 * 256);
      sheet.setColumnWidth(1, 14 * 256);
      sheet.setColumnWidth(2, 10 * 256);
      sheet.setColumnWidth(3, 90 * 256);
    }

    private String verdict() {
      boolean fileError = report.findings().stream().anyMatch(f -> f.row() == null && f.isError());
      if (fileError && report.rowsRead() == 0) {
        return "The file could not be read: see 'About the whole file' below.";
      }
      switch (report.status()) {
        case "accepted":
          return "Every row is accepted.";
        case "accepted_with_rejects":
          return report.rowsRejected()
              + " rows are rejected; the other rows are accepted. Fix the red cells and send the"
              + " whole file again.";
        case "rejected":
          return report.rowsRead() == 0
              ? "The file has no data rows."
              : "Every row is rejected. Fix the red cells and send the file again.";
        default:
          return "The file could not be read: see 'About the whole file' below.";
      }
    }

    private static void line(Sheet sheet, int r, CellStyle style, String text) {
      Cell c = sheet.createRow(r).createCell(0);
      c.setCellValue(SpreadsheetText.neutralised(text));
      if (style != null) {
        c.setCellStyle(style);
      }
    }

    private static int pair(Sheet sheet, int r, String label, long value) {
      Row row = sheet.createRow(r);
      row.createCell(0).setCellValue(label);
      row.createCell(1).setCellValue(value);
      return r + 1;
    }

    private static String capitalised(String s) {
      return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
  }

  // ---- files --------------------------------------------------------------------------------

  private static void save(Workbook wb, Path out) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream o = Files.newOutputStream(out)) {
      wb.write(o);
    }
  }

  static Path localPath(String uri) {
    if (uri.startsWith("file:")) {
      // Through Hadoop's Path, which quotes what a URI may not hold ("my return (v2).csv").
      return org.spamtraffic.intake.LandingFolder.localPath(new org.apache.hadoop.fs.Path(uri));
    }
    if (uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:/.*")) {
      throw new IllegalArgumentException(
          "Annotation needs a local file; copy " + uri + " to this machine first");
    }
    return Paths.get(uri);
  }

  private static String stripExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static String safeSheetName(String name) {
    String s = name.replaceAll("[\\\\/?*\\[\\]:]", "_");
    if (s.length() > 31) {
      s = s.substring(0, 31);
    }
    return s.isBlank() || s.equals(SUMMARY_SHEET) ? "Return" : s;
  }
}
