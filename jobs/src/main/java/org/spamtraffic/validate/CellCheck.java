package org.spamtraffic.validate;

import java.util.Locale;
import java.util.Map;
import org.spamtraffic.language.Catalogue;
import org.spamtraffic.language.Language;
import org.spamtraffic.schema.Countries;
import org.spamtraffic.schema.Field;
import org.spamtraffic.schema.FieldKind;

/**
 * The evaluator of one cell's rules, the only one: {@code validate}, the portal, the operator
 * feedback and, inside its Spark tasks, {@code ingest-returns} all use it.
 */
public final class CellCheck {
  private CellCheck() {}

  /**
   * The verdict on one cell.
   *
   * @param value the typed value (String, or Long for measures), null when empty or refused
   * @param rule the rule broken, or null
   */
  public record Verdict(Object value, String rule) {
    static final Verdict EMPTY = new Verdict(null, null);

    /** Whether a rule was broken. */
    public boolean failed() {
      return rule != null;
    }
  }

  /** Checks and casts {@code raw} for {@code field}. */
  public static Verdict check(Field field, String raw) {
    String t = raw == null ? "" : raw.strip();
    if (t.isEmpty()) {
      return field.required() ? new Verdict(null, "required") : Verdict.EMPTY;
    }
    FieldKind kind = field.kind();
    switch (kind) {
      case TEXT:
        boolean fits =
            field.pattern().map(p -> p.matcher(t).matches()).orElse(true)
                && (field.maxLength() == 0 || t.length() <= field.maxLength());
        return fits ? new Verdict(t, null) : new Verdict(null, "pattern");
      case CODE:
        String code = spellingsOf(field).get(t.toLowerCase(Locale.ROOT));
        if (code == null) {
          code = spellingsOf(field).get(Codes.fold(t));
        }
        return code != null ? new Verdict(code, null) : new Verdict(null, "code");
      case COUNTRY:
        String upper = t.toUpperCase(Locale.ROOT);
        if (Countries.alpha3().contains(upper)) {
          return new Verdict(upper, null);
        }
        if (field.allowsUnknown() && upper.equals("UNKNOWN")) {
          return new Verdict(Field.UNKNOWN, null);
        }
        return new Verdict(null, "country_code");
      case PERIOD:
        String period = Periods.canonical(t);
        return period != null ? new Verdict(period, null) : new Verdict(null, "period");
      case MEASURE:
        WholeNumbers.Outcome n = WholeNumbers.read(t);
        return new Verdict(n.value(), n.rule());
    }
    throw new AssertionError(kind);
  }

  /** The allowed values, for messages. */
  public static String allowed(Field field) {
    return allowed(field, Language.ENGLISH);
  }

  /** What {@link #allowed(Field)} says, in {@code language}. */
  public static String allowed(Field field, Language language) {
    Catalogue words = Messages.catalogue(language);
    switch (field.kind()) {
      case CODE:
        return String.join(", ", field.codes());
      case COUNTRY:
        return field.allowsUnknown() ? words.text("allowed.or_unknown") : "";
      case TEXT:
        if (field.pattern().isPresent()) {
          return words.text("allowed.for_example", field.example());
        }
        return field.maxLength() > 0 ? words.text("allowed.at_most", field.maxLength()) : "";
      case MEASURE:
      case PERIOD:
        return "";
    }
    return "";
  }

  private static final Map<String, Map<String, String>> SPELLINGS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Map<String, String> spellingsOf(Field field) {
    return SPELLINGS.computeIfAbsent(field.name(), n -> Codes.spellings(field));
  }
}
