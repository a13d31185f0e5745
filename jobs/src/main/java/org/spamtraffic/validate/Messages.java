package org.spamtraffic.validate;

import org.spamtraffic.schema.Countries;
import org.spamtraffic.schema.Field;
import org.spamtraffic.schema.FieldKind;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.schema.Rule;

/**
 * Renders the message an operator reads for a broken rule. One function for both evaluators: the
 * Spark job calls it as a UDF on rejected rows only, so the words are the same everywhere.
 */
public final class Messages {
  private Messages() {}

  /**
   * The message for {@code rule} on {@code column} (null for file rules).
   *
   * @param value the raw value (or what the rule's {@code {value}} says)
   * @param other the other value the rule compares with, or null
   */
  public static String render(String rule, String column, String value, String other) {
    Rule r = ReturnFormat.v1().rule(rule);
    Field field = column == null ? null : fieldOrNull(column);
    return r.format(column, value, other, allowed(rule, field, value));
  }

  private static String allowed(String rule, Field field, String value) {
    if (field == null) {
      return "";
    }
    switch (rule) {
      case "required":
        return requiredHint(field);
      case "code":
        return String.join(", ", field.codes());
      case "country_code":
        String hint = field.allowsUnknown() ? " (write unknown when it is not known)" : "";
        if (value != null && value.strip().length() == 2) {
          String upper = value.strip().toUpperCase(java.util.Locale.ROOT);
          return Countries.alpha3Of(upper).map(a3 -> " (did you mean '" + a3 + "'?)").orElse(hint);
        }
        return hint;
      case "pattern":
        return CellCheck.allowed(field);
      case "ambiguous_number":
        return WholeNumbers.suggestion(value);
      default:
        return "";
    }
  }

  private static String requiredHint(Field field) {
    FieldKind kind = field.kind();
    switch (kind) {
      case CODE:
        return " (one of: " + String.join(", ", field.codes()) + ")";
      case COUNTRY:
        return field.allowsUnknown()
            ? " (an ISO 3166-1 alpha-3 code, or unknown when not known)"
            : " (an ISO 3166-1 alpha-3 code)";
      case PERIOD:
        return " such as 2025-Q1 or 2025-03";
      case MEASURE:
        return " (a whole number; 0 when there was none)";
      case TEXT:
        return field.example().isEmpty() ? "" : " such as " + field.example();
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
