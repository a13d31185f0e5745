package org.spamtraffic.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The additive relations between the areas of the analytics tables: a region row is the sum of its
 * country rows, a development group the sum of its members, the world the sum of the countries, of
 * the ITU-D regions, of the M49 regions, and of developed plus developing.
 */
final class Hierarchy {
  private final Map<String, List<String>> countryRelations;

  private Hierarchy(Map<String, List<String>> countryRelations) {
    this.countryRelations = countryRelations;
  }

  /** From the rows of the {@code countries} reference table. */
  static Hierarchy of(List<Row> countries) {
    Map<String, List<String>> relations = new HashMap<>();
    for (Row c : countries) {
      List<String> r = new ArrayList<>();
      r.add("itu|" + c.getAs("itu_region"));
      String m49 = c.getAs("m49_region");
      if (m49 != null) {
        r.add("m49|" + m49);
      }
      for (String group : List.of("ldc", "lldc", "sids")) {
        if (Boolean.TRUE.equals(c.getAs(group))) {
          r.add("group|" + group);
        }
      }
      r.add("group|" + c.getAs("development_status"));
      r.add("world-countries");
      relations.put(c.getAs("alpha3"), List.copyOf(r));
    }
    return new Hierarchy(relations);
  }

  /**
   * The relations the row of {@code area} (at {@code level}) takes part in, each key suffixed with
   * {@code cell} (what else identifies the cell: quarter, type, source).
   */
  List<String> relations(String level, String area, String cell) {
    List<String> keys =
        switch (level) {
          case "country" -> countryRelations.getOrDefault(area, List.of("world-countries"));
          case "itu_region" -> List.of("itu|" + area, "world-itu");
          case "m49_region" -> List.of("m49|" + area, "world-m49");
          case "group" ->
              area.equals("developed") || area.equals("developing")
                  ? List.of("group|" + area, "world-development")
                  : List.of("group|" + area);
          case "world" -> List.of("world-countries", "world-itu", "world-m49", "world-development");
          default -> throw new IllegalArgumentException("Unknown area level '" + level + "'");
        };
    List<String> out = new ArrayList<>(keys.size());
    for (String k : keys) {
      out.add(k + cell);
    }
    return out;
  }
}
