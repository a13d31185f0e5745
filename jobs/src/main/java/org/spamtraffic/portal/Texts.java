package org.spamtraffic.portal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.IMessageResolver;

/**
 * Every text the portal shows, from one message bundle ({@code
 * org/spamtraffic/portal/messages.properties}, English; a translation is another file beside it,
 * {@code messages_fr.properties}). Pages read it through Thymeleaf ({@code #{key}}, by {@link
 * #messageResolver}) and the JSON answers through {@link #get}: one formatter, one set of words.
 */
final class Texts {
  static final String BUNDLE = "org.spamtraffic.portal.messages";

  private final Locale locale;
  private final ResourceBundle bundle;

  private Texts(Locale locale) {
    this.locale = locale;
    // No fallback to the machine's default locale: English asked for is English served.
    this.bundle =
        ResourceBundle.getBundle(
            BUNDLE,
            locale,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** The English texts (the only language so far). */
  static final Texts ENGLISH = new Texts(Locale.ENGLISH);

  /** The text {@code key} with its arguments ({@link MessageFormat} patterns). */
  String get(String key, Object... args) {
    return new MessageFormat(bundle.getString(key), locale).format(args);
  }

  /** Whether the bundle has {@code key}. */
  boolean has(String key) {
    return bundle.containsKey(key);
  }

  /** Thymeleaf's {@code #{key(args)}}, answered from this bundle. */
  IMessageResolver messageResolver() {
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
        try {
          return get(key, messageParameters == null ? new Object[0] : messageParameters);
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
