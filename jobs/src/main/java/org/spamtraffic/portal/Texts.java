package org.spamtraffic.portal;

import java.util.Locale;
import java.util.MissingResourceException;
import org.spamtraffic.language.Catalogue;
import org.spamtraffic.language.Language;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.IMessageResolver;

/**
 * Every text the portal shows, from one catalogue ({@code
 * org/spamtraffic/portal/messages.properties}, English, the source; {@code messages_fr.properties}
 * and the other four languages beside it), as ICU MessageFormat patterns. Pages read it through
 * Thymeleaf ({@code #{key}}, by {@link #messageResolver}, in the page's language) and the JSON
 * answers through {@link #get}: one formatter, one set of words.
 */
final class Texts {
  static final String BUNDLE = "org.spamtraffic.portal.messages";

  private final Catalogue catalogue;

  private Texts(Language language) {
    this.catalogue = Catalogue.of(BUNDLE, language);
  }

  /** The English texts. */
  static final Texts ENGLISH = new Texts(Language.ENGLISH);

  /** The texts in {@code language}. */
  static Texts of(Language language) {
    return language == Language.ENGLISH ? ENGLISH : new Texts(language);
  }

  /** The language of these texts. */
  Language language() {
    return catalogue.language();
  }

  /** The text {@code key} with its arguments (MessageFormat patterns). */
  String get(String key, Object... args) {
    return catalogue.text(key, args);
  }

  /** Whether the catalogue has {@code key}. */
  boolean has(String key) {
    return catalogue.has(key);
  }

  /** Thymeleaf's {@code #{key(args)}}, answered in the language of the page's locale. */
  static IMessageResolver messageResolver() {
    return new IMessageResolver() {
      @Override
      public String getName() {
        return "portal-texts";
      }

      @Override
      public Integer getOrder() {
        return 0;
      }

      @Override
      public String resolveMessage(
          ITemplateContext context, Class<?> origin, String key, Object[] messageParameters) {
        Locale locale = context.getLocale();
        Texts texts = of(Language.find(locale.toLanguageTag()).orElse(Language.ENGLISH));
        try {
          return texts.get(key, messageParameters == null ? new Object[0] : messageParameters);
        } catch (MissingResourceException e) {
          return null;
        }
      }

      @Override
      public String createAbsentMessageRepresentation(
          ITemplateContext context, Class<?> origin, String key, Object[] messageParameters) {
        // Visible in the page, and PortalPagesTest looks for it.
        return "??" + key + "??";
      }
    };
  }
}
