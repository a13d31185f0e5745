package org.spamtraffic.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.HashMap;
import java.util.Map;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;

/**
 * A JFreeChart plot (its public extension point, {@link Plot}) that draws a {@link MapChart} on the
 * bundled world: JFreeChart lays out the title, legend and source line as for every other chart.
 */
final class MapPlot extends Plot {
  private static final long serialVersionUID = 1L;

  /** Countries in no class: light enough that every class stands out, also in grey print. */
  static final Color OTHERS = new Color(0xE3, 0xE3, 0xE3);

  private static final Color BORDER = Color.WHITE;

  private final transient MapChart chart;
  private final transient WorldGeometry world;

  MapPlot(MapChart chart, WorldGeometry world) {
    this.chart = chart;
    this.world = world;
    setOutlineVisible(false);
    setBackgroundPaint(Color.WHITE);
  }

  @Override
  public String getPlotType() {
    return "Map";
  }

  @Override
  public LegendItemCollection getLegendItems() {
    LegendItemCollection items = new LegendItemCollection();
    Shape box = new Rectangle2D.Double(-4, -4, 8, 8);
    for (int i = 0; i < chart.classes().size(); i++) {
      // A class no country is in (no country answered the questionnaire only) has no key.
      if (!chart.classes().get(i).countries().isEmpty()) {
        items.add(new LegendItem(chart.classes().get(i).label(), null, null, null, box, color(i)));
      }
    }
    items.add(new LegendItem(chart.others(), null, null, null, box, OTHERS));
    return items;
  }

  static Color color(int shading) {
    return ChartStyle.color(shading);
  }

  @Override
  public void draw(
      Graphics2D g,
      Rectangle2D area,
      Point2D anchor,
      PlotState parentState,
      PlotRenderingInfo info) {
    if (info != null) {
      info.setPlotArea(area);
      info.setDataArea(area);
    }
    AffineTransform t = transform(area, world.bounds());
    Map<String, Paint> paint = new HashMap<>();
    for (int i = 0; i < chart.classes().size(); i++) {
      for (String c : chart.classes().get(i).countries()) {
        paint.put(c, color(i));
      }
    }
    Graphics2D g2 = (Graphics2D) g.create();
    try {
      // The rings drawn again beyond the antimeridian are cut at the Earth's outline.
      g2.clip(t.createTransformedShape(world.outline()));
      g2.setStroke(new BasicStroke(0.3f));
      for (Path2D shape : world.unnamed()) {
        fill(g2, t.createTransformedShape(shape), OTHERS);
      }
      // Countries in no class first, so that a class's borders are drawn over theirs.
      for (Map.Entry<String, Path2D> e : world.countries().entrySet()) {
        if (!paint.containsKey(e.getKey())) {
          fill(g2, t.createTransformedShape(e.getValue()), OTHERS);
        }
      }
      for (Map.Entry<String, Path2D> e : world.countries().entrySet()) {
        Paint p = paint.get(e.getKey());
        if (p != null) {
          fill(g2, t.createTransformedShape(e.getValue()), p);
        }
      }
    } finally {
      g2.dispose();
    }
  }

  /**
   * Projection units to the plot area: the world as large as fits, centred, y flipped (the
   * projection's y grows northwards).
   */
  static AffineTransform transform(Rectangle2D area, Rectangle2D b) {
    double scale = Math.min(area.getWidth() / b.getWidth(), area.getHeight() / b.getHeight());
    AffineTransform t = new AffineTransform();
    t.translate(
        area.getCenterX() - b.getCenterX() * scale, area.getCenterY() + b.getCenterY() * scale);
    t.scale(scale, -scale);
    return t;
  }

  private static void fill(Graphics2D g, Shape s, Paint p) {
    g.setPaint(p);
    g.fill(s);
    g.setPaint(BORDER);
    g.draw(s);
  }
}
