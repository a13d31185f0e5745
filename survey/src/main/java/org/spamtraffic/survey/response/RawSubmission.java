package org.spamtraffic.survey.response;

import java.util.List;
import java.util.Map;

/**
 * One submission as read from a file, before any check: column header to cell text, and the
 * instances of its repeat groups.
 *
 * @param file the file it came from
 * @param sheet the sheet, or null for CSV
 * @param row the row of an export (1-based, header is row 1); for an offline form, the first row
 * @param format what kind of file it is
 * @param cells header (export column, or the offline form's {@code name} cell) to text, in order
 * @param rows row of each header's cell when it differs from {@code row} (offline forms)
 * @param keys the keys repeat rows may name as their parent ({@code KEY}, Kobo's {@code _index})
 * @param repeats the instances of its top-level repeats, each with its nested ones (after linking)
 */
public record RawSubmission(
    String file,
    String sheet,
    int row,
    SourceFormat format,
    Map<String, String> cells,
    Map<String, Integer> rows,
    List<String> keys,
    List<RawRepeat> repeats) {

  /** A submission with no repeats. */
  public RawSubmission(
      String file,
      String sheet,
      int row,
      SourceFormat format,
      Map<String, String> cells,
      Map<String, Integer> rows) {
    this(file, sheet, row, format, cells, rows, List.of(), List.of());
  }

  /** The row the cell of {@code header} is on. */
  public int rowOf(String header) {
    return rows.getOrDefault(header, row);
  }

  /** The same submission with {@code repeats} linked to it. */
  public RawSubmission withRepeats(List<RawRepeat> repeats) {
    return new RawSubmission(file, sheet, row, format, cells, rows, keys, List.copyOf(repeats));
  }
}
