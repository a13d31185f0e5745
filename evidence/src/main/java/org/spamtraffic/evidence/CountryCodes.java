package org.spamtraffic.evidence;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.spamtraffic.schema.Countries;

/**
 * Between the alpha-2 country codes IP data and phone metadata use and the alpha-3 codes of the
 * return, through the project's country reference ({@code schemas/reference/countries.csv}).
 */
public final class CountryCodes {
  private static final Map<String, String> ALPHA3_TO_ALPHA2 = reverse();

  private CountryCodes() {}

  /** The alpha-3 code of alpha-2 {@code code}, if the reference has it. */
  public static Optional<String> alpha3(String code) {
    return code == null
        ? Optional.empty()
        : Countries.alpha3Of(code.trim().toUpperCase(Locale.ROOT));
  }

  /** The alpha-2 code of alpha-3 {@code code}; fails when there is none. */
  public static String alpha2(String alpha3) {
    String a2 = ALPHA3_TO_ALPHA2.get(alpha3);
    if (a2 == null) {
      throw new IllegalArgumentException("No alpha-2 code for country " + alpha3);
    }
    return a2;
  }

  private static Map<String, String> reverse() {
    Map<String, String> m = new HashMap<>();
    for (String a2 : Locale.getISOCountries()) {
      Countries.alpha3Of(a2).ifPresent(a3 -> m.putIfAbsent(a3, a2));
    }
    return m;
  }
}
