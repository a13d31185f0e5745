package org.spamtraffic.survey.form;

import java.util.Map;

/**
 * One choice of a list.
 *
 * @param name the value stored in answers
 * @param labels label per language (language as written in the column, e.g. {@code English (en)})
 * @param texts every text column (labels and media) per language
 * @param columns the other columns of its row (those a {@code choice_filter} reads, for instance)
 * @param row row of its sheet or file (1-based, header is row 1)
 */
public record Choice(
    String name, Map<String, String> labels, Texts texts, Map<String, String> columns, int row) {

  /** A choice with labels only. */
  public Choice(String name, Map<String, String> labels, int row) {
    this(name, labels, new Texts(Map.of("label", labels)), Map.of(), row);
  }

  /** The label in {@code language}, else in any language, else the name. */
  public String label(String language) {
    String l = labels.get(language);
    if (l != null && !l.isBlank()) {
      return l;
    }
    return labels.values().stream().filter(s -> !s.isBlank()).findFirst().orElse(name);
  }
}
