package org.spamtraffic.report.chart;

/**
 * A chart as data: everything needed to draw it, and nothing computed while drawing. Built by the
 * report's figure definitions from published tables; drawn by {@link ChartRenderer}; its numbers
 * written next to it by {@link ChartData}.
 */
public sealed interface Chart
    permits CategoryChart, RangeChart, TornadoChart, FlowChart, HeatMapChart, MapChart {
  /** Name, title, source line and printed size. */
  ChartFrame frame();

  /** Values that a published table marks as suppressed, and that the chart therefore omits. */
  int suppressedValues();
}
