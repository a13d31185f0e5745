package org.spamtraffic.notebook;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jfree.chart.JFreeChart;

/**
 * Rich output from notebook cells: images and tables, shown under the cell the way a JShell-based
 * Jupyter kernel shows them.
 *
 * <p>Under the project's {@link NotebookRunner}, every call adds one {@code display_data} output to
 * the running cell ({@code image/png} for images, {@code text/html} and {@code text/plain} for
 * tables). Under a Java kernel (JJava, IJava) the same call hands the object to the kernel's own
 * {@code display(...)}, which renders a {@link BufferedImage} as PNG; with neither, tables are
 * printed as text and images are described in one line.
 *
 * <pre>{@code
 * Display.table(warehouse.read("submissions").groupBy("status").count(), 20);
 * Display.png(chart); // a JFreeChart, a BufferedImage or PNG bytes
 * }</pre>
 */
public final class Display {
  /** Size of a chart drawn by {@link #png(JFreeChart)}, in pixels. */
  public static final int CHART_WIDTH = 900;

  /** Height of a chart drawn by {@link #png(JFreeChart)}, in pixels. */
  public static final int CHART_HEIGHT = 500;

  private static final int MAX_CELL_CHARS = 60;

  // Set by the runner around each cell; cells run on the runner's JShell thread, one at a time.
  private static volatile CellOutputs sink;

  private Display() {}

  /** Shows {@code chart}, drawn at {@value #CHART_WIDTH} x {@value #CHART_HEIGHT} pixels. */
  public static void png(JFreeChart chart) {
    png(chart.createBufferedImage(CHART_WIDTH, CHART_HEIGHT));
  }

  /** Shows {@code image} as a PNG. */
  public static void png(BufferedImage image) {
    CellOutputs outputs = sink;
    if (outputs != null) {
      outputs.display(pngData(encode(image), image.getWidth(), image.getHeight()));
    } else if (!displayByKernel(image)) {
      System.out.printf(
          Locale.ROOT, "[image %d x %d pixels]%n", image.getWidth(), image.getHeight());
    }
  }

  /** Shows an image already encoded as PNG (for example {@code ChartRenderer.png(chart)}). */
  public static void png(byte[] png) {
    CellOutputs outputs = sink;
    if (outputs != null) {
      outputs.display(pngData(png, -1, -1));
      return;
    }
    try {
      BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(png));
      if (image == null) {
        throw new IllegalArgumentException(
            "Display.png: the " + png.length + " bytes given are not an image ImageIO can read");
      }
      png(image);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Shows the first {@code rows} rows of {@code data} as a table, and how many rows there are in
   * all when there are more.
   */
  public static void table(Dataset<Row> data, int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("Display.table: rows must be at least 1, got " + rows);
    }
    String[] columns = data.columns();
    List<Row> taken = data.takeAsList(rows + 1);
    boolean more = taken.size() > rows;
    List<Row> shown = more ? taken.subList(0, rows) : taken;
    List<String[]> cells = new ArrayList<>();
    for (Row r : shown) {
      String[] line = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        line[i] = text(r.isNullAt(i) ? "null" : String.valueOf(r.get(i)));
      }
      cells.add(line);
    }
    String footer =
        more
            ? String.format(Locale.ROOT, "first %d rows of %,d", rows, data.count())
            : String.format(Locale.ROOT, "%d rows", shown.size());
    String plain = TextTable.plain(columns, cells) + footer + "\n";
    CellOutputs outputs = sink;
    if (outputs != null) {
      Map<String, String> mime = new LinkedHashMap<>();
      mime.put("text/html", TextTable.html(columns, cells, footer));
      mime.put("text/plain", plain);
      outputs.display(mime);
    } else {
      System.out.print(plain);
    }
  }

  /** Shows the first 20 rows of {@code data} as a table. */
  public static void table(Dataset<Row> data) {
    table(data, 20);
  }

  static void capture(CellOutputs outputs) {
    sink = outputs;
  }

  private static String text(String s) {
    return s.length() <= MAX_CELL_CHARS ? s : s.substring(0, MAX_CELL_CHARS - 3) + "...";
  }

  private static Map<String, String> pngData(byte[] png, int width, int height) {
    Map<String, String> mime = new LinkedHashMap<>();
    mime.put("image/png", Base64.getEncoder().encodeToString(png));
    mime.put(
        "text/plain",
        width > 0
            ? String.format(Locale.ROOT, "<image %d x %d pixels>", width, height)
            : "<image>");
    return mime;
  }

  private static byte[] encode(BufferedImage image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode the image as PNG", e);
    }
    return bytes.toByteArray();
  }

  /**
   * Hands {@code value} to the {@code display(Object)} of a Java Jupyter kernel when one runs this
   * JVM. Looked up by name because the kernels are not dependencies of the project.
   */
  private static boolean displayByKernel(Object value) {
    String[] kernels = {
      "org.dflib.jjava.jupyter.kernel.BaseNotebookStatics", // JJava 1.0
      "org.dflib.jjava.JJava", // JJava before 1.0
      "io.github.spencerpark.ijava.runtime.Display" // IJava
    };
    for (String kernel : kernels) {
      try {
        Method display = Class.forName(kernel).getMethod("display", Object.class);
        display.invoke(null, value);
        return true;
      } catch (ReflectiveOperationException | LinkageError e) {
        // Not this kernel (or none running): try the next one.
      }
    }
    return false;
  }
}
