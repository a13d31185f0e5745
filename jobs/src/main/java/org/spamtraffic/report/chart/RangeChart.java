package org.spamtraffic.report.chart;

import java.util.List;

/**
 * A central value with its range per category, drawn as horizontal range bars (low to high) with a
 * mark at the central value: investment need and gap by region with their P5–P95 intervals.
 *
 * @param frame name, title, source line, size
 * @param categoryAxis label of the category axis
 * @param valueAxis label of the value axis, with its unit
 * @param format how values are printed
 * @param categories the categories, top to bottom
 * @param series the measures (need, gap), each with low, central and high per category
 * @param suppressedValues values omitted because suppressed or not publishable
 */
public record RangeChart(
    ChartFrame frame,
    String categoryAxis,
    String valueAxis,
    ValueFormat format,
    List<String> categories,
    List<Series> series,
    int suppressedValues)
    implements Chart {

  /**
   * One measure.
   *
   * @param name legend label ("Need", "Gap")
   * @param low low end per category (P5), null for none
   * @param central central value per category (P50)
   * @param high high end per category (P95)
   */
  public record Series(String name, List<Double> low, List<Double> central, List<Double> high) {
    public Series {
      low = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(low));
      central = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(central));
      high = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(high));
    }
  }

  public RangeChart {
    categories = List.copyOf(categories);
    series = List.copyOf(series);
    for (Series s : series) {
      int n = categories.size();
      if (s.low().size() != n || s.central().size() != n || s.high().size() != n) {
        throw new IllegalArgumentException(
            "Chart " + frame.id() + ": series '" + s.name() + "' must have " + n + " values");
      }
    }
  }
}
