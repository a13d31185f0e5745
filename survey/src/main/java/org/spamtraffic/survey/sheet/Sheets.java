package org.spamtraffic.survey.sheet;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;

/**
 * Reads CSV files and workbooks (XLSX, XLS) into {@link Sheet}s of text. Numbers come out as plain
 * decimals ({@code 12000000}, never {@code 1.2E7}), dates as ISO 8601, booleans as {@code
 * true}/{@code false}: the same text whatever the tool that wrote the file.
 */
public final class Sheets {
  private Sheets() {}

  /**
   * Reads a CSV file. The separator is {@code ,} or {@code ;} (KoboToolbox's default), whichever
   * the header row has more of; a UTF-8 byte order mark is dropped.
   */
  public static Sheet csv(String name, byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    int eol = text.indexOf('\n');
    String first = eol < 0 ? text : text.substring(0, eol);
    char separator = count(first, ';') > count(first, ',') ? ';' : ',';
    List<String> header = null;
    List<Sheet.Row> rows = new ArrayList<>();
    try (CsvReader<CsvRecord> reader =
        CsvReader.builder()
            .fieldSeparator(separator)
            .allowExtraFields(true)
            .allowMissingFields(true)
            .ofCsvRecord(text)) {
      int number = 0;
      for (CsvRecord r : reader) {
        number++;
        List<String> cells = new ArrayList<>();
        for (String f : r.getFields()) {
          cells.add(f.trim());
        }
        if (header == null) {
          header = cells;
        } else if (cells.stream().anyMatch(c -> !c.isEmpty())) {
          rows.add(new Sheet.Row(number, pad(cells, header.size())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read CSV " + name, e);
    }
    return new Sheet(name, header == null ? List.of() : header, rows);
  }

  /** Reads every sheet of a workbook (XLSX or XLS, detected from the bytes). */
  public static List<Sheet> workbook(byte[] bytes) {
    if (bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K') {
      return xlsx(bytes);
    }
    try (InputStream in = new ByteArrayInputStream(bytes);
        Workbook wb = WorkbookFactory.create(in)) {
      List<Sheet> out = new ArrayList<>();
      for (org.apache.poi.ss.usermodel.Sheet s : wb) {
        out.add(sheet(s));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the workbook: " + e.getMessage(), e);
    }
  }

  /** XLSX, streamed (fastexcel-reader): the same texts as {@link #text(Cell)} gives. */
  private static List<Sheet> xlsx(byte[] bytes) {
    try (ReadableWorkbook wb =
        new ReadableWorkbook(new ByteArrayInputStream(bytes), new ReadingOptions(true, true))) {
      boolean date1904 = wb.isDate1904();
      List<Sheet> out = new ArrayList<>();
      for (org.dhatim.fastexcel.reader.Sheet s :
          (Iterable<org.dhatim.fastexcel.reader.Sheet>) wb.getSheets()::iterator) {
        List<String> header = null;
        List<Sheet.Row> rows = new ArrayList<>();
        try (Stream<org.dhatim.fastexcel.reader.Row> stream = s.openStream()) {
          for (org.dhatim.fastexcel.reader.Row r :
              (Iterable<org.dhatim.fastexcel.reader.Row>) stream::iterator) {
            int last = r.getCellCount();
            while (last > 0 && blank(r.getCell(last - 1))) {
              last--;
            }
            List<String> cells = new ArrayList<>(last);
            for (int i = 0; i < last; i++) {
              cells.add(text(r.getCell(i), date1904).trim());
            }
            if (header == null) {
              if (cells.stream().anyMatch(c -> !c.isEmpty())) {
                header = cells;
              }
            } else if (cells.stream().anyMatch(c -> !c.isEmpty())) {
              rows.add(new Sheet.Row(r.getRowNum(), pad(cells, header.size())));
            }
          }
        }
        out.add(new Sheet(s.getName(), header == null ? List.of() : header, rows));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException(
          "Cannot read the workbook: " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  private static boolean blank(org.dhatim.fastexcel.reader.Cell c) {
    return c == null || c.getRawValue() == null || c.getRawValue().isBlank();
  }

  private static String text(org.dhatim.fastexcel.reader.Cell c, boolean date1904) {
    if (c == null || c.getRawValue() == null) {
      return "";
    }
    String raw = c.getRawValue();
    switch (c.getType()) {
      case EMPTY:
        return "";
      case BOOLEAN:
        return "1".equals(raw) || "true".equalsIgnoreCase(raw) ? "true" : "false";
      case NUMBER:
      case FORMULA:
        {
          String formula =
              c.getType() == org.dhatim.fastexcel.reader.CellType.FORMULA ? c.getFormula() : null;
          if (formula != null && formula.matches("(?i)\\s*(TRUE|FALSE)\\(\\)\\s*")) {
            // A boolean formula's cached result is 1 or 0: say it as POI does.
            return "1".equals(raw) || "true".equalsIgnoreCase(raw) ? "true" : "false";
          }
          BigDecimal n;
          try {
            n = new BigDecimal(raw);
          } catch (NumberFormatException e) {
            return raw;
          }
          Integer id = c.getDataFormatId();
          if (id != null && DateUtil.isADateFormat(id, c.getDataFormatString())) {
            LocalDateTime t = DateUtil.getLocalDateTime(n.doubleValue(), date1904);
            return t.toLocalTime().toSecondOfDay() == 0
                ? t.toLocalDate().toString()
                : t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
          }
          return n.stripTrailingZeros().toPlainString();
        }
      default:
        return raw;
    }
  }

  private static Sheet sheet(org.apache.poi.ss.usermodel.Sheet s) {
    List<String> header = null;
    List<Sheet.Row> rows = new ArrayList<>();
    for (org.apache.poi.ss.usermodel.Row r : s) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < Math.max(0, r.getLastCellNum()); i++) {
        Cell c = r.getCell(i);
        cells.add(c == null ? "" : text(c).trim());
      }
      if (header == null) {
        // Rows above the header that are entirely blank are skipped.
        if (cells.stream().anyMatch(c -> !c.isEmpty())) {
          header = cells;
        }
      } else if (cells.stream().anyMatch(c -> !c.isEmpty())) {
        rows.add(new Sheet.Row(r.getRowNum() + 1, pad(cells, header.size())));
      }
    }
    return new Sheet(s.getSheetName(), header == null ? List.of() : header, rows);
  }

  /** The text of a cell as a person sees it, with numbers and dates in one canonical form. */
  public static String text(Cell c) {
    CellType type =
        c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType();
    switch (type) {
      case STRING:
        return c.getStringCellValue();
      case NUMERIC:
        if (DateUtil.isCellDateFormatted(c)) {
          LocalDateTime t = c.getLocalDateTimeCellValue();
          return t.toLocalTime().toSecondOfDay() == 0
              ? t.toLocalDate().toString()
              : t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }
        return BigDecimal.valueOf(c.getNumericCellValue()).stripTrailingZeros().toPlainString();
      case BOOLEAN:
        return Boolean.toString(c.getBooleanCellValue());
      case ERROR:
        return "#ERROR";
      case BLANK:
      case FORMULA:
      case _NONE:
        return "";
    }
    return "";
  }

  private static List<String> pad(List<String> cells, int size) {
    List<String> out = new ArrayList<>(cells);
    while (out.size() < size) {
      out.add("");
    }
    return out;
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }
}
