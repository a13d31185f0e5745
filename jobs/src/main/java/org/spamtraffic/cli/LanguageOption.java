package org.spamtraffic.cli;

import org.spamtraffic.language.Language;
import picocli.CommandLine;

/**
 * Reads {@code --lang}: one of the six ITU languages by code (en, fr, es, ar, zh, ru); anything
 * else is refused with the six named.
 */
final class LanguageOption implements CommandLine.ITypeConverter<Language> {
  @Override
  public Language convert(String value) {
    try {
      return Language.of(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
