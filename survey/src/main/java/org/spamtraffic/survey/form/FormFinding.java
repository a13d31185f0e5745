package org.spamtraffic.survey.form;

import java.util.List;
import org.spamtraffic.language.Catalogue;
import org.spamtraffic.language.Language;

/**
 * A problem in an XLSForm, with where it is, a machine code and what the collecting tools would do
 * with the form.
 *
 * @param check which check found it (its code is {@link FormCheck#code()})
 * @param sheet {@code survey}, {@code choices}, {@code settings}, another sheet, a file beside the
 *     form, or null for the file itself
 * @param row row of the sheet (1-based, header is row 1), or null for a sheet-level problem
 * @param column column header, or null
 * @param message what is wrong and what would be right, in English
 * @param args the values in the message's placeholders, so that it can be said in another language
 *     ({@link #message(Language)}); null when the message is not the check's catalogue text
 */
public record FormFinding(
    FormCheck check, String sheet, Integer row, String column, String message, List<Object> args) {

  /** A finding whose message is given as it is (it reads the same in every language). */
  public FormFinding(FormCheck check, String sheet, Integer row, String column, String message) {
    this(check, sheet, row, column, message, null);
  }

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

  /** What the tools do with a form that has this problem, in {@code language}. */
  public String verdict(Language language) {
    return check.verdict(language);
  }

  /** The message in {@code language} (the check's text from its catalogue, same values). */
  public String message(Language language) {
    return args == null ? message : check.message(language, args);
  }

  /** Where, in words: {@code sheet survey, row 4, column relevant}. */
  public String where() {
    return where(Language.ENGLISH);
  }

  /** Where, in {@code language}: {@code feuille survey, ligne 4, colonne relevant}. */
  public String where(Language language) {
    Catalogue words = FormCheck.catalogue(language);
    StringBuilder b = new StringBuilder();
    String separator = words.text("where.separator");
    if (sheet != null) {
      b.append(words.text("where.sheet", sheet));
    }
    if (row != null) {
      b.append(b.length() > 0 ? separator : "")
          .append(words.text("where.row", String.valueOf(row)));
    }
    if (column != null) {
      b.append(b.length() > 0 ? separator : "").append(words.text("where.column", column));
    }
    return b.toString();
  }

  /** Where and what, in {@code language}. */
  public String toString(Language language) {
    String w = where(language);
    return (w.isEmpty() ? "" : w + ": ") + message(language);
  }

  @Override
  public String toString() {
    return toString(Language.ENGLISH);
  }
}
