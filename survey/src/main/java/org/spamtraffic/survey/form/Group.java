package org.spamtraffic.survey.form;

import java.util.List;
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
 * @param repeatCount how many times a repeat is asked ({@code repeat_count}), or null
 * @param appearance the {@code appearance} column, or ""
 * @param parents the enclosing groups, outermost first
 * @param row row of the {@code survey} sheet where it begins
 */
public record Group(
    String name,
    String path,
    boolean repeat,
    Map<String, String> labels,
    Expression relevant,
    Expression repeatCount,
    String appearance,
    List<Group> parents,
    int row) {

  /** A group with no repeat count, appearance or parents recorded (tests, simple forms). */
  public Group(
      String name,
      String path,
      boolean repeat,
      Map<String, String> labels,
      Expression relevant,
      int row) {
    this(name, path, repeat, labels, relevant, null, "", List.of(), row);
  }

  /** The innermost enclosing repeat, or null. */
  public Group parentRepeat() {
    Group r = null;
    for (Group g : parents) {
      if (g.repeat()) {
        r = g;
      }
    }
    return r;
  }
}
