package org.spamtraffic.report.chart;

import java.util.Objects;

/**
 * What every chart has besides its data: a file name, a title, the source line printed under it and
 * the size it is meant to be printed at.
 *
 * @param id file name without extension ({@code volume-by-type-world}); also the chart's key in the
 *     manifest
 * @param title the chart title, one line
 * @param source the source line ("Source: operator returns, 14 operators in 9 countries, ...")
 * @param widthCm printed width in centimetres (16 fits an A4 page with ITU margins)
 * @param heightCm printed height in centimetres
 */
public record ChartFrame(String id, String title, String source, double widthCm, double heightCm) {
  /** The usual size: full text width, 9 cm high. */
  public static final double FULL_WIDTH_CM = 16.0;

  public ChartFrame {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(source, "source");
    if (!id.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "Chart id '" + id + "' must be lower-case letters, digits and dashes (a file name)");
    }
    if (widthCm <= 0 || heightCm <= 0) {
      throw new IllegalArgumentException(
          "Chart " + id + ": size must be positive, got " + widthCm + " x " + heightCm + " cm");
    }
  }

  /** A full-width chart, {@code heightCm} high. */
  public static ChartFrame of(String id, String title, String source, double heightCm) {
    return new ChartFrame(id, title, source, FULL_WIDTH_CM, heightCm);
  }
}
