package org.spamtraffic.intake;

import java.util.Locale;

/** What a submitted file turned out to be, judged by its content, never by its name. */
public enum FileFormat {
  CSV,
  XLSX,
  XLS,
  UNKNOWN;

  /** Lower-case name, as written in {@code submissions.format}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
