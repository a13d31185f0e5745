package org.spamtraffic.validate;

import org.spamtraffic.intake.FileFinding;
import org.spamtraffic.language.Language;

/**
 * A rule broken somewhere in a file, placed: the same fields as a row of the {@code rejects} table
 * minus the submission.
 *
 * @param sheet sheet of a workbook, or null
 * @param row 1-based row number, or null for a file-level finding
 * @param column canonical column, or null for row- and file-level findings
 * @param value raw value as read
 * @param other the value the rule compared with (or what a file rule's {@code {other}} says), or
 *     null
 * @param rule rule id
 * @param level error, warning or info
 * @param message what is wrong and what is allowed, in English (the warehouse's language); {@link
 *     #message(Language)} says it in another
 */
public record Finding(
    String sheet,
    Long row,
    String column,
    String value,
    String other,
    String rule,
    String level,
    String message) {

  /** A finding about a row. */
  public static Finding of(String sheet, long row, Problem p) {
    return new Finding(
        sheet, row, p.column(), p.value(), p.other(), p.rule(), p.level().code(), p.message());
  }

  /** A finding about the whole file. */
  public static Finding of(FileFinding f) {
    return new Finding(
        null, null, null, f.value(), f.other(), f.rule(), f.level().code(), f.message());
  }

  /** What is wrong and what is allowed, in {@code language}. */
  public String message(Language language) {
    return language == Language.ENGLISH
        ? message
        : Messages.render(language, rule, column, value, other);
  }

  /** Whether the finding rejects its row or file. */
  public boolean isError() {
    return "error".equals(level);
  }
}
