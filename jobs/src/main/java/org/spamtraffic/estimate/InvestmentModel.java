package org.spamtraffic.estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * The investment model of {@code docs/investment-model.md}: one country's components, each as a
 * capital cost at the start and a yearly operating cost over the planning horizon, and their
 * present value. Plain Java, so that the same code serves the scenarios, every Monte Carlo draw and
 * every sensitivity run, on the driver or on executors.
 */
public final class InvestmentModel {
  /** Average days in a quarter: volumes are quarterly, capacity is per day. */
  public static final double DAYS_PER_QUARTER = 365.25 / 4;

  static final String TECHNICAL = "technical";
  static final String INSTITUTIONAL = "institutional";

  private InvestmentModel() {}

  /** Every component of {@code country}'s need, with {@code v}'s parameter values. */
  public static List<ComponentCost> components(CountryInputs country, ParameterValues v) {
    List<ComponentCost> out = new ArrayList<>();
    double annuity = v.annuityFactor();
    double priceLevel = country.developing() ? v.get(Parameter.DEVELOPING_COST_FACTOR) : 1.0;
    double staffCost = v.get(Parameter.STAFF_COST_USD_PER_FTE_YEAR) * priceLevel;
    double growth = Math.pow(1 + v.get(Parameter.SPAM_GROWTH_RATE), v.horizonYears());
    double maintenance = v.get(Parameter.MAINTENANCE_RATE);

    for (SpamType type : SpamType.values()) {
      TypeVolume vol = country.volumes().get(type);
      if (vol == null) {
        continue;
      }
      String t = type.key();
      double capacity =
          vol.peakQuarterSpam()
              / DAYS_PER_QUARTER
              * v.get(Parameter.PEAK_DAY_FACTOR)
              * growth
              * (1 + v.get(Parameter.CAPACITY_HEADROOM));
      double equipment = capacity * v.get(Parameter.capacityCapex(type));
      out.add(
          technical(
              t,
              "equipment",
              equipment,
              maintenance * equipment,
              annuity,
              "peak-day spam capacity at the horizon",
              capacity,
              "spam items per day",
              vol));
      double network = v.get(Parameter.NETWORK_CAPEX_SHARE) * equipment;
      out.add(
          technical(
              t,
              "network",
              network,
              maintenance * network,
              annuity,
              "equipment capital cost",
              equipment,
              "USD",
              vol));
      double usersInMillions = vol.users() / 1e6;
      double fte =
          v.get(Parameter.OPERATIONS_FTE_PER_SYSTEM)
              + v.get(Parameter.OPERATIONS_FTE_PER_MILLION_USERS) * usersInMillions;
      out.add(
          technical(t, "service", 0, fte * staffCost, annuity, "users", vol.users(), "users", vol));
      out.add(
          technical(
              t,
              "filtering",
              0,
              vol.users() * v.get(Parameter.filteringPerUser(type)),
              annuity,
              "users",
              vol.users(),
              "users",
              vol));
      out.add(
          technical(
              t,
              "feedback",
              v.get(Parameter.FEEDBACK_CHANNEL_SETUP_USD) * priceLevel,
              v.get(Parameter.FEEDBACK_CHANNEL_ANNUAL_USD) * priceLevel,
              annuity,
              "national reporting channel",
              1,
              "channels",
              vol));
    }

    double tensOfMillions = country.population() / 1e7;
    for (Readiness r : Readiness.values()) {
      if (!Boolean.FALSE.equals(country.readiness().get(r))) {
        continue; // "yes" needs nothing; an unknown answer is not guessed
      }
      double capex;
      double opex;
      boolean scaled;
      switch (r) {
        case ANTISPAM_LAW:
          capex = v.get(Parameter.LEGISLATION_SETUP_USD) * priceLevel;
          opex = 0;
          scaled = false;
          break;
        case ENFORCEMENT_AUTHORITY:
          capex = v.get(Parameter.ENFORCEMENT_SETUP_USD) * priceLevel;
          opex =
              (v.get(Parameter.ENFORCEMENT_FTE_BASE)
                      + v.get(Parameter.ENFORCEMENT_FTE_PER_10M_POPULATION) * tensOfMillions)
                  * staffCost;
          scaled = true;
          break;
        case NATIONAL_CONTACT_POINT:
          capex = 0;
          opex = v.get(Parameter.CONTACT_POINT_FTE) * staffCost;
          scaled = false;
          break;
        case INCIDENT_RESPONSE:
          capex = v.get(Parameter.CIRT_SETUP_USD) * priceLevel;
          opex = v.get(Parameter.CIRT_FTE) * staffCost;
          scaled = false;
          break;
        case AWARENESS_PROGRAMME:
          capex = 0;
          opex = v.get(Parameter.AWARENESS_USD_PER_CAPITA_YEAR) * country.population() * priceLevel;
          scaled = true;
          break;
        case TRAINING_PROGRAMME:
          capex = 0;
          opex =
              (v.get(Parameter.TRAINING_BASE_USD_YEAR)
                      + v.get(Parameter.TRAINING_USD_PER_10M_POPULATION_YEAR) * tensOfMillions)
                  * priceLevel;
          scaled = true;
          break;
        default:
          throw new AssertionError(r);
      }
      String method =
          "questionnaire: "
              + r.column()
              + " = no"
              + (scaled ? "; " + country.populationBasis() : "");
      out.add(
          new ComponentCost(
              r.component(),
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
              false));
    }
    return out;
  }

  /** The country's need, existing investment and gap, with {@code v}'s parameter values. */
  public static CountryTotals totals(CountryInputs country, ParameterValues v) {
    double technical = 0;
    double institutional = 0;
    for (ComponentCost c : components(country, v)) {
      if (c.group().equals(TECHNICAL)) {
        technical += c.presentValueUsd();
      } else {
        institutional += c.presentValueUsd();
      }
    }
    double annuity = v.annuityFactor();
    double existing = country.currentAnnualUsd() == null ? 0 : country.currentAnnualUsd() * annuity;
    double planned = country.plannedAnnualUsd() == null ? 0 : country.plannedAnnualUsd() * annuity;
    return new CountryTotals(technical, institutional, existing, planned);
  }

  private static ComponentCost technical(
      String type,
      String layer,
      double capex,
      double opex,
      double annuity,
      String driver,
      double driverValue,
      String driverUnit,
      TypeVolume vol) {
    String method =
        vol.method() + ("users".equals(driver) ? "; users from " + vol.usersBasis() : "");
    return new ComponentCost(
        type + "." + layer,
        TECHNICAL,
        type,
        layer,
        capex,
        opex,
        capex + opex * annuity,
        driver,
        driverValue,
        driverUnit,
        method,
        vol.imputed());
  }
}
