package org.spamtraffic.report.chart;

import java.util.List;

/**
 * A Sankey diagram of flows from sources (left), optionally through a middle stage, to destinations
 * (right): spam from source countries through entry routes to destination countries. Each flow is
 * one published row; where several rows share a node the diagram stacks them, as a stacked bar
 * chart stacks its series (the numbers drawn are still the rows', see {@link ChartData}).
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
   * @param via middle node label, or null for a flow straight from source to destination
   * @param destination destination node label
   * @param value flow size, positive
   */
  public record Flow(String source, String via, String destination, double value) {
    public Flow {
      if (!(value > 0)) {
        throw new IllegalArgumentException(
            "Flow " + source + " -> " + destination + ": value must be positive, got " + value);
      }
    }

    /** A flow with no middle stage. */
    public static Flow direct(String source, String destination, double value) {
      return new Flow(source, null, destination, value);
    }
  }

  public FlowChart {
    flows = List.copyOf(flows);
    long withVia = flows.stream().filter(f -> f.via() != null).count();
    if (withVia != 0 && withVia != flows.size()) {
      throw new IllegalArgumentException(
          "Chart " + frame.id() + ": either every flow has a middle stage or none has");
    }
  }
}
