package org.spamtraffic.estimate;

import java.util.Locale;

/**
 * The uncertain parameters of the investment model, by the names of {@code
 * schemas/investment-parameters.schema.json} (a test checks that both lists agree). Units, ranges
 * and sources are data, in the parameter file; see {@code docs/investment-model.md} for where each
 * one enters the formulas.
 *
 * <p>The model is a sum of products of non-negative parameters (and of {@code 1 +
 * spam_growth_rate}), so every cost rises with every parameter: the low scenario takes every
 * parameter low, the high scenario every parameter high.
 */
public enum Parameter {
  PEAK_DAY_FACTOR,
  SPAM_GROWTH_RATE,
  CAPACITY_HEADROOM,
  NETWORK_CAPEX_SHARE,
  MAINTENANCE_RATE,
  OPERATIONS_FTE_PER_SYSTEM,
  OPERATIONS_FTE_PER_MILLION_USERS,
  STAFF_COST_USD_PER_FTE_YEAR,
  DEVELOPING_COST_FACTOR,
  FEEDBACK_CHANNEL_SETUP_USD,
  FEEDBACK_CHANNEL_ANNUAL_USD,
  CAPACITY_CAPEX_USD_EMAIL,
  CAPACITY_CAPEX_USD_SMS,
  CAPACITY_CAPEX_USD_VOICE,
  CAPACITY_CAPEX_USD_IP_MESSAGING,
  CAPACITY_CAPEX_USD_IP_MULTIMEDIA,
  FILTERING_USD_PER_USER_YEAR_EMAIL,
  FILTERING_USD_PER_USER_YEAR_SMS,
  FILTERING_USD_PER_USER_YEAR_VOICE,
  FILTERING_USD_PER_USER_YEAR_IP_MESSAGING,
  FILTERING_USD_PER_USER_YEAR_IP_MULTIMEDIA,
  LEGISLATION_SETUP_USD,
  ENFORCEMENT_SETUP_USD,
  ENFORCEMENT_FTE_BASE,
  ENFORCEMENT_FTE_PER_10M_POPULATION,
  CONTACT_POINT_FTE,
  CIRT_SETUP_USD,
  CIRT_FTE,
  AWARENESS_USD_PER_CAPITA_YEAR,
  TRAINING_BASE_USD_YEAR,
  TRAINING_USD_PER_10M_POPULATION_YEAR;

  /** The name in parameter files, e.g. {@code capacity_capex_usd.email}. */
  public String key() {
    String lower = name().toLowerCase(Locale.ROOT);
    for (SpamType t : SpamType.values()) {
      String suffix = "_" + t.key();
      if (lower.endsWith(suffix)
          && (lower.startsWith("capacity_capex_usd_")
              || lower.startsWith("filtering_usd_per_user_year_"))) {
        return lower.substring(0, lower.length() - suffix.length()) + "." + t.key();
      }
    }
    return lower;
  }

  /** The parameter called {@code key} in a parameter file, or null if the model has none. */
  public static Parameter byKey(String key) {
    for (Parameter p : values()) {
      if (p.key().equals(key)) {
        return p;
      }
    }
    return null;
  }

  /** Equipment capital cost per spam item a day of capacity, for {@code type}. */
  public static Parameter capacityCapex(SpamType type) {
    return PerType.CAPACITY_CAPEX[type.ordinal()];
  }

  /** Filtering cost per user and year, for {@code type}. */
  public static Parameter filteringPerUser(SpamType type) {
    return PerType.FILTERING[type.ordinal()];
  }

  /** Lookup tables, built once: the model asks for them in every Monte Carlo draw. */
  private static final class PerType {
    static final Parameter[] CAPACITY_CAPEX = table("CAPACITY_CAPEX_USD_");
    static final Parameter[] FILTERING = table("FILTERING_USD_PER_USER_YEAR_");

    private static Parameter[] table(String prefix) {
      Parameter[] out = new Parameter[SpamType.values().length];
      for (SpamType t : SpamType.values()) {
        out[t.ordinal()] = valueOf(prefix + t.name());
      }
      return out;
    }
  }
}
