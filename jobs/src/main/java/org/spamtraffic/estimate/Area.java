package org.spamtraffic.estimate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A place an estimate is given for: a country or a rollup of countries.
 *
 * @param level {@code country}, {@code itu_region}, {@code m49_region}, {@code group} or {@code
 *     world}
 * @param area the country code, region or group name, or {@code World}
 * @param name the country's name, or the area again
 */
public record Area(String level, String area, String name) implements Serializable {
  public static final String COUNTRY = "country";
  public static final String ITU_REGION = "itu_region";
  public static final String M49_REGION = "m49_region";
  public static final String GROUP = "group";
  public static final String WORLD = "world";

  /** The world. */
  public static final Area THE_WORLD = new Area(WORLD, "World", "World");

  /** Whether this is a rollup rather than one country. */
  public boolean isRollup() {
    return !level.equals(COUNTRY);
  }

  /**
   * Every area {@code c} counts in: itself, its ITU-D region, its M49 region (when known), its
   * groups (LDC, LLDC, SIDS, developing or developed) and the world.
   */
  public static List<Area> of(CountryInputs c) {
    List<Area> out = new ArrayList<>();
    out.add(new Area(COUNTRY, c.countryCode(), c.countryName()));
    out.add(rollup(ITU_REGION, c.ituRegion()));
    if (c.m49Region() != null) {
      out.add(rollup(M49_REGION, c.m49Region()));
    }
    if (c.ldc()) {
      out.add(rollup(GROUP, "LDC"));
    }
    if (c.lldc()) {
      out.add(rollup(GROUP, "LLDC"));
    }
    if (c.sids()) {
      out.add(rollup(GROUP, "SIDS"));
    }
    out.add(rollup(GROUP, c.developing() ? "developing" : "developed"));
    out.add(THE_WORLD);
    return out;
  }

  private static Area rollup(String level, String area) {
    return new Area(level, area, area);
  }
}
