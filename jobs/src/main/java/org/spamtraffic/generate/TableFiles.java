package org.spamtraffic.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes header + rows as the files operators send: CSV in various dialects, XLSX (streamed, so a
 * million rows fit in little memory) and legacy XLS. Numbers are written as number cells.
 */
public final class TableFiles {
  /** A CSV dialect. */
  public record Dialect(char delimiter, Charset charset, boolean bom, String newline) {
    /** Comma, UTF-8, no BOM, LF. */
    public static final Dialect PLAIN = new Dialect(',', StandardCharsets.UTF_8, false, "\n");

    /** Excel's "CSV UTF-8": BOM, CRLF. */
    public static final Dialect EXCEL_UTF8 = new Dialect(',', StandardCharsets.UTF_8, true, "\r\n");

    /** Excel in French or Portuguese locales: semicolons. */
    public static final Dialect SEMICOLON = new Dialect(';', StandardCharsets.UTF_8, false, "\r\n");

    /** Excel's "Unicode text": UTF-16LE with BOM, tabs, CRLF. */
    public static final Dialect UTF16_TABS =
        new Dialect('\t', StandardCharsets.UTF_16LE, true, "\r\n");
  }

  private TableFiles() {}

  /** Writes a CSV file. */
  public static void csv(Path file, List<String> header, List<List<String>> rows, Dialect d)
      throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      if (d.bom()) {
        if (d.charset().equals(StandardCharsets.UTF_8)) {
          out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        } else {
          out.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        }
      }
      Writer w = new BufferedWriter(new OutputStreamWriter(out, d.charset()), 1 << 16);
      line(w, header, d);
      for (List<String> r : rows) {
        line(w, r, d);
      }
      w.flush();
    }
  }

  /** Writes one CSV line, quoting fields that need it. */
  public static void line(Writer w, List<String> fields, Dialect d) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        w.write(d.delimiter());
      }
      String f = fields.get(i) == null ? "" : fields.get(i);
      if (f.indexOf(d.delimiter()) >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0) {
        w.write('"');
        w.write(f.replace("\"", "\"\""));
        w.write('"');
      } else {
        w.write(f);
      }
    }
    w.write(d.newline());
  }

  /** Writes an XLSX workbook with one data sheet, streaming rows. */
  public static void xlsx(Path file, String sheet, List<String> header, List<List<String>> rows)
      throws IOException {
    try (SXSSFWorkbook wb = new SXSSFWorkbook(500)) {
      wb.setCompressTempFiles(true);
      fill(wb, sheet, header, rows);
      write(wb, file);
      wb.dispose();
    }
  }

  /** Writes a legacy XLS workbook with one data sheet. */
  public static void xls(Path file, String sheet, List<String> header, List<List<String>> rows)
      throws IOException {
    try (HSSFWorkbook wb = new HSSFWorkbook()) {
      fill(wb, sheet, header, rows);
      write(wb, file);
    }
  }

  private static void fill(Workbook wb, String name, List<String> header, List<List<String>> rows) {
    Sheet sheet = wb.createSheet(name);
    Row h = sheet.createRow(0);
    for (int i = 0; i < header.size(); i++) {
      h.createCell(i).setCellValue(header.get(i));
    }
    int r = 1;
    for (List<String> values : rows) {
      Row row = sheet.createRow(r++);
      for (int i = 0; i < values.size(); i++) {
        String v = values.get(i);
        if (v == null || v.isEmpty()) {
          continue;
        }
        Cell c = row.createCell(i);
        if (v.matches("[0-9]{1,15}")) {
          c.setCellValue(Double.parseDouble(v));
        } else {
          c.setCellValue(v);
        }
      }
    }
  }

  private static void write(Workbook wb, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      wb.write(out);
    }
  }
}
