package org.spamtraffic.intake;

/**
 * One line of a submitted file as text, before any check: cells in the return format's column order
 * (null where the file has no such column or the cell is empty).
 *
 * @param sheet the sheet of a workbook, or null for CSV
 * @param row the row number in the file, 1-based, the header being row 1 of a CSV
 * @param kind whether the line is data, blank, or a repeated header
 * @param cells cell text in return-format column order
 * @param fieldCount for CSV, the number of fields found on the line when it differs from the
 *     header's (a malformed line); otherwise -1
 * @param formulaCells how many of the row's cells held formulas (their saved results are used)
 */
public record RawRow(
    String sheet, long row, Kind kind, String[] cells, int fieldCount, int formulaCells) {

  /** What a line is. */
  public enum Kind {
    DATA,
    BLANK,
    HEADER
  }

  /** Whether the line had a different number of fields than the header. */
  public boolean malformed() {
    return fieldCount >= 0;
  }
}
