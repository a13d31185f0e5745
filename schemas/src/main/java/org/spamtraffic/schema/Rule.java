package org.spamtraffic.schema;

import java.util.Locale;

/**
 * A validation rule of the return format: its id (what rejects and summaries count by), its level
 * and the message template an operator reads. Templates use {@code {column}}, {@code {value}},
 * {@code {other}} and {@code {allowed}}.
 *
 * @param id stable identifier, for example {@code blocked_le_detected} or {@code file.empty}
 * @param level error (the row or file is rejected), warning or info (accepted, but reported)
 * @param scope cell, row, return (across rows of one file) or file
 * @param description what the rule checks
 * @param message the message template
 */
public record Rule(String id, Level level, String scope, String description, String message) {

  /** How serious a finding is. */
  public enum Level {
    ERROR,
    WARNING,
    INFO;

    /** Lower-case name, as written in tables and JSON. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Fills the message template. Null arguments print as empty. */
  public String format(String column, String value, String other, String allowed) {
    return fill(message, column, value, other, allowed);
  }

  /**
   * Fills a rule message template in any language (the English one of the format, or a translation
   * of it) the way {@link #format} does. Null arguments print as empty.
   */
  public static String fill(
      String template, String column, String value, String other, String allowed) {
    return template
        .replace("{column}", nullToEmpty(column))
        .replace("{value}", nullToEmpty(value))
        .replace("{other}", nullToEmpty(other))
        .replace("{allowed}", nullToEmpty(allowed));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
