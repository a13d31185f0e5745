package org.spamtraffic.generate;

import java.util.List;

/**
 * A country of a synthetic study round, as its operators see it: where its international spam comes
 * from and how much spam its phone services get. Every operator of the country draws its
 * international flows from the same {@code sources}, which is what lets pooled figures of three or
 * more operators exist for routes and sources (as in real returns: the operators of one country see
 * the same main senders).
 *
 * @param country ISO alpha-3 code
 * @param sources the countries that send it most international SMS and voice spam, most first
 *     (email and IP spam come from {@link RoundReturns#INTERNET_SOURCES})
 * @param smsLevel SMS spam relative to the study's typical share of traffic (1 = typical)
 * @param voiceLevel voice spam relative to the typical share
 * @param greyRoute weight of grey routes (SIM boxes) relative to the typical weight
 */
public record Market(
    String country, List<String> sources, double smsLevel, double voiceLevel, double greyRoute) {
  public Market {
    if (sources.size() < 3) {
      throw new IllegalArgumentException(
          "A market needs at least three source countries, " + country + " has " + sources);
    }
    if (sources.contains(country)) {
      throw new IllegalArgumentException(
          "The international sources of " + country + " include the country itself");
    }
    sources = List.copyOf(sources);
  }
}
