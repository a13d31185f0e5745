package org.spamtraffic.notebook;

import java.util.List;

/** A small table laid out as text (Spark's {@code show()} style) and as HTML. */
final class TextTable {
  private TextTable() {}

  static String plain(String[] columns, List<String[]> rows) {
    int[] widths = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      widths[i] = columns[i].length();
      for (String[] r : rows) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int w : widths) {
      rule.append("-".repeat(w + 2)).append('+');
    }
    rule.append('\n');
    StringBuilder out = new StringBuilder(rule);
    line(out, columns, widths);
    out.append(rule);
    for (String[] r : rows) {
      line(out, r, widths);
    }
    out.append(rule);
    return out.toString();
  }

  static String html(String[] columns, List<String[]> rows, String caption) {
    StringBuilder out = new StringBuilder("<table>\n<thead><tr>");
    for (String c : columns) {
      out.append("<th>").append(escape(c)).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (String[] r : rows) {
      out.append("<tr>");
      for (String v : r) {
        out.append("<td>").append(escape(v)).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n<p>").append(escape(caption)).append("</p>\n");
    return out.toString();
  }

  private static void line(StringBuilder out, String[] values, int[] widths) {
    out.append('|');
    for (int i = 0; i < values.length; i++) {
      out.append(' ').append(values[i]).append(" ".repeat(widths[i] - values[i].length()));
      out.append(" |");
    }
    out.append('\n');
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
