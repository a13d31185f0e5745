package org.spamtraffic.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rows {@code show} prints, read either way (Spark, or Iceberg's generic reader), as plain Java
 * values: {@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, {@code
 * LocalDate}, {@code Instant} (timestamps), {@code List} (arrays) and null. {@link RowPrinter}
 * prints them; neither reader formats anything.
 *
 * <p>The order of rows is one rule, {@link #ORDER}: by every printed column in turn, ascending,
 * nulls first, as Spark's {@code ORDER BY c1, c2, ...} orders them (strings by code point, which is
 * Spark's binary order of UTF-8; {@code -0.0} equal to {@code 0.0} and NaN above every number;
 * arrays element by element, then the shorter first). The Spark reader sorts with Spark, the
 * Iceberg reader with this comparator; ShowBothWaysTest holds them to the same output.
 *
 * @param columns the printed columns, in order
 * @param rows the printed rows, in {@link #ORDER}, each a list of values in column order
 * @param count the rows the table (filtered) has, of which {@code rows} are the first
 */
record ShownRows(List<String> columns, List<List<Object>> rows, long count) {
  /** Rows by every column in turn, ascending, nulls first, as Spark sorts them. */
  static final Comparator<List<Object>> ORDER =
      (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
          int c = compare(a.get(i), b.get(i));
          if (c != 0) {
            return c;
          }
        }
        return 0;
      };

  /** The first {@code limit} of {@code all} rows, sorted by {@link #ORDER}. */
  static ShownRows sorted(List<String> columns, List<List<Object>> all, int limit) {
    List<List<Object>> rows = new ArrayList<>(all);
    rows.sort(ORDER);
    return new ShownRows(columns, rows.subList(0, Math.min(limit, rows.size())), all.size());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof String x && b instanceof String y) {
      return codePoints(x, y);
    }
    if (a instanceof Double x && b instanceof Double y) {
      // Spark's SQLOrderingUtil.compareDoubles: -0.0 == 0.0, NaN == NaN and above all.
      return x.doubleValue() == y.doubleValue() ? 0 : Double.compare(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
        int c = compare(x.get(i), y.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.size(), y.size());
    }
    return ((Comparable) a).compareTo(b);
  }

  // String.compareTo compares UTF-16 units, which puts U+E000..U+FFFF above supplementary
  // characters; Spark compares UTF-8 bytes, which is code point order.
  private static int codePoints(String x, String y) {
    int i = 0;
    int j = 0;
    while (i < x.length() && j < y.length()) {
      int cx = x.codePointAt(i);
      int cy = y.codePointAt(j);
      if (cx != cy) {
        return Integer.compare(cx, cy);
      }
      i += Character.charCount(cx);
      j += Character.charCount(cy);
    }
    return Boolean.compare(i < x.length(), j < y.length());
  }
}
