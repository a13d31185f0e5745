package org.spamtraffic.report.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The words of the report in one language: headings, captions, axis titles, region and type names.
 * Read from {@code spamtraffic/report/labels_<lang>.properties} (UTF-8); a key missing in a
 * language falls back to English, so a partial translation still gives a complete report.
 */
public final class Labels {
  /** Languages that have a label file. */
  public static final List<String> LANGUAGES = List.of("en", "fr");

  private final String language;
  private final Properties english;
  private final Properties own;

  private Labels(String language, Properties english, Properties own) {
    this.language = language;
    this.english = english;
    this.own = own;
  }

  /** The labels of {@code language} (en, fr); fails naming the languages there are. */
  public static Labels of(String language) {
    if (!LANGUAGES.contains(language)) {
      throw new IllegalArgumentException(
          "No report labels for language '" + language + "'; available: " + LANGUAGES);
    }
    Properties en = load("en");
    return new Labels(language, en, language.equals("en") ? en : load(language));
  }

  /** The language code. */
  public String language() {
    return language;
  }

  /** The locale numbers are printed in. */
  public Locale locale() {
    return Locale.forLanguageTag(language);
  }

  /** The label of {@code key}; fails when even English has none (a programming error). */
  public String get(String key) {
    String v = own.getProperty(key);
    if (v == null) {
      v = english.getProperty(key);
    }
    if (v == null) {
      throw new IllegalArgumentException("No report label '" + key + "' in labels_en.properties");
    }
    return v;
  }

  /** The label of {@code key} with {@code {0}}, {@code {1}}... replaced by {@code args}. */
  public String format(String key, Object... args) {
    String text = get(key);
    for (int i = 0; i < args.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(args[i]));
    }
    return text;
  }

  /** The label of {@code prefix.code}, or {@code code} itself when there is none. */
  public String name(String prefix, String code) {
    if (code == null) {
      return "";
    }
    String key = prefix + "." + code;
    String v = own.getProperty(key);
    if (v == null) {
      v = english.getProperty(key);
    }
    return v == null ? code : v;
  }

  private static Properties load(String language) {
    String path = "spamtraffic/report/labels_" + language + ".properties";
    Properties p = new Properties();
    try (InputStream in = Labels.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + path);
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    }
    return p;
  }
}
