package org.spamtraffic.intake.template;

import java.util.ArrayList;
import java.util.List;
import org.spamtraffic.language.Catalogue;
import org.spamtraffic.language.Language;
import org.spamtraffic.schema.Field;

/**
 * The template's own words (sheet names, instructions, the column table, hints) in one of the six
 * languages, from the catalogue {@value #CATALOGUE}; column and code labels come from the return
 * format, and what a column means is the format's description (English) or its translation.
 */
final class TemplateText {
  /** The template's catalogue. */
  static final String CATALOGUE = "org.spamtraffic.intake.template.words";

  private static final int STEPS = 6;
  private static final int CONTACT_ITEMS = 5;

  private final Catalogue words;

  private TemplateText(Language language) {
    this.words = Catalogue.of(CATALOGUE, language);
  }

  static TemplateText of(Language language) {
    return new TemplateText(language);
  }

  Language language() {
    return words.language();
  }

  String get(String key) {
    return words.text(key);
  }

  String instructionsSheet() {
    return get("sheet.instructions");
  }

  String operatorSheet() {
    return get("sheet.operator");
  }

  String dataSheet() {
    return get("sheet.data");
  }

  List<String> steps() {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= STEPS; i++) {
      out.add(get("step." + i));
    }
    return out;
  }

  List<String> columnTableHeader() {
    return List.of(
        get("table.column"),
        get("table.required"),
        get("table.write"),
        get("table.means"),
        get("table.example"));
  }

  List<String> contactItems() {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= CONTACT_ITEMS; i++) {
      out.add(get("contact." + i));
    }
    return out;
  }

  /** What {@code field} means, in this language. */
  String meaning(Field field) {
    return language() == Language.ENGLISH
        ? field.description()
        : words.pattern("column." + field.name());
  }
}
