package org.spamtraffic.estimate;

import java.io.Serializable;
import java.util.Locale;

/**
 * A country and spam type the model cannot size, and why: a row of {@code
 * investment_not_estimated}. The type gets no technical component; {@code docs/investment-model.md}
 * says how its likely size is stated.
 *
 * @param countryCode ISO 3166-1 alpha-3
 * @param countryName English name
 * @param type the spam type
 * @param reason why no volume could be had
 * @param users users the type would serve (the questionnaire's market size), null when unknown
 * @param usersBasis where {@code users} comes from, or {@code unknown}
 * @param hasReturns whether operators of the country returned figures of this type in the window
 */
public record NotEstimated(
    String countryCode,
    String countryName,
    SpamType type,
    Reason reason,
    Double users,
    String usersBasis,
    boolean hasReturns)
    implements Serializable {

  /** Why a type cannot be estimated; the messages are the English source of the table's text. */
  public enum Reason {
    /** Neither a market size nor a service size: nothing to apply a rate to. */
    NO_USERS(
        "no market size for %s in the questionnaire and no operator's service size: no basis to"
            + " apply a rate of spam per user to"),
    /** Users known, but no measured rate at any level and no published rate. */
    NO_RATE(
        "%s spam is measured with adequate coverage in no country of the study, not in this"
            + " country even at low coverage, and no published rate of %s spam per user was found");

    private final String template;

    Reason(String template) {
      this.template = template;
    }

    /** The code in the table: {@code no_users} or {@code no_rate}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The message for {@code type}. */
    public String message(SpamType type) {
      return String.format(Locale.ROOT, template, type.key(), type.key());
    }
  }

  /** {@code XXA:voice}, for messages. */
  public String pair() {
    return countryCode + ":" + type.key();
  }
}
