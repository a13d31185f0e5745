package org.spamtraffic.estimate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One-at-a-time sensitivity: each parameter to its low and to its high value, all others at base,
 * and the resulting totals of the reporting countries and of each ITU-D region (sums of countries;
 * the world extrapolation is not ranked). Plain Java: 2 runs per parameter over a few hundred
 * countries take milliseconds.
 */
public final class Sensitivity {
  private Sensitivity() {}

  /**
   * How far one parameter moves one area's total.
   *
   * @param area the reporting countries or an ITU-D region
   * @param measure {@code need} or {@code gap}
   * @param parameter the parameter moved
   * @param totalBase the total with every parameter at base
   * @param totalAtLow the total with this parameter at its low value
   * @param totalAtHigh the total with this parameter at its high value
   * @param rank 1 for the largest swing of this area and measure
   */
  public record Swing(
      Area area,
      String measure,
      Parameter parameter,
      double totalBase,
      double totalAtLow,
      double totalAtHigh,
      int rank) {
    /** {@code totalAtHigh - totalAtLow}. */
    public double swing() {
      return totalAtHigh - totalAtLow;
    }
  }

  /**
   * Every parameter's swing on the reporting countries and each ITU-D region, ranked within each;
   * the prior {@code spam_growth_rate}, which enters no formula, is left out.
   */
  public static List<Swing> oneAtATime(List<CountryInputs> countries, ParameterSet parameters) {
    ParameterValues base = parameters.values(Scenario.BASE);
    Map<Area, double[]> baseTotals = totals(countries, base);
    List<Swing> out = new ArrayList<>();
    Map<Area, Map<String, List<Swing>>> byArea = new LinkedHashMap<>();
    for (Parameter p : Parameter.values()) {
      if (!p.entersTheModel()) {
        continue;
      }
      Range r = parameters.range(p);
      Map<Area, double[]> low = totals(countries, base.with(p, r.low()));
      Map<Area, double[]> high = totals(countries, base.with(p, r.high()));
      for (Area a : baseTotals.keySet()) {
        for (int m = 0; m < 2; m++) {
          String measure = m == 0 ? "need" : "gap";
          byArea
              .computeIfAbsent(a, k -> new LinkedHashMap<>())
              .computeIfAbsent(measure, k -> new ArrayList<>())
              .add(
                  new Swing(a, measure, p, baseTotals.get(a)[m], low.get(a)[m], high.get(a)[m], 0));
        }
      }
    }
    for (Map<String, List<Swing>> measures : byArea.values()) {
      for (List<Swing> swings : measures.values()) {
        // Largest swing first; ties in parameter order, so the ranking is stable.
        swings.sort(
            Comparator.comparingDouble(Swing::swing)
                .reversed()
                .thenComparing(s -> s.parameter().ordinal()));
        for (int i = 0; i < swings.size(); i++) {
          Swing s = swings.get(i);
          out.add(
              new Swing(
                  s.area(),
                  s.measure(),
                  s.parameter(),
                  s.totalBase(),
                  s.totalAtLow(),
                  s.totalAtHigh(),
                  i + 1));
        }
      }
    }
    return out;
  }

  /** Need and gap of the reporting countries and of each ITU-D region. */
  private static Map<Area, double[]> totals(List<CountryInputs> countries, ParameterValues v) {
    Map<Area, double[]> out = new LinkedHashMap<>();
    out.put(Area.REPORTING_COUNTRIES, new double[2]);
    for (CountryInputs c : countries) {
      CountryTotals t = InvestmentModel.totals(c, v);
      for (Area a :
          List.of(
              Area.REPORTING_COUNTRIES, new Area(Area.ITU_REGION, c.ituRegion(), c.ituRegion()))) {
        double[] s = out.computeIfAbsent(a, k -> new double[2]);
        s[0] += t.needUsd();
        s[1] += t.gapUsd();
      }
    }
    return out;
  }
}
