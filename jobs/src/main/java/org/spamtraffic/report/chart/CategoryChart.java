package org.spamtraffic.report.chart;

import java.util.List;
import java.util.Objects;

/**
 * Values per category and series: stacked areas or bars over time, grouped bars, horizontal bars.
 *
 * @param frame name, title, source line, size
 * @param kind how it is drawn
 * @param categoryAxis label of the category axis (periods, regions, countries)
 * @param valueAxis label of the value axis, with its unit
 * @param format how values are printed on the axis
 * @param categories the categories, in the order drawn
 * @param series the series; each has one value per category, null where there is none or it is
 *     suppressed
 * @param suppressedValues how many values are null because a published table suppressed them
 */
public record CategoryChart(
    ChartFrame frame,
    Kind kind,
    String categoryAxis,
    String valueAxis,
    ValueFormat format,
    List<String> categories,
    List<Series> series,
    int suppressedValues)
    implements Chart {

  /** How a category chart is drawn. */
  public enum Kind {
    STACKED_AREA,
    STACKED_BARS,
    /** Stacked bars of shares that add up to 100% (a mix): the axis runs from 0 to 100%. */
    STACKED_SHARES,
    GROUPED_BARS,
    HORIZONTAL_BARS,
    /** One line per series over the categories (periods), with a marker on each value. */
    LINES
  }

  /**
   * One series.
   *
   * @param name legend label
   * @param values one per category; null for none
   */
  public record Series(String name, List<Double> values) {
    public Series {
      Objects.requireNonNull(name, "name");
      values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }
  }

  public CategoryChart {
    categories = List.copyOf(categories);
    series = List.copyOf(series);
    for (Series s : series) {
      if (s.values().size() != categories.size()) {
        throw new IllegalArgumentException(
            "Chart "
                + frame.id()
                + ": series '"
                + s.name()
                + "' has "
                + s.values().size()
                + " values for "
                + categories.size()
                + " categories");
      }
    }
  }

  /** Whether there is at least one value to draw. */
  public boolean hasValues() {
    return series.stream().flatMap(s -> s.values().stream()).anyMatch(Objects::nonNull);
  }
}
