package org.spamtraffic.validate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spamtraffic.language.Language;
import org.spamtraffic.schema.ReturnFormat;

/**
 * The rules across the rows of one return (file), the one implementation that {@code validate}, the
 * portal and {@code ingest-returns} share: the file's operator ({@link FileOwner}: every row names
 * the sender, or the operator of the first valid row when no sender is known), service-level
 * figures that must agree, detected spam within total traffic, and duplicate keys. They apply to
 * the rows that passed every cell and row rule.
 *
 * <p>The rules are decided from a {@link Tally}: small figures per service-level group (operator,
 * period, spam type) and the file's first valid row, which can be built in pieces and merged (the
 * ingest builds one per Spark task and merges them on the driver; {@link #check} builds one over a
 * file in memory). {@link #decide} gives the {@link Verdict}, and {@link Verdict#problems} the
 * problems of any valid row. Duplicate keys are found by whoever holds the rows (exact keys in
 * memory here, hashes and then exact keys in the ingest); {@link #duplicate} is the problem they
 * get.
 */
public final class ReturnChecks {
  private ReturnChecks() {}

  /** How many row numbers a duplicate message lists before "and N more". */
  static final int LISTED_ROWS = 5;

  /** A row that passed the cell and row rules. */
  public record ValidRow(long row, RowCheck.Checked checked) {}

  /** A service-level group of a return: operator, period, spam type. */
  public record GroupKey(String operatorId, String period, String spamType)
      implements Serializable {}

  /**
   * Figures of the valid rows of one service-level group. Null measures are left out, as in SQL.
   */
  public static final class Group implements Serializable {
    private static final long serialVersionUID = 1L;
    long rows;
    Long minServiceSize;
    Long maxServiceSize;
    Long minTotal;
    Long maxTotal;
    long detected;

    void add(Long serviceSize, Long total, Long spamDetected) {
      rows++;
      minServiceSize = min(minServiceSize, serviceSize);
      maxServiceSize = max(maxServiceSize, serviceSize);
      minTotal = min(minTotal, total);
      maxTotal = max(maxTotal, total);
      if (spamDetected != null) {
        detected += spamDetected;
      }
    }

    void merge(Group o) {
      rows += o.rows;
      minServiceSize = min(minServiceSize, o.minServiceSize);
      maxServiceSize = max(maxServiceSize, o.maxServiceSize);
      minTotal = min(minTotal, o.minTotal);
      maxTotal = max(maxTotal, o.maxTotal);
      detected += o.detected;
    }

    /** Valid rows in the group. */
    public long rows() {
      return rows;
    }

    /** The group's spam detected, summed. */
    public long detected() {
      return detected;
    }

    private static Long min(Long a, Long b) {
      return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }

    private static Long max(Long a, Long b) {
      return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }
  }

  /**
   * What the rules across rows need to know of a return's valid rows, for any part of the file: the
   * first valid row (its operator is the file's) and the figures of every group.
   */
  public static final class Tally implements Serializable {
    private static final long serialVersionUID = 1L;
    private long firstRow = Long.MAX_VALUE;
    private String firstOperator;
    private final Map<GroupKey, Group> groups = new HashMap<>();

    /** Adds a valid row. */
    public void add(long row, RowCheck.Checked c) {
      add(
          row,
          (String) c.value("operator_id"),
          (String) c.value("period"),
          (String) c.value("spam_type"),
          (Long) c.value("service_size"),
          (Long) c.value("total_traffic"),
          (Long) c.value("spam_detected"));
    }

    /** Adds a valid row by its figures. */
    public void add(
        long row,
        String operator,
        String period,
        String spamType,
        Long serviceSize,
        Long total,
        Long detected) {
      if (row < firstRow) {
        firstRow = row;
        firstOperator = operator;
      }
      groups
          .computeIfAbsent(new GroupKey(operator, period, spamType), k -> new Group())
          .add(serviceSize, total, detected);
    }

    /** Adds the figures of another part of the same file. */
    public void merge(Tally o) {
      if (o.firstRow < firstRow) {
        firstRow = o.firstRow;
        firstOperator = o.firstOperator;
      }
      o.groups.forEach((k, g) -> groups.computeIfAbsent(k, x -> new Group()).merge(g));
    }

    /** The operator of the file's first valid row, or null when no row is valid. */
    public String fileOperator() {
      return firstOperator;
    }

    /** The groups, by key. */
    public Map<GroupKey, Group> groups() {
      return groups;
    }
  }

  /**
   * The verdict across rows on one return.
   *
   * @param owner whose file it is: every valid row must name its operator
   * @param groupProblems the problems of every group that breaks a rule (each of its rows gets
   *     them); groups of another operator are not here: their rows break the owner's rule
   */
  public record Verdict(FileOwner owner, Map<GroupKey, List<Problem>> groupProblems)
      implements Serializable {
    /** The operator the file is about. */
    public String fileOperator() {
      return owner.operator();
    }

    /** Whether a valid row of operator {@code operator} belongs to another operator's rows. */
    public boolean otherOperator(String operator) {
      return owner.problemOf(operator) != null;
    }

    /**
     * The problems across rows of one valid row: the owner's rule for another operator's row;
     * otherwise its group's problems, then duplicate_key when {@code duplicateRows} (all the rows
     * with its key, itself included) is not null.
     */
    public List<Problem> problems(
        String operator, String period, String spamType, List<Long> duplicateRows) {
      Problem other = owner.problemOf(operator);
      if (other != null) {
        return List.of(other);
      }
      List<Problem> out =
          new ArrayList<>(
              groupProblems.getOrDefault(new GroupKey(operator, period, spamType), List.of()));
      if (duplicateRows != null) {
        out.add(duplicate(duplicateRows));
      }
      return out;
    }
  }

  /**
   * Decides the rules of every group of a file sent by {@code sender} (null when unknown: the file
   * is then its first valid row's operator's).
   */
  public static Verdict decide(Tally tally, String sender) {
    Map<GroupKey, List<Problem>> problems = new LinkedHashMap<>();
    FileOwner owner = FileOwner.of(sender, tally.fileOperator());
    String fileOperator = owner.operator();
    List<GroupKey> keys = new ArrayList<>(tally.groups.keySet());
    keys.sort(
        Comparator.comparing(GroupKey::operatorId)
            .thenComparing(GroupKey::period)
            .thenComparing(GroupKey::spamType));
    for (GroupKey k : keys) {
      Group g = tally.groups.get(k);
      if (!k.operatorId().equals(fileOperator)) {
        continue;
      }
      List<Problem> p = new ArrayList<>();
      if (g.minServiceSize != null && !g.minServiceSize.equals(g.maxServiceSize)) {
        p.add(
            new Problem(
                "service_size",
                "service_level_consistent",
                range(g.minServiceSize, g.maxServiceSize),
                null));
      }
      if (g.minTotal != null && !g.minTotal.equals(g.maxTotal)) {
        p.add(
            new Problem(
                "total_traffic", "service_level_consistent", range(g.minTotal, g.maxTotal), null));
      }
      if (g.maxTotal != null && g.detected > g.maxTotal) {
        p.add(
            new Problem(
                "spam_detected",
                "detected_sum_le_total",
                Long.toString(g.detected),
                Long.toString(g.maxTotal)));
      }
      if (!p.isEmpty()) {
        problems.put(k, List.copyOf(p));
      }
    }
    return new Verdict(owner, problems);
  }

  /** The problem of every row whose key repeats: {@code rows} are all the rows with that key. */
  public static Problem duplicate(List<Long> rows) {
    return new Problem(null, "duplicate_key", rowList(rows), null);
  }

  /** The duplicate key of a checked row: its values in the return format's key columns. */
  public static List<Object> key(RowCheck.Checked c) {
    List<Object> k = new ArrayList<>();
    ReturnFormat.v1().key().forEach(col -> k.add(c.value(col)));
    return k;
  }

  /** The problems found across rows, by row number, when no sender is known. */
  public static Map<Long, List<Problem>> check(List<ValidRow> rows) {
    return check(rows, null);
  }

  /**
   * The problems found across the rows of a whole return in memory, by row number, of a file sent
   * by {@code sender} (null when unknown).
   */
  public static Map<Long, List<Problem>> check(List<ValidRow> rows, String sender) {
    Map<Long, List<Problem>> out = new TreeMap<>();
    if (rows.isEmpty()) {
      return out;
    }
    Tally tally = new Tally();
    rows.forEach(r -> tally.add(r.row(), r.checked()));
    Verdict verdict = decide(tally, sender);
    Map<List<Object>, List<Long>> byKey = new HashMap<>();
    for (ValidRow r : rows) {
      if (!verdict.otherOperator((String) r.checked().value("operator_id"))) {
        byKey.computeIfAbsent(key(r.checked()), x -> new ArrayList<>()).add(r.row());
      }
    }
    for (ValidRow r : rows) {
      List<Long> same = byKey.get(key(r.checked()));
      List<Problem> p =
          verdict.problems(
              (String) r.checked().value("operator_id"),
              (String) r.checked().value("period"),
              (String) r.checked().value("spam_type"),
              same != null && same.size() > 1 ? same : null);
      if (!p.isEmpty()) {
        out.put(r.row(), p);
      }
    }
    return out;
  }

  /**
   * The rows, sorted, as English lists them ("12, 40, and 77"; "12, 15, 17, 20, 25, and 3 more"),
   * at most {@value #LISTED_ROWS} named: the value of {@code duplicate_key}, said in another
   * language by {@link Phrases#rows}.
   */
  public static String rowList(List<Long> rows) {
    return rowList(Language.ENGLISH, rows);
  }

  /** {@link #rowList(List)} as {@code language} lists rows. */
  public static String rowList(Language language, List<Long> rows) {
    List<Long> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.naturalOrder());
    int named = Math.min(sorted.size(), LISTED_ROWS);
    return Phrases.rowList(language, sorted.subList(0, named), sorted.size() - named);
  }

  /**
   * "from 10 to 12" for a service-level figure that differs between rows: the value of {@code
   * service_level_consistent}, said in another language by {@link Phrases#range(Language, String)}.
   */
  public static String range(long min, long max) {
    return range(Language.ENGLISH, min, max);
  }

  /** {@link #range(long, long)} in {@code language}. */
  public static String range(Language language, long min, long max) {
    return Phrases.range(language, min, max);
  }
}
