package org.spamtraffic.validate;

import java.util.Locale;
import org.spamtraffic.language.Catalogue;
import org.spamtraffic.language.Language;
import org.spamtraffic.schema.Countries;
import org.spamtraffic.schema.Field;
import org.spamtraffic.schema.FieldKind;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.schema.Rule;

/**
 * Renders the message an operator reads for a broken rule, in any of the six languages. One
 * function for both evaluators: the Spark job calls it (in English, the language of the warehouse's
 * {@code rejects}) as a UDF on rejected rows only, so the words are the same everywhere. The
 * English templates are the return format's; their translations and every word of the hints are in
 * the catalogue {@value #CATALOGUE}.
 */
public final class Messages {
  /** The checks' catalogue: hints, summaries, the marked workbook, and rule translations. */
  public static final String CATALOGUE = "org.spamtraffic.validate.messages";

  private Messages() {}

  /** The checks' words in {@code language}. */
  public static Catalogue catalogue(Language language) {
    return Catalogue.of(CATALOGUE, language);
  }

  /**
   * The message for {@code rule} on {@code column} (null for file rules), in English.
   *
   * @param value the raw value (or what the rule's {@code {value}} says)
   * @param other the other value the rule compares with, or null
   */
  public static String render(String rule, String column, String value, String other) {
    return render(Language.ENGLISH, rule, column, value, other);
  }

  /** The message for {@code rule} on {@code column} in {@code language}. */
  public static String render(
      Language language, String rule, String column, String value, String other) {
    Rule r = ReturnFormat.v1().rule(rule);
    Field field = column == null ? null : fieldOrNull(column);
    // A file rule's value and other may be words built in code, and so are the values of two rules
    // across rows (a list of rows, a range of figures): said in the language too.
    String v =
        switch (rule) {
          case "duplicate_key" -> Phrases.rows(language, value);
          case "service_level_consistent" -> Phrases.range(language, value);
          default -> field == null ? Phrases.in(language, value) : value;
        };
    String o = field == null ? Phrases.in(language, other) : other;
    return Rule.fill(template(language, r), column, v, o, allowed(language, rule, field, value));
  }

  /** The rule's message template in {@code language} (the format's own in English). */
  public static String template(Language language, Rule rule) {
    return language == Language.ENGLISH
        ? rule.message()
        : catalogue(language).pattern("rule." + rule.id());
  }

  /** What the rule checks, in {@code language} (for file rules, their message template). */
  public static String description(Language language, Rule rule) {
    Catalogue c = catalogue(language);
    if (language == Language.ENGLISH || !c.has("description." + rule.id())) {
      return language == Language.ENGLISH ? rule.description() : template(language, rule);
    }
    return c.pattern("description." + rule.id());
  }

  private static String allowed(Language language, String rule, Field field, String value) {
    if (field == null) {
      return "";
    }
    Catalogue c = catalogue(language);
    switch (rule) {
      case "required":
        return requiredHint(c, field);
      case "code":
        return String.join(", ", field.codes());
      case "country_code":
        String hint = field.allowsUnknown() ? c.text("hint.write_unknown") : "";
        if (value != null && value.strip().length() == 2) {
          String upper = value.strip().toUpperCase(Locale.ROOT);
          return Countries.alpha3Of(upper).map(a3 -> c.text("hint.did_you_mean", a3)).orElse(hint);
        }
        return hint;
      case "pattern":
        return CellCheck.allowed(field, language);
      case "ambiguous_number":
        return WholeNumbers.suggestion(value);
      default:
        return "";
    }
  }

  private static String requiredHint(Catalogue c, Field field) {
    FieldKind kind = field.kind();
    switch (kind) {
      case CODE:
        return c.text("hint.one_of", String.join(", ", field.codes()));
      case COUNTRY:
        return field.allowsUnknown() ? c.text("hint.country_or_unknown") : c.text("hint.country");
      case PERIOD:
        return c.text("hint.period");
      case MEASURE:
        return c.text("hint.measure");
      case TEXT:
        return field.example().isEmpty() ? "" : c.text("hint.such_as", field.example());
    }
    return "";
  }

  private static Field fieldOrNull(String column) {
    for (Field f : ReturnFormat.v1().fields()) {
      if (f.name().equals(column)) {
        return f;
      }
    }
    return null;
  }
}
