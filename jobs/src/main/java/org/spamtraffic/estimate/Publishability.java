package org.spamtraffic.estimate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spamtraffic.publish.DisclosurePolicy;
import org.spamtraffic.publish.Suppression;

/**
 * Which investment figures may be published, under the study's disclosure policy. The investment of
 * a country is a known function (the model and its parameters are published) of the national spam
 * volumes it is computed from, so its figures inherit their confidentiality:
 *
 * <ul>
 *   <li>a measured volume is public when every quarter of the window it comes from is published in
 *       {@code published_coverage} (enough operators, no dominance, not withheld as a complement);
 *   <li>an imputed volume borrows a rate (spam per user of the region or the world): it is public
 *       only when the rate itself passes the policy, as a figure made of its source countries'
 *       volumes (their operators together at least k, and no operator above the dominance share of
 *       the pooled volume: an operator of a published source has at most that share of its country,
 *       one of a withheld source may have all of it); and since the rate times the sources' markets
 *       gives back the sum of their volumes, the rate enters the audit below as a relation, which
 *       withholds the imputed country (or more) when that sum minus the published sources would
 *       narrow a withheld one;
 *   <li>a country's figures are publishable when all its volumes are public;
 *   <li>a rollup (region, group, world) is a sum of countries, so it is protected against
 *       subtraction like any published table: its volumes per spam type (which its figures give
 *       back, scenario by scenario and parameter by parameter) enter the same suppression and
 *       linear-programming audit as {@code publish} ({@link Suppression}), with the imputation
 *       rates as relations, and a rollup that would let a reader narrow a withheld country's volume
 *       below the protection level is withheld;
 *   <li>the world figure extrapolates each development group (stratum) of the study to the Member
 *       States it does not cover, so it gives back each stratum's sum: every stratum enters the
 *       audit as a published sum, and the world is publishable only when the reporting countries
 *       and every stratum it extrapolates are.
 * </ul>
 */
final class Publishability {
  private Publishability() {}

  /**
   * Whether each area's figures may be published.
   *
   * @param countries the model's inputs
   * @param rateSources for each imputed {@code country:type}, the countries the rate comes from
   *     with their markets
   * @param withheldVolumes {@code country:type} pairs whose measured volume is not public
   */
  static Map<Area, Boolean> decide(
      List<CountryInputs> countries,
      Map<String, Map<String, Double>> rateSources,
      Set<String> withheldVolumes,
      WorldExtrapolation world,
      DisclosurePolicy policy) {
    Suppression s = new Suppression();
    Map<String, CountryInputs> byCode = new HashMap<>();
    countries.forEach(c -> byCode.put(c.countryCode(), c));
    Map<Area, Integer> units = new LinkedHashMap<>();
    Map<String, Map<SpamType, Integer>> countryCells = new HashMap<>();
    Map<Area, Map<SpamType, List<Integer>>> rollupParts = new LinkedHashMap<>();
    for (CountryInputs c : countries) {
      boolean open = isPublic(c, rateSources, withheldVolumes, byCode, policy);
      Area self = Area.of(c).get(0);
      // A country whose volumes are not public is a primary cell (0 operators: below any k).
      int unit = s.unit(self.area(), open ? Integer.MAX_VALUE : 0, 0, volume(c));
      units.put(self, unit);
      Map<SpamType, Integer> cells = new HashMap<>();
      for (Map.Entry<SpamType, TypeVolume> v : c.volumes().entrySet()) {
        cells.put(v.getKey(), s.cell(unit, v.getKey().key(), v.getValue().peakQuarterSpam()));
      }
      countryCells.put(c.countryCode(), cells);
      for (Area a : Area.of(c)) {
        if (a.isRollup()) {
          Map<SpamType, List<Integer>> parts = rollupParts.computeIfAbsent(a, k -> new HashMap<>());
          cells.forEach((t, cell) -> parts.computeIfAbsent(t, k -> new ArrayList<>()).add(cell));
        }
      }
    }
    Map<Area, Map<SpamType, Double>> rollupValues = new HashMap<>();
    List<Area> strata = new ArrayList<>();
    for (WorldExtrapolation.Stratum stratum : world.strata()) {
      if (stratum.missing().isEmpty() || stratum.sample().length == 0) {
        continue;
      }
      Area a = new Area("stratum", stratum.name(), stratum.name());
      strata.add(a);
      for (int i : stratum.sample()) {
        CountryInputs c = countries.get(i);
        Map<SpamType, Integer> cells = countryCells.get(c.countryCode());
        Map<SpamType, List<Integer>> parts = rollupParts.computeIfAbsent(a, k -> new HashMap<>());
        cells.forEach((t, cell) -> parts.computeIfAbsent(t, k -> new ArrayList<>()).add(cell));
        c.volumes()
            .forEach(
                (t, v) ->
                    rollupValues
                        .computeIfAbsent(a, k -> new HashMap<>())
                        .merge(t, v.peakQuarterSpam(), Double::sum));
      }
    }
    for (CountryInputs c : countries) {
      for (Area a : Area.of(c)) {
        if (a.isRollup()) {
          c.volumes()
              .forEach(
                  (t, v) ->
                      rollupValues
                          .computeIfAbsent(a, k -> new HashMap<>())
                          .merge(t, v.peakQuarterSpam(), Double::sum));
        }
      }
    }
    rollupParts.forEach(
        (area, parts) -> {
          int unit = s.unit(area.level() + " " + area.area(), Integer.MAX_VALUE, 0, 0);
          units.put(area, unit);
          parts.forEach(
              (t, cells) -> {
                int total = s.cell(unit, t.key(), rollupValues.get(area).get(t));
                s.sum(total, cells.stream().mapToInt(Integer::intValue).toArray());
              });
        });
    // An imputed volume is users x (sum of the sources' volumes / sum of their markets).
    for (CountryInputs c : countries) {
      for (Map.Entry<SpamType, TypeVolume> v : c.volumes().entrySet()) {
        Map<String, Double> sources = rateSources.get(c.countryCode() + ":" + v.getKey().key());
        if (!v.getValue().imputed()
            || sources == null
            || sources.isEmpty()
            || v.getValue().method().equals(TypeVolume.OWN_LOW_COVERAGE)) {
          continue;
        }
        double markets = sources.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Integer> cells = new ArrayList<>();
        List<Double> coefficients = new ArrayList<>();
        cells.add(countryCells.get(c.countryCode()).get(v.getKey()));
        coefficients.add(markets);
        for (String source : sources.keySet()) {
          Integer cell = countryCells.getOrDefault(source, Map.of()).get(v.getKey());
          if (cell != null) {
            cells.add(cell);
            coefficients.add(-v.getValue().users());
          }
        }
        s.relate(
            cells.stream().mapToInt(Integer::intValue).toArray(),
            coefficients.stream().mapToDouble(Double::doubleValue).toArray());
      }
    }
    Suppression.Reason[] reasons = s.solve(policy);
    if (!s.stats().unprotected().isEmpty()) {
      throw new IllegalStateException(
          "Disclosure control of the investment estimate could not protect: "
              + s.stats().unprotected());
    }
    Map<Area, Boolean> out = new HashMap<>();
    units.forEach((area, unit) -> out.put(area, reasons[unit] == null));
    boolean worldOpen = out.getOrDefault(Area.REPORTING_COUNTRIES, false);
    for (Area a : strata) {
      worldOpen &= out.get(a);
      out.remove(a);
    }
    out.put(Area.THE_WORLD, worldOpen);
    return out;
  }

  /**
   * Whether every volume of {@code c} is public: measured (or its own low-coverage figure) and not
   * withheld, or borrowed from a rate that passes the policy (or from outside the study).
   */
  static boolean isPublic(
      CountryInputs c,
      Map<String, Map<String, Double>> rateSources,
      Set<String> withheld,
      Map<String, CountryInputs> byCode,
      DisclosurePolicy policy) {
    for (Map.Entry<SpamType, TypeVolume> v : c.volumes().entrySet()) {
      String type = v.getKey().key();
      if (!v.getValue().imputed() || v.getValue().method().equals(TypeVolume.OWN_LOW_COVERAGE)) {
        if (withheld.contains(c.countryCode() + ":" + type)) {
          return false;
        }
        continue;
      }
      Map<String, Double> sources = rateSources.get(c.countryCode() + ":" + type);
      if (sources == null) {
        return false;
      }
      if (sources.isEmpty()) {
        continue; // a rate from outside the study: no operator's figure
      }
      int operators = 0;
      double total = 0;
      double largest = 0;
      for (String source : sources.keySet()) {
        CountryInputs s = byCode.get(source);
        TypeVolume sv = s == null ? null : s.volumes().get(v.getKey());
        if (sv == null) {
          return false;
        }
        operators += s.reportingOperators();
        total += sv.peakQuarterSpam();
        // A published source's largest operator has at most the dominance share of it; a withheld
        // one's may have all of it.
        boolean open = !withheld.contains(source + ":" + type);
        largest = Math.max(largest, sv.peakQuarterSpam() * (open ? policy.maxShare() : 1));
      }
      if (policy.primaryReason(operators, total > 0 ? largest / total : 1).isPresent()) {
        return false;
      }
    }
    return true;
  }

  private static double volume(CountryInputs c) {
    return c.volumes().values().stream().mapToDouble(TypeVolume::peakQuarterSpam).sum();
  }
}
