package org.spamtraffic.publish;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * Every additive relation between the areas of the analytics tables, all hierarchies at once: an
 * ITU-D region is the sum of its countries, so is a UN M49 region and a development group (LDC,
 * LLDC, SIDS, developed, developing); the world is the sum of the countries, of the ITU-D regions,
 * of the M49 regions, and of developed plus developing. The hierarchies overlap (Egypt is in M49
 * Africa and in ITU-D Arab States), which is why they are given together: protecting each on its
 * own is not enough.
 */
final class Hierarchy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** An area: its level (country, itu_region, m49_region, group, world) and its name or code. */
  record Area(String level, String area) implements Serializable {}

  /** {@code parent = sum(parts)}. */
  record Sum(Area parent, List<Area> parts) implements Serializable {}

  static final Area WORLD = new Area("world", "World");

  private final List<Sum> sums;
  private final Map<Area, List<Area>> countries = new java.util.HashMap<>();
  private final Map<Area, List<Area>> chains = new java.util.HashMap<>();

  private Hierarchy(List<Sum> sums) {
    this.sums = List.copyOf(sums);
    for (Sum s : sums) {
      if (s.parts().stream().allMatch(a -> a.level().equals("country"))) {
        countries.putIfAbsent(s.parent(), s.parts());
        for (Area c : s.parts()) {
          chains.computeIfAbsent(c, k -> new ArrayList<>(List.of(k))).add(s.parent());
        }
      }
    }
  }

  /** The countries of {@code area} (the country itself for a country). */
  List<Area> countriesOf(Area area) {
    return area.level().equals("country") ? List.of(area) : countries.getOrDefault(area, List.of());
  }

  /** A country and every area it is part of, the world included. */
  List<Area> chain(Area country) {
    return chains.getOrDefault(country, List.of(country, WORLD));
  }

  /**
   * From the rows of the {@code countries} reference table, in any order: the parts of every sum
   * are in country-code order, so that the suppression sees the same relations on any cluster.
   */
  static Hierarchy of(List<Row> countries) {
    Map<Area, List<Area>> members = new TreeMap<>(Hierarchy::compare);
    List<Area> all = new ArrayList<>();
    List<Row> byCode = new ArrayList<>(countries);
    byCode.sort(java.util.Comparator.comparing((Row c) -> c.<String>getAs("alpha3")));
    for (Row c : byCode) {
      Area country = new Area("country", c.getAs("alpha3"));
      all.add(country);
      List<Area> parents = new ArrayList<>();
      parents.add(new Area("itu_region", c.getAs("itu_region")));
      String m49 = c.getAs("m49_region");
      if (m49 != null) {
        parents.add(new Area("m49_region", m49));
      }
      for (String group : List.of("ldc", "lldc", "sids")) {
        if (Boolean.TRUE.equals(c.getAs(group))) {
          parents.add(new Area("group", group));
        }
      }
      parents.add(new Area("group", c.getAs("development_status")));
      for (Area p : parents) {
        members.computeIfAbsent(p, k -> new ArrayList<>()).add(country);
      }
    }
    List<Sum> sums = new ArrayList<>();
    members.forEach((parent, parts) -> sums.add(new Sum(parent, parts)));
    sums.add(new Sum(WORLD, all));
    for (String level : List.of("itu_region", "m49_region")) {
      sums.add(
          new Sum(WORLD, members.keySet().stream().filter(a -> a.level().equals(level)).toList()));
    }
    sums.add(
        new Sum(WORLD, List.of(new Area("group", "developed"), new Area("group", "developing"))));
    return new Hierarchy(sums);
  }

  /** Every relation; a relation whose parts have no row counts those parts as zero. */
  List<Sum> sums() {
    return sums;
  }

  private static int compare(Area a, Area b) {
    int c = a.level().compareTo(b.level());
    return c != 0 ? c : a.area().compareTo(b.area());
  }
}
