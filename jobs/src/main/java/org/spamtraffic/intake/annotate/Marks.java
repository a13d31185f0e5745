package org.spamtraffic.intake.annotate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spamtraffic.intake.ReturnFile;
import org.spamtraffic.language.Catalogue;
import org.spamtraffic.schema.Field;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.validate.Finding;

/**
 * The row findings of a report placed on cells of the file: a finding about a column goes on that
 * column's cell of its row, a finding about the whole row on the row's first cell.
 */
final class Marks {
  /** One marked cell: 0-based row and column in the sheet, and what was found there. */
  record Mark(int row, int column, List<Finding> findings) {
    boolean hasError() {
      return findings.stream().anyMatch(Finding::isError);
    }

    /**
     * The cell comment in the catalogue's language: each message on its own line, with its rule.
     */
    String comment(Catalogue words) {
      StringBuilder s = new StringBuilder();
      for (Finding f : findings) {
        if (s.length() > 0) {
          s.append("\n\n");
        }
        s.append(words.text(f.isError() ? "checks.comment.error" : "checks.comment.warning"))
            .append(' ')
            .append(f.message(words.language()))
            .append(" [")
            .append(f.rule())
            .append(']');
      }
      return s.toString();
    }
  }

  /** Row (0-based) → column (0-based) → mark, in file order. */
  private final TreeMap<Integer, TreeMap<Integer, Mark>> byRow = new TreeMap<>();

  private int count;

  static Marks of(ReturnFile file, List<Finding> findings) {
    Marks marks = new Marks();
    List<Field> fields = ReturnFormat.v1().fields();
    int[] positions = file.mapping() == null ? new int[0] : file.mapping().positions();
    for (Finding f : findings) {
      if (f.row() == null) {
        continue;
      }
      int column = 0;
      if (f.column() != null) {
        for (int i = 0; i < fields.size() && i < positions.length; i++) {
          if (fields.get(i).name().equals(f.column()) && positions[i] >= 0) {
            column = positions[i];
          }
        }
      }
      int row = (int) (f.row() - 1);
      Map<Integer, Mark> columns = marks.byRow.computeIfAbsent(row, r -> new TreeMap<>());
      Mark mark = columns.get(column);
      if (mark == null) {
        mark = new Mark(row, column, new ArrayList<>());
        columns.put(column, mark);
        marks.count++;
      }
      mark.findings().add(f);
    }
    return marks;
  }

  /** The marks of one row (0-based), by column. */
  Map<Integer, Mark> inRow(int row) {
    return byRow.getOrDefault(row, new TreeMap<>());
  }

  /** Every marked row, in order. */
  Iterable<Integer> rows() {
    return byRow.keySet();
  }

  /** How many cells are marked. */
  int count() {
    return count;
  }
}
