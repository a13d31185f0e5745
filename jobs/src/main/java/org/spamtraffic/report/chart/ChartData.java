package org.spamtraffic.report.chart;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.spamtraffic.output.SpreadsheetText;

/**
 * The numbers behind a chart, as CSV written next to it ({@code charts/<id>.csv}), so that a report
 * writer can quote a figure's values exactly. Values are written as the chart holds them (the
 * published table's values), in full precision; empty for none or suppressed.
 */
public final class ChartData {
  private ChartData() {}

  /** The chart's data as CSV text (UTF-8, LF line ends, header first). */
  public static String csv(Chart chart) {
    StringBuilder out = new StringBuilder();
    if (chart instanceof CategoryChart c) {
      line(out, "category", "series", "value");
      for (CategoryChart.Series s : c.series()) {
        for (int i = 0; i < c.categories().size(); i++) {
          line(out, c.categories().get(i), s.name(), number(s.values().get(i)));
        }
      }
    } else if (chart instanceof RangeChart r) {
      line(out, "category", "series", "low", "central", "high");
      for (RangeChart.Series s : r.series()) {
        for (int i = 0; i < r.categories().size(); i++) {
          line(
              out,
              r.categories().get(i),
              s.name(),
              number(s.low().get(i)),
              number(s.central().get(i)),
              number(s.high().get(i)));
        }
      }
    } else if (chart instanceof TornadoChart t) {
      line(out, "parameter", "total_at_low", "total_at_high", "base_total");
      for (TornadoChart.Bar b : t.bars()) {
        line(out, b.parameter(), number(b.atLow()), number(b.atHigh()), number(t.base()));
      }
    } else if (chart instanceof FlowChart f) {
      line(out, "source", "via", "destination", "value");
      for (FlowChart.Flow flow : f.flows()) {
        String via = flow.via() == null ? "" : flow.via();
        line(out, flow.source(), via, flow.destination(), number(flow.value()));
      }
    } else if (chart instanceof MapChart m) {
      line(out, "country", "class");
      for (MapChart.Shading s : m.classes()) {
        for (String c : s.countries()) {
          line(out, c, s.label());
        }
      }
    } else if (chart instanceof HeatMapChart m) {
      line(out, "row", "column", "value");
      for (int r = 0; r < m.rows().size(); r++) {
        for (int c = 0; c < m.columns().size(); c++) {
          line(out, m.rows().get(r), m.columns().get(c), number(m.values().get(r).get(c)));
        }
      }
    }
    return out.toString();
  }

  /** {@link #csv} as UTF-8 bytes. */
  public static byte[] csvBytes(Chart chart) {
    return csv(chart).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A number in plain notation with no more digits than it has: 1234567, 0.125. The same value
   * always prints the same way, whatever the locale.
   */
  public static String number(Double value) {
    if (value == null || value.isNaN()) {
      return "";
    }
    BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }

  private static void line(StringBuilder out, String... cells) {
    out.append(String.join(",", List.of(cells).stream().map(ChartData::quote).toList()));
    out.append('\n');
  }

  /** RFC 4180 quoting where needed, formula-like text neutralised ({@link SpreadsheetText}). */
  static String quote(String raw) {
    String cell = SpreadsheetText.neutralised(raw);
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
      return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
    return cell;
  }
}
