package org.spamtraffic.estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * The investment model of {@code docs/investment-model.md}: one country's components, each as a
 * capital cost at the start and a yearly operating cost over the planning horizon, and their
 * present value. Plain Java, so that the same code serves the scenarios, every Monte Carlo draw and
 * every sensitivity run, on the driver or on executors.
 *
 * <p>The formulas are written once, in {@code evaluate}; {@link #components} records every
 * component with its description, {@link #totals} only sums them (it runs millions of times in the
 * Monte Carlo, so it builds no strings).
 */
public final class InvestmentModel {
  /** Average days in a quarter: volumes are quarterly, capacity is per day. */
  public static final double DAYS_PER_QUARTER = 365.25 / 4;

  static final String TECHNICAL = "technical";
  static final String INSTITUTIONAL = "institutional";

  private InvestmentModel() {}

  /** Every component of {@code country}'s need, with {@code v}'s parameter values. */
  public static List<ComponentCost> components(CountryInputs country, ParameterValues v) {
    Recorder recorder = new Recorder(country, v.annuityFactor());
    evaluate(country, v, recorder);
    return recorder.components;
  }

  /** The country's need, existing investment and gap, with {@code v}'s parameter values. */
  public static CountryTotals totals(CountryInputs country, ParameterValues v) {
    Summer summer = new Summer(v.annuityFactor());
    evaluate(country, v, summer);
    double annuity = v.annuityFactor();
    double existing = country.currentAnnualUsd() == null ? 0 : country.currentAnnualUsd() * annuity;
    double planned = country.plannedAnnualUsd() == null ? 0 : country.plannedAnnualUsd() * annuity;
    return new CountryTotals(summer.technical, summer.institutional, existing, planned);
  }

  /** Receives the components as they are computed. */
  private interface Sink {
    void technical(
        SpamType type,
        String layer,
        double capex,
        double opex,
        String driver,
        double driverValue,
        String driverUnit,
        TypeVolume vol,
        double volume);

    void institutional(
        Readiness gap, double capex, double opex, boolean scaledByPopulation, double priceLevel);
  }

  private static void evaluate(CountryInputs country, ParameterValues v, Sink sink) {
    double priceLevel = country.developing() ? v.get(Parameter.DEVELOPING_COST_FACTOR) : 1.0;
    double staffCost = v.get(Parameter.STAFF_COST_USD_PER_FTE_YEAR) * priceLevel;
    double maintenance = v.get(Parameter.MAINTENANCE_RATE);

    for (SpamType type : SpamType.values()) {
      TypeVolume vol = country.volumes().get(type);
      if (vol == null) {
        continue;
      }
      double volume = vol.volume(type, v);
      double growth = horizonFactor(v.get(Parameter.spamGrowth(type)), v.horizonYears());
      double capacity =
          volume
              / DAYS_PER_QUARTER
              * v.get(Parameter.PEAK_DAY_FACTOR)
              * growth
              * (1 + v.get(Parameter.CAPACITY_HEADROOM));
      double equipment = capacity * v.get(Parameter.capacityCapex(type));
      sink.technical(
          type,
          "equipment",
          equipment,
          maintenance * equipment,
          "peak-day spam capacity at the horizon",
          capacity,
          "spam items per day",
          vol,
          volume);
      double network = v.get(Parameter.NETWORK_CAPEX_SHARE) * equipment;
      sink.technical(
          type,
          "network",
          network,
          maintenance * network,
          "equipment capital cost",
          equipment,
          "USD",
          vol,
          volume);
      double fte =
          v.get(Parameter.OPERATIONS_FTE_PER_SYSTEM)
              + v.get(Parameter.OPERATIONS_FTE_PER_MILLION_USERS) * vol.users() / 1e6;
      sink.technical(
          type, "service", 0, fte * staffCost, "users", vol.users(), "users", vol, volume);
      sink.technical(
          type,
          "filtering",
          0,
          vol.users() * v.get(Parameter.filteringPerUser(type)),
          "users",
          vol.users(),
          "users",
          vol,
          volume);
      sink.technical(
          type,
          "feedback",
          v.get(Parameter.FEEDBACK_CHANNEL_SETUP_USD) * priceLevel,
          v.get(Parameter.FEEDBACK_CHANNEL_ANNUAL_USD) * priceLevel,
          "national reporting channel",
          1,
          "channels",
          vol,
          volume);
    }

    double tensOfMillions = country.population() / 1e7;
    for (Readiness r : Readiness.values()) {
      if (!Boolean.FALSE.equals(country.readiness().get(r))) {
        continue; // "yes" needs nothing; an unknown answer is not guessed
      }
      switch (r) {
        case ANTISPAM_LAW:
          sink.institutional(
              r, v.get(Parameter.LEGISLATION_SETUP_USD) * priceLevel, 0, false, priceLevel);
          break;
        case ENFORCEMENT_AUTHORITY:
          sink.institutional(
              r,
              v.get(Parameter.ENFORCEMENT_SETUP_USD) * priceLevel,
              (v.get(Parameter.ENFORCEMENT_FTE_BASE)
                      + v.get(Parameter.ENFORCEMENT_FTE_PER_10M_POPULATION) * tensOfMillions)
                  * staffCost,
              true,
              priceLevel);
          break;
        case NATIONAL_CONTACT_POINT:
          sink.institutional(
              r, 0, v.get(Parameter.CONTACT_POINT_FTE) * staffCost, false, priceLevel);
          break;
        case INCIDENT_RESPONSE:
          sink.institutional(
              r,
              v.get(Parameter.CIRT_SETUP_USD) * priceLevel,
              v.get(Parameter.CIRT_FTE) * staffCost,
              false,
              priceLevel);
          break;
        case AWARENESS_PROGRAMME:
          sink.institutional(
              r,
              0,
              v.get(Parameter.AWARENESS_USD_PER_CAPITA_YEAR) * country.population() * priceLevel,
              true,
              priceLevel);
          break;
        case TRAINING_PROGRAMME:
          sink.institutional(
              r,
              0,
              (v.get(Parameter.TRAINING_BASE_USD_YEAR)
                      + v.get(Parameter.TRAINING_USD_PER_10M_POPULATION_YEAR) * tensOfMillions)
                  * priceLevel,
              true,
              priceLevel);
          break;
      }
    }
  }

  /**
   * The load the system must carry at its busiest within the horizon, relative to today's: the
   * volume grown to the end of the horizon when spam grows, today's when it falls (equipment bought
   * now must carry today's peak).
   */
  public static double horizonFactor(double growthRate, int horizonYears) {
    return Math.max(1, Math.pow(1 + growthRate, horizonYears));
  }

  /** Sums present values by group. */
  private static final class Summer implements Sink {
    private final double annuity;
    double technical;
    double institutional;

    Summer(double annuity) {
      this.annuity = annuity;
    }

    @Override
    public void technical(
        SpamType type,
        String layer,
        double capex,
        double opex,
        String driver,
        double driverValue,
        String driverUnit,
        TypeVolume vol,
        double volume) {
      technical += capex + opex * annuity;
    }

    @Override
    public void institutional(
        Readiness gap, double capex, double opex, boolean scaled, double priceLevel) {
      institutional += capex + opex * annuity;
    }
  }

  /** Records every component with what it was computed from. */
  private static final class Recorder implements Sink {
    private final CountryInputs country;
    private final double annuity;
    final List<ComponentCost> components = new ArrayList<>();

    Recorder(CountryInputs country, double annuity) {
      this.country = country;
      this.annuity = annuity;
    }

    @Override
    public void technical(
        SpamType type,
        String layer,
        double capex,
        double opex,
        String driver,
        double driverValue,
        String driverUnit,
        TypeVolume vol,
        double volume) {
      String method = vol.method();
      if (vol.peakQuarter() != null && ("equipment".equals(layer) || "network".equals(layer))) {
        method += "; peak quarter " + vol.peakQuarter();
      }
      if (vol.note() != null && ("equipment".equals(layer) || "network".equals(layer))) {
        method += "; " + vol.note();
      }
      if ("users".equals(driver)) {
        method += "; users from " + vol.usersBasis();
      }
      components.add(
          new ComponentCost(
              type.key() + "." + layer,
              TECHNICAL,
              type.key(),
              layer,
              capex,
              opex,
              capex + opex * annuity,
              driver,
              driverValue,
              driverUnit,
              method,
              vol.imputed(),
              volume,
              vol.users()));
    }

    @Override
    public void institutional(
        Readiness gap, double capex, double opex, boolean scaled, double priceLevel) {
      String method =
          "questionnaire: "
              + gap.column()
              + " = no"
              + (scaled ? "; " + country.populationBasis() : "");
      components.add(
          new ComponentCost(
              gap.component(),
              INSTITUTIONAL,
              null,
              null,
              capex,
              opex,
              capex + opex * annuity,
              scaled ? "population" : "price level",
              scaled ? country.population() : priceLevel,
              scaled ? "inhabitants" : "ratio to developed-country prices",
              method,
              false,
              null,
              null));
    }
  }
}
