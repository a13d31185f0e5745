package org.spamtraffic.estimate;

import java.util.List;
import java.util.Locale;

/**
 * The uncertain parameters of the investment model, by the names of {@code
 * schemas/investment-parameters.schema.json} (a test checks that both lists agree). Units, ranges
 * and sources are data, in the parameter file; see {@code docs/investment-model.md} for where each
 * one enters the formulas.
 *
 * <p>Two kinds are special. {@code spam_growth_rate} is the <em>prior</em> of the volume forecast
 * and enters no formula directly; the per-type growth rates {@code spam_growth_rate.<type>} are
 * <em>derived</em>: the forecast ({@link VolumeForecast}) sets them from the measured trend and
 * that prior, and no parameter file may give them.
 *
 * <p>The model is a sum of products of non-negative parameters (and of {@code max(1, (1 +
 * growth)^H)}, which never falls as the growth rate rises), so every cost rises with every
 * parameter: the low scenario takes every parameter low, the high scenario every parameter high.
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
  TRAINING_USD_PER_10M_POPULATION_YEAR,
  EXTERNAL_SPAM_PER_USER_QUARTER_EMAIL,
  EXTERNAL_SPAM_PER_USER_QUARTER_SMS,
  EXTERNAL_SPAM_PER_USER_QUARTER_VOICE,
  SPAM_GROWTH_RATE_EMAIL,
  SPAM_GROWTH_RATE_SMS,
  SPAM_GROWTH_RATE_VOICE,
  SPAM_GROWTH_RATE_IP_MESSAGING,
  SPAM_GROWTH_RATE_IP_MULTIMEDIA;

  /** The name prefixes of parameters that have one value per spam type. */
  private static final List<String> PER_TYPE_PREFIXES =
      List.of(
          "capacity_capex_usd_",
          "filtering_usd_per_user_year_",
          "external_spam_per_user_quarter_",
          "spam_growth_rate_");

  /** The name in parameter files, e.g. {@code capacity_capex_usd.email}. */
  public String key() {
    String lower = name().toLowerCase(Locale.ROOT);
    for (SpamType t : SpamType.values()) {
      String suffix = "_" + t.key();
      String prefix = lower.substring(0, Math.max(0, lower.length() - suffix.length() + 1));
      if (lower.endsWith(suffix) && PER_TYPE_PREFIXES.contains(prefix)) {
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

  /**
   * Whether the forecast derives this parameter from the data ({@code spam_growth_rate.<type>}): a
   * parameter file may not give it.
   */
  public boolean derived() {
    return name().startsWith("SPAM_GROWTH_RATE_");
  }

  /**
   * Whether the parameter enters the model's formulas; {@code spam_growth_rate} only informs the
   * forecast (its prior), so one-at-a-time sensitivity skips it.
   */
  public boolean entersTheModel() {
    return this != SPAM_GROWTH_RATE;
  }

  /**
   * The published rate of spam per user and quarter used for {@code type} where nothing is
   * measured; null for types without one (IP messaging and IP multimedia: no public per-user rate
   * was found).
   */
  public static Parameter externalRate(SpamType type) {
    return PerType.EXTERNAL_RATE[type.ordinal()];
  }

  /** The yearly growth rate of {@code type}'s spam volume over the horizon (derived). */
  public static Parameter spamGrowth(SpamType type) {
    return PerType.GROWTH[type.ordinal()];
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
    static final Parameter[] EXTERNAL_RATE = table("EXTERNAL_SPAM_PER_USER_QUARTER_");
    static final Parameter[] GROWTH = table("SPAM_GROWTH_RATE_");

    private static Parameter[] table(String prefix) {
      Parameter[] out = new Parameter[SpamType.values().length];
      for (SpamType t : SpamType.values()) {
        for (Parameter p : Parameter.values()) {
          if (p.name().equals(prefix + t.name())) {
            out[t.ordinal()] = p;
          }
        }
      }
      return out;
    }
  }
}
