package org.spamtraffic.report.chart;

import java.util.List;

/**
 * A grid of scores, rows by columns, each cell shaded by its value and labelled with it: readiness
 * per WSIS pillar (columns) by region (rows).
 *
 * @param frame name, title, source line, size
 * @param rowAxis label of the rows
 * @param columnAxis label of the columns
 * @param format how cell values are printed
 * @param rows row labels, top to bottom
 * @param columns column labels, left to right
 * @param values {@code values.get(r).get(c)}; null for an empty cell
 * @param min value of the lightest shade
 * @param max value of the darkest shade
 * @param suppressedValues cells left empty because suppressed
 */
public record HeatMapChart(
    ChartFrame frame,
    String rowAxis,
    String columnAxis,
    ValueFormat format,
    List<String> rows,
    List<String> columns,
    List<List<Double>> values,
    double min,
    double max,
    int suppressedValues)
    implements Chart {

  public HeatMapChart {
    rows = List.copyOf(rows);
    columns = List.copyOf(columns);
    values =
        values.stream()
            .map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r)))
            .toList();
    if (values.size() != rows.size()) {
      throw new IllegalArgumentException(
          "Chart "
              + frame.id()
              + ": "
              + values.size()
              + " value rows for "
              + rows.size()
              + " rows");
    }
    for (List<Double> r : values) {
      if (r.size() != columns.size()) {
        throw new IllegalArgumentException(
            "Chart " + frame.id() + ": a row has " + r.size() + " values for " + columns.size());
      }
    }
  }
}
