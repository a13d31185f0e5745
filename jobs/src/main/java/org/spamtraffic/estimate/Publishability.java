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
 *       one of a withheld source may have all of it). Passing the policy is not enough when the
 *       pool holds a withheld volume: the rate times the sources' markets gives back the sum of
 *       their volumes, and that sum minus the published sources gives back the withheld one. So the
 *       rate enters the audit below as a relation, which withholds the borrowing country's volume
 *       (or more) where a reader could narrow a withheld one with it;
 *   <li>every national volume is a unit of the audit of its own, and a country's figures are
 *       publishable when all its volumes are. A volume a reader can compute from published figures
 *       alone (a public measured volume, or one borrowed from a rate whose every source is public)
 *       is a constant of the audit: withholding the country's investment row would hide nothing, so
 *       it is never taken as a complement (taking it, as an earlier version did, hid nothing and
 *       made every rate through it look like it gave a withheld figure back, which withheld every
 *       country of the samples);
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
    Map<Area, List<Integer>> countryUnits = new LinkedHashMap<>();
    Map<String, Map<SpamType, Integer>> countryCells = new HashMap<>();
    Map<Area, Map<SpamType, List<Integer>>> rollupParts = new LinkedHashMap<>();
    for (CountryInputs c : countries) {
      Area self = Area.of(c).get(0);
      List<Integer> own = new ArrayList<>();
      Map<SpamType, Integer> cells = new HashMap<>();
      for (Map.Entry<SpamType, TypeVolume> v : c.volumes().entrySet()) {
        String id = self.area() + " " + v.getKey().key();
        // One unit per national volume: a country's figures are published when all its volumes
        // are. A volume a reader can already compute from published figures is a known constant
        // (withholding its investment row would hide nothing); a volume that is not public is a
        // primary cell (0 operators: below any k); one that borrows a rate pooled with withheld
        // volumes is published unless the audit needs it as a complement.
        int unit =
            switch (classify(c, v.getKey(), rateSources, withheldVolumes, byCode, policy)) {
              case KNOWN -> s.knownUnit(id);
              case PRIMARY -> s.unit(id, 0, 0, v.getValue().peakQuarterSpam());
              case DERIVED -> s.unit(id, Integer.MAX_VALUE, 0, v.getValue().peakQuarterSpam());
            };
        own.add(unit);
        cells.put(v.getKey(), s.cell(unit, v.getKey().key(), v.getValue().peakQuarterSpam()));
      }
      countryUnits.put(self, own);
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
    countryUnits.forEach(
        (area, own) -> out.put(area, own.stream().allMatch(unit -> reasons[unit] == null)));
    units.forEach((area, unit) -> out.put(area, reasons[unit] == null));
    boolean worldOpen = out.getOrDefault(Area.REPORTING_COUNTRIES, false);
    for (Area a : strata) {
      worldOpen &= out.get(a);
      out.remove(a);
    }
    out.put(Area.THE_WORLD, worldOpen);
    return out;
  }

  /** How a national volume enters the audit. */
  enum Volume {
    /** A reader can compute it from published figures alone: a constant of the audit. */
    KNOWN,
    /** Not public: measured and withheld, or borrowed from a rate that fails the policy. */
    PRIMARY,
    /** Borrowed from a rate that passes the policy but pools withheld volumes. */
    DERIVED
  }

  /**
   * How volume {@code type} of {@code c} enters the audit: a measured volume (or a country's own
   * low-coverage figure) is known when public and primary when not; a borrowed one is primary when
   * its rate fails the policy as a figure made of its source countries' volumes (their operators
   * together at least k, and no operator above the dominance share of the pooled volume: an
   * operator of a published source has at most that share of its country, one of a withheld source
   * may have all of it), known when every source is public (or the rate comes from outside the
   * study), and derived otherwise.
   */
  static Volume classify(
      CountryInputs c,
      SpamType type,
      Map<String, Map<String, Double>> rateSources,
      Set<String> withheld,
      Map<String, CountryInputs> byCode,
      DisclosurePolicy policy) {
    TypeVolume v = c.volumes().get(type);
    if (!v.imputed() || v.method().equals(TypeVolume.OWN_LOW_COVERAGE)) {
      return withheld.contains(c.countryCode() + ":" + type.key()) ? Volume.PRIMARY : Volume.KNOWN;
    }
    Map<String, Double> sources = rateSources.get(c.countryCode() + ":" + type.key());
    if (sources == null) {
      return Volume.PRIMARY;
    }
    int operators = 0;
    double total = 0;
    double largest = 0;
    boolean allPublic = true;
    for (String source : sources.keySet()) {
      CountryInputs s = byCode.get(source);
      TypeVolume sv = s == null ? null : s.volumes().get(type);
      if (sv == null) {
        return Volume.PRIMARY;
      }
      operators += s.reportingOperators();
      total += sv.peakQuarterSpam();
      // A published source's largest operator has at most the dominance share of it; a withheld
      // one's may have all of it.
      boolean open = !withheld.contains(source + ":" + type.key());
      allPublic &= open;
      largest = Math.max(largest, sv.peakQuarterSpam() * (open ? policy.maxShare() : 1));
    }
    if (sources.isEmpty() || allPublic) {
      return Volume.KNOWN; // outside the study, or a function of published volumes only
    }
    if (policy.primaryReason(operators, total > 0 ? largest / total : 1).isPresent()) {
      return Volume.PRIMARY;
    }
    return Volume.DERIVED;
  }
}
