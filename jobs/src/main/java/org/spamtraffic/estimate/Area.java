package org.spamtraffic.estimate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A place an estimate is given for: a country, a sum of countries, or the world extrapolation.
 *
 * <p>Group codes and names are those of the {@code volumes} table ({@code ldc}, {@code lldc},
 * {@code sids}, {@code developing}, {@code developed}), so that tables join on them.
 *
 * @param level {@code country}, {@code itu_region}, {@code m49_region}, {@code group}, {@code
 *     reporting} (the sum of every country estimated) or {@code world} (extrapolated to every ITU
 *     Member State)
 * @param area the country code, region name, group code, {@code Reporting countries} or {@code
 *     World}
 * @param name the country's name, the region's, the group's ({@code Least developed countries}), or
 *     the area again
 */
public record Area(String level, String area, String name) implements Serializable {
  public static final String COUNTRY = "country";
  public static final String ITU_REGION = "itu_region";
  public static final String M49_REGION = "m49_region";
  public static final String GROUP = "group";
  public static final String REPORTING = "reporting";
  public static final String WORLD = "world";

  /** The sum of every country the estimate covers: never "the world" when that is a partial set. */
  public static final Area REPORTING_COUNTRIES =
      new Area(REPORTING, "Reporting countries", "Reporting countries");

  /** Every ITU Member State: the reporting countries plus an extrapolation to the others. */
  public static final Area THE_WORLD = new Area(WORLD, "World", "World (ITU Member States)");

  /** Levels from the widest down, the order of the tables. */
  public static final List<String> LEVELS =
      List.of(WORLD, REPORTING, ITU_REGION, M49_REGION, GROUP, COUNTRY);

  /** Whether this is a rollup rather than one country. */
  public boolean isRollup() {
    return !level.equals(COUNTRY);
  }

  /** Whether this area's figures are an extrapolation rather than a sum of countries. */
  public boolean extrapolated() {
    return level.equals(WORLD);
  }

  /**
   * Every sum {@code c} counts in: itself, its ITU-D region, its M49 region (when known), its
   * groups (LDC, LLDC, SIDS, developing or developed) and the reporting countries. (The world is
   * not a sum: see {@link WorldExtrapolation}.)
   */
  public static List<Area> of(CountryInputs c) {
    List<Area> out = new ArrayList<>();
    out.add(new Area(COUNTRY, c.countryCode(), c.countryName()));
    out.add(rollup(ITU_REGION, c.ituRegion(), c.ituRegion()));
    if (c.m49Region() != null) {
      out.add(rollup(M49_REGION, c.m49Region(), c.m49Region()));
    }
    if (c.ldc()) {
      out.add(rollup(GROUP, "ldc", "Least developed countries"));
    }
    if (c.lldc()) {
      out.add(rollup(GROUP, "lldc", "Landlocked developing countries"));
    }
    if (c.sids()) {
      out.add(rollup(GROUP, "sids", "Small island developing states"));
    }
    out.add(
        c.developing()
            ? rollup(GROUP, "developing", "Developing countries")
            : rollup(GROUP, "developed", "Developed countries"));
    out.add(REPORTING_COUNTRIES);
    return out;
  }

  private static Area rollup(String level, String area, String name) {
    return new Area(level, area, name);
  }
}
