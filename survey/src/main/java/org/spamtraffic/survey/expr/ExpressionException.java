package org.spamtraffic.survey.expr;

import java.util.List;
import org.spamtraffic.language.Catalogue;
import org.spamtraffic.language.Language;

/**
 * An XLSForm expression this project does not understand: a syntax error, or a function or operator
 * outside the supported subset. It names its reason, a key {@code expression.<reason>} of the form
 * checks' catalogue ({@code spamtraffic/survey/messages/form-checks*.properties}), and the values
 * of that text (the expression first), so that the form reader and the answers' checks say it in
 * the reader's language; {@link #getMessage()} is the English text. The form reader adds the sheet,
 * row and column.
 */
public final class ExpressionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The catalogue the reasons' texts are in. */
  public static final String CATALOGUE = "spamtraffic.survey.messages.form-checks";

  private final String reason;
  private final List<String> values;

  ExpressionException(String reason, Object... values) {
    this(reason, strings(values));
  }

  private ExpressionException(String reason, List<String> values) {
    super(Catalogue.of(CATALOGUE, Language.ENGLISH).text("expression." + reason, values.toArray()));
    this.reason = reason;
    this.values = values;
  }

  /** Why, as the key of its text without the {@code expression.} prefix: {@code not-xpath}. */
  public String reason() {
    return reason;
  }

  /** The values of the reason's text, the expression first. */
  public List<String> values() {
    return values;
  }

  private static List<String> strings(Object... values) {
    return java.util.Arrays.stream(values).map(String::valueOf).toList();
  }
}
