package org.spamtraffic.report.chart;

import java.util.List;

/**
 * A Sankey diagram of flows from sources (left) to destinations (right): spam from source regions
 * to destination regions.
 *
 * @param frame name, title, source line, size
 * @param unit what a flow's value counts ("spam messages detected")
 * @param flows the flows, in the order given
 * @param suppressedValues flows omitted because suppressed
 */
public record FlowChart(ChartFrame frame, String unit, List<Flow> flows, int suppressedValues)
    implements Chart {

  /**
   * One flow.
   *
   * @param source source node label
   * @param destination destination node label
   * @param value flow size, positive
   */
  public record Flow(String source, String destination, double value) {}

  public FlowChart {
    flows = List.copyOf(flows);
  }
}
