package org.spamtraffic.language;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The words of one surface (the checks, the portal, the template...) in one language: a resource
 * bundle ({@code <base>.properties} is English and the source, {@code <base>_fr.properties} and the
 * others beside it, UTF-8), each text an ICU {@link MessageFormat} pattern ({@code {0}}, {@code
 * {count, plural, one {# row} other {# rows}}}, numbers as CLDR writes them in the language).
 *
 * <p>A key missing in a translation falls back to English (Java's bundle parent), never to the
 * machine's default locale; {@code CatalogueCompletenessTest} fails the build when any key is
 * missing, or its arguments differ, in any language.
 */
public final class Catalogue {
  private static final Map<String, Catalogue> LOADED = new ConcurrentHashMap<>();

  private final String baseName;
  private final Language language;
  private final ResourceBundle bundle;

  private Catalogue(String baseName, Language language, ClassLoader loader) {
    this.baseName = baseName;
    this.language = language;
    this.bundle =
        ResourceBundle.getBundle(
            baseName,
            language.locale(),
            loader,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /**
   * The catalogue {@code baseName} (a bundle name such as {@code
   * org.spamtraffic.validate.messages}) in {@code language}, loaded once.
   *
   * @throws MissingResourceException when there is no such bundle (a programming error)
   */
  public static Catalogue of(String baseName, Language language) {
    return LOADED.computeIfAbsent(
        baseName + "|" + language.code(),
        k -> new Catalogue(baseName, language, Catalogue.class.getClassLoader()));
  }

  /** The bundle's name. */
  public String baseName() {
    return baseName;
  }

  /** The language of this catalogue. */
  public Language language() {
    return language;
  }

  /** The text {@code key}, its numbered arguments filled in ({@code {0}}, {@code {1}}...). */
  public String text(String key, Object... args) {
    return new MessageFormat(pattern(key), language.locale()).format(args);
  }

  /** The text {@code key}, its named arguments filled in ({@code {rows}}, {@code {operator}}). */
  public String named(String key, Map<String, Object> args) {
    return new MessageFormat(pattern(key), language.locale()).format(args);
  }

  /**
   * The pattern of {@code key} as written in the catalogue, unformatted (for texts that are not
   * MessageFormat patterns, such as the return format's rule messages).
   *
   * @throws MissingResourceException when no language, English included, has the key
   */
  public String pattern(String key) {
    return bundle.getString(key);
  }

  /** Whether this language, or English beneath it, has {@code key}. */
  public boolean has(String key) {
    return bundle.containsKey(key);
  }

  /** Every key, this language's and English's beneath it. */
  public Set<String> keys() {
    return new TreeSet<>(bundle.keySet());
  }

  /**
   * The arguments a MessageFormat pattern takes (names or numbers, sorted), so that a test can hold
   * every translation to its English source.
   *
   * @throws IllegalArgumentException when {@code pattern} is not a valid pattern
   */
  public static Set<String> arguments(String pattern) {
    MessagePattern p = new MessagePattern(pattern);
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < p.countParts(); i++) {
      MessagePattern.Part part = p.getPart(i);
      if (part.getType() == MessagePattern.Part.Type.ARG_NAME
          || part.getType() == MessagePattern.Part.Type.ARG_NUMBER) {
        out.add(p.getSubstring(part));
      }
    }
    return out;
  }
}
