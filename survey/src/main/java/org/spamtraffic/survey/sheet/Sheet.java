package org.spamtraffic.survey.sheet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One sheet (or CSV file) read as text: a header row and the rows under it, each cell as the text a
 * person sees. Rows keep their number in the file (1-based, header is row 1) so that every problem
 * can name where it is.
 *
 * @param name sheet name (the file name for a CSV file)
 * @param header header cells, trimmed
 * @param rows the rows below the header that have at least one non-blank cell
 */
public record Sheet(String name, List<String> header, List<Row> rows) {

  /**
   * One row.
   *
   * @param number row number in the file (1-based, header is row 1)
   * @param cells cell texts, as many as the header has (missing ones are "")
   */
  public record Row(int number, List<String> cells) {
    /** The cell of column {@code index}, "" when absent. */
    public String cell(int index) {
      return index >= 0 && index < cells.size() ? cells.get(index) : "";
    }
  }

  /** Index of the header cell equal to {@code column} ignoring case, or -1. */
  public int column(String column) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).equalsIgnoreCase(column)) {
        return i;
      }
    }
    return -1;
  }

  /** Indexes of every header cell that starts with {@code prefix} ignoring case. */
  public List<Integer> columnsStartingWith(String prefix) {
    List<Integer> out = new ArrayList<>();
    String p = prefix.toLowerCase(Locale.ROOT);
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).toLowerCase(Locale.ROOT).startsWith(p)) {
        out.add(i);
      }
    }
    return out;
  }
}
