package org.spamtraffic.survey.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user-visible texts of one surface (check-form findings, answer findings, the offline form),
 * kept in one properties file per surface and language under {@code spamtraffic/survey/messages/}
 * ({@code form-checks.properties} is the English source, {@code form-checks_fr.properties} its
 * French), so that translators work on one file and code holds no sentence. Placeholders are {@code
 * {0}}, {@code {1}}, ... replaced as they are (no MessageFormat quoting rules to trip on).
 */
public final class Catalogue {
  private static final Map<String, Catalogue> LOADED = new ConcurrentHashMap<>();

  private final String name;
  private final Properties english;
  private final Properties translated;

  private Catalogue(String name, Properties english, Properties translated) {
    this.name = name;
    this.english = english;
    this.translated = translated;
  }

  /** The catalogue {@code name} in English. */
  public static Catalogue of(String name) {
    return of(name, "en");
  }

  /**
   * The catalogue {@code name} in {@code language} (an ISO 639-1 code); a text missing in that
   * language is the English one.
   */
  public static Catalogue of(String name, String language) {
    String lang = language == null ? "en" : language.toLowerCase(Locale.ROOT);
    return LOADED.computeIfAbsent(
        name + "_" + lang,
        k -> {
          Properties en = load(name + ".properties", true);
          Properties tr = lang.equals("en") ? en : load(name + "_" + lang + ".properties", false);
          return new Catalogue(name, en, tr);
        });
  }

  /** Whether the catalogue has {@code key}. */
  public boolean has(String key) {
    return english.containsKey(key);
  }

  /**
   * The text of {@code key} with {@code {i}} replaced by {@code args[i]}.
   *
   * @throws IllegalArgumentException when the English source has no such key (a programming error)
   */
  public String text(String key, Object... args) {
    String t = translated.getProperty(key, english.getProperty(key));
    if (t == null) {
      throw new IllegalArgumentException("No text '" + key + "' in catalogue " + name);
    }
    for (int i = 0; i < args.length; i++) {
      t = t.replace("{" + i + "}", String.valueOf(args[i]));
    }
    return t;
  }

  private static Properties load(String file, boolean required) {
    Properties p = new Properties();
    String resource = "spamtraffic/survey/messages/" + file;
    try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        if (required) {
          throw new IllegalStateException("No " + resource + " on the classpath");
        }
        return p;
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }
}
