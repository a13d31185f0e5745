package org.spamtraffic.estimate;

import java.util.Locale;

/**
 * The spam types of a return (ITU-T X.1240 to X.1247), as the column prefixes of {@code
 * country_profile} name them.
 */
public enum SpamType {
  EMAIL("market_email_mailboxes"),
  SMS("market_mobile_subscriptions"),
  VOICE("market_mobile_subscriptions"),
  IP_MESSAGING("market_internet_users"),
  IP_MULTIMEDIA("market_internet_users");

  private final String marketFallbackColumn;

  SpamType(String marketFallbackColumn) {
    this.marketFallbackColumn = marketFallbackColumn;
  }

  /**
   * The name used in column prefixes, parameter names and output rows, e.g. {@code ip_messaging}.
   */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The questionnaire's market column used when {@code <type>_market_size} is empty (mailboxes for
   * email, mobile subscriptions for SMS and voice, internet users for IP services).
   */
  public String marketFallbackColumn() {
    return marketFallbackColumn;
  }
}
