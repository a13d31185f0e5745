package org.spamtraffic.survey.form;

import java.util.Map;
import org.spamtraffic.survey.expr.Expression;

/**
 * A group or repeat of the form ({@code begin_group}/{@code begin_repeat} to the matching end).
 *
 * @param name its name
 * @param path its names from the outermost group, joined with {@code /}
 * @param repeat whether it is a repeat
 * @param labels label per language
 * @param relevant skip logic of the whole group, or null
 * @param row row of the {@code survey} sheet where it begins
 */
public record Group(
    String name,
    String path,
    boolean repeat,
    Map<String, String> labels,
    Expression relevant,
    int row) {}
