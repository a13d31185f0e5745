package org.spamtraffic.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.plot.flow.FlowPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedAreaRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.ui.VerticalAlignment;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jfree.data.flow.DefaultFlowDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUnits;
import org.jfree.svg.ViewBox;

/**
 * Draws a {@link Chart} with JFreeChart, as PNG at {@value ChartStyle#DPI} dpi of its printed size
 * or as SVG. Drawing only: every number comes from the chart object as it is.
 *
 * <p>The same chart gives the same bytes: SVG element ids are derived from the chart id, and the
 * PNG carries its resolution but no time stamp.
 */
public final class ChartRenderer {
  static {
    // Charts are drawn on servers and in CI without a display.
    System.setProperty("java.awt.headless", "true");
  }

  private final Locale locale;

  /** A renderer that prints numbers the way {@code locale} writes them. */
  public ChartRenderer(Locale locale) {
    this.locale = locale;
  }

  /** The chart as a PNG image at {@value ChartStyle#DPI} dpi of its printed size. */
  public byte[] png(Chart chart) {
    JFreeChart jfree = jfree(chart);
    double w = ChartStyle.points(chart.frame().widthCm());
    double h = ChartStyle.points(chart.frame().heightCm());
    double scale = ChartStyle.DPI / 72.0;
    BufferedImage image =
        new BufferedImage(
            (int) Math.round(w * scale), (int) Math.round(h * scale), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      hints(g);
      g.setPaint(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.scale(scale, scale);
      jfree.draw(g, new Rectangle2D.Double(0, 0, w, h));
    } finally {
      g.dispose();
    }
    return encodePng(image, ChartStyle.DPI);
  }

  /** The chart as an SVG document, sized in points with a matching view box. */
  public String svg(Chart chart) {
    JFreeChart jfree = jfree(chart);
    double w = ChartStyle.points(chart.frame().widthCm());
    double h = ChartStyle.points(chart.frame().heightCm());
    SVGGraphics2D g = new SVGGraphics2D(w, h, SVGUnits.PT);
    // The default prefix is a time stamp; the chart id keeps the output reproducible.
    g.setDefsKeyPrefix(chart.frame().id() + "-");
    hints(g);
    jfree.draw(g, new Rectangle2D.Double(0, 0, w, h));
    String element = g.getSVGElement(chart.frame().id(), true, new ViewBox(0, 0, w, h), null, null);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element + "\n";
  }

  /** The SVG document as UTF-8 bytes. */
  public byte[] svgBytes(Chart chart) {
    return svg(chart).getBytes(StandardCharsets.UTF_8);
  }

  /** The JFreeChart object of {@code chart}, styled. */
  public JFreeChart jfree(Chart chart) {
    Plot plot;
    boolean legend;
    if (chart instanceof CategoryChart c) {
      plot = categoryPlot(c);
      legend = c.series().size() > 1;
    } else if (chart instanceof RangeChart r) {
      plot = rangePlot(r);
      legend = true;
    } else if (chart instanceof TornadoChart t) {
      plot = tornadoPlot(t);
      legend = true;
    } else if (chart instanceof FlowChart f) {
      plot = flowPlot(f);
      legend = false;
    } else if (chart instanceof HeatMapChart m) {
      plot = heatMapPlot(m);
      legend = false;
    } else if (chart instanceof MapChart m) {
      plot = new MapPlot(m, WorldGeometry.load());
      legend = true;
    } else {
      throw new IllegalArgumentException("Unknown chart kind " + chart.getClass());
    }
    JFreeChart jfree = new JFreeChart(null, ChartStyle.TITLE, plot, legend);
    jfree.setBackgroundPaint(Color.WHITE);
    jfree.setAntiAlias(true);
    jfree.setTextAntiAlias(true);
    jfree.setPadding(new RectangleInsets(6, 6, 4, 8));
    jfree.setTitle(
        new TextTitle(
            chart.frame().title(),
            ChartStyle.TITLE,
            ChartStyle.TEXT,
            RectangleEdge.TOP,
            HorizontalAlignment.LEFT,
            VerticalAlignment.CENTER,
            new RectangleInsets(0, 0, 6, 0)));
    LegendTitle legendTitle = jfree.getLegend();
    if (legendTitle != null) {
      legendTitle.setItemFont(ChartStyle.LEGEND);
      legendTitle.setFrame(BlockBorder.NONE);
      legendTitle.setPosition(RectangleEdge.BOTTOM);
      legendTitle.setItemPaint(ChartStyle.TEXT);
    }
    // Index 0: the source line goes below the legend, at the very bottom.
    jfree.addSubtitle(
        0,
        new TextTitle(
            chart.frame().source(),
            ChartStyle.SOURCE,
            ChartStyle.NOTE,
            RectangleEdge.BOTTOM,
            HorizontalAlignment.LEFT,
            VerticalAlignment.CENTER,
            new RectangleInsets(4, 0, 0, 0)));
    return jfree;
  }

  private CategoryPlot categoryPlot(CategoryChart c) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (CategoryChart.Series s : c.series()) {
      for (int i = 0; i < c.categories().size(); i++) {
        data.addValue(s.values().get(i), s.name(), c.categories().get(i));
      }
    }
    BarRenderer bars;
    CategoryPlot plot;
    switch (c.kind()) {
      case STACKED_AREA:
        StackedAreaRenderer area = new StackedAreaRenderer();
        for (int i = 0; i < c.series().size(); i++) {
          area.setSeriesPaint(i, ChartStyle.color(i));
        }
        plot = new CategoryPlot(data, new CategoryAxis(c.categoryAxis()), valueAxis(c), area);
        plot.getDomainAxis().setCategoryMargin(0);
        plot.getDomainAxis().setLowerMargin(0);
        plot.getDomainAxis().setUpperMargin(0);
        style(plot);
        return plot;
      case LINES:
        LineAndShapeRenderer lines = new LineAndShapeRenderer(true, true);
        for (int i = 0; i < c.series().size(); i++) {
          lines.setSeriesPaint(i, ChartStyle.color(i));
          lines.setSeriesStroke(i, new java.awt.BasicStroke(1.6f));
          lines.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        plot = new CategoryPlot(data, new CategoryAxis(c.categoryAxis()), valueAxis(c), lines);
        style(plot);
        return plot;
      case STACKED_BARS:
        bars = new StackedBarRenderer();
        break;
      case STACKED_SHARES:
        bars = new StackedBarRenderer();
        bars.setMaximumBarWidth(0.12);
        break;
      case GROUPED_BARS:
      case HORIZONTAL_BARS:
      default:
        bars = new BarRenderer();
        bars.setItemMargin(0.04);
        break;
    }
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setDrawBarOutline(false);
    bars.setMaximumBarWidth(0.12);
    for (int i = 0; i < c.series().size(); i++) {
      bars.setSeriesPaint(i, ChartStyle.color(i));
    }
    plot = new CategoryPlot(data, new CategoryAxis(c.categoryAxis()), valueAxis(c), bars);
    if (c.kind() == CategoryChart.Kind.STACKED_SHARES) {
      plot.getRangeAxis().setRange(0, 1);
    }
    if (c.kind() == CategoryChart.Kind.HORIZONTAL_BARS) {
      plot.setOrientation(PlotOrientation.HORIZONTAL);
      plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
      bars.setMaximumBarWidth(0.2);
      if (c.series().size() == 1) {
        bars.setDefaultPositiveItemLabelPosition(
            new org.jfree.chart.labels.ItemLabelPosition(
                org.jfree.chart.labels.ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        bars.setItemLabelAnchorOffset(3);
        // One series: print each bar's value at its end, so readers need not estimate it.
        bars.setDefaultItemLabelGenerator(
            new StandardCategoryItemLabelGenerator("{2}", c.format().cellFormat(locale)));
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(ChartStyle.TICK_LABEL);
        bars.setDefaultItemLabelPaint(ChartStyle.TEXT);
        // Room for the value printed after the longest bar.
        plot.getRangeAxis().setUpperMargin(0.3);
      }
    }
    style(plot);
    return plot;
  }

  private NumberAxis valueAxis(CategoryChart c) {
    return numberAxis(c.valueAxis(), c.format());
  }

  private NumberAxis numberAxis(String label, ValueFormat format) {
    NumberAxis axis = new NumberAxis(label);
    axis.setNumberFormatOverride(format.tickFormat(locale));
    axis.setAutoRangeIncludesZero(true);
    return axis;
  }

  private CategoryPlot rangePlot(RangeChart r) {
    int n = r.series().size();
    int m = r.categories().size();
    String[] seriesKeys = new String[n];
    Number[][] starts = new Number[n][m];
    Number[][] ends = new Number[n][m];
    DefaultCategoryDataset central = new DefaultCategoryDataset();
    for (int s = 0; s < n; s++) {
      RangeChart.Series series = r.series().get(s);
      seriesKeys[s] = series.name() + " ";
      for (int c = 0; c < m; c++) {
        starts[s][c] = series.low().get(c);
        ends[s][c] = series.high().get(c);
        central.addValue(series.central().get(c), series.name(), r.categories().get(c));
      }
    }
    DefaultIntervalCategoryDataset ranges =
        new DefaultIntervalCategoryDataset(
            seriesKeys, r.categories().toArray(String[]::new), starts, ends);
    LineAndShapeRenderer points = new LineAndShapeRenderer(false, true);
    IntervalBarRenderer intervals = new IntervalBarRenderer();
    intervals.setBarPainter(new StandardBarPainter());
    intervals.setShadowVisible(false);
    intervals.setDrawBarOutline(false);
    intervals.setItemMargin(0.1);
    for (int s = 0; s < n; s++) {
      Color color = ChartStyle.color(s);
      points.setSeriesPaint(s, color);
      points.setSeriesShape(s, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
      intervals.setSeriesPaint(s, ChartStyle.lighter(color, 0.55));
      intervals.setSeriesVisibleInLegend(s, false);
    }
    CategoryPlot plot =
        new CategoryPlot(
            ranges,
            new CategoryAxis(r.categoryAxis()),
            numberAxis(r.valueAxis(), r.format()),
            intervals);
    plot.setDataset(1, central);
    plot.setRenderer(1, points);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
    // Points sit in the middle of their category; with several series, offset is not supported by
    // LineAndShapeRenderer, so the ranges are drawn grouped and the point of each series centred
    // on its own range by drawing series one item slot apart.
    if (n > 1) {
      points.setUseSeriesOffset(true);
      points.setItemMargin(0.1);
    }
    style(plot);
    return plot;
  }

  private CategoryPlot tornadoPlot(TornadoChart t) {
    int m = t.bars().size();
    String[] categories = new String[m];
    Number[][] lowStart = new Number[1][m];
    Number[][] lowEnd = new Number[1][m];
    Number[][] highStart = new Number[1][m];
    Number[][] highEnd = new Number[1][m];
    for (int i = 0; i < m; i++) {
      TornadoChart.Bar b = t.bars().get(i);
      categories[i] = b.parameter();
      lowStart[0][i] = Math.min(t.base(), b.atLow());
      lowEnd[0][i] = Math.max(t.base(), b.atLow());
      highStart[0][i] = Math.min(t.base(), b.atHigh());
      highEnd[0][i] = Math.max(t.base(), b.atHigh());
    }
    DefaultIntervalCategoryDataset low =
        new DefaultIntervalCategoryDataset(
            new String[] {t.lowLabel()}, categories, lowStart, lowEnd);
    DefaultIntervalCategoryDataset high =
        new DefaultIntervalCategoryDataset(
            new String[] {t.highLabel()}, categories, highStart, highEnd);
    IntervalBarRenderer lowBars = tornadoRenderer(ChartStyle.color(0));
    IntervalBarRenderer highBars = tornadoRenderer(ChartStyle.color(1));
    NumberAxis axis = numberAxis(t.valueAxis(), t.format());
    axis.setAutoRangeIncludesZero(false);
    CategoryPlot plot = new CategoryPlot(low, new CategoryAxis(null), axis, lowBars);
    plot.setDataset(1, high);
    plot.setRenderer(1, highBars);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
    // The base total is in the axis label the figure definition writes, not on the plot, where
    // a label would run into the bars.
    ValueMarker base = new ValueMarker(t.base(), ChartStyle.TEXT, new BasicStroke(1.0f));
    plot.addRangeMarker(base, org.jfree.chart.ui.Layer.FOREGROUND);
    style(plot);
    return plot;
  }

  private static IntervalBarRenderer tornadoRenderer(Color color) {
    IntervalBarRenderer r = new IntervalBarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setDrawBarOutline(false);
    r.setSeriesPaint(0, color);
    r.setMaximumBarWidth(0.7);
    // The axis spans the totals, not zero to the totals: the swings are what matters.
    r.setIncludeBaseInRange(false);
    return r;
  }

  private FlowPlot flowPlot(FlowChart f) {
    DefaultFlowDataset<String> data = new DefaultFlowDataset<>();
    // Rows sharing a link are stacked into one band: the Sankey's way of drawing them.
    java.util.Map<List<Object>, Double> links = new java.util.LinkedHashMap<>();
    for (FlowChart.Flow flow : f.flows()) {
      if (flow.via() == null) {
        links.merge(List.of(0, flow.source(), flow.destination()), flow.value(), Double::sum);
      } else {
        links.merge(List.of(0, flow.source(), flow.via()), flow.value(), Double::sum);
        links.merge(List.of(1, flow.via(), flow.destination()), flow.value(), Double::sum);
      }
    }
    links.forEach(
        (k, v) -> data.setFlow((Integer) k.get(0), (String) k.get(1), (String) k.get(2), v));
    FlowPlot plot = new FlowPlot(data);
    plot.setNodeColorSwatch(new ArrayList<>(ChartStyle.PALETTE));
    // The same label has the same colour at every stage.
    java.util.Map<String, Color> colors = new java.util.LinkedHashMap<>();
    for (List<Object> k : links.keySet()) {
      for (int i = 1; i <= 2; i++) {
        colors.computeIfAbsent((String) k.get(i), key -> ChartStyle.color(colors.size()));
      }
    }
    for (List<Object> k : links.keySet()) {
      int stage = (Integer) k.get(0);
      String from = (String) k.get(1);
      String to = (String) k.get(2);
      plot.setNodeFillColor(new org.jfree.data.flow.NodeKey<>(stage, from), colors.get(from));
      plot.setNodeFillColor(new org.jfree.data.flow.NodeKey<>(stage + 1, to), colors.get(to));
    }
    plot.setDefaultNodeLabelFont(ChartStyle.LEGEND);
    plot.setDefaultNodeLabelPaint(ChartStyle.TEXT);
    plot.setNodeWidth(10);
    plot.setNodeMargin(0.025);
    plot.setNodeLabelOffsetX(3);
    plot.setOutlineVisible(false);
    plot.setBackgroundPaint(Color.WHITE);
    return plot;
  }

  private XYPlot heatMapPlot(HeatMapChart m) {
    int rows = m.rows().size();
    int cols = m.columns().size();
    List<double[]> cells = new ArrayList<>();
    List<double[]> empty = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        Double v = m.values().get(r).get(c);
        if (v != null) {
          cells.add(new double[] {c, r, v});
        } else {
          empty.add(new double[] {c, r});
        }
      }
    }
    double[][] series = new double[3][cells.size()];
    for (int i = 0; i < cells.size(); i++) {
      series[0][i] = cells.get(i)[0];
      series[1][i] = cells.get(i)[1];
      series[2][i] = cells.get(i)[2];
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries(m.frame().id(), series);
    XYBlockRenderer renderer = new XYBlockRenderer();
    LookupPaintScale scale = new LookupPaintScale(m.min(), m.max() + 1e-9, Color.WHITE);
    // ColorBrewer's 5-class Blues (light = low): sequential, readable by colour-blind readers and
    // in grey print.
    int[] blues = {0xEFF3FF, 0xBDD7E7, 0x6BAED6, 0x3182BD, 0x08519C};
    for (int i = 0; i < blues.length; i++) {
      double from = m.min() + (m.max() - m.min()) * i / blues.length;
      scale.add(from, new Color(blues[i]));
    }
    renderer.setPaintScale(scale);
    SymbolAxis x = new SymbolAxis(m.columnAxis(), m.columns().toArray(String[]::new));
    SymbolAxis y = new SymbolAxis(m.rowAxis(), m.rows().toArray(String[]::new));
    y.setInverted(true);
    for (SymbolAxis a : List.of(x, y)) {
      a.setGridBandsVisible(false);
    }
    XYPlot plot = new XYPlot(data, x, y, renderer);
    NumberFormat cell = m.format().cellFormat(locale);
    for (double[] c : cells) {
      XYTextAnnotation label = new XYTextAnnotation(cell.format(c[2]), c[0], c[1]);
      label.setFont(ChartStyle.CELL_LABEL);
      // Dark cells get white text.
      double share = (c[2] - m.min()) / Math.max(1e-9, m.max() - m.min());
      label.setPaint(share >= 0.6 ? Color.WHITE : ChartStyle.TEXT);
      plot.addAnnotation(label);
    }
    for (double[] c : empty) {
      XYTextAnnotation label = new XYTextAnnotation("–", c[0], c[1]);
      label.setFont(ChartStyle.CELL_LABEL);
      label.setPaint(ChartStyle.NOTE);
      plot.addAnnotation(label);
    }
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    for (ValueAxis a : List.of(x, y)) {
      a.setLabelFont(ChartStyle.AXIS_LABEL);
      a.setTickLabelFont(ChartStyle.TICK_LABEL);
      a.setTickLabelPaint(ChartStyle.TEXT);
      a.setLabelPaint(ChartStyle.TEXT);
    }
    return plot;
  }

  private static void style(CategoryPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setRangeGridlinePaint(ChartStyle.GRID);
    plot.setRangeGridlineStroke(new BasicStroke(0.5f));
    plot.setDomainGridlinesVisible(false);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    CategoryAxis domain = plot.getDomainAxis();
    domain.setLabelFont(ChartStyle.AXIS_LABEL);
    domain.setTickLabelFont(ChartStyle.TICK_LABEL);
    domain.setTickLabelPaint(ChartStyle.TEXT);
    domain.setLabelPaint(ChartStyle.TEXT);
    domain.setMaximumCategoryLabelLines(2);
    if (PlotOrientation.HORIZONTAL.equals(plot.getOrientation())) {
      // Labels such as parameter names have no spaces to wrap at: give them room on one line.
      domain.setMaximumCategoryLabelWidthRatio(0.4f);
    }
    if (PlotOrientation.VERTICAL.equals(plot.getOrientation()) && plot.getCategories().size() > 8) {
      domain.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    ValueAxis range = plot.getRangeAxis();
    range.setLabelFont(ChartStyle.AXIS_LABEL);
    range.setTickLabelFont(ChartStyle.TICK_LABEL);
    range.setTickLabelPaint(ChartStyle.TEXT);
    range.setLabelPaint(ChartStyle.TEXT);
    range.setAxisLineVisible(false);
  }

  private static void hints(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    // Fractional metrics lay text out the same in PNG and SVG.
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
  }

  /** PNG with a pHYs chunk (the resolution) and no tIME chunk, so equal images give equal bytes. */
  private static byte[] encodePng(BufferedImage image, int dpi) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    ImageWriter writer = writers.next();
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      IIOMetadata metadata =
          writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
      IIOMetadataNode phys = new IIOMetadataNode("pHYs");
      String perMetre = Integer.toString((int) Math.round(dpi / 0.0254));
      phys.setAttribute("pixelsPerUnitXAxis", perMetre);
      phys.setAttribute("pixelsPerUnitYAxis", perMetre);
      phys.setAttribute("unitSpecifier", "meter");
      IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
      root.appendChild(phys);
      metadata.mergeTree("javax_imageio_png_1.0", root);
      writer.setOutput(out);
      writer.write(new IIOImage(image, null, metadata));
      out.flush();
      return bytes.toByteArray();
    } catch (IIOInvalidTreeException e) {
      throw new IllegalStateException("PNG metadata rejected", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode PNG", e);
    } finally {
      writer.dispose();
    }
  }
}
