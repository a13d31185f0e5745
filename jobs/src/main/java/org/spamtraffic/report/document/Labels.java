package org.spamtraffic.report.document;

import com.ibm.icu.text.MessageFormat;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.spamtraffic.language.Language;
import org.spamtraffic.language.LocalFormats;

/**
 * Every text of the report in one language: one message bundle, {@code
 * spamtraffic/report/messages.properties} (English, the source) with {@code messages_fr.properties}
 * and the other languages beside it (UTF-8). Each text is an ICU {@link MessageFormat} pattern
 * ({@code {0}}, {@code {1, plural, one {# country} other {# countries}}}), so that a translation
 * can use its own plural forms. A key missing in a language falls back to English (the bundle's
 * parent), never to the machine's locale. Country names are the UN's (UNTERM short names, in the
 * six UN languages, {@code spamtraffic/report/country-names.csv}).
 */
public final class Labels {
  /** Languages that have a message file: the six ITU languages (en, fr, es, ar, zh, ru). */
  public static final List<String> LANGUAGES = Language.codes();

  /** The languages of the country names file (the six UN languages). */
  static final List<String> NAME_LANGUAGES = Language.codes();

  private static final String BUNDLE = "spamtraffic.report.messages";
  private static final String NAMES = "spamtraffic/report/country-names.csv";

  private static final java.util.regex.Pattern QUARTER =
      java.util.regex.Pattern.compile("[0-9]{4}-Q[1-4]");

  private final Language language;
  private final ResourceBundle bundle;
  private final Map<String, String> countryNames;

  private Labels(Language language, ResourceBundle bundle, Map<String, String> countryNames) {
    this.language = language;
    this.bundle = bundle;
    this.countryNames = countryNames;
  }

  /**
   * The labels of {@code language} (en, fr, es, ar, zh, ru); fails naming the languages there are.
   */
  public static Labels of(String language) {
    if (!LANGUAGES.contains(language)) {
      throw new IllegalArgumentException(
          "No report labels for language '" + language + "'; available: " + LANGUAGES);
    }
    Language l = Language.of(language);
    ResourceBundle bundle =
        ResourceBundle.getBundle(
            BUNDLE,
            Locale.forLanguageTag(language),
            Labels.class.getClassLoader(),
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    return new Labels(l, bundle, countryNames(language));
  }

  /** The language code. */
  public String language() {
    return language.code();
  }

  /**
   * The locale numbers are printed in (CLDR's, through ICU; Chinese is zh-CN). Arabic is asked for
   * Western digits ({@code ar-u-nu-latn}), as CLDR and ICU write it, so that the charts (drawn with
   * the JDK's formats, whose older CLDR data uses Arabic-Indic digits) print the same digits as the
   * text.
   */
  public Locale locale() {
    Locale l = language.locale();
    return language == Language.ARABIC
        ? new Locale.Builder().setLocale(l).setUnicodeLocaleKeyword("nu", "latn").build()
        : l;
  }

  /**
   * The language tag documents are marked with: en-GB (ITU's English), else the language's own (fr,
   * es, ar, zh-CN, ru).
   */
  public String documentTag() {
    return language == Language.ENGLISH ? "en-GB" : language.tag();
  }

  /** Whether the language is written right to left (Arabic): bidi paragraphs, mirrored tables. */
  public boolean rightToLeft() {
    return language.rightToLeft();
  }

  /** Whether the bundle has a text for {@code key}. */
  public boolean has(String key) {
    return bundle.containsKey(key);
  }

  /**
   * The text of {@code key}, read as a MessageFormat pattern without arguments (so that {@code ''}
   * reads as one apostrophe, as in every other text); fails when even English has none (a
   * programming error).
   */
  public String get(String key) {
    return new MessageFormat(pattern(key), locale()).format(new Object[0]);
  }

  /** The pattern of {@code key} as written in the bundle. */
  public String pattern(String key) {
    try {
      return bundle.getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalArgumentException("No report text '" + key + "' in messages.properties", e);
    }
  }

  /**
   * The text of {@code key} with its arguments filled in (ICU MessageFormat); an argument that is a
   * quarter ({@code 2025-Q4}) is written as the language writes it ({@link #period}).
   */
  public String format(String key, Object... args) {
    Object[] printed = args.clone();
    for (int i = 0; i < printed.length; i++) {
      if (printed[i] instanceof String s && QUARTER.matcher(s).matches()) {
        printed[i] = period(s);
      }
    }
    return new MessageFormat(pattern(key), locale()).format(printed);
  }

  /**
   * A quarter as the report's language writes it, from CLDR ({@code T4 2025}, {@code 2025年第4季度},
   * {@code 4-й кв. 2025 г.}); English keeps the study's own notation, {@code 2025-Q4}, which the
   * tables and returns use.
   */
  public String period(String quarter) {
    return language == Language.ENGLISH || quarter == null
        ? quarter
        : LocalFormats.of(language).period(quarter);
  }

  /** The label of {@code prefix.code}, or {@code code} itself when there is none. */
  public String name(String prefix, String code) {
    if (code == null) {
      return "";
    }
    String key = prefix + "." + code;
    return bundle.containsKey(key) ? bundle.getString(key) : code;
  }

  /** The UN name of a country (ISO alpha-3) in the report's language, if the file has it. */
  public java.util.Optional<String> countryName(String alpha3) {
    return java.util.Optional.ofNullable(alpha3 == null ? null : countryNames.get(alpha3));
  }

  private static Map<String, String> countryNames(String language) {
    String column = NAME_LANGUAGES.contains(language) ? language : "en";
    Map<String, String> names = new HashMap<>();
    try (InputStream in = Labels.class.getClassLoader().getResourceAsStream(NAMES)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + NAMES);
      }
      Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
      try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(reader)) {
        for (NamedCsvRecord r : csv) {
          String name = r.getField(column);
          names.put(r.getField("alpha3"), name.isBlank() ? r.getField("en") : name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + NAMES, e);
    }
    return Map.copyOf(names);
  }
}
