package org.spamtraffic.validate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.spamtraffic.schema.Field;

/**
 * How a coded value is recognised: the code itself in any case, or its label in any language, with
 * spaces, dashes and slashes folded to underscores. Both evaluators use {@link #spellings(Field)}
 * and {@link #fold(String)}.
 */
public final class Codes {
  /** Characters folded to one underscore when matching codes and labels. */
  public static final String FOLD = "[\\s\\-/]+";

  private Codes() {}

  /** Lower-case, trimmed, with runs of spaces, dashes and slashes as one underscore. */
  public static String fold(String raw) {
    return raw.strip().toLowerCase(Locale.ROOT).replaceAll(FOLD, "_");
  }

  /** Every accepted spelling of the field's codes (folded), mapped to its code. */
  public static Map<String, String> spellings(Field field) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String code : field.codes()) {
      out.put(fold(code), code);
    }
    field
        .codeLabels()
        .forEach(
            (code, labels) -> labels.values().forEach(label -> out.putIfAbsent(fold(label), code)));
    return out;
  }
}
