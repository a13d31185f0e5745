package org.spamtraffic.validate;

import java.io.Serializable;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.schema.Rule;

/**
 * One broken rule on one row, before it is placed in a file: the column (null for row rules), the
 * rule id, the raw value and the other value the rule compared with.
 *
 * @param column canonical column, or null
 * @param rule rule id
 * @param value raw value as read
 * @param other the compared value, or null
 */
public record Problem(String column, String rule, String value, String other)
    implements Serializable {

  /** The rule's level. */
  public Rule.Level level() {
    return ReturnFormat.v1().rule(rule).level();
  }

  /** The message an operator reads. */
  public String message() {
    return Messages.render(rule, column, value, other);
  }
}
