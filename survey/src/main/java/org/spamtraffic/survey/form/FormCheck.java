package org.spamtraffic.survey.form;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spamtraffic.language.Catalogue;
import org.spamtraffic.language.Language;
import org.spamtraffic.survey.expr.ExpressionException;

/**
 * Every check {@link FormReader} makes, with its machine code (what {@code check-form --json}
 * prints), its level, and what KoboToolbox, ODK Central and SurveyCTO do with a form that fails it.
 * The messages are in {@code spamtraffic/survey/messages/form-checks.properties}, keyed by code.
 *
 * <p>Errors are what pyxform (which all three tools use to convert XLSForms) refuses, or what ODK
 * Validate refuses after it (an expression that does not parse); warnings are what pyxform warns
 * about, and what it passes over in silence but a person should know (a column nobody reads).
 */
public enum FormCheck {
  UNREADABLE_FILE(Level.ERROR, Verdict.REFUSED),
  NO_SURVEY_SHEET(Level.ERROR, Verdict.REFUSED),
  NO_TYPE_COLUMN(Level.ERROR, Verdict.REFUSED),
  DUPLICATE_HEADER(Level.ERROR, Verdict.REFUSED),
  ALIAS_CONFLICT(Level.ERROR, Verdict.REFUSED),
  NO_TYPE(Level.ERROR, Verdict.REFUSED),
  UNKNOWN_TYPE(Level.ERROR, Verdict.REFUSED),
  NO_NAME(Level.ERROR, Verdict.REFUSED),
  INVALID_NAME(Level.ERROR, Verdict.REFUSED),
  DUPLICATE_NAME(Level.ERROR, Verdict.REFUSED),
  DUPLICATE_REPEAT_NAME(Level.ERROR, Verdict.REFUSED),
  RESERVED_NAME(Level.ERROR, Verdict.REFUSED),
  UNMATCHED_END(Level.ERROR, Verdict.REFUSED),
  UNCLOSED_GROUP(Level.ERROR, Verdict.REFUSED),
  LIST_NOT_FOUND(Level.ERROR, Verdict.REFUSED),
  NO_CHOICES_SHEET(Level.ERROR, Verdict.REFUSED),
  NO_EXTERNAL_CHOICES_SHEET(Level.ERROR, Verdict.REFUSED),
  CHOICE_NO_NAME(Level.ERROR, Verdict.REFUSED),
  DUPLICATE_CHOICE(Level.ERROR, Verdict.REFUSED),
  CHOICE_NAME_SPACE(Level.ERROR, Verdict.REFUSED),
  OR_OTHER_FILTER(Level.ERROR, Verdict.REFUSED),
  FILE_EXTENSION(Level.ERROR, Verdict.REFUSED),
  MISSING_CALCULATION(Level.ERROR, Verdict.REFUSED),
  UNKNOWN_REFERENCE(Level.ERROR, Verdict.REFUSED),
  AMBIGUOUS_REFERENCE(Level.ERROR, Verdict.REFUSED),
  REFERENCE_SYNTAX(Level.ERROR, Verdict.REFUSED),
  TRIGGER_UNKNOWN(Level.ERROR, Verdict.REFUSED),
  AUDIT_NAME(Level.ERROR, Verdict.REFUSED),
  BAD_PARAMETER(Level.ERROR, Verdict.REFUSED),
  LOOP_LIST(Level.ERROR, Verdict.REFUSED),
  NO_LABEL(Level.ERROR, Verdict.REFUSED),
  BIG_IMAGE_ALONE(Level.ERROR, Verdict.REFUSED),
  EXPRESSION_SYNTAX(Level.ERROR, Verdict.VALIDATE),
  UNKNOWN_FUNCTION(Level.ERROR, Verdict.VALIDATE),
  SELF_OUTSIDE_CONSTRAINT(Level.WARNING, Verdict.NOTICE),
  COMMENT_ROW(Level.WARNING, Verdict.WARNED),
  CHOICE_NO_LABEL(Level.WARNING, Verdict.WARNED),
  CHOICE_HEADER(Level.WARNING, Verdict.WARNED),
  CHOICE_NO_LIST(Level.WARNING, Verdict.NOTICE),
  REPEAT_NO_LABEL(Level.WARNING, Verdict.WARNED),
  LANGUAGE_CODE(Level.WARNING, Verdict.WARNED),
  MISSING_TRANSLATION(Level.WARNING, Verdict.WARNED),
  CASE_DUPLICATE_NAME(Level.WARNING, Verdict.WARNED),
  DISABLED_ROW(Level.WARNING, Verdict.WARNED),
  EXTERNAL_NO_FILTER(Level.WARNING, Verdict.WARNED),
  SHEET_MISSPELLING(Level.WARNING, Verdict.WARNED),
  DEPRECATED_TYPE(Level.WARNING, Verdict.WARNED),
  UNKNOWN_COLUMN(Level.WARNING, Verdict.NOTICE),
  ROWS_AFTER_GAP(Level.WARNING, Verdict.NOTICE),
  UNKNOWN_SHEET(Level.WARNING, Verdict.NOTICE),
  LONE_SHEET(Level.WARNING, Verdict.NOTICE),
  GENERATED_NAME(Level.WARNING, Verdict.NOTICE),
  MISSING_FILE(Level.WARNING, Verdict.ATTACH),
  FILE_UNREADABLE(Level.WARNING, Verdict.ATTACH);

  /** How serious a finding is. */
  public enum Level {
    /** The form cannot be used: the tools refuse it. */
    ERROR,
    /** The form works; someone should look. */
    WARNING
  }

  /** What the collecting tools do with the form. */
  enum Verdict {
    REFUSED,
    VALIDATE,
    WARNED,
    NOTICE,
    ATTACH
  }

  private final Level level;
  private final Verdict verdict;

  FormCheck(Level level, Verdict verdict) {
    this.level = level;
    this.verdict = verdict;
  }

  /** The machine code: the constant's name in kebab case ({@code unknown-type}). */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Error or warning. */
  public Level level() {
    return level;
  }

  /** The check-form findings' catalogue in {@code language}. */
  public static Catalogue catalogue(Language language) {
    return Catalogue.of("spamtraffic.survey.messages.form-checks", language);
  }

  /** What KoboToolbox, ODK and SurveyCTO do with a form that has this problem, in words. */
  public String verdict() {
    return verdict(Language.ENGLISH);
  }

  /** What the tools do with a form that has this problem, in {@code language}. */
  public String verdict(Language language) {
    return catalogue(language).text("verdict." + verdict.name().toLowerCase(Locale.ROOT));
  }

  /**
   * A part of a message that is itself a text of the catalogue ({@code hint.did-you-mean}), said in
   * the message's language.
   *
   * @param key its key in the catalogue
   * @param args its values
   */
  public record Hint(String key, List<String> args) {
    /** This text in {@code language}. */
    public String in(Language language) {
      return catalogue(language).text(key, args.toArray());
    }
  }

  /** Why an expression is refused, as a hint: said in the language of the text it is put in. */
  public static Hint reason(ExpressionException e) {
    return new Hint("expression." + e.reason(), e.values());
  }

  /** A hint {@code key} with {@code args} (written as they are). */
  static Hint hint(String key, Object... args) {
    List<String> values = new ArrayList<>();
    for (Object a : args) {
      values.add(String.valueOf(a));
    }
    return new Hint(key, List.copyOf(values));
  }

  /** The finding's message in English, with {@code args} in its placeholders. */
  public String message(Object... args) {
    return message(Language.ENGLISH, plain(args));
  }

  /**
   * The finding's message in {@code language}, with {@code args} in its placeholders (each a text,
   * or a {@link Hint} said in that language).
   */
  public String message(Language language, List<Object> args) {
    Catalogue c = catalogue(language);
    Object[] values = new Object[args.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = args.get(i) instanceof Hint h ? h.in(language) : args.get(i);
    }
    return c.text(code(), values);
  }

  /** A finding of this check at {@code sheet}, {@code row}, {@code column}. */
  FormFinding at(String sheet, Integer row, String column, Object... args) {
    List<Object> plain = plain(args);
    return new FormFinding(this, sheet, row, column, message(Language.ENGLISH, plain), plain);
  }

  /**
   * The arguments as text, hints kept: they are names, cells and row numbers, written as they are
   * (a row is "row 1234", not a quantity to group as "1,234").
   */
  private static List<Object> plain(Object... args) {
    List<Object> out = new ArrayList<>();
    for (Object a : args) {
      out.add(a instanceof Hint ? a : String.valueOf(a));
    }
    return List.copyOf(out);
  }
}
