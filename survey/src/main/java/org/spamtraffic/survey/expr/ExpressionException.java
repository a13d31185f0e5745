package org.spamtraffic.survey.expr;

/**
 * An XLSForm expression this project does not understand: a syntax error, or a function or operator
 * outside the supported subset. The message names the expression; the form reader adds the sheet,
 * row and column.
 */
public final class ExpressionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ExpressionException(String message) {
    super(message);
  }
}
