package org.spamtraffic.survey.response;

import java.time.LocalDate;
import java.util.List;
import org.spamtraffic.survey.form.QuestionType;

/**
 * One accepted answer, checked against the form and typed.
 *
 * @param question question name
 * @param path group path of the question ({@code legislation/has_antispam_law})
 * @param type question type
 * @param value the answer as text: choice names (space-separated for select_multiple), a plain
 *     decimal, an ISO date, or the text
 * @param number the number, for integer and decimal questions
 * @param date the date, for date questions
 * @param choices the choice names, for selects
 * @param row row of the file it came from
 * @param column header it came from
 * @param repeatPath the group path of the repeat the question is in, or null
 * @param repeatIndex which instance of the repeat: {@code 2}, or {@code 2.1} for the first instance
 *     of a repeat nested in the second (1-based, as XPath positions), or null outside repeats
 * @param sheet the sheet it came from (a repeat sheet, say), or null for CSV
 * @param file the file it came from (a repeat's own CSV, say), or null for the submission's file
 */
public record Answer(
    String question,
    String path,
    QuestionType type,
    String value,
    Double number,
    LocalDate date,
    List<String> choices,
    int row,
    String column,
    String repeatPath,
    String repeatIndex,
    String sheet,
    String file) {

  /** An answer outside any repeat (tests, offline forms). */
  public Answer(
      String question,
      String path,
      QuestionType type,
      String value,
      Double number,
      LocalDate date,
      List<String> choices,
      int row,
      String column) {
    this(question, path, type, value, number, date, choices, row, column, null, null, null, null);
  }
}
