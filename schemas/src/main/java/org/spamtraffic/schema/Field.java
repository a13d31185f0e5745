package org.spamtraffic.schema;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One column of the return format, as {@code schemas/return-v1.schema.json} defines it.
 *
 * @param name canonical column name, as stored in the warehouse
 * @param kind how values are checked and cast
 * @param required whether an empty value is rejected
 * @param codes the allowed codes of a {@link FieldKind#CODE} column, in schema order; empty
 *     otherwise
 * @param pattern the regular expression a {@link FieldKind#TEXT} value must match, if any
 * @param maxLength the longest text accepted, or 0 for no limit
 * @param allowsUnknown whether the literal {@code unknown} is an accepted value
 * @param serviceLevel whether the measure is one figure per operator, period and type
 * @param labels column label per language code
 * @param codeLabels per code, the label per language code
 * @param aliases other header spellings accepted for this column
 * @param description what the column holds, for people
 * @param example an example value for templates and documentation
 */
public record Field(
    String name,
    FieldKind kind,
    boolean required,
    List<String> codes,
    Optional<Pattern> pattern,
    int maxLength,
    boolean allowsUnknown,
    boolean serviceLevel,
    Map<String, String> labels,
    Map<String, Map<String, String>> codeLabels,
    List<String> aliases,
    String description,
    String example) {

  /** The value that marks an unknown route field. */
  public static final String UNKNOWN = "unknown";

  /** The label in {@code language}, falling back to English, then to the name. */
  public String label(String language) {
    return labels.getOrDefault(language, labels.getOrDefault("en", name));
  }

  /** The label of {@code code} in {@code language}, falling back to English, then the code. */
  public String codeLabel(String code, String language) {
    Map<String, String> byLanguage = codeLabels.getOrDefault(code, Map.of());
    return byLanguage.getOrDefault(language, byLanguage.getOrDefault("en", code));
  }

  /**
   * Normalises a header for matching: case, surrounding space, and runs of spaces (non-breaking and
   * other Unicode spaces included), dashes, underscores, dots and brackets all fold to a single
   * underscore; zero-width characters and soft hyphens are dropped.
   */
  public static String normaliseHeader(String header) {
    // Non-breaking and other Unicode spaces count as spaces, zero-width characters as nothing:
    // spreadsheets and web pages put them around headers, invisibly.
    String s = header;
    if (!s.chars().allMatch(c -> c < 0x80)) {
      s = INVISIBLE.matcher(s).replaceAll("");
      s = UNICODE_SPACES.matcher(s).replaceAll(" ");
    }
    s = s.strip().toLowerCase(Locale.ROOT);
    s = SEPARATORS.matcher(s).replaceAll("_");
    return EDGES.matcher(s).replaceAll("");
  }

  private static final java.util.regex.Pattern INVISIBLE =
      java.util.regex.Pattern.compile("[\\x{200B}-\\x{200D}\\x{2060}\\x{FEFF}\\x{00AD}]");
  private static final java.util.regex.Pattern UNICODE_SPACES =
      java.util.regex.Pattern.compile("[\\p{Z}\\x{0085}\\x{180E}]");

  // Compiled once: readers ask, for every data line, whether it repeats the header.
  private static final java.util.regex.Pattern SEPARATORS =
      java.util.regex.Pattern.compile("[\\s_\\-./()]+");
  private static final java.util.regex.Pattern EDGES = java.util.regex.Pattern.compile("^_+|_+$");
}
