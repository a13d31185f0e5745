package org.spamtraffic.report.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.List;

/**
 * The one look of every chart: the Okabe–Ito colour-blind-safe palette, fonts sized in points for
 * the printed page, and the grey of grid lines and notes.
 *
 * <p>Sizes are in points of the printed figure, because charts are laid out at their printed size
 * (a 16 cm wide figure is 454 pt wide) and then rasterised at 300 dpi or written as SVG: a 9 pt
 * label is 9 pt on paper, as legible as the body text around it.
 */
public final class ChartStyle {
  private ChartStyle() {}

  /** Resolution of PNG output. */
  public static final int DPI = 300;

  /** Points per centimetre. */
  public static final double POINTS_PER_CM = 72.0 / 2.54;

  /**
   * Okabe and Ito (2008), "Color Universal Design", in the order series use them: blue, orange,
   * bluish green, vermillion, reddish purple, sky blue, yellow, black. Yellow comes late because it
   * is hard to see on white.
   */
  public static final List<Color> PALETTE =
      List.of(
          new Color(0x00, 0x72, 0xB2),
          new Color(0xE6, 0x9F, 0x00),
          new Color(0x00, 0x9E, 0x73),
          new Color(0xD5, 0x5E, 0x00),
          new Color(0xCC, 0x79, 0xA7),
          new Color(0x56, 0xB4, 0xE9),
          new Color(0xF0, 0xE4, 0x42),
          new Color(0x00, 0x00, 0x00));

  /** Logical font family: DejaVu Sans or Liberation Sans on Linux, Arial on Windows. */
  public static final String FAMILY = "SansSerif";

  public static final Font TITLE = new Font(FAMILY, Font.BOLD, 11);
  public static final Font AXIS_LABEL = new Font(FAMILY, Font.PLAIN, 9);
  public static final Font TICK_LABEL = new Font(FAMILY, Font.PLAIN, 8);
  public static final Font LEGEND = new Font(FAMILY, Font.PLAIN, 8);
  public static final Font SOURCE = new Font(FAMILY, Font.ITALIC, 7);
  public static final Font CELL_LABEL = new Font(FAMILY, Font.PLAIN, 8);

  public static final Color TEXT = new Color(0x20, 0x20, 0x20);
  public static final Color NOTE = new Color(0x55, 0x55, 0x55);
  public static final Color GRID = new Color(0xD0, 0xD0, 0xD0);

  /** The colour of the {@code index}-th series, cycling through the palette. */
  public static Color color(int index) {
    return PALETTE.get(Math.floorMod(index, PALETTE.size()));
  }

  /** {@code c} mixed with white: {@code amount} 0 keeps it, 1 gives white. */
  public static Color lighter(Color c, double amount) {
    return new Color(
        (int) Math.round(c.getRed() + (255 - c.getRed()) * amount),
        (int) Math.round(c.getGreen() + (255 - c.getGreen()) * amount),
        (int) Math.round(c.getBlue() + (255 - c.getBlue()) * amount));
  }

  /** Points of a length in centimetres. */
  public static double points(double cm) {
    return cm * POINTS_PER_CM;
  }
}
