package org.spamtraffic.intake;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.spamtraffic.schema.Field;
import org.spamtraffic.schema.ReturnFormat;

/**
 * How a file's header row maps onto the return format: for each return column, the position of the
 * file column that holds it (or -1), and what did not match.
 *
 * @param positions for each return-format field, in schema order, its 0-based column in the file or
 *     -1
 * @param width number of columns in the header row (up to its last non-blank cell)
 * @param unknown header cells that match no column
 * @param duplicates columns that appear more than once
 * @param missingRequired required columns the header lacks
 */
public record HeaderMapping(
    int[] positions,
    int width,
    List<String> unknown,
    List<String> duplicates,
    List<String> missingRequired)
    implements Serializable {

  /** Maps a header row. */
  public static HeaderMapping of(List<String> header) {
    ReturnFormat format = ReturnFormat.v1();
    List<Field> fields = format.fields();
    int[] positions = new int[fields.size()];
    Arrays.fill(positions, -1);
    List<String> unknown = new ArrayList<>();
    Set<String> duplicates = new LinkedHashSet<>();
    int width = 0;
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      if (h == null || h.isBlank()) {
        continue;
      }
      width = i + 1;
      Optional<String> column = format.columnForHeader(h);
      if (column.isEmpty()) {
        unknown.add(h.strip());
        continue;
      }
      int index = indexOf(fields, column.get());
      if (positions[index] >= 0) {
        duplicates.add(column.get());
      } else {
        positions[index] = i;
      }
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      if (positions[i] < 0 && fields.get(i).required()) {
        missing.add(fields.get(i).name());
      }
    }
    return new HeaderMapping(positions, width, unknown, List.copyOf(duplicates), missing);
  }

  /** How many return columns the header matched. */
  public int matched() {
    return (int) Arrays.stream(positions).filter(p -> p >= 0).count();
  }

  /** The findings this header produces (missing, duplicate and unknown columns). */
  public List<FileFinding> findings() {
    List<FileFinding> out = new ArrayList<>();
    if (!missingRequired.isEmpty()) {
      out.add(new FileFinding("file.missing_columns", String.join(", ", missingRequired), null));
    }
    if (!duplicates.isEmpty()) {
      out.add(new FileFinding("file.duplicate_columns", String.join(", ", duplicates), null));
    }
    if (!unknown.isEmpty()) {
      out.add(new FileFinding("file.unknown_columns", String.join(", ", unknown), null));
    }
    return out;
  }

  /** Picks the return-format cells out of one line of the file. */
  public String[] pick(List<String> line) {
    String[] cells = new String[positions.length];
    for (int i = 0; i < positions.length; i++) {
      int p = positions[i];
      if (p >= 0 && p < line.size()) {
        String v = line.get(p);
        cells[i] = v == null || v.isEmpty() ? null : v;
      }
    }
    return cells;
  }

  private static int indexOf(List<Field> fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException(name);
  }
}
