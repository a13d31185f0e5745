package org.spamtraffic.survey.form;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.spamtraffic.survey.sheet.Sheet;

/**
 * Writes an XLSForm workbook ({@code survey}, {@code choices}, {@code settings}) from its text
 * source, cell for cell as text, so that KoboToolbox, ODK Central or SurveyCTO can take the form.
 */
public final class FormWorkbook {
  private FormWorkbook() {}

  /** Writes {@code sheets} as one workbook to {@code out} (which stays open). */
  public static void write(List<Sheet> sheets, OutputStream out) {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      CellStyle bold = wb.createCellStyle();
      Font font = wb.createFont();
      font.setBold(true);
      bold.setFont(font);
      for (Sheet s : sheets) {
        XSSFSheet sheet = wb.createSheet(s.name());
        Row header = sheet.createRow(0);
        for (int i = 0; i < s.header().size(); i++) {
          header.createCell(i).setCellValue(s.header().get(i));
          header.getCell(i).setCellStyle(bold);
        }
        for (Sheet.Row r : s.rows()) {
          Row row = sheet.createRow(r.number() - 1);
          for (int i = 0; i < r.cells().size(); i++) {
            if (!r.cells().get(i).isEmpty()) {
              row.createCell(i).setCellValue(r.cells().get(i));
            }
          }
        }
        sheet.createFreezePane(0, 1);
      }
      wb.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the XLSForm workbook", e);
    }
  }
}
