package org.spamtraffic.survey.form;

/**
 * A problem in an XLSForm, with where it is.
 *
 * @param sheet {@code survey}, {@code choices}, {@code settings} or the file itself (null)
 * @param row row of the sheet (1-based, header is row 1), or null for a sheet-level problem
 * @param column column header, or null
 * @param message what is wrong and what would be right
 */
public record FormError(String sheet, Integer row, String column, String message) {
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (sheet != null) {
      b.append("sheet ").append(sheet);
    }
    if (row != null) {
      b.append(b.length() > 0 ? ", " : "").append("row ").append(row);
    }
    if (column != null) {
      b.append(b.length() > 0 ? ", " : "").append("column ").append(column);
    }
    return (b.length() > 0 ? b + ": " : "") + message;
  }
}
