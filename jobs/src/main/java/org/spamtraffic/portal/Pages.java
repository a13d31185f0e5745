package org.spamtraffic.portal;

import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The portal's pages, rendered by Thymeleaf from {@code org/spamtraffic/portal/templates/*.html}:
 * every value goes in through {@code th:text} or an attribute, which Thymeleaf escapes, so no page
 * is one forgotten escape away from script injection; the words come from {@link Texts}. Templates
 * are cached after their first use.
 */
final class Pages {
  private final TemplateEngine engine = new TemplateEngine();

  Pages(Texts texts) {
    ClassLoaderTemplateResolver resolver =
        new ClassLoaderTemplateResolver(Pages.class.getClassLoader());
    resolver.setPrefix("org/spamtraffic/portal/templates/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    engine.setTemplateResolver(resolver);
    engine.setMessageResolver(texts.messageResolver());
  }

  /**
   * The page {@code template} with these values. The frame needs {@code signedInAs} (null when
   * nobody is signed in), {@code analyst} and {@code csrf} (the sign-out form's token).
   */
  String render(String template, Map<String, Object> values) {
    Context context = new Context(Locale.ENGLISH);
    context.setVariable("signedInAs", null);
    context.setVariable("analyst", false);
    context.setVariable("csrf", "");
    context.setVariables(values);
    return engine.process(template, context);
  }
}
