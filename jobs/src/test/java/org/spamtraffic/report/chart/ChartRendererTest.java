package org.spamtraffic.report.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

class ChartRendererTest {
  private static final String SOURCE =
      "Source: operator returns, 14 operators in 9 countries, period 2025-Q1 to 2025-Q4";
  private final ChartRenderer renderer = new ChartRenderer(Locale.ENGLISH);

  static List<Chart> samples() {
    List<String> quarters = List.of("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4");
    CategoryChart stacked =
        new CategoryChart(
            ChartFrame.of("volume-by-type", "Spam detected by type, world", SOURCE, 9),
            CategoryChart.Kind.STACKED_AREA,
            "Quarter",
            "Spam detected (messages or calls)",
            ValueFormat.COUNT,
            quarters,
            List.of(
                new CategoryChart.Series("Email", List.of(1.2e9, 1.4e9, 1.3e9, 1.6e9)),
                new CategoryChart.Series("SMS", List.of(2.1e8, 2.5e8, 3.0e8, 3.3e8)),
                new CategoryChart.Series("Voice", Arrays.asList(5.0e7, null, 7.0e7, 8.0e7))),
            1);
    CategoryChart grouped =
        new CategoryChart(
            ChartFrame.of("share-by-region", "Spam share of traffic by ITU-D region", SOURCE, 8),
            CategoryChart.Kind.GROUPED_BARS,
            "ITU-D region",
            "Share (%)",
            ValueFormat.PERCENT,
            List.of("Africa", "Americas", "Arab States", "Asia & Pacific", "CIS", "Europe"),
            List.of(
                new CategoryChart.Series("Spam share", List.of(0.31, 0.22, 0.4, 0.28, 0.35, 0.18)),
                new CategoryChart.Series("Block rate", List.of(0.8, 0.93, 0.7, 0.85, 0.75, 0.96))),
            0);
    CategoryChart top =
        new CategoryChart(
            ChartFrame.of("top-sources-email", "Top source countries of email spam", SOURCE, 8),
            CategoryChart.Kind.HORIZONTAL_BARS,
            "Source country",
            "Spam detected (messages)",
            ValueFormat.COUNT,
            List.of("United States of America", "China", "Russian Federation", "Brazil", "India"),
            List.of(new CategoryChart.Series("Email", List.of(4.1e8, 3.2e8, 2.2e8, 1.1e8, 9.0e7))),
            0);
    RangeChart range =
        new RangeChart(
            ChartFrame.of(
                "investment-by-region", "Investment need and gap by ITU-D region", SOURCE, 9),
            "ITU-D region",
            "USD (present value, 5 years)",
            ValueFormat.USD,
            List.of("Africa", "Americas", "Arab States"),
            List.of(
                new RangeChart.Series(
                    "Need (P50; bar P5–P95)",
                    List.of(1.0e8, 2.0e8, 5.0e7),
                    List.of(1.5e8, 2.6e8, 8.0e7),
                    List.of(2.4e8, 3.9e8, 1.3e8)),
                new RangeChart.Series(
                    "Gap (P50; bar P5–P95)",
                    List.of(6.0e7, 9.0e7, 2.0e7),
                    List.of(9.0e7, 1.3e8, 4.0e7),
                    List.of(1.5e8, 2.1e8, 7.0e7))),
            0);
    TornadoChart tornado =
        new TornadoChart(
            ChartFrame.of(
                "sensitivity-world", "Sensitivity of the world investment need", SOURCE, 9),
            "World investment need (USD)",
            ValueFormat.USD,
            1.0e9,
            List.of(
                new TornadoChart.Bar("SMS firewall capex per 1M subscribers", 7.0e8, 1.5e9),
                new TornadoChart.Bar("Discount rate", 1.1e9, 0.92e9),
                new TornadoChart.Bar("Email filtering cost per mailbox", 0.95e9, 1.08e9)),
            "Parameter at its low value",
            "Parameter at its high value");
    FlowChart flows =
        new FlowChart(
            ChartFrame.of(
                "route-flows", "Spam flows from source to destination region", SOURCE, 10),
            "spam messages detected",
            List.of(
                FlowChart.Flow.direct("Asia & Pacific", "Europe", 5.0e8),
                FlowChart.Flow.direct("Asia & Pacific", "Africa", 2.0e8),
                FlowChart.Flow.direct("Europe", "Europe", 3.0e8),
                FlowChart.Flow.direct("Americas", "Europe", 1.5e8),
                FlowChart.Flow.direct("Americas", "Americas", 4.0e8)),
            0);
    HeatMapChart heat =
        new HeatMapChart(
            ChartFrame.of(
                "readiness-by-region", "Readiness per WSIS pillar by ITU-D region", SOURCE, 8),
            "ITU-D region",
            "WSIS pillar",
            ValueFormat.SCORE,
            List.of("Africa", "Americas", "Europe"),
            List.of("Legislation", "Technical", "Partnerships", "Education", "Cooperation"),
            List.of(
                List.of(0.2, 0.35, 0.1, 0.4, 0.55),
                Arrays.asList(0.6, 0.7, 0.5, null, 0.65),
                List.of(0.9, 0.85, 0.8, 0.7, 0.95)),
            0,
            1,
            1);
    return List.of(stacked, grouped, top, range, tornado, flows, heat);
  }

  @Test
  void everyKindRendersTheSameBytesTwice() throws IOException {
    Path dir = Path.of("target/chart-samples");
    Files.createDirectories(dir);
    for (Chart chart : samples()) {
      byte[] png = renderer.png(chart);
      String svg = renderer.svg(chart);
      assertThat(renderer.png(chart)).as(chart.frame().id()).isEqualTo(png);
      assertThat(renderer.svg(chart)).as(chart.frame().id()).isEqualTo(svg);
      assertThat(svg.contains(chart.frame().title().replace("&", "&amp;")))
          .as("title in the SVG of " + chart.frame().id())
          .isTrue();
      assertThat(svg.contains("viewBox='0.0 0.0 "))
          .as("view box of " + chart.frame().id())
          .isTrue();
      Files.write(dir.resolve(chart.frame().id() + ".png"), png);
      Files.writeString(dir.resolve(chart.frame().id() + ".svg"), svg);
    }
  }

  @Test
  void pngIs300DpiAtItsPrintedSize() throws IOException {
    Chart chart = samples().get(0);
    byte[] png = renderer.png(chart);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    // 16 cm at 300 dpi = 1890 px; 9 cm = 1063 px.
    assertThat(image.getWidth()).isEqualTo(1890);
    assertThat(image.getHeight()).isEqualTo(1063);
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
      reader.setInput(in);
      IIOMetadataNode root =
          (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
      Node phys = root.getElementsByTagName("pHYs").item(0);
      assertThat(phys.getAttributes().getNamedItem("pixelsPerUnitXAxis").getNodeValue())
          .isEqualTo("11811");
      assertThat(root.getElementsByTagName("tIME").getLength()).isZero();
    }
  }

  @Test
  void chartDataHoldsTheValuesAsGiven() {
    String csv = ChartData.csv(samples().get(0));
    assertThat(csv)
        .startsWith("category,series,value\n2025-Q1,Email,1200000000\n")
        .contains("2025-Q2,Voice,\n");
    assertThat(ChartData.number(0.125)).isEqualTo("0.125");
    assertThat(ChartData.number(1.5e9)).isEqualTo("1500000000");
  }

  @Test
  void aSeriesOfTheWrongLengthIsRefusedWithItsName() {
    assertThatThrownBy(
            () ->
                new CategoryChart(
                    ChartFrame.of("x", "X", SOURCE, 8),
                    CategoryChart.Kind.GROUPED_BARS,
                    "a",
                    "b",
                    ValueFormat.COUNT,
                    List.of("one", "two"),
                    List.of(new CategoryChart.Series("short", List.of(1.0))),
                    0))
        .hasMessageContaining("series 'short' has 1 values for 2 categories");
  }
}
