package org.spamtraffic.intake;

/**
 * One line of a submitted file as text, before any check: cells in the return format's column order
 * (null where the file has no such column or the cell is empty), stripped of surrounding
 * whitespace.
 *
 * <p>Stripping happens here, once, for every reader and both evaluators: the checks then see the
 * same text whether they run in plain Java or as Spark expressions, and Spark need not trim (its
 * {@code btrim} with a custom character set was the costliest expression of the whole check).
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

  /** Strips every cell in place ({@link String#strip()} returns the same string when clean). */
  public RawRow {
    for (int i = 0; i < cells.length; i++) {
      if (cells[i] != null) {
        cells[i] = cells[i].strip();
      }
    }
  }

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
