package org.spamtraffic.validate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.util.CellReference;
import org.spamtraffic.schema.Field;
import org.spamtraffic.schema.ReturnFormat;

/**
 * Where each column of the return format sits in the file a report is about, as the spreadsheet
 * letter an operator sees (A, B, ..., AA): the portal and {@code validate} say "row 5, D
 * (source_country)" from this one map.
 */
public final class ColumnLetters {
  private ColumnLetters() {}

  /** Column name → letter, for the columns the file's header mapped; empty when none was. */
  public static Map<String, String> of(ValidationReport report) {
    Map<String, String> out = new LinkedHashMap<>();
    if (report.file().mapping() == null) {
      return out;
    }
    List<Field> fields = ReturnFormat.v1().fields();
    int[] positions = report.file().mapping().positions();
    for (int i = 0; i < fields.size(); i++) {
      if (positions[i] >= 0) {
        out.put(fields.get(i).name(), CellReference.convertNumToColString(positions[i]));
      }
    }
    return out;
  }

  /** A column as people read it: {@code D (source_country)}, or the name when unmapped. */
  public static String describe(Map<String, String> letters, String column) {
    String letter = letters.get(column);
    return (letter == null ? "" : letter + " ") + "(" + column + ")";
  }
}
