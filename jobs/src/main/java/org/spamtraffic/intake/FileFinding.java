package org.spamtraffic.intake;

import java.io.Serializable;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.schema.Rule;

/**
 * A finding about a whole file (rule ids {@code file.*} in the return format), such as a missing
 * column or a password-protected workbook.
 *
 * @param rule the rule id
 * @param value what the message's {@code {value}} says
 * @param other what the message's {@code {other}} says, or null
 */
public record FileFinding(String rule, String value, String other) implements Serializable {

  /** The rule's level: an error makes the file unreadable. */
  public Rule.Level level() {
    return ReturnFormat.v1().rule(rule).level();
  }

  /** The message an operator reads. */
  public String message() {
    return ReturnFormat.v1().rule(rule).format(null, value, other, null);
  }
}
