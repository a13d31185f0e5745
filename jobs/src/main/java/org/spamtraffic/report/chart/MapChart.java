package org.spamtraffic.report.chart;

import java.util.List;

/**
 * A world map with each country shaded by the one class it is in (participation: operator returns,
 * questionnaire, both), every other country in a neutral grey. Drawn on {@link WorldGeometry}.
 *
 * @param frame name, title, source line, size
 * @param classes the classes, in legend order; a country is in at most one
 * @param others the legend's label of the countries in no class
 */
public record MapChart(ChartFrame frame, List<MapChart.Shading> classes, String others)
    implements Chart {

  /**
   * One class of countries.
   *
   * @param label the legend's text
   * @param countries ISO 3166-1 alpha-3 codes
   */
  public record Shading(String label, List<String> countries) {
    public Shading {
      countries = List.copyOf(countries);
    }
  }

  public MapChart {
    classes = List.copyOf(classes);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Shading s : classes) {
      for (String c : s.countries()) {
        if (!seen.add(c)) {
          throw new IllegalArgumentException(
              "Chart " + frame.id() + ": country " + c + " is in two classes");
        }
      }
    }
  }

  /** Nothing on a map of participation is a disclosure-controlled figure. */
  @Override
  public int suppressedValues() {
    return 0;
  }

  /** Whether any country is in a class (an empty map is not drawn). */
  public boolean hasCountries() {
    return classes.stream().anyMatch(s -> !s.countries().isEmpty());
  }
}
