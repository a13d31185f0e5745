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
 * @param priceYear price year of every money parameter
 * @param horizonYears planning horizon: operating costs count for years 1 to this
 * @param discountRate real yearly discount rate of operating costs
 * @param ranges every parameter's low, base and high value
 * @param units every parameter's unit
 * @param sources every parameter's source, or {@code assumption}
 */
public record ParameterSet(
    String name,
    String source,
    int priceYear,
    int horizonYears,
    double discountRate,
    Map<Parameter, Range> ranges,
    Map<Parameter, String> units,
    Map<Parameter, String> sources)
    implements Serializable {

  /** Checks completeness; the maps are copied. */
  public ParameterSet {
    for (Parameter p : Parameter.values()) {
      if (!ranges.containsKey(p) || !units.containsKey(p) || !sources.containsKey(p)) {
        throw new IllegalArgumentException("Parameter set " + name + " lacks " + p.key());
      }
    }
    ranges = new EnumMap<>(ranges);
    units = new EnumMap<>(units);
    sources = new EnumMap<>(sources);
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
