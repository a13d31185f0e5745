package org.spamtraffic.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.spamtraffic.output.SpreadsheetText;

/**
 * Prints {@link ShownRows} as {@code show} does, whichever way they were read: the one text of a
 * value (numbers as Java writes them, dates ISO, timestamps {@code yyyy-MM-dd HH:mm:ss[.f]} in UTC,
 * arrays {@code [a, b]}), a table laid out as Spark's {@code show} lays it out, RFC 4180 CSV under
 * the {@link SpreadsheetText} rule, and JSON lines that Spark's JSON reader reads back exactly.
 */
final class RowPrinter {
  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .toFormatter(Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  // Characters a terminal shows two columns wide: Spark's own rule (Utils.stringHalfWidth), so
  // that Chinese survey answers line up as they did.
  private static final Pattern FULL_WIDTH =
      Pattern.compile(
          "[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F"
              + "\uFF00-\uFF60\uFFE0-\uFFE6]");

  private static final JsonFactory JSON = new JsonFactory();

  private RowPrinter() {}

  static void print(ShownRows rows, ShowCommand.Format format, PrintWriter out) {
    switch (format) {
      case table -> table(rows, out);
      case csv -> csv(rows, out);
      case json -> json(rows, out);
    }
    out.flush();
  }

  /** The text of a value, or null for null. */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant t) {
      return TIMESTAMP.format(t);
    }
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      for (Object item : list) {
        items.add(item == null ? "NULL" : text(item));
      }
      return "[" + String.join(", ", items) + "]";
    }
    return value.toString();
  }

  private static void table(ShownRows rows, PrintWriter out) {
    int n = rows.columns().size();
    List<String[]> cells = new ArrayList<>();
    cells.add(rows.columns().toArray(String[]::new));
    for (List<Object> row : rows.rows()) {
      String[] line = new String[n];
      for (int i = 0; i < n; i++) {
        String t = text(row.get(i));
        line[i] = t == null ? "NULL" : t;
      }
      cells.add(line);
    }
    int[] widths = new int[n];
    for (String[] line : cells) {
      for (int i = 0; i < n; i++) {
        widths[i] = Math.max(Math.max(widths[i], 3), width(line[i]));
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int w : widths) {
      rule.append("-".repeat(w)).append('+');
    }
    StringBuilder text = new StringBuilder();
    text.append(rule).append('\n');
    for (int r = 0; r < cells.size(); r++) {
      text.append('|');
      for (int i = 0; i < n; i++) {
        String c = cells.get(r)[i];
        text.append(c).append(" ".repeat(widths[i] - width(c))).append('|');
      }
      text.append('\n');
      if (r == 0) {
        text.append(rule).append('\n');
      }
    }
    text.append(rule).append('\n');
    if (rows.count() > rows.rows().size()) {
      int shown = rows.rows().size();
      text.append("only showing top ")
          .append(shown)
          .append(shown == 1 ? " row" : " rows")
          .append('\n');
    }
    out.print(text);
  }

  private static int width(String s) {
    int full = 0;
    var m = FULL_WIDTH.matcher(s);
    while (m.find()) {
      full++;
    }
    return s.codePointCount(0, s.length()) + full;
  }

  private static void csv(ShownRows rows, PrintWriter out) {
    CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
    csv.writeRecord(rows.columns());
    for (List<Object> row : rows.rows()) {
      String[] values = new String[row.size()];
      for (int i = 0; i < values.length; i++) {
        Object v = row.get(i);
        String t = text(v);
        // Text a spreadsheet would run is neutralised by the one rule; numbers stay numbers.
        values[i] = t == null ? "" : v instanceof Number ? t : SpreadsheetText.neutralised(t);
      }
      csv.writeRecord(values);
    }
    try {
      csv.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write to stdout", e);
    }
  }

  private static void json(ShownRows rows, PrintWriter out) {
    for (List<Object> row : rows.rows()) {
      StringWriter line = new StringWriter();
      try (JsonGenerator g = JSON.createGenerator(line)) {
        g.writeStartObject();
        for (int i = 0; i < row.size(); i++) {
          g.writeFieldName(rows.columns().get(i));
          json(g, row.get(i));
        }
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write JSON", e);
      }
      out.println(line);
    }
  }

  private static void json(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      g.writeNumber(d); // NaN and infinities as strings, which Spark's JSON reader accepts
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Instant t) {
      g.writeString(DateTimeFormatter.ISO_INSTANT.format(t));
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        json(g, item);
      }
      g.writeEndArray();
    } else {
      g.writeString(v.toString()); // strings, and dates as ISO
    }
  }
}
