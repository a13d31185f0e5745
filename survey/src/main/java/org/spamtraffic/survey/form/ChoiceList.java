package org.spamtraffic.survey.form;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A choice list: of the {@code choices} sheet, the {@code external_choices} sheet, or a CSV or XML
 * file beside the form ({@code select_one_from_file cities.csv}).
 *
 * @param name the list name ({@code list_name} column), or the file name
 * @param choices the choices, in order
 * @param source where it comes from: {@code choices}, {@code external_choices} or the file name
 */
public record ChoiceList(String name, List<Choice> choices, String source) {
  /** A list of the {@code choices} sheet. */
  public ChoiceList(String name, List<Choice> choices) {
    this(name, choices, "choices");
  }

  /** The choice called {@code name} (the first, when duplicates are allowed). */
  public Optional<Choice> choice(String name) {
    return choices.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * The choice a respondent meant by {@code value}: its name, else its label in any language
   * (ignoring case and surrounding spaces), as long as only one choice has that label. Offline
   * forms show labels in dropdowns, and tools can export labels instead of names.
   */
  public Optional<Choice> resolve(String value) {
    String v = value.trim();
    Optional<Choice> byName = choice(v);
    if (byName.isPresent()) {
      return byName;
    }
    String lower = v.toLowerCase(Locale.ROOT);
    List<Choice> byLabel =
        choices.stream()
            .filter(
                c ->
                    c.labels().values().stream()
                        .anyMatch(l -> l.trim().toLowerCase(Locale.ROOT).equals(lower)))
            .toList();
    return byLabel.size() == 1 ? Optional.of(byLabel.get(0)) : Optional.empty();
  }
}
