package org.spamtraffic.intake;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/** Rows of a legacy XLS (BIFF8) sheet, read with POI (the format caps a sheet at 65,536 rows). */
final class XlsRows extends LookaheadRows {
  private final ReturnFile file;
  private final Path original;
  private final File local;
  private final POIFSFileSystem poifs;
  private final HSSFWorkbook workbook;
  private final Iterator<Row> rows;

  XlsRows(ReturnFile file, Configuration conf) throws IOException {
    this.file = file;
    this.original = new Path(file.uri());
    this.local = LocalCopy.of(LandingFolder.fileSystem(original, conf), original);
    this.poifs = new POIFSFileSystem(local, true);
    this.workbook = new HSSFWorkbook(poifs.getRoot(), true);
    this.rows = workbook.getSheet(file.sheet()).rowIterator();
  }

  static FileInspector.HeaderRow findHeader(Sheet sheet, int maxRows, int minMatched) {
    int seen = 0;
    for (Row row : sheet) {
      if (seen++ >= maxRows) {
        break;
      }
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < Math.max(0, row.getLastCellNum()); i++) {
        cells.add(text(row.getCell(i)));
      }
      HeaderMapping mapping = HeaderMapping.of(cells);
      if (mapping.matched() >= minMatched) {
        return new FileInspector.HeaderRow(row.getRowNum() + 1, mapping);
      }
    }
    return null;
  }

  /** The text an operator sees in a cell (a formula's saved result), or null when empty. */
  static String text(Cell cell) {
    if (cell == null) {
      return null;
    }
    CellType type = cell.getCellType();
    if (type == CellType.FORMULA) {
      type = cell.getCachedFormulaResultType();
    }
    switch (type) {
      case STRING:
        return cell.getStringCellValue();
      case NUMERIC:
        if (DateUtil.isCellDateFormatted(cell)) {
          return CellText.date(cell.getLocalDateTimeCellValue());
        }
        return CellText.number(BigDecimal.valueOf(cell.getNumericCellValue()));
      case BOOLEAN:
        return cell.getBooleanCellValue() ? "TRUE" : "FALSE";
      case ERROR:
        return FormulaError.forInt(cell.getErrorCellValue()).getString();
      case BLANK:
      case FORMULA:
      case _NONE:
        return null;
    }
    return null;
  }

  @Override
  protected RawRow fetch() {
    int[] positions = file.mapping().positions();
    while (rows.hasNext()) {
      Row row = rows.next();
      int number = row.getRowNum() + 1;
      if (number <= file.headerRow()) {
        continue;
      }
      String[] cells = new String[positions.length];
      int formulas = 0;
      for (int i = 0; i < positions.length; i++) {
        if (positions[i] >= 0) {
          Cell cell = row.getCell(positions[i]);
          if (cell != null && cell.getCellType() == CellType.FORMULA) {
            formulas++;
          }
          String t = text(cell);
          cells[i] = t == null || t.isEmpty() ? null : t;
        }
      }
      return new RawRow(
          file.sheet(), number, RowSource.kindOf(cells, file.mapping()), cells, -1, formulas);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    try {
      workbook.close();
      poifs.close();
    } finally {
      LocalCopy.release(local);
    }
  }
}
