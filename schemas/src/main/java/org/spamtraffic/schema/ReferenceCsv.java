package org.spamtraffic.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reference CSV file of {@code schemas/reference/} read into rows keyed by column name. Handles
 * RFC 4180 quoting (names such as {@code "Bonaire, Sint Eustatius and Saba"} hold commas); a quoted
 * cell never spans lines in the project's reference files.
 */
public final class ReferenceCsv {
  private ReferenceCsv() {}

  /** Every data row of {@code schemas/<relativePath>}, in file order, columns in header order. */
  public static List<Map<String, String>> rows(String relativePath) {
    List<Map<String, String>> rows = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(Schemas.open(relativePath), StandardCharsets.UTF_8))) {
      String headerLine = r.readLine();
      if (headerLine == null) {
        throw new IllegalStateException("schemas/" + relativePath + " is empty");
      }
      List<String> header = split(headerLine);
      String line;
      int lineNumber = 1;
      while ((line = r.readLine()) != null) {
        lineNumber++;
        if (line.isEmpty()) {
          continue;
        }
        List<String> cells = split(line);
        if (cells.size() != header.size()) {
          throw new IllegalStateException(
              "schemas/"
                  + relativePath
                  + " line "
                  + lineNumber
                  + " has "
                  + cells.size()
                  + " cells, the header has "
                  + header.size());
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          row.put(header.get(i), cells.get(i));
        }
        rows.add(Collections.unmodifiableMap(row));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read schemas/" + relativePath, e);
    }
    return Collections.unmodifiableList(rows);
  }

  static List<String> split(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
