package org.spamtraffic.report.data;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.spamtraffic.schema.TableContract;

/**
 * A published table held in memory for the report: its contract, its rows in a fixed order, and
 * which cells disclosure control withheld. Published tables are aggregates (hundreds or thousands
 * of rows), so the report collects them once and every chart, table and check reads this copy.
 *
 * <p>Rows are sorted by every column in contract order (nulls first), so that the same table gives
 * the same CSV, sheet and charts whatever order Spark returned it in.
 *
 * <p>A cell is <em>suppressed</em> when its row has {@code suppressed = true} (the published
 * tables' convention: the figures of a withheld row are null) and the cell is null.
 */
public final class ReportTable {
  /** The row-level flag column of the published tables. */
  public static final String SUPPRESSED = "suppressed";

  private final TableContract contract;
  private final List<List<Object>> rows;
  private final List<List<Object>> withheld;

  private ReportTable(
      TableContract contract, List<List<Object>> rows, List<List<Object>> withheld) {
    this.contract = contract;
    this.rows = rows;
    this.withheld = withheld;
  }

  /**
   * A table of {@code contract} with {@code rows} (one value per contract column, in contract
   * order, as Java values: String, Integer, Long, Double, Boolean, LocalDate, Instant, List of
   * String).
   */
  public static ReportTable of(TableContract contract, List<List<Object>> rows) {
    int width = contract.columns().size();
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      if (row.size() != width) {
        throw new IllegalArgumentException(
            "Table " + contract.name() + ": a row has " + row.size() + " values for " + width);
      }
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    copy.sort(ROW_ORDER);
    return new ReportTable(contract, Collections.unmodifiableList(copy), List.of());
  }

  /** The table name. */
  public String name() {
    return contract.name();
  }

  /** The table's contract. */
  public TableContract contract() {
    return contract;
  }

  /** The columns, in contract order. */
  public List<TableContract.Column> columns() {
    return contract.columns();
  }

  /** Every row, sorted. */
  public List<List<Object>> rows() {
    return rows;
  }

  /** Number of rows. */
  public int size() {
    return rows.size();
  }

  /** Whether the table has a column called {@code column}. */
  public boolean has(String column) {
    return contract.columns().stream().anyMatch(c -> c.name().equals(column));
  }

  /** Position of {@code column}; fails with the table and column names when there is none. */
  public int index(String column) {
    List<TableContract.Column> columns = contract.columns();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("Table " + name() + " has no column " + column);
  }

  /** The value of {@code column} in {@code row}. */
  public Object value(List<Object> row, String column) {
    return row.get(index(column));
  }

  /** The text of {@code column} in {@code row}, or null. */
  public String text(List<Object> row, String column) {
    Object v = value(row, column);
    return v == null ? null : v.toString();
  }

  /** The number in {@code column} of {@code row} as a double, or null. */
  public Double number(List<Object> row, String column) {
    Object v = value(row, column);
    return v == null ? null : ((Number) v).doubleValue();
  }

  /** Whether the cell is withheld by disclosure control. */
  public boolean suppressed(List<Object> row, int column) {
    if (row.get(column) != null || !has(SUPPRESSED)) {
      return false;
    }
    return Boolean.TRUE.equals(row.get(index(SUPPRESSED)));
  }

  /** Whether the row is withheld ({@code suppressed = true}). */
  public boolean suppressedRow(List<Object> row) {
    return has(SUPPRESSED) && Boolean.TRUE.equals(row.get(index(SUPPRESSED)));
  }

  /** How many cells of the table are withheld. */
  public int suppressedCells() {
    int n = 0;
    for (List<Object> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        if (suppressed(row, c)) {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Figure cells of the table: cells of numeric columns that hold a value or are withheld (the
   * denominator of the share of withheld cells stated per table).
   */
  public int figureCells() {
    int n = withheld.size() * numericColumns().size();
    for (int c : numericColumns()) {
      for (List<Object> row : rows) {
        if (row.get(c) != null || suppressed(row, c)) {
          n++;
        }
      }
    }
    return n;
  }

  /** Withheld cells of numeric columns. */
  public int withheldFigureCells() {
    int n = withheld.size() * numericColumns().size();
    for (int c : numericColumns()) {
      for (List<Object> row : rows) {
        if (suppressed(row, c)) {
          n++;
        }
      }
    }
    return n;
  }

  private List<Integer> numericColumns() {
    List<Integer> out = new java.util.ArrayList<>();
    for (int c = 0; c < contract.columns().size(); c++) {
      switch (contract.columns().get(c).type()) {
        case INT, LONG, DOUBLE -> out.add(c);
        default -> {}
      }
    }
    return out;
  }

  /** The rows that match {@code filter}, in table order. */
  public List<List<Object>> rows(Predicate<List<Object>> filter) {
    return rows.stream().filter(filter).toList();
  }

  /** A predicate: {@code column} equals {@code value}. */
  public Predicate<List<Object>> where(String column, Object value) {
    int i = index(column);
    return row -> Objects.equals(row.get(i), value);
  }

  /** The distinct non-null values of {@code column}, sorted. */
  public List<String> distinct(String column) {
    return distinct(column, rows.stream());
  }

  private List<String> distinct(String column, java.util.stream.Stream<List<Object>> of) {
    int i = index(column);
    return of.map(r -> r.get(i))
        .filter(Objects::nonNull)
        .map(Object::toString)
        .distinct()
        .sorted()
        .toList();
  }

  /** The table restricted to rows matching {@code keep} (same contract, same order). */
  public ReportTable filter(Predicate<List<Object>> keep) {
    return new ReportTable(contract, rows.stream().filter(keep).toList(), withheld);
  }

  /**
   * The table without the rows disclosure control withholds whole ({@code publishable = false} of
   * the investment tables): they are left out, and counted in {@link #withheldRows}, so that the
   * share of withheld cells stated per table counts them. What identifies a withheld row (its text
   * columns: level, area, quarter, measure) is kept in {@link #withheld}, so that the report can
   * say which figure is withheld; its figures (every numeric column) are not kept.
   */
  public ReportTable withholding(Predicate<List<Object>> publishable) {
    List<List<Object>> kept = new ArrayList<>();
    List<List<Object>> left = new ArrayList<>(withheld);
    List<Integer> figures = numericColumns();
    for (List<Object> row : rows) {
      if (publishable.test(row)) {
        kept.add(row);
      } else {
        List<Object> label = new ArrayList<>(row);
        figures.forEach(c -> label.set(c, null));
        left.add(Collections.unmodifiableList(label));
      }
    }
    return new ReportTable(
        contract, Collections.unmodifiableList(kept), Collections.unmodifiableList(left));
  }

  /** Rows left out whole by disclosure control ({@link #withholding}). */
  public int withheldRows() {
    return withheld.size();
  }

  /**
   * The rows left out whole by disclosure control that match {@code filter}, with their text
   * columns only (every numeric column is null): what says which figure is withheld, never its
   * value.
   */
  public List<List<Object>> withheld(Predicate<List<Object>> filter) {
    return withheld.stream().filter(filter).toList();
  }

  /**
   * The distinct non-null values of {@code column} over the published and the withheld rows,
   * sorted: the quarters a table covers are those of every row, not only of those shown.
   */
  public List<String> distinctWithWithheld(String column) {
    return distinct(column, java.util.stream.Stream.concat(rows.stream(), withheld.stream()));
  }

  /**
   * Whether disclosure control applies to this table: it marks withheld rows ({@code suppressed})
   * or leaves them out ({@code publishable}).
   */
  public boolean disclosureControlled() {
    return has(SUPPRESSED) || has("publishable");
  }

  /**
   * The share of the table's figure cells that are withheld, rows left out whole included (0 when
   * the table has no figure cell).
   */
  public double withheldShare() {
    int all = figureCells();
    return all == 0 ? 0 : (double) withheldFigureCells() / all;
  }

  private static final Comparator<List<Object>> ROW_ORDER =
      (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
          int c = compareValues(a.get(i), b.get(i));
          if (c != 0) {
            return c;
          }
        }
        return 0;
      };

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof Comparable && a.getClass().equals(b.getClass())) {
      return ((Comparable) a).compareTo(b);
    }
    return a.toString().compareTo(b.toString());
  }

  /** Converts a Spark cell value to the Java value this class holds. */
  static Object javaValue(Object spark) {
    if (spark instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (spark instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (spark instanceof LocalDate || spark instanceof Instant) {
      return spark;
    }
    if (spark instanceof scala.collection.Seq<?> seq) {
      List<String> out = new ArrayList<>();
      scala.jdk.javaapi.CollectionConverters.asJava(seq).forEach(v -> out.add(String.valueOf(v)));
      return List.copyOf(out);
    }
    return spark;
  }
}
