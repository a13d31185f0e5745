package org.spamtraffic.estimate;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;

/**
 * A complete, checked set of model inputs that are not data: the study's stated settings (planning
 * horizon, discount rate) and every uncertain parameter's range, unit and source. Read one with
 * {@link ParameterFile}.
 *
 * @param name the parameter set's name, written into every output row
 * @param source where it was read from (file names, default first)
 * @param sha256 the SHA-256 of every file read, in the order of {@code source} and joined the same
 *     way ({@code "<default's> + <analyst's>"}), so that {@code sha256sum FILE} checks which file
 *     an estimate used
 * @param priceYear price year of every money parameter
 * @param horizonYears planning horizon: operating costs count for years 1 to this
 * @param discountRate real yearly discount rate of operating costs
 * @param ranges every parameter's low, base and high value
 * @param units every parameter's unit
 * @param sources every parameter's source (document, year, page or table), or {@code assumption}
 * @param reasoning every parameter's reasoning from source to values, or the sentence that
 *     justifies an assumption
 * @param urls where a parameter's source can be read, for those that have an address
 */
public record ParameterSet(
    String name,
    String source,
    String sha256,
    int priceYear,
    int horizonYears,
    double discountRate,
    Map<Parameter, Range> ranges,
    Map<Parameter, String> units,
    Map<Parameter, String> sources,
    Map<Parameter, String> reasoning,
    Map<Parameter, String> urls)
    implements Serializable {

  /** Checks completeness; the maps are copied. */
  public ParameterSet {
    for (Parameter p : Parameter.values()) {
      if (!ranges.containsKey(p)
          || !units.containsKey(p)
          || !sources.containsKey(p)
          || !reasoning.containsKey(p)) {
        throw new IllegalArgumentException("Parameter set " + name + " lacks " + p.key());
      }
    }
    ranges = new EnumMap<>(ranges);
    units = new EnumMap<>(units);
    sources = new EnumMap<>(sources);
    reasoning = new EnumMap<>(reasoning);
    urls = urls.isEmpty() ? new EnumMap<>(Parameter.class) : new EnumMap<>(urls);
  }

  /** Whether {@code p}'s values are an assumption rather than drawn from a source. */
  public boolean assumed(Parameter p) {
    return ParameterFile.ASSUMPTION.equals(sources.get(p));
  }

  /**
   * This set with other ranges (a what-if): name and source say what changed, every other parameter
   * keeps its range, unit, source and reasoning.
   */
  public ParameterSet withRanges(String newName, String newSource, Map<Parameter, Range> changed) {
    Map<Parameter, Range> r = new EnumMap<>(ranges);
    r.putAll(changed);
    return new ParameterSet(
        newName,
        newSource,
        sha256,
        priceYear,
        horizonYears,
        discountRate,
        r,
        units,
        sources,
        reasoning,
        urls);
  }

  /** This set with {@code p}'s range, source and reasoning replaced (the forecast's growth). */
  public ParameterSet withDerived(Parameter p, Range range, String source, String why) {
    Map<Parameter, Range> r = new EnumMap<>(ranges);
    Map<Parameter, String> s = new EnumMap<>(sources);
    Map<Parameter, String> w = new EnumMap<>(reasoning);
    r.put(p, range);
    s.put(p, source);
    w.put(p, why);
    return new ParameterSet(
        name, this.source, sha256, priceYear, horizonYears, discountRate, r, units, s, w, urls);
  }

  /** The range of {@code p}. */
  public Range range(Parameter p) {
    return ranges.get(p);
  }

  /** Every parameter at its value in {@code scenario}. */
  public ParameterValues values(Scenario scenario) {
    double[] v = new double[Parameter.values().length];
    for (Parameter p : Parameter.values()) {
      v[p.ordinal()] = ranges.get(p).value(scenario);
    }
    return new ParameterValues(v, horizonYears, discountRate);
  }
}
