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
    String column) {}
