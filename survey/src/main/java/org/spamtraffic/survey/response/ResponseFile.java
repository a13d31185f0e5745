package org.spamtraffic.survey.response;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.spamtraffic.language.Language;
import org.spamtraffic.survey.sheet.Sheet;
import org.spamtraffic.survey.sheet.Sheets;

/**
 * Reads one response file into raw submissions and the rows of their repeat groups:
 *
 * <ul>
 *   <li>a CSV export (one row per submission); a CSV whose header has {@code PARENT_KEY} holds the
 *       rows of one repeat (ODK Central, SurveyCTO long format), linked by key to their parents;
 *   <li>an XLSX export: the first sheet holds the submissions, and a sheet with Kobo's {@code
 *       _parent_index} or ODK's {@code PARENT_KEY} column holds the rows of a repeat;
 *   <li>a ZIP (ODK Central's "all data" download): its CSV files, as above;
 *   <li>JSON submissions from the tools' APIs (KoboToolbox {@code data.json}: a {@code results}
 *       list; ODK Central OData: a {@code value} list), groups as nested objects or {@code a/b}
 *       keys, repeats as arrays of objects;
 *   <li>an offline form (a workbook with a {@code questionnaire} sheet, one answer per row).
 * </ul>
 *
 * @param file the file name
 * @param submissions the submissions read
 * @param repeatRows rows of repeat sheets or files, not yet linked to their submissions
 * @param findings file-level findings (unreadable, sheets not read)
 */
public record ResponseFile(
    String file,
    List<RawSubmission> submissions,
    List<RawRepeat> repeatRows,
    List<Finding> findings) {
  /** The sheet of an offline form. */
  public static final String OFFLINE_SHEET = "questionnaire";

  /**
   * Whether a file name looks like a response file (CSV, XLSX, XLS, ZIP, JSON), not a lock file.
   */
  public static boolean isResponseFile(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return !n.startsWith(".")
        && !n.startsWith("~$")
        && (n.endsWith(".csv")
            || n.endsWith(".xlsx")
            || n.endsWith(".xls")
            || n.endsWith(".zip")
            || n.endsWith(".json"));
  }

  /** Reads {@code bytes} of the file {@code file}; never throws for bad content. */
  public static ResponseFile read(String file, byte[] bytes) {
    return read(file, bytes, Language.ENGLISH);
  }

  /**
   * Reads {@code bytes} of the file {@code file}, its findings (an unreadable file, a sheet not
   * read) in {@code language}; never throws for bad content.
   */
  public static ResponseFile read(String file, byte[] bytes, Language language) {
    FindingTexts texts = new FindingTexts(language);
    String lower = file.toLowerCase(Locale.ROOT);
    try {
      if (lower.endsWith(".csv")) {
        return csv(file, Sheets.csv(file, bytes), List.of());
      }
      if (lower.endsWith(".json")) {
        return JsonSubmissions.read(file, bytes, texts);
      }
      if (lower.endsWith(".zip")) {
        return zip(file, bytes, texts);
      }
      List<Sheet> sheets = Sheets.workbook(bytes);
      for (Sheet s : sheets) {
        if (s.name().equalsIgnoreCase(OFFLINE_SHEET)
            && s.column("name") >= 0
            && s.column("answer") >= 0) {
          return new ResponseFile(file, List.of(offline(file, s)), List.of(), List.of());
        }
      }
      if (sheets.isEmpty() || sheets.get(0).header().isEmpty()) {
        return unreadable(file, texts.text("unreadable.first-sheet-empty"), texts);
      }
      List<Finding> findings = new ArrayList<>();
      List<RawRepeat> repeats = new ArrayList<>();
      Sheet main = sheets.get(0);
      for (Sheet other : sheets.subList(1, sheets.size())) {
        if (isRepeatTable(other)) {
          repeats.addAll(repeatRows(file, other.name(), other, other.name()));
        } else if (!other.rows().isEmpty()) {
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
                  texts.text("sheet-not-read", other.name(), other.rows().size())));
        }
      }
      return new ResponseFile(
          file, export(file, main.name(), main, SourceFormat.XLSX_EXPORT), repeats, findings);
    } catch (RuntimeException e) {
      // POI's words are English: kept as a quoted technical detail.
      return unreadable(
          file, texts.text("unreadable.workbook", String.valueOf(e.getMessage())), texts);
    }
  }

  private static ResponseFile csv(String file, Sheet s, List<Finding> findings) {
    if (isRepeatTable(s)) {
      return new ResponseFile(
          file, List.of(), repeatRows(file, null, s, tableOfFile(file)), findings);
    }
    return new ResponseFile(
        file, export(file, null, s, SourceFormat.CSV_EXPORT), List.of(), findings);
  }

  /** ODK Central's ZIP of CSV files: the submissions and one file per repeat. */
  private static ResponseFile zip(String file, byte[] bytes, FindingTexts texts) {
    List<RawSubmission> submissions = new ArrayList<>();
    List<RawRepeat> repeats = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        String name = file + "!" + e.getName();
        if (e.isDirectory() || !e.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
          continue;
        }
        ResponseFile part = csv(name, Sheets.csv(name, in.readAllBytes()), List.of());
        submissions.addAll(part.submissions());
        repeats.addAll(part.repeatRows());
      }
    } catch (IOException | RuntimeException ex) {
      return unreadable(file, texts.text("unreadable.zip", String.valueOf(ex.getMessage())), texts);
    }
    return new ResponseFile(file, submissions, repeats, findings);
  }

  /** Whether a sheet holds repeat rows (a parent link column), rather than submissions. */
  static boolean isRepeatTable(Sheet s) {
    return s.column("PARENT_KEY") >= 0 || s.column("_parent_index") >= 0;
  }

  /** {@code form-repeat.csv} is the rows of {@code repeat} (ODK Central, SurveyCTO). */
  private static String tableOfFile(String file) {
    String base = file.replaceAll(".*[/!\\\\]", "").replaceAll("(?i)\\.csv$", "");
    int dash = base.lastIndexOf('-');
    return dash < 0 ? base : base.substring(dash + 1);
  }

  private static List<RawRepeat> repeatRows(String file, String sheet, Sheet s, String table) {
    List<RawRepeat> out = new ArrayList<>();
    int key = s.column("KEY");
    int parentKey = s.column("PARENT_KEY");
    int index = s.column("_index");
    int parentIndex = s.column("_parent_index");
    int parentTable = s.column("_parent_table_name");
    for (Sheet.Row r : s.rows()) {
      Map<String, String> cells = cells(s, r);
      String own =
          key >= 0 ? Keys.normal(r.cell(key)) : index >= 0 ? Keys.kobo(table, r.cell(index)) : null;
      String parent =
          parentKey >= 0
              ? Keys.normal(r.cell(parentKey))
              : parentIndex >= 0
                  ? Keys.kobo(parentTable >= 0 ? r.cell(parentTable) : "", r.cell(parentIndex))
                  : null;
      out.add(new RawRepeat(table, file, sheet, r.number(), cells, own, parent, List.of()));
    }
    return out;
  }

  private static Map<String, String> cells(Sheet s, Sheet.Row r) {
    Map<String, String> cells = new LinkedHashMap<>();
    for (int i = 0; i < s.header().size(); i++) {
      String h = s.header().get(i);
      if (h.isEmpty()) {
        h = "(column " + (i + 1) + ")";
      }
      cells.putIfAbsent(h, r.cell(i));
    }
    return cells;
  }

  private static ResponseFile unreadable(String file, Object why, FindingTexts texts) {
    return new ResponseFile(
        file,
        List.of(),
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
                texts.text("unreadable-file", why))));
  }

  private static List<RawSubmission> export(
      String file, String sheet, Sheet s, SourceFormat format) {
    List<RawSubmission> out = new ArrayList<>();
    int index = s.column("_index");
    String table = sheet == null ? "" : sheet;
    for (Sheet.Row r : s.rows()) {
      Map<String, String> cells = cells(s, r);
      List<String> keys = new ArrayList<>(Keys.of(cells));
      if (index >= 0 && !r.cell(index).isBlank()) {
        keys.add(Keys.kobo(table, r.cell(index)));
      }
      out.add(
          new RawSubmission(
              file, sheet, r.number(), format, cells, Map.of(), List.copyOf(keys), List.of()));
    }
    return out;
  }

  /** {@code bilateral_agreement[2]/partner_country}: a row of entry 2 of a repeat. */
  private static final java.util.regex.Pattern ENTRY =
      java.util.regex.Pattern.compile("^([\\p{L}_][\\p{L}\\p{N}_.\\-]*)\\[(\\d+)\\]/(.+)$");

  private static RawSubmission offline(String file, Sheet s) {
    int name = s.column("name");
    int answer = s.column("answer");
    Map<String, String> cells = new LinkedHashMap<>();
    Map<String, Integer> rows = new LinkedHashMap<>();
    Map<String, Map<String, String>> entries = new LinkedHashMap<>();
    Map<String, Integer> entryRows = new LinkedHashMap<>();
    int first = 2;
    for (Sheet.Row r : s.rows()) {
      String n = r.cell(name).trim();
      if (n.isEmpty()) {
        // Group headings and notes have no name.
        continue;
      }
      java.util.regex.Matcher m = ENTRY.matcher(n);
      if (m.matches()) {
        String entry = m.group(1) + "[" + m.group(2) + "]";
        entries
            .computeIfAbsent(entry, k -> new LinkedHashMap<>())
            .putIfAbsent(m.group(3), r.cell(answer));
        entryRows.putIfAbsent(entry, r.number());
        continue;
      }
      if (cells.isEmpty()) {
        first = r.number();
      }
      cells.putIfAbsent(n, r.cell(answer));
      rows.putIfAbsent(n, r.number());
    }
    List<RawRepeat> repeats = new ArrayList<>();
    entries.forEach(
        (entry, answers) -> {
          if (answers.values().stream().anyMatch(v -> !v.isBlank())) {
            String table = entry.substring(0, entry.indexOf('['));
            repeats.add(
                new RawRepeat(
                    table, file, s.name(), entryRows.get(entry), answers, null, null, List.of()));
          }
        });
    return new RawSubmission(
        file, s.name(), first, SourceFormat.OFFLINE_FORM, cells, rows, List.of(), repeats);
  }
}
