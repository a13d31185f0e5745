package org.spamtraffic.survey.form;

/**
 * A problem in an XLSForm, with where it is, a machine code and what the collecting tools would do
 * with the form.
 *
 * @param check which check found it (its code is {@link FormCheck#code()})
 * @param sheet {@code survey}, {@code choices}, {@code settings}, another sheet, a file beside the
 *     form, or null for the file itself
 * @param row row of the sheet (1-based, header is row 1), or null for a sheet-level problem
 * @param column column header, or null
 * @param message what is wrong and what would be right
 */
public record FormFinding(
    FormCheck check, String sheet, Integer row, String column, String message) {

  /** The machine code ({@code unknown-type}, ...). */
  public String code() {
    return check.code();
  }

  /** Whether the form cannot be used as it is. */
  public boolean isError() {
    return check.level() == FormCheck.Level.ERROR;
  }

  /** What KoboToolbox, ODK and SurveyCTO do with a form that has this problem. */
  public String verdict() {
    return check.verdict();
  }

  /** Where, in words: {@code sheet survey, row 4, column relevant}. */
  public String where() {
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
    return b.toString();
  }

  @Override
  public String toString() {
    String w = where();
    return (w.isEmpty() ? "" : w + ": ") + message;
  }
}
