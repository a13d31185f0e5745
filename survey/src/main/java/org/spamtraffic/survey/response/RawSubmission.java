package org.spamtraffic.survey.response;

import java.util.Map;

/**
 * One submission as read from a file, before any check: column header to cell text.
 *
 * @param file the file it came from
 * @param sheet the sheet, or null for CSV
 * @param row the row of an export (1-based, header is row 1); for an offline form, the first row
 * @param format what kind of file it is
 * @param cells header (export column, or the offline form's {@code name} cell) to text, in order
 * @param rows row of each header's cell when it differs from {@code row} (offline forms)
 */
public record RawSubmission(
    String file,
    String sheet,
    int row,
    SourceFormat format,
    Map<String, String> cells,
    Map<String, Integer> rows) {

  /** The row the cell of {@code header} is on. */
  public int rowOf(String header) {
    return rows.getOrDefault(header, row);
  }
}
