package org.spamtraffic.survey.form;

import java.util.Map;

/**
 * The texts of one row of the {@code survey} or {@code choices} sheet, per column and language: the
 * column ({@code label}, {@code hint}, {@code guidance_hint}, {@code constraint_message}, {@code
 * required_message}, {@code image}, {@code audio}, {@code video}, {@code big-image}) to language to
 * text. A column without a language ({@code label}) files under the form's default language.
 *
 * @param byColumn column to language to text, only non-empty texts
 */
public record Texts(Map<String, Map<String, String>> byColumn) {
  /** No texts. */
  public static final Texts NONE = new Texts(Map.of());

  /** The texts of {@code column} by language (empty when none). */
  public Map<String, String> of(String column) {
    return byColumn.getOrDefault(column, Map.of());
  }

  /** The text of {@code column} in {@code language}, else in any language, else null. */
  public String in(String column, String language) {
    Map<String, String> texts = of(column);
    String t = texts.get(language);
    if (t != null && !t.isBlank()) {
      return t;
    }
    return texts.values().stream().filter(s -> !s.isBlank()).findFirst().orElse(null);
  }
}
