package org.spamtraffic.report.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The countries of the world as shapes in the Equal Earth projection (Šavrič, Patterson and Jenny,
 * 2018: an equal-area projection, so that no country looks larger than it is), from the Natural
 * Earth 1:110m boundaries of the {@code world-atlas} package (public domain; see {@code
 * spamtraffic/report/world/README.md}).
 *
 * <p>The file is TopoJSON; decoding it is the format's two rules (quantized, delta-encoded arcs; a
 * ring is a list of arc indices, {@code ~i} for arc {@code i} reversed), a few lines here rather
 * than a GIS library (GeoTools brings tens of megabytes for one picture). Antarctica is left out:
 * it takes a sixth of the picture and no ITU Member State.
 *
 * <p>Shapes are in projection units, y growing northwards; {@link #bounds()} encloses them all.
 */
public final class WorldGeometry {
  private static final String DIR = "/spamtraffic/report/world/";
  private static final String ANTARCTICA = "ATA";

  private static WorldGeometry instance;

  private final Map<String, Path2D> countries;
  private final List<Path2D> unnamed;
  private final Rectangle2D bounds;

  private WorldGeometry(Map<String, Path2D> countries, List<Path2D> unnamed) {
    this.countries = Collections.unmodifiableMap(countries);
    this.unnamed = List.copyOf(unnamed);
    Rectangle2D b = null;
    for (Path2D p : countries.values()) {
      b = b == null ? p.getBounds2D() : b.createUnion(p.getBounds2D());
    }
    for (Path2D p : unnamed) {
      b = b == null ? p.getBounds2D() : b.createUnion(p.getBounds2D());
    }
    // Rings drawn again from the other side of the antimeridian reach beyond the outline.
    this.bounds = b.createIntersection(OUTLINE.getBounds2D());
  }

  /** The bundled world, read once. */
  public static synchronized WorldGeometry load() {
    if (instance == null) {
      instance = read();
    }
    return instance;
  }

  /** Every country drawn, by ISO 3166-1 alpha-3 code (sorted by code). */
  public Map<String, Path2D> countries() {
    return countries;
  }

  /** Shapes with no code in the file (territories whose status the file leaves open). */
  public List<Path2D> unnamed() {
    return unnamed;
  }

  /** The rectangle enclosing every shape, in projection units. */
  public Rectangle2D bounds() {
    return bounds;
  }

  /** Whether {@code alpha3} has a shape at this scale (small island States often have none). */
  public boolean drawn(String alpha3) {
    return countries.containsKey(alpha3);
  }

  /**
   * Equal Earth: longitude and latitude in degrees to projection units ({@code [x, y]}, y north).
   */
  static double[] project(double lonDegrees, double latDegrees) {
    final double a1 = 1.340264;
    final double a2 = -0.081106;
    final double a3 = 0.000893;
    final double a4 = 0.003796;
    final double m = Math.sqrt(3) / 2;
    double lambda = Math.toRadians(lonDegrees);
    double theta = Math.asin(m * Math.sin(Math.toRadians(latDegrees)));
    double t2 = theta * theta;
    double t6 = t2 * t2 * t2;
    double x = lambda * Math.cos(theta) / (m * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)));
    double y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2));
    return new double[] {x, y};
  }

  private static WorldGeometry read() {
    Map<String, String> alpha3 = codes();
    JsonNode topology;
    try (InputStream in = open("countries-110m.json")) {
      topology = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the bundled world boundaries", e);
    }
    List<double[][]> arcs = arcs(topology);
    Map<String, Path2D> countries = new TreeMap<>();
    List<Path2D> unnamed = new ArrayList<>();
    for (JsonNode g : topology.path("objects").path("countries").path("geometries")) {
      Path2D shape = new Path2D.Double(Path2D.WIND_EVEN_ODD);
      String type = g.path("type").asText();
      if (type.equals("Polygon")) {
        polygon(g.path("arcs"), arcs, shape);
      } else if (type.equals("MultiPolygon")) {
        for (JsonNode polygon : g.path("arcs")) {
          polygon(polygon, arcs, shape);
        }
      } else {
        continue;
      }
      String code = g.hasNonNull("id") ? alpha3.get(g.path("id").asText()) : null;
      if (code == null) {
        unnamed.add(shape);
      } else if (!code.equals(ANTARCTICA)) {
        countries.put(code, shape);
      }
    }
    return new WorldGeometry(countries, unnamed);
  }

  /** Every arc as absolute longitude and latitude (degrees). */
  private static List<double[][]> arcs(JsonNode topology) {
    JsonNode transform = topology.path("transform");
    double sx = transform.path("scale").path(0).asDouble();
    double sy = transform.path("scale").path(1).asDouble();
    double tx = transform.path("translate").path(0).asDouble();
    double ty = transform.path("translate").path(1).asDouble();
    List<double[][]> out = new ArrayList<>();
    for (JsonNode arc : topology.path("arcs")) {
      double[][] points = new double[arc.size()][];
      long qx = 0;
      long qy = 0;
      for (int i = 0; i < arc.size(); i++) {
        qx += arc.path(i).path(0).asLong();
        qy += arc.path(i).path(1).asLong();
        points[i] = new double[] {qx * sx + tx, qy * sy + ty};
      }
      out.add(points);
    }
    return out;
  }

  /**
   * Adds a polygon's rings to {@code shape}. A ring that crosses the antimeridian (Russia's
   * Chukotka, Fiji, the Aleutians) jumps from +180 to -180 degrees in the file: its longitudes are
   * unwrapped so that it stays in one piece, and the part beyond +-180 is drawn again from the
   * other side, the outline of the world ({@link #outline()}) clipping both.
   */
  private static void polygon(JsonNode rings, List<double[][]> arcs, Path2D shape) {
    for (JsonNode ring : rings) {
      List<double[]> points = new ArrayList<>();
      for (JsonNode index : ring) {
        int i = index.asInt();
        double[][] arc = arcs.get(i >= 0 ? i : ~i);
        int n = arc.length;
        // Consecutive arcs share their end point: each arc after the first skips its first point.
        for (int k = points.isEmpty() ? 0 : 1; k < n; k++) {
          points.add(arc[i >= 0 ? k : n - 1 - k]);
        }
      }
      double previous = Double.NaN;
      double shift = 0;
      double min = Double.MAX_VALUE;
      double max = -Double.MAX_VALUE;
      List<double[]> unwrapped = new ArrayList<>();
      for (double[] p : points) {
        if (!Double.isNaN(previous) && Math.abs(p[0] - previous) > 180) {
          shift += p[0] > previous ? -360 : 360;
        }
        previous = p[0];
        double lon = p[0] + shift;
        min = Math.min(min, lon);
        max = Math.max(max, lon);
        unwrapped.add(new double[] {lon, p[1]});
      }
      ring(shape, unwrapped, 0);
      if (max > 180) {
        ring(shape, unwrapped, -360);
      }
      if (min < -180) {
        ring(shape, unwrapped, 360);
      }
    }
  }

  private static void ring(Path2D shape, List<double[]> lonLat, double shift) {
    boolean first = true;
    for (double[] p : lonLat) {
      double[] xy = project(p[0] + shift, p[1]);
      if (first) {
        shape.moveTo(xy[0], xy[1]);
        first = false;
      } else {
        shape.lineTo(xy[0], xy[1]);
      }
    }
    shape.closePath();
  }

  /** The outline of the whole Earth in the projection: the meridians +-180 degrees. */
  public Path2D outline() {
    return OUTLINE;
  }

  private static final Path2D OUTLINE = outlinePath();

  private static Path2D outlinePath() {
    Path2D p = new Path2D.Double();
    for (int lat = -90; lat <= 90; lat++) {
      double[] xy = project(180, lat);
      if (lat == -90) {
        p.moveTo(xy[0], xy[1]);
      } else {
        p.lineTo(xy[0], xy[1]);
      }
    }
    for (int lat = 90; lat >= -90; lat--) {
      double[] xy = project(-180, lat);
      p.lineTo(xy[0], xy[1]);
    }
    p.closePath();
    return p;
  }

  private static Map<String, String> codes() {
    Map<String, String> out = new HashMap<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(open("m49-alpha3.csv"), StandardCharsets.UTF_8))) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] cells = line.split(",", -1);
        if (cells.length == 2) {
          out.put(cells[0], cells[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the M49 codes", e);
    }
    return out;
  }

  private static InputStream open(String name) {
    InputStream in = WorldGeometry.class.getResourceAsStream(DIR + name);
    if (in == null) {
      throw new IllegalStateException("The report's resource " + DIR + name + " is missing");
    }
    return in;
  }
}
