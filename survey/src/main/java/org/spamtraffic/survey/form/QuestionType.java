package org.spamtraffic.survey.form;

import java.util.Locale;
import java.util.Optional;

/** The XLSForm question types this project reads (the {@code type} column, first word). */
public enum QuestionType {
  SELECT_ONE("select_one"),
  SELECT_MULTIPLE("select_multiple"),
  INTEGER("integer"),
  DECIMAL("decimal"),
  TEXT("text"),
  DATE("date"),
  NOTE("note"),
  /** Metadata the collecting tool fills in (start, end, today, deviceid, ...): never asked. */
  METADATA("metadata");

  private final String xlsform;

  QuestionType(String xlsform) {
    this.xlsform = xlsform;
  }

  /** The name used in the XLSForm {@code type} column. */
  public String xlsformName() {
    return xlsform;
  }

  /** Whether the answer is one or more choice names from a list. */
  public boolean isSelect() {
    return this == SELECT_ONE || this == SELECT_MULTIPLE;
  }

  /** Whether a respondent answers it (notes and metadata are not answers). */
  public boolean isAnswered() {
    return this != NOTE && this != METADATA;
  }

  /** The type for an XLSForm type word, if supported. */
  static Optional<QuestionType> of(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    switch (w) {
      case "start":
      case "end":
      case "today":
      case "deviceid":
      case "subscriberid":
      case "simserial":
      case "phonenumber":
      case "username":
      case "email":
      case "audit":
      case "start-geopoint":
        return Optional.of(METADATA);
      default:
        break;
    }
    for (QuestionType t : values()) {
      if (t != METADATA && t.xlsform.equals(w)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
