package org.spamtraffic.survey.form;

import java.util.List;
import java.util.Map;
import org.spamtraffic.survey.expr.Expression;

/**
 * One question (a row of the {@code survey} sheet that is not a group boundary).
 *
 * <p>A {@code select_one x or_other} question brings a second, implicit text question {@code
 * <name>_other}, relevant when {@code other} is chosen: tools export it as its own column.
 *
 * @param name unique name, used by {@code ${name}} references and as the answer key
 * @param path group names and the question name, joined with {@code /} (export column header)
 * @param type its type
 * @param listName the choice list of a select, else null
 * @param orOther whether the select also accepts {@code other}
 * @param labels label per language
 * @param hints hint per language
 * @param required when an answer is required (null: never)
 * @param relevant its own skip logic (null: always asked; the groups' logic applies too)
 * @param constraint what a valid answer satisfies, with {@code .} as the answer (null: anything)
 * @param constraintMessages message per language when the constraint fails
 * @param groups the enclosing groups, outermost first
 * @param row row of the {@code survey} sheet (1-based, header is row 1)
 */
public record Question(
    String name,
    String path,
    QuestionType type,
    String listName,
    boolean orOther,
    Map<String, String> labels,
    Map<String, String> hints,
    Expression required,
    Expression relevant,
    Expression constraint,
    Map<String, String> constraintMessages,
    List<Group> groups,
    int row) {

  /** The label in {@code language}, else in any language, else the name. */
  public String label(String language) {
    String l = labels.get(language);
    if (l != null && !l.isBlank()) {
      return l;
    }
    return labels.values().stream().filter(s -> !s.isBlank()).findFirst().orElse(name);
  }

  /** The innermost enclosing repeat, or null when the question is not inside a repeat. */
  public Group repeat() {
    Group r = null;
    for (Group g : groups) {
      if (g.repeat()) {
        r = g;
      }
    }
    return r;
  }
}
