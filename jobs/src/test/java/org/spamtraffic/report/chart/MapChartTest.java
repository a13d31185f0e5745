package org.spamtraffic.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;

/** The world's shapes, the projection, and a map that shades the countries it is given. */
class MapChartTest {
  private final WorldGeometry world = WorldGeometry.load();

  @Test
  void theBundledWorldHasTheCountriesOfTheStudyAndNoAntarctica() {
    // Natural Earth 1:110m: 177 shapes, three without a code, Antarctica left out.
    assertThat(world.countries()).hasSize(173);
    assertThat(world.unnamed()).hasSize(3);
    assertThat(world.countries())
        .containsKeys("KEN", "BRA", "USA", "RUS", "CHN", "IND", "FRA", "FJI")
        .doesNotContainKey("ATA");
    // Small island States have no shape at this scale: the draft names them instead.
    assertThat(world.drawn("MLT")).isFalse();
    assertThat(world.drawn("SGP")).isFalse();
  }

  @Test
  void equalEarthMatchesThePublishedFormula() {
    // Šavrič et al. (2018): the equator's half-width is pi / (M * A1), the pole's y is the
    // polynomial at theta = asin(M) = 60 degrees.
    double m = Math.sqrt(3) / 2;
    assertThat(WorldGeometry.project(180, 0)[0]).isCloseTo(Math.PI / (m * 1.340264), within(1e-9));
    assertThat(WorldGeometry.project(0, 0)).containsExactly(0.0, 0.0);
    double t = Math.PI / 3;
    double y = t * (1.340264 - 0.081106 * t * t + Math.pow(t, 6) * (0.000893 + 0.003796 * t * t));
    assertThat(WorldGeometry.project(0, 90)[1]).isCloseTo(y, within(1e-9));
    // Kenya's shape contains Nairobi; France's contains Paris.
    assertThat(world.countries().get("KEN").contains(point(36.82, -1.29))).isTrue();
    assertThat(world.countries().get("FRA").contains(point(2.35, 48.86))).isTrue();
    assertThat(world.countries().get("KEN").contains(point(2.35, 48.86))).isFalse();
  }

  @Test
  void aCountryIsPaintedInItsClassColourAndTheOthersInGrey() throws Exception {
    MapChart chart =
        new MapChart(
            ChartFrame.of("participation-map", "Participation", "Source: test.", 9.5),
            List.of(
                new MapChart.Shading("Returns and questionnaire", List.of("KEN")),
                new MapChart.Shading("Returns only", List.of("BRA"))),
            "Did not take part");
    ChartRenderer renderer = new ChartRenderer(Locale.ENGLISH);
    JFreeChart jfree = renderer.jfree(chart);
    double w = ChartStyle.points(chart.frame().widthCm());
    double h = ChartStyle.points(chart.frame().heightCm());
    ChartRenderingInfo info = new ChartRenderingInfo();
    BufferedImage layout = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
    jfree.draw(layout.createGraphics(), new Rectangle2D.Double(0, 0, w, h), info);
    Rectangle2D area = info.getPlotInfo().getDataArea();
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(renderer.png(chart)));
    assertThat(colourAt(png, area, 38.0, 0.5)).isEqualTo(ChartStyle.color(0));
    assertThat(colourAt(png, area, -50.0, -10.0)).isEqualTo(ChartStyle.color(1));
    assertThat(colourAt(png, area, 2.5, 46.5)).isEqualTo(MapPlot.OTHERS);
    assertThat(colourAt(png, area, -30.0, 0.0)).isEqualTo(Color.WHITE);
    // Across the antimeridian: Chukotka (Russia, in no class) is grey on both sides, no band of
    // it runs across the map.
    assertThat(colourAt(png, area, 178.0, 66.0)).isEqualTo(MapPlot.OTHERS);
    assertThat(colourAt(png, area, -176.0, 66.5)).isEqualTo(MapPlot.OTHERS);
    assertThat(colourAt(png, area, 0.0, 66.0)).isNotEqualTo(MapPlot.OTHERS);
    // The legend names every class and the rest; the CSV lists the countries with their class.
    assertThat(jfree.getLegend().getSources()[0].getLegendItems().getItemCount()).isEqualTo(3);
    assertThat(ChartData.csv(chart))
        .isEqualTo("country,class\nKEN,Returns and questionnaire\nBRA,Returns only\n");
  }

  @Test
  void aCountryInTwoClassesIsRefused() {
    assertThatThrownBy(
            () ->
                new MapChart(
                    ChartFrame.of("m", "t", "s", 9),
                    List.of(
                        new MapChart.Shading("a", List.of("KEN")),
                        new MapChart.Shading("b", List.of("KEN"))),
                    "others"))
        .hasMessageContaining("KEN is in two classes");
  }

  private static Point2D point(double lon, double lat) {
    double[] p = WorldGeometry.project(lon, lat);
    return new Point2D.Double(p[0], p[1]);
  }

  private Color colourAt(BufferedImage png, Rectangle2D area, double lon, double lat) {
    Point2D p =
        MapPlot.transform(area, world.bounds()).transform(point(lon, lat), new Point2D.Double());
    double scale = ChartStyle.DPI / 72.0;
    return new Color(
        png.getRGB((int) Math.round(p.getX() * scale), (int) Math.round(p.getY() * scale)));
  }
}
