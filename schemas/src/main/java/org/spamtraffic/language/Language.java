package org.spamtraffic.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One of the six languages ITU works in. English is the source of every text; the other five are
 * translations (each catalogue says that they await a professional translator's review).
 */
public enum Language {
  ENGLISH("en", "English", false),
  FRENCH("fr", "Français", false),
  SPANISH("es", "Español", false),
  ARABIC("ar", "العربية", true),
  CHINESE("zh", "中文", false),
  RUSSIAN("ru", "Русский", false);

  private final String code;
  private final String nativeName;
  private final boolean rightToLeft;
  private final Locale locale;

  Language(String code, String nativeName, boolean rightToLeft) {
    this.code = code;
    this.nativeName = nativeName;
    this.rightToLeft = rightToLeft;
    // Chinese is written in simplified characters, as in the UN's documents.
    this.locale = code.equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.forLanguageTag(code);
  }

  /** The ISO 639-1 code: en, fr, es, ar, zh, ru. */
  public String code() {
    return code;
  }

  /** The language's name in itself, as a language switch shows it. */
  public String nativeName() {
    return nativeName;
  }

  /** Whether the language is written right to left (Arabic). */
  public boolean rightToLeft() {
    return rightToLeft;
  }

  /** The locale whose CLDR data formats numbers and dates (zh is zh-CN). */
  public Locale locale() {
    return locale;
  }

  /** The BCP 47 tag for documents' language attributes ({@code ar}, {@code zh-CN}, ...). */
  public String tag() {
    return locale.toLanguageTag();
  }

  /** The codes of the six, in ITU's order of the enum: en, fr, es, ar, zh, ru. */
  public static List<String> codes() {
    List<String> out = new ArrayList<>();
    for (Language l : values()) {
      out.add(l.code);
    }
    return out;
  }

  /** The language of {@code code} (a code or a tag such as {@code fr-CA}, any case), if one. */
  public static Optional<Language> find(String code) {
    if (code == null || code.isBlank()) {
      return Optional.empty();
    }
    String primary = Locale.forLanguageTag(code.strip().replace('_', '-')).getLanguage();
    for (Language l : values()) {
      if (l.code.equals(primary)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /**
   * The language of {@code code}; a configuration error names the bad value and the six allowed.
   */
  public static Language of(String code) {
    return find(code)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown language '"
                        + code
                        + "'; use one of "
                        + String.join(", ", codes())
                        + " (Arabic, Chinese, English, French, Russian, Spanish)"));
  }

  /**
   * The best of the six for an HTTP {@code Accept-Language} header (RFC 9110 weights, {@code *}
   * ignored), or English when it names none of them or cannot be read.
   */
  public static Language fromAcceptLanguage(String header) {
    if (header == null || header.isBlank()) {
      return ENGLISH;
    }
    List<Locale.LanguageRange> ranges;
    try {
      ranges = Locale.LanguageRange.parse(header);
    } catch (IllegalArgumentException e) {
      return ENGLISH;
    }
    // Ranges come sorted by weight; the first that names one of the six wins.
    for (Locale.LanguageRange r : ranges) {
      if (r.getWeight() > 0) {
        Optional<Language> l = find(r.getRange());
        if (l.isPresent()) {
          return l.get();
        }
      }
    }
    return ENGLISH;
  }
}
