package org.spamtraffic.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.spamtraffic.schema.ReturnFormat;

/**
 * The rules across the rows of one return (file), in plain Java: the file's operator ({@link
 * FileOwner}), duplicate keys, service-level figures that must agree, and detected spam within
 * total traffic. They apply to the rows that passed every cell and row rule. The Spark job
 * evaluates the same rules with aggregations and formats their values with the same helpers ({@link
 * #rowList}, {@link #range}).
 */
public final class ReturnChecks {
  private ReturnChecks() {}

  /** How many row numbers a duplicate message lists before "and N more". */
  static final int LISTED_ROWS = 5;

  /** A row that passed the cell and row rules. */
  public record ValidRow(long row, RowCheck.Checked checked) {}

  /** The problems found across rows, by row number, when no sender is known. */
  public static Map<Long, List<Problem>> check(List<ValidRow> rows) {
    return check(rows, null);
  }

  /**
   * The problems found across rows, by row number, of a file sent by {@code sender} (null when
   * unknown): rows of another operator than the file's ({@link FileOwner}) are rejected, and the
   * other rules apply to the owner's rows.
   */
  public static Map<Long, List<Problem>> check(List<ValidRow> rows, String sender) {
    Map<Long, List<Problem>> out = new TreeMap<>();
    if (rows.isEmpty()) {
      return out;
    }
    ValidRow first = rows.stream().min((a, b) -> Long.compare(a.row(), b.row())).orElseThrow();
    FileOwner owner = FileOwner.of(sender, (String) first.checked().value("operator_id"));
    List<ValidRow> same = new ArrayList<>();
    for (ValidRow r : rows) {
      Problem other = owner.problemOf((String) r.checked().value("operator_id"));
      if (other == null) {
        same.add(r);
      } else {
        add(out, r.row(), other);
      }
    }
    duplicates(same, out);
    serviceLevel(same, out);
    return out;
  }

  private static void duplicates(List<ValidRow> rows, Map<Long, List<Problem>> out) {
    List<String> key = ReturnFormat.v1().key();
    Map<List<Object>, List<Long>> byKey = new HashMap<>();
    for (ValidRow r : rows) {
      List<Object> k = new ArrayList<>();
      key.forEach(c -> k.add(r.checked().value(c)));
      byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(r.row());
    }
    for (List<Long> group : byKey.values()) {
      if (group.size() > 1) {
        String listed = rowList(group);
        group.forEach(row -> add(out, row, new Problem(null, "duplicate_key", listed, null)));
      }
    }
  }

  private static void serviceLevel(List<ValidRow> rows, Map<Long, List<Problem>> out) {
    List<String> key = ReturnFormat.v1().serviceLevelKey();
    Map<List<Object>, List<ValidRow>> groups = new LinkedHashMap<>();
    for (ValidRow r : rows) {
      List<Object> k = new ArrayList<>();
      key.forEach(c -> k.add(r.checked().value(c)));
      groups.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
    }
    for (List<ValidRow> group : groups.values()) {
      long[] size = minMax(group, "service_size");
      long[] total = minMax(group, "total_traffic");
      long detected = 0;
      for (ValidRow r : group) {
        detected += (Long) r.checked().value("spam_detected");
      }
      for (ValidRow r : group) {
        if (size != null && size[0] != size[1]) {
          add(
              out,
              r.row(),
              new Problem(
                  "service_size", "service_level_consistent", range(size[0], size[1]), null));
        }
        if (total != null && total[0] != total[1]) {
          add(
              out,
              r.row(),
              new Problem(
                  "total_traffic", "service_level_consistent", range(total[0], total[1]), null));
        }
        if (total != null && detected > total[1]) {
          add(
              out,
              r.row(),
              new Problem(
                  "spam_detected",
                  "detected_sum_le_total",
                  Long.toString(detected),
                  Long.toString(total[1])));
        }
      }
    }
  }

  private static long[] minMax(List<ValidRow> group, String column) {
    long[] mm = null;
    for (ValidRow r : group) {
      Long v = (Long) r.checked().value(column);
      if (v != null) {
        mm = mm == null ? new long[] {v, v} : new long[] {Math.min(mm[0], v), Math.max(mm[1], v)};
      }
    }
    return mm;
  }

  /** "12, 40 and 77" style list of row numbers, sorted, at most {@value #LISTED_ROWS} named. */
  public static String rowList(List<Long> rows) {
    Long[] sorted = rows.toArray(Long[]::new);
    Arrays.sort(sorted);
    StringBuilder s = new StringBuilder();
    int named = Math.min(sorted.length, LISTED_ROWS);
    for (int i = 0; i < named; i++) {
      if (i > 0) {
        s.append(i == named - 1 && sorted.length == named ? " and " : ", ");
      }
      s.append(sorted[i]);
    }
    if (sorted.length > named) {
      s.append(String.format(Locale.ROOT, " and %d more", sorted.length - named));
    }
    return s.toString();
  }

  /** "values from 10 to 12" for a service-level figure that differs between rows. */
  public static String range(long min, long max) {
    return String.format(Locale.ROOT, "from %d to %d", min, max);
  }

  private static void add(Map<Long, List<Problem>> out, long row, Problem p) {
    out.computeIfAbsent(row, r -> new ArrayList<>()).add(p);
  }
}
