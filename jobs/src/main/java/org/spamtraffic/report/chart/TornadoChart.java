package org.spamtraffic.report.chart;

import java.util.List;

/**
 * A one-at-a-time sensitivity chart: for each parameter, the total when the parameter is at its low
 * and at its high value, around the base total. Bars are drawn in the order given (the figure
 * definition sorts them by swing, as the sensitivity table ranks them).
 *
 * @param frame name, title, source line, size
 * @param valueAxis label of the value axis, with its unit
 * @param format how values are printed
 * @param base the total with every parameter at its base value
 * @param bars one per parameter
 * @param lowLabel legend label of the low-value bars
 * @param highLabel legend label of the high-value bars
 */
public record TornadoChart(
    ChartFrame frame,
    String valueAxis,
    ValueFormat format,
    double base,
    List<Bar> bars,
    String lowLabel,
    String highLabel)
    implements Chart {

  /**
   * One parameter.
   *
   * @param parameter the parameter's label
   * @param atLow the total with the parameter at its low value
   * @param atHigh the total with the parameter at its high value
   */
  public record Bar(String parameter, double atLow, double atHigh) {}

  public TornadoChart {
    bars = List.copyOf(bars);
  }

  @Override
  public int suppressedValues() {
    return 0;
  }
}
