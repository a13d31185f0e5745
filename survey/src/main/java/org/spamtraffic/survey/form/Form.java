package org.spamtraffic.survey.form;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * @param settings every setting of the {@code settings} sheet, by column
 * @param groups groups and repeats, in sheet order
 * @param questions questions in sheet order (including implicit {@code _other} questions)
 * @param choiceLists choice lists by name (files beside the form by file name)
 */
public record Form(
    String title,
    String id,
    String version,
    String defaultLanguage,
    List<String> languages,
    Map<String, String> settings,
    List<Group> groups,
    List<Question> questions,
    Map<String, ChoiceList> choiceLists) {

  /** A form with no settings besides title, id and version (tests). */
  public Form(
      String title,
      String id,
      String version,
      String defaultLanguage,
      List<String> languages,
      List<Group> groups,
      List<Question> questions,
      Map<String, ChoiceList> choiceLists) {
    this(title, id, version, defaultLanguage, languages, Map.of(), groups, questions, choiceLists);
  }

  /** The name of the instance's root element ({@code name} setting, else {@code data}). */
  public String rootName() {
    String n = settings.get("name");
    return n == null || n.isBlank() ? "data" : n;
  }

  /** The question called {@code name} (the first one, when names repeat in different groups). */
  public Optional<Question> question(String name) {
    return questions.stream().filter(q -> q.name().equals(name)).findFirst();
  }

  /** The choice list of a select question (null for other types, or a list not read). */
  public ChoiceList choices(Question q) {
    return q.listName() == null ? null : choiceLists.get(q.listName());
  }

  /**
   * The absolute instance path of every question and group name ({@code /data/group/name}), as
   * {@code ${name}} references resolve; a name used twice keeps its first path.
   */
  public Map<String, String> paths() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Group g : groups) {
      out.putIfAbsent(g.name(), "/" + rootName() + "/" + g.path());
    }
    for (Question q : questions) {
      out.putIfAbsent(q.name(), "/" + rootName() + "/" + q.path());
    }
    return out;
  }

  /** The language whose column matches {@code code} ({@code fr}, {@code French}, ...), if any. */
  public Optional<String> language(String code) {
    String c = code.toLowerCase(Locale.ROOT);
    for (String l : languages) {
      String lower = l.toLowerCase(Locale.ROOT);
      if (lower.equals(c) || lower.contains("(" + c + ")") || lower.startsWith(c + " ")) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
