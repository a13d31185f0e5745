package org.spamtraffic.survey.response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spamtraffic.survey.sheet.Sheet;
import org.spamtraffic.survey.sheet.Sheets;

/**
 * Reads one response file into raw submissions: a CSV or XLSX export (one row per submission), or
 * an offline form (a workbook with a {@code questionnaire} sheet, one answer per row).
 *
 * @param file the file name
 * @param submissions the submissions read
 * @param findings file-level findings (unreadable, sheets not read)
 */
public record ResponseFile(String file, List<RawSubmission> submissions, List<Finding> findings) {
  /** The sheet of an offline form. */
  public static final String OFFLINE_SHEET = "questionnaire";

  /** Whether a file name looks like a response file (CSV, XLSX, XLS), not a lock file. */
  public static boolean isResponseFile(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return !n.startsWith(".")
        && !n.startsWith("~$")
        && (n.endsWith(".csv") || n.endsWith(".xlsx") || n.endsWith(".xls"));
  }

  /** Reads {@code bytes} of the file {@code file}; never throws for bad content. */
  public static ResponseFile read(String file, byte[] bytes) {
    String lower = file.toLowerCase(Locale.ROOT);
    try {
      if (lower.endsWith(".csv")) {
        Sheet s = Sheets.csv(file, bytes);
        return new ResponseFile(file, export(file, null, s, SourceFormat.CSV_EXPORT), List.of());
      }
      List<Sheet> sheets = Sheets.workbook(bytes);
      for (Sheet s : sheets) {
        if (s.name().equalsIgnoreCase(OFFLINE_SHEET)
            && s.column("name") >= 0
            && s.column("answer") >= 0) {
          return new ResponseFile(file, List.of(offline(file, s)), List.of());
        }
      }
      if (sheets.isEmpty() || sheets.get(0).header().isEmpty()) {
        return unreadable(file, "the workbook's first sheet is empty");
      }
      List<Finding> findings = new ArrayList<>();
      for (Sheet other : sheets.subList(1, sheets.size())) {
        if (!other.rows().isEmpty()) {
          findings.add(
              new Finding(
                  null,
                  null,
                  file,
                  other.name(),
                  null,
                  null,
                  null,
                  null,
                  Finding.Rule.SHEET_NOT_READ,
                  Finding.WARNING,
                  "Sheet '"
                      + other.name()
                      + "' ("
                      + other.rows().size()
                      + " rows) is not read:"
                      + " only the first sheet of an export holds submissions, and this"
                      + " questionnaire has no repeat groups"));
        }
      }
      return new ResponseFile(
          file,
          export(file, sheets.get(0).name(), sheets.get(0), SourceFormat.XLSX_EXPORT),
          findings);
    } catch (RuntimeException e) {
      return unreadable(file, e.getMessage());
    }
  }

  private static ResponseFile unreadable(String file, String why) {
    return new ResponseFile(
        file,
        List.of(),
        List.of(
            new Finding(
                null,
                null,
                file,
                null,
                null,
                null,
                null,
                null,
                Finding.Rule.UNREADABLE_FILE,
                Finding.ERROR,
                "The file cannot be read as a CSV or Excel export or an offline form: " + why)));
  }

  private static List<RawSubmission> export(
      String file, String sheet, Sheet s, SourceFormat format) {
    List<RawSubmission> out = new ArrayList<>();
    for (Sheet.Row r : s.rows()) {
      Map<String, String> cells = new LinkedHashMap<>();
      for (int i = 0; i < s.header().size(); i++) {
        String h = s.header().get(i);
        if (h.isEmpty()) {
          h = "(column " + (i + 1) + ")";
        }
        cells.putIfAbsent(h, r.cell(i));
      }
      out.add(new RawSubmission(file, sheet, r.number(), format, cells, Map.of()));
    }
    return out;
  }

  private static RawSubmission offline(String file, Sheet s) {
    int name = s.column("name");
    int answer = s.column("answer");
    Map<String, String> cells = new LinkedHashMap<>();
    Map<String, Integer> rows = new LinkedHashMap<>();
    int first = 2;
    for (Sheet.Row r : s.rows()) {
      String n = r.cell(name).trim();
      if (n.isEmpty()) {
        // Group headings and notes have no name.
        continue;
      }
      if (cells.isEmpty()) {
        first = r.number();
      }
      cells.putIfAbsent(n, r.cell(answer));
      rows.putIfAbsent(n, r.number());
    }
    return new RawSubmission(file, s.name(), first, SourceFormat.OFFLINE_FORM, cells, rows);
  }
}
