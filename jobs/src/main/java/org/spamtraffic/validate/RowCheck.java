package org.spamtraffic.validate;

import java.util.ArrayList;
import java.util.List;
import org.spamtraffic.schema.Field;
import org.spamtraffic.schema.ReturnFormat;

/**
 * The evaluator of the cell and row rules of one data row, the one {@code validate}, the portal and
 * {@code ingest-returns} share; rules across rows are in {@link ReturnChecks}.
 */
public final class RowCheck {
  private RowCheck() {}

  /**
   * A checked row.
   *
   * @param values typed values in return-format column order (null when empty or refused)
   * @param problems the rules the row breaks, cell rules first, in column order
   */
  public record Checked(Object[] values, List<Problem> problems) {
    /** Whether the row passed every cell and row rule. */
    public boolean valid() {
      return problems.isEmpty();
    }

    /** The typed value of {@code column}. */
    public Object value(String column) {
      return values[index(column)];
    }
  }

  /**
   * Checks one row.
   *
   * @param cells raw cells in return-format column order
   * @param fieldCount fields found on a malformed CSV line, or -1
   * @param headerWidth fields in the header line
   */
  public static Checked check(String[] cells, int fieldCount, int headerWidth) {
    List<Field> fields = ReturnFormat.v1().fields();
    Object[] values = new Object[fields.size()];
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      CellCheck.Verdict v = CellCheck.check(fields.get(i), cells[i]);
      values[i] = v.value();
      if (v.failed()) {
        problems.add(new Problem(fields.get(i).name(), v.rule(), cells[i], null));
      }
    }
    Long detected = (Long) values[index("spam_detected")];
    Long blocked = (Long) values[index("spam_blocked")];
    Long total = (Long) values[index("total_traffic")];
    if (blocked != null && detected != null && blocked > detected) {
      problems.add(
          new Problem(
              "spam_blocked",
              "blocked_le_detected",
              cells[index("spam_blocked")],
              cells[index("spam_detected")]));
    }
    if (detected != null && total != null && detected > total) {
      problems.add(
          new Problem(
              "spam_detected",
              "detected_le_total",
              cells[index("spam_detected")],
              cells[index("total_traffic")]));
    }
    if (fieldCount >= 0) {
      problems.add(
          new Problem(
              null, "malformed_row", Integer.toString(fieldCount), Integer.toString(headerWidth)));
    }
    return new Checked(values, problems);
  }

  /** Position of {@code column} in the return format. */
  public static int index(String column) {
    List<Field> fields = ReturnFormat.v1().fields();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("No column " + column);
  }
}
