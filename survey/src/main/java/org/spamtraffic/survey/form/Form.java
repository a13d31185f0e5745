package org.spamtraffic.survey.form;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An XLSForm as read and checked by {@link FormReader}: settings, groups, questions in sheet order
 * and choice lists.
 *
 * @param title {@code form_title} setting
 * @param id {@code form_id} setting
 * @param version {@code version} setting
 * @param defaultLanguage {@code default_language} setting, else the first label language
 * @param languages every language that has labels, in column order
 * @param groups groups and repeats, in sheet order
 * @param questions questions in sheet order (including implicit {@code _other} questions)
 * @param choiceLists choice lists by name
 */
public record Form(
    String title,
    String id,
    String version,
    String defaultLanguage,
    List<String> languages,
    List<Group> groups,
    List<Question> questions,
    Map<String, ChoiceList> choiceLists) {

  /** The question called {@code name}. */
  public Optional<Question> question(String name) {
    return questions.stream().filter(q -> q.name().equals(name)).findFirst();
  }

  /** The choice list of a select question (null for other types). */
  public ChoiceList choices(Question q) {
    return q.listName() == null ? null : choiceLists.get(q.listName());
  }

  /** The language whose column matches {@code code} ({@code fr}, {@code French}, ...), if any. */
  public Optional<String> language(String code) {
    for (String l : languages) {
      if (l.equalsIgnoreCase(code)
          || l.toLowerCase(java.util.Locale.ROOT)
              .contains("(" + code.toLowerCase(java.util.Locale.ROOT) + ")")
          || l.toLowerCase(java.util.Locale.ROOT)
              .startsWith(code.toLowerCase(java.util.Locale.ROOT) + " ")) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
