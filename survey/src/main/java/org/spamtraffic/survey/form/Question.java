package org.spamtraffic.survey.form;

import java.util.List;
import java.util.Map;
import org.spamtraffic.survey.expr.Expression;

/**
 * One question: a row of the {@code survey} sheet that is not a group boundary.
 *
 * <p>A {@code select_one x or_other} question brings a second, implicit text question {@code
 * <name>_other}, relevant when {@code other} is chosen: tools export it as its own column.
 *
 * @param name its name, used by {@code ${name}} references and as the answer key
 * @param path group names and the question name, joined with {@code /} (export column header)
 * @param type its type
 * @param typeText the {@code type} cell as written ({@code select one from yes_no})
 * @param select for selects and rank, the list and how it is given; else null
 * @param texts labels, hints, messages and media per language
 * @param logic required, relevant, constraint, calculation, choice filter, default, trigger
 * @param appearance the {@code appearance} column, or ""
 * @param parameters the {@code parameters} column, parsed ({@code start=1 end=10})
 * @param otherColumns columns the XLSForm specification does not define, kept with their values
 * @param groups the enclosing groups, outermost first
 * @param row row of the {@code survey} sheet (1-based, header is row 1)
 */
public record Question(
    String name,
    String path,
    QuestionType type,
    String typeText,
    Select select,
    Texts texts,
    Logic logic,
    String appearance,
    Map<String, String> parameters,
    Map<String, String> otherColumns,
    List<Group> groups,
    int row) {

  /**
   * How a select gets its choices.
   *
   * @param listName the list name, or the file name ({@code cities.csv})
   * @param orOther whether {@code other} is accepted too ({@code or_other})
   * @param fromFile whether the list is a CSV, XML or GeoJSON file beside the form
   * @param external whether the list is on the {@code external_choices} sheet
   */
  public record Select(String listName, boolean orOther, boolean fromFile, boolean external) {}

  /**
   * The expressions of a question, null when absent.
   *
   * @param required when an answer is required ({@code yes} is {@code true()})
   * @param relevant its own skip logic (the groups' logic applies too)
   * @param constraint what a valid answer satisfies, with {@code .} as the answer
   * @param calculation what a {@code calculate} computes
   * @param choiceFilter which choices are offered (over the list's columns)
   * @param readOnly when the answer cannot be changed
   * @param defaultValue the {@code default} column as written ("" when none)
   * @param dynamicDefault the default, when it is an expression rather than a value
   * @param trigger names of the questions whose change recomputes this one
   */
  public record Logic(
      Expression required,
      Expression relevant,
      Expression constraint,
      Expression calculation,
      Expression choiceFilter,
      Expression readOnly,
      String defaultValue,
      Expression dynamicDefault,
      List<String> trigger) {
    /** No logic at all. */
    public static final Logic NONE =
        new Logic(null, null, null, null, null, null, "", null, List.of());
  }

  /** The choice list name of a select, else null. */
  public String listName() {
    return select == null ? null : select.listName();
  }

  /** Whether the select also accepts {@code other}. */
  public boolean orOther() {
    return select != null && select.orOther();
  }

  /** Label per language. */
  public Map<String, String> labels() {
    return texts.of("label");
  }

  /** Hint per language. */
  public Map<String, String> hints() {
    return texts.of("hint");
  }

  /** Message per language when the constraint fails. */
  public Map<String, String> constraintMessages() {
    return texts.of("constraint_message");
  }

  /** Message per language when a required answer is missing. */
  public Map<String, String> requiredMessages() {
    return texts.of("required_message");
  }

  /** See {@link Logic#required()}. */
  public Expression required() {
    return logic.required();
  }

  /** See {@link Logic#relevant()}. */
  public Expression relevant() {
    return logic.relevant();
  }

  /** See {@link Logic#constraint()}. */
  public Expression constraint() {
    return logic.constraint();
  }

  /** See {@link Logic#calculation()}. */
  public Expression calculation() {
    return logic.calculation();
  }

  /** The label in {@code language}, else in any language, else the name. */
  public String label(String language) {
    String l = texts.in("label", language);
    return l == null ? name : l;
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
