package org.spamtraffic.portal;

import java.util.Map;
import org.spamtraffic.language.Language;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The portal's pages, rendered by Thymeleaf from {@code org/spamtraffic/portal/templates/*.html}:
 * every value goes in through {@code th:text} or an attribute, which Thymeleaf escapes, so no page
 * is one forgotten escape away from script injection; the words come from {@link Texts} in the
 * page's language, and the page says its language and direction ({@code lang}, {@code dir="rtl"}
 * for Arabic). Templates are cached after their first use.
 */
final class Pages {
  private final TemplateEngine engine = new TemplateEngine();

  Pages() {
    ClassLoaderTemplateResolver resolver =
        new ClassLoaderTemplateResolver(Pages.class.getClassLoader());
    resolver.setPrefix("org/spamtraffic/portal/templates/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    engine.setTemplateResolver(resolver);
    engine.setMessageResolver(Texts.messageResolver());
  }

  /**
   * The page {@code template} in {@code language} with these values. The frame needs {@code
   * signedInAs} (null when nobody is signed in), {@code analyst} and {@code csrf} (the sign-out
   * form's token).
   */
  String render(String template, Language language, Map<String, Object> values) {
    Context context = new Context(language.locale());
    context.setVariable("signedInAs", null);
    context.setVariable("analyst", false);
    context.setVariable("csrf", "");
    context.setVariable("lang", language.tag());
    context.setVariable("dir", language.rightToLeft() ? "rtl" : "ltr");
    context.setVariable("language", language);
    context.setVariable("pageLanguages", Language.values());
    context.setVariables(values);
    return engine.process(template, context);
  }
}
