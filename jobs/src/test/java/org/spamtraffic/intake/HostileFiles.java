package org.spamtraffic.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFRow;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.spamtraffic.generate.ReturnGenerator;

/**
 * A corpus of bad and awkward return files, made fresh by code (no committed binaries): broken and
 * lying encodings, delimiters, headers, workbooks, entity and zip bombs, active content, links,
 * pipes and odd names. Each file comes with what intake must say about it. Every file that holds
 * rows names an operator of its own ({@code HX-nnn}), so that none supersedes another or a sample,
 * and every file's bytes are unique, so that none is a duplicate.
 */
public final class HostileFiles {
  /** The return's header, in the format's order. */
  public static final String HEADER = String.join(",", ReturnGenerator.HEADER);

  /**
   * One file and what intake must make of it.
   *
   * @param name the file's name in the landing folder (relative)
   * @param statuses the statuses validate and ingest may give it (the same for both)
   * @param rule a rule that must be among its findings, or null
   */
  public record Case(String name, Set<String> statuses, String rule) {}

  private final Path dir;
  private final Path outside;
  private final List<Case> cases = new ArrayList<>();
  private int operators;

  private HostileFiles(Path dir, Path outside) {
    this.dir = dir;
    this.outside = outside;
  }

  /**
   * Writes the corpus into {@code dir} and says what to expect of each file; links point at files
   * in {@code outside}, which must lie outside the landing folder.
   */
  public static List<Case> write(Path dir, Path outside) throws IOException {
    HostileFiles h =
        new HostileFiles(Files.createDirectories(dir), Files.createDirectories(outside));
    h.texts();
    h.encodings();
    h.headers();
    h.rows();
    h.workbooks();
    h.hostileWorkbooks();
    h.legacyWorkbooks();
    h.names();
    return List.copyOf(h.cases);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static final Set<String> FAILED = Set.of("failed");
  private static final Set<String> ACCEPTED = Set.of("accepted");
  private static final Set<String> REJECTED = Set.of("rejected");
  private static final Set<String> SOME_REJECTED = Set.of("accepted_with_rejects");

  private void expect(String name, Set<String> statuses, String rule) {
    cases.add(new Case(name, statuses, rule));
  }

  /** A fresh operator id, so that no file supersedes another. */
  private String operator() {
    return String.format(Locale.ROOT, "HX-%03d", ++operators);
  }

  /** A good row of {@code op}. */
  static String row(String op) {
    return op
        + ",Hostile "
        + op
        + ",KEN,2025-Q1,sms,phishing,IND,AS9829,international_gateway,KEN,1000,100000,500,400,100,3";
  }

  private static List<String> cells(String line) {
    return Arrays.asList(line.split(",", -1));
  }

  private Path bytes(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
    return p;
  }

  private Path text(String name, String content, Charset charset) throws IOException {
    return bytes(name, content.getBytes(charset));
  }

  private Path text(String name, String content) throws IOException {
    return text(name, content, StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  // ---- text that is not a return -----------------------------------------------------------

  private void texts() throws IOException {
    bytes("empty.csv", new byte[0]);
    expect("empty.csv", FAILED, "file.empty");
    bytes("bom-only.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    expect("bom-only.csv", FAILED, "file.empty");
    bytes("one-byte.csv", new byte[] {'\n'});
    expect("one-byte.csv", FAILED, "file.empty");
    bytes("two-bytes.csv", new byte[] {'\r', '\n'});
    expect("two-bytes.csv", FAILED, "file.empty");
    bytes("utf16-bom-only.csv", new byte[] {(byte) 0xFF, (byte) 0xFE});
    expect("utf16-bom-only.csv", FAILED, "file.empty");
    text("spaces-only.csv", "   \n\t\n   \n");
    expect("spaces-only.csv", FAILED, "file.empty");
    text("not-a-return.csv", "name,age\nann,3\n");
    expect("not-a-return.csv", FAILED, "file.not_a_table");
    text("return.json", "{\"operator_id\": \"HX\", \"rows\": []}\n");
    expect("return.json", FAILED, "file.not_a_table");
    text(
        "html-saved-as.xls",
        "<html><body><table><tr><td>operator_id</td></tr></table></body></html>\n");
    expect("html-saved-as.xls", FAILED, "file.not_a_table");
    bytes("scan.xlsx", "%PDF-1.7\n1 0 obj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
    expect("scan.xlsx", FAILED, "file.not_a_table");
    byte[] random = new byte[4096];
    new java.util.Random(13).nextBytes(random);
    bytes("random.bin", random);
    expect("random.bin", FAILED, "file.not_a_table");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write((HEADER + "\n" + row(operator()) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    bytes("return.csv.gz", gz.toByteArray());
    expect("return.csv.gz", FAILED, "file.not_a_table");
    text("nul-bytes.csv", HEADER + "\n" + row(operator()).replace("Hostile", "Ho\0\0\0stile"));
    expect("nul-bytes.csv", Set.of("failed", "accepted"), null);
    text("title-lines-above.csv", "Spam return\nQ1 2025\n\n" + HEADER + "\n" + row(operator()));
    expect("title-lines-above.csv", ACCEPTED, null);
  }

  // ---- encodings ----------------------------------------------------------------------------

  private void encodings() throws IOException {
    String op = operator();
    text(
        "windows-1252.csv",
        HEADER + "\n" + row(op).replace("Hostile", "Société"),
        Charset.forName("windows-1252"));
    expect("windows-1252.csv", ACCEPTED, "file.encoding");

    // Valid UTF-8 for more than the sniffed first MiB, then a Windows-1252 row.
    StringBuilder big = new StringBuilder(HEADER).append('\n');
    String first = operator();
    while (big.length() < (1 << 20) + 4096) {
      big.append(row(first).replace("Hostile", "Société Générale")).append('\n');
    }
    byte[] utf8 = big.toString().getBytes(StandardCharsets.UTF_8);
    byte[] tail =
        (row(first).replace("Hostile", "Société Ouest").replace("sms", "voice") + "\n")
            .getBytes(Charset.forName("windows-1252"));
    bytes("encoding-changes-after-1mib.csv", concat(utf8, tail));
    expect(
        "encoding-changes-after-1mib.csv",
        Set.of("accepted_with_rejects", "accepted"),
        "file.mixed_encoding");

    String u16 = HEADER + "\r\n" + row(operator()) + "\r\n";
    bytes(
        "utf16le-bom.csv",
        concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, u16.getBytes(StandardCharsets.UTF_16LE)));
    expect("utf16le-bom.csv", ACCEPTED, null);
    text("utf16be-no-bom.csv", HEADER + "\n" + row(operator()) + "\n", StandardCharsets.UTF_16BE);
    expect("utf16be-no-bom.csv", ACCEPTED, null);
    bytes(
        "utf8-bom.csv",
        concat(
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            (HEADER + "\n" + row(operator()) + "\n").getBytes(StandardCharsets.UTF_8)));
    expect("utf8-bom.csv", ACCEPTED, null);
    text(
        "latin1-accents-in-header.csv",
        HEADER.replace("operator_name", "Nom de l'opérateur") + "\n" + row(operator()) + "\n",
        StandardCharsets.ISO_8859_1);
    expect("latin1-accents-in-header.csv", ACCEPTED, "file.encoding");
    // A UTF-8 sequence cut by the end of the file.
    bytes(
        "truncated-utf8.csv",
        concat(
            (HEADER + "\n" + row(operator()) + "\n" + row(operator()).substring(0, 12))
                .getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xC3}));
    expect("truncated-utf8.csv", Set.of("accepted_with_rejects", "rejected", "accepted"), null);
  }

  // ---- headers ------------------------------------------------------------------------------

  private void headers() throws IOException {
    text("header-only.csv", HEADER + "\r\n");
    expect("header-only.csv", REJECTED, "file.header_only");
    StringBuilder wide = new StringBuilder(HEADER);
    for (int i = 0; i < 17_000; i++) {
      wide.append(",x").append(i);
    }
    text("header-over-16384-columns.csv", wide + "\n" + row(operator()) + "\n");
    expect("header-over-16384-columns.csv", FAILED, "file.too_many_columns");
    text("missing-columns.csv", "operator_id,period,spam_detected\n" + operator() + ",2025-Q1,5\n");
    expect("missing-columns.csv", FAILED, "file.missing_columns");
    text("duplicate-columns.csv", HEADER + ",spam_detected\n" + row(operator()) + ",7\n");
    expect("duplicate-columns.csv", FAILED, "file.duplicate_columns");
    text("unknown-columns.csv", HEADER + ",notes\n" + row(operator()) + ",fine\n");
    expect("unknown-columns.csv", ACCEPTED, "file.unknown_columns");
    text(
        "headers-in-nbsp.csv",
        Arrays.stream(HEADER.split(","))
                .map(h -> "\u00A0" + h + "\u00A0")
                .reduce((a, b) -> a + "," + b)
                .orElseThrow()
            + "\n"
            + row(operator())
            + "\n");
    expect("headers-in-nbsp.csv", ACCEPTED, null);
    text(
        "headers-in-unicode-spaces.csv",
        HEADER
                .replace("operator_id", "\u2007operator\u202Fid\u200B")
                .replace("spam_detected", "spam\u2003detected\u3000")
            + "\n"
            + row(operator())
            + "\n");
    expect("headers-in-unicode-spaces.csv", ACCEPTED, null);
    text(
        "french-labels.csv",
        org.spamtraffic.schema.ReturnFormat.v1().fields().stream()
                .filter(f -> ReturnGenerator.HEADER.contains(f.name()))
                .map(f -> f.label("fr"))
                .reduce((x, y) -> x + ";" + y)
                .orElseThrow()
            + "\n"
            + row(operator()).replace(',', ';')
            + "\n");
    expect("french-labels.csv", ACCEPTED, null);
    text("header-in-upper-case.csv", HEADER.toUpperCase(Locale.ROOT) + "\n" + row(operator()));
    expect("header-in-upper-case.csv", ACCEPTED, null);
    text(
        "quoted-header.csv", "\"" + HEADER.replace(",", "\",\"") + "\"\n" + row(operator()) + "\n");
    expect("quoted-header.csv", ACCEPTED, null);
  }

  // ---- rows and delimiters ------------------------------------------------------------------

  private void rows() throws IOException {
    text("semicolon.csv", HEADER.replace(',', ';') + "\n" + row(operator()).replace(',', ';'));
    expect("semicolon.csv", ACCEPTED, null);
    text("tab.tsv", HEADER.replace(',', '\t') + "\n" + row(operator()).replace(',', '\t'));
    expect("tab.tsv", ACCEPTED, null);
    text("pipe.csv", HEADER.replace(',', '|') + "\n" + row(operator()).replace(',', '|'));
    expect("pipe.csv", ACCEPTED, null);
    text("cr-only-line-ends.csv", HEADER + "\r" + row(operator()) + "\r");
    expect("cr-only-line-ends.csv", ACCEPTED, null);
    String op = operator();
    text(
        "blank-and-repeated-header-lines.csv",
        HEADER + "\n\n" + row(op) + "\n\n\n" + HEADER + "\n" + row(op).replace("sms", "voice"));
    expect("blank-and-repeated-header-lines.csv", ACCEPTED, "file.blank_lines");
    op = operator();
    text(
        "row-over-16384-fields.csv",
        HEADER + "\n" + row(op) + "\n" + row(op) + ",1".repeat(17_000) + "\n");
    expect("row-over-16384-fields.csv", FAILED, "file.unreadable");
    // A quote opened and never closed swallows the rest of the file into one field.
    StringBuilder unclosed = new StringBuilder(HEADER).append('\n').append(row(operator()));
    unclosed.append("\n\"HX-open,");
    byte[] filler = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream u = new ByteArrayOutputStream();
    u.writeBytes(unclosed.toString().getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 17; i++) {
      u.writeBytes(filler);
    }
    bytes("unclosed-quote-17-mib.csv", u.toByteArray());
    expect("unclosed-quote-17-mib.csv", FAILED, "file.unreadable");
    op = operator();
    text(
        "extra-fields.csv",
        HEADER + "\n" + row(op) + ",surplus,9\n" + row(op).replace("sms", "voice"));
    expect("extra-fields.csv", SOME_REJECTED, "malformed_row");
    op = operator();
    text("missing-fields.csv", HEADER + "\n" + row(op) + "\n" + op + ",Short,KEN\n");
    expect("missing-fields.csv", SOME_REJECTED, null);
    op = operator();
    text(
        "formula-text.csv",
        HEADER
            + "\n"
            + row(op).replace("Hostile " + op, "=HYPERLINK(\"http://evil.example\";\"x\")")
            + "\n"
            + row(op).replace("Hostile " + op, "=cmd|' /C calc'!A0").replace("sms", "voice")
            + "\n"
            + row(op)
                .replace("Hostile " + op, "@SUM(1+1)*cmd|' /C calc'!A0")
                .replace("sms", "email")
            + "\n");
    expect("formula-text.csv", ACCEPTED, null);
    op = operator();
    text(
        "ambiguous-numbers.csv",
        HEADER + "\n" + row(op).replace(",1000,100000,", ",\"1,000\",\"100.000\",") + "\n");
    expect("ambiguous-numbers.csv", REJECTED, "ambiguous_number");
    op = operator();
    text("negative-and-decimal.csv", HEADER + "\n" + row(op).replace(",500,400,", ",-500,4.5,"));
    expect("negative-and-decimal.csv", REJECTED, null);
    op = operator();
    text(
        "control-characters.csv",
        HEADER + "\n" + row(op).replace("Hostile", "Ho\u0007\u001Bstile"));
    expect("control-characters.csv", ACCEPTED, null);
    op = operator();
    text("long-field.csv", HEADER + "\n" + row(op).replace("Hostile", "H".repeat(300_000)));
    expect("long-field.csv", REJECTED, null);
    op = operator();
    text(
        "quotes-inside.csv",
        HEADER + "\n" + row(op).replace("Hostile " + op, "\"Hostile \"\"Quoted\"\" Ltd\""));
    expect("quotes-inside.csv", ACCEPTED, null);
    op = operator();
    text("dates-as-periods.csv", HEADER + "\n" + row(op).replace("2025-Q1", "2025-01-15"));
    expect("dates-as-periods.csv", ACCEPTED, null);
    op = operator();
    text("bad-codes.csv", HEADER + "\n" + row(op).replace(",sms,", ",telex,").replace("IND", "XX"));
    expect("bad-codes.csv", REJECTED, "code");
    op = operator();
    text(
        "injection-in-every-column.csv",
        HEADER
            + "\n"
            + String.join(",", java.util.Collections.nCopies(16, "=1+1"))
            + "\n"
            + row(op)
            + "\n");
    expect("injection-in-every-column.csv", SOME_REJECTED, null);
    StringBuilder many = new StringBuilder(HEADER).append('\n');
    op = operator();
    for (int i = 0; i < 2000; i++) {
      many.append(row(op).replace("AS9829", "AS" + (1000 + i)).replace(",100000,", ",9000000,"))
          .append('\n');
    }
    text("two-thousand-rows.csv", many.toString());
    expect("two-thousand-rows.csv", ACCEPTED, null);
    op = operator();
    text("two-operators.csv", HEADER + "\n" + row(op) + "\n" + row(operator()) + "\n");
    expect("two-operators.csv", SOME_REJECTED, "one_operator_per_file");
    op = operator();
    text("duplicate-rows.csv", HEADER + "\n" + row(op) + "\n" + row(op) + "\n");
    expect("duplicate-rows.csv", REJECTED, "duplicate_key");
  }

  // ---- workbooks that are awkward but honest ------------------------------------------------

  private XSSFWorkbook poiWorkbook(List<String> lines) {
    XSSFWorkbook wb = new XSSFWorkbook();
    fill(wb.createSheet("Return"), lines);
    return wb;
  }

  private static void fill(org.apache.poi.ss.usermodel.Sheet sheet, List<String> lines) {
    int r = 0;
    for (String line : lines) {
      org.apache.poi.ss.usermodel.Row row = sheet.createRow(r++);
      List<String> values = cells(line);
      for (int i = 0; i < values.size(); i++) {
        String v = values.get(i);
        if (v.matches("[0-9]+") && r > 1) {
          row.createCell(i).setCellValue(Double.parseDouble(v));
        } else {
          row.createCell(i).setCellValue(v);
        }
      }
    }
  }

  private Path save(org.apache.poi.ss.usermodel.Workbook wb, String name) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(p)) {
      wb.write(out);
    }
    wb.close();
    return p;
  }

  private void workbooks() throws IOException {
    save(poiWorkbook(List.of(HEADER, row(operator()))), "good.xlsx");
    expect("good.xlsx", ACCEPTED, null);

    String op = operator();
    XSSFWorkbook two = poiWorkbook(List.of(HEADER, row(op)));
    fill(two.createSheet("Q2"), List.of(HEADER, row(op).replace("2025-Q1", "2025-Q2")));
    save(two, "second-visible-sheet.xlsx");
    expect("second-visible-sheet.xlsx", ACCEPTED, "file.other_sheets");

    XSSFWorkbook hidden = poiWorkbook(List.of(HEADER, row(operator())));
    hidden.createSheet("Old figures");
    hidden.setSheetHidden(1, true);
    save(hidden, "hidden-sheet.xlsx");
    expect("hidden-sheet.xlsx", ACCEPTED, "file.hidden_sheets");

    op = operator();
    XSSFWorkbook merged = poiWorkbook(List.of(HEADER, row(op), row(op).replace("AS9829", "AS1")));
    merged.getSheetAt(0).addMergedRegion(new CellRangeAddress(1, 2, 0, 0));
    save(merged, "merged-cells.xlsx");
    expect("merged-cells.xlsx", ACCEPTED, "file.merged_cells");

    XSSFWorkbook formulas = poiWorkbook(List.of(HEADER, row(operator())));
    formulas.getSheetAt(0).getRow(1).getCell(12).setCellFormula("N2+O2");
    formulas.getCreationHelper().createFormulaEvaluator().evaluateAll();
    save(formulas, "formulas.xlsx");
    expect("formulas.xlsx", ACCEPTED, "file.formulas");

    op = operator();
    save(
        poiWorkbook(
            List.of(
                HEADER, row(op).replace("Hostile " + op, "=HYPERLINK(\"http://evil.example\")"))),
        "formula-text.xlsx");
    expect("formula-text.xlsx", ACCEPTED, null);

    save(poiWorkbook(List.of("Spam return 2025", "", HEADER, row(operator()))), "title-rows.xlsx");
    expect("title-rows.xlsx", ACCEPTED, null);
    save(poiWorkbook(List.of(HEADER)), "header-only.xlsx");
    expect("header-only.xlsx", REJECTED, "file.header_only");
    save(poiWorkbook(List.of("nothing here", "at all")), "no-data-sheet.xlsx");
    expect("no-data-sheet.xlsx", FAILED, "file.no_data_sheet");
    XSSFWorkbook many = poiWorkbook(List.of(HEADER, row(operator())));
    for (int i = 0; i < 200; i++) {
      many.createSheet("Notes " + i).createRow(0).createCell(0).setCellValue("note " + i);
    }
    save(many, "two-hundred-sheets.xlsx");
    expect("two-hundred-sheets.xlsx", ACCEPTED, null);

    // Hand-written parts: what other programs write, and Excel never does.
    op = operator();
    new RawXlsx(sheetXml(List.of(HEADER, row(op)), ""))
        .noStyles()
        .write(dir.resolve("no-styles.xlsx"));
    expect("no-styles.xlsx", ACCEPTED, null);
    op = operator();
    new RawXlsx(
            sheetXml(
                List.of(HEADER, row(op)),
                "",
                "2025-Q1",
                "<c r=\"D2\" t=\"d\"><v>2025-02-14T00:00:00</v></c>"))
        .write(dir.resolve("iso-date-cell.xlsx"));
    expect("iso-date-cell.xlsx", ACCEPTED, "file.iso_dates");
    op = operator();
    new RawXlsx(
            sheetXml(List.of(HEADER, row(op)), "")
                .replace("<c ", "<x:c ")
                .replace("</c>", "</x:c>")
                .replace("<worksheet xmlns=", "<worksheet xmlns:x=\"" + MAIN_NS + "\" xmlns="))
        .write(dir.resolve("namespace-prefixes.xlsx"));
    expect("namespace-prefixes.xlsx", ACCEPTED, null);
    op = operator();
    new RawXlsx(
            sheetXml(List.of(HEADER, row(op)), "")
                .replace("<sheetData>", "<dimension ref=\"A1:XFD1048576\"/><sheetData>"))
        .write(dir.resolve("absurd-dimension.xlsx"));
    expect("absurd-dimension.xlsx", ACCEPTED, null);
    op = operator();
    new RawXlsx(sheetXml(List.of(HEADER, row(op)), "").replace(" r=\"", " R=\""))
        .write(dir.resolve("no-cell-references.xlsx"));
    expect("no-cell-references.xlsx", ACCEPTED, null);
    op = operator();
    new RawXlsx(
            sheetXml(
                List.of(HEADER, row(op)),
                "",
                "Hostile " + op,
                "<c r=\"B2\" t=\"inlineStr\"><is><t>" + "Z".repeat(32_000) + "</t></is></c>"))
        .write(dir.resolve("longest-cell.xlsx"));
    expect("longest-cell.xlsx", REJECTED, null);
    op = operator();
    new RawXlsx(
            sheetXml(
                List.of(HEADER, row(op)),
                "",
                "Hostile " + op,
                "<c r=\"XFD2\" t=\"inlineStr\"><is><t>far right</t></is></c>"
                    + "<c r=\"B2\" t=\"inlineStr\"><is><t>Hostile</t></is></c>"))
        .write(dir.resolve("last-column-used.xlsx"));
    expect("last-column-used.xlsx", ACCEPTED, null);
  }

  // ---- workbooks made to hurt ---------------------------------------------------------------

  private void hostileWorkbooks() throws IOException {
    String op = operator();
    String good = sheetXml(List.of(HEADER, row(op)), "");
    // Cell references outside any sheet.
    for (String[] ref :
        new String[][] {
          {"FXSHRXV2", "cell-reference-FXSHRXV2.xlsx"},
          {"A0", "cell-reference-row-0.xlsx"},
          {"@1", "cell-reference-not-a-column.xlsx"},
          {"A99999999", "cell-reference-row-too-big.xlsx"},
          {"XFE1", "cell-reference-column-XFE.xlsx"}
        }) {
      new RawXlsx(
              sheetXml(
                  List.of(HEADER, row(operator())),
                  "",
                  "2025-Q1",
                  "<c r=\"" + ref[0] + "\"><v>1</v></c>"))
          .write(dir.resolve(ref[1]));
      expect(ref[1], FAILED, "file.bad_cell_reference");
    }
    new RawXlsx(good.replace("<row r=\"2\"", "<row r=\"99999999999\""))
        .write(dir.resolve("row-number-too-big.xlsx"));
    expect("row-number-too-big.xlsx", FAILED, "file.bad_cell_reference");
    new RawXlsx(
            sheetXml(
                List.of(HEADER, row(operator())),
                "",
                "2025-Q1",
                "<c r=\"D2\" t=\"zz\"><v>1</v></c>"))
        .write(dir.resolve("unknown-cell-type.xlsx"));
    expect("unknown-cell-type.xlsx", FAILED, "file.damaged");
    new RawXlsx(
            sheetXml(
                List.of(HEADER, row(operator())),
                "",
                "2025-Q1",
                "<c r=\"D2\" t=\"s\"><v>2000000000</v></c>"))
        .write(dir.resolve("shared-string-index-2e9.xlsx"));
    expect("shared-string-index-2e9.xlsx", FAILED, "file.damaged");
    new RawXlsx(
            sheetXml(
                List.of(HEADER, row(operator())),
                "",
                "2025-Q1",
                "<c r=\"D2\" s=\"abc\"><v>1</v></c>"))
        .write(dir.resolve("style-not-a-number.xlsx"));
    expect("style-not-a-number.xlsx", FAILED, "file.damaged");

    // Entities: expansion and external entities, in the sheet and in the shared strings.
    String laughs =
        "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
            + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>";
    new RawXlsx(
            withDoctype(
                sheetXml(
                    List.of(HEADER, row(operator())),
                    "",
                    "2025-Q1",
                    "<c r=\"D2\" t=\"inlineStr\"><is><t>&lol4;</t></is></c>"),
                laughs))
        .write(dir.resolve("billion-laughs-sheet.xlsx"));
    expect("billion-laughs-sheet.xlsx", FAILED, "file.xml_doctype");
    // Outside the landing folder: an entity may name it, but no reader may open it.
    Path secret =
        Files.write(
            outside.resolve("secret-outside-landing.txt"),
            "TOP-SECRET-CONTENT".getBytes(StandardCharsets.US_ASCII));
    new RawXlsx(
            withDoctype(
                sheetXml(
                    List.of(HEADER, row(operator())),
                    "",
                    "2025-Q1",
                    "<c r=\"D2\" t=\"inlineStr\"><is><t>&xxe;</t></is></c>"),
                "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"))
        .write(dir.resolve("xxe-sheet.xlsx"));
    expect("xxe-sheet.xlsx", FAILED, "file.xml_doctype");
    new RawXlsx(good)
        .sharedStrings(
            withDoctype(
                "<?xml version=\"1.0\"?><sst xmlns=\"" + MAIN_NS + "\"><si><t>&xxe;</t></si></sst>",
                "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"))
        .write(dir.resolve("xxe-shared-strings.xlsx"));
    expect("xxe-shared-strings.xlsx", FAILED, "file.xml_doctype");
    new RawXlsx(good.replace("<sheetData>", "<sheetData><![CDATA[" + "<".repeat(100) + "]]>"))
        .write(dir.resolve("cdata.xlsx"));
    expect("cdata.xlsx", FAILED, "file.xml_doctype");
    new RawXlsx(good.replace("<sheetData>", "<!--" + "<!-".repeat(400_000) + "--><sheetData>"))
        .write(dir.resolve("huge-comment.xlsx"));
    expect("huge-comment.xlsx", FAILED, "file.oversized_part");
    new RawXlsx(
            good.replace(
                "<sheetData>",
                "<extLst>"
                    + "<ext>".repeat(10_000)
                    + "</ext>".repeat(10_000)
                    + "</extLst><sheetData>"))
        .write(dir.resolve("nested-10000-deep.xlsx"));
    expect("nested-10000-deep.xlsx", FAILED, "file.oversized_part");
    new RawXlsx(good)
        .sheetCharset(StandardCharsets.UTF_16LE)
        .write(dir.resolve("utf16-sheet-part.xlsx"));
    expect("utf16-sheet-part.xlsx", FAILED, "file.damaged");
    new RawXlsx(good.replace("</sheetData>", "<row><c>").replace("</worksheet>", ""))
        .write(dir.resolve("sheet-cut-short.xlsx"));
    expect("sheet-cut-short.xlsx", FAILED, "file.damaged");
    new RawXlsx(good.replace("</row>", "</rw>")).write(dir.resolve("sheet-not-well-formed.xlsx"));
    expect("sheet-not-well-formed.xlsx", FAILED, null);

    // Zip bombs, honest and lying.
    new RawXlsx(good)
        .extraPart("xl/media/zeros.bin", zeros(200 << 20))
        .write(dir.resolve("zip-bomb-honest.xlsx"));
    expect("zip-bomb-honest.xlsx", FAILED, "file.zip_bomb");
    new RawXlsx(good)
        .sharedStrings(
            streamed("<sst xmlns=\"" + MAIN_NS + "\"><si><t>", 'A', 256 << 20, "</t></si></sst>"))
        .lyingSizes("xl/sharedStrings.xml")
        .write(dir.resolve("zip-lies-shared-strings.xlsx"));
    expect("zip-lies-shared-strings.xlsx", FAILED, null);
    new RawXlsx(
            sheetXml(
                List.of(HEADER, row(operator())),
                "",
                "2025-Q1",
                "<c r=\"D2\" t=\"inlineStr\"><is><t>" + "B".repeat(8 << 20) + "</t></is></c>"))
        .lyingSizes("xl/worksheets/sheet1.xml")
        .write(dir.resolve("zip-lies-cell-text.xlsx"));
    expect("zip-lies-cell-text.xlsx", FAILED, "file.oversized_part");
    StringBuilder strings = new StringBuilder("<sst xmlns=\"" + MAIN_NS + "\">");
    String si = "<si><t>a</t></si>";
    new RawXlsx(good)
        .sharedStrings(streamed(strings.toString(), si, 64 << 20, "</sst>"))
        .lyingSizes("xl/sharedStrings.xml")
        .write(dir.resolve("zip-lies-many-strings.xlsx"));
    expect("zip-lies-many-strings.xlsx", FAILED, "file.zip_bomb");
    RawXlsx parts = new RawXlsx(good);
    for (int i = 0; i < 10_050; i++) {
      parts.extraPart("xl/junk/" + i + ".txt", new byte[] {'x'});
    }
    parts.write(dir.resolve("ten-thousand-parts.xlsx"));
    expect("ten-thousand-parts.xlsx", FAILED, "file.oversized_part");

    // Active content.
    new RawXlsx(good)
        .extraPart("xl/vbaProject.bin", new byte[] {1, 2, 3, 4})
        .macroEnabled()
        .write(dir.resolve("macros.xlsm"));
    expect("macros.xlsm", FAILED, "file.macro_enabled");
    new RawXlsx(good).macroEnabled().write(dir.resolve("macro-enabled-type-only.xlsm"));
    expect("macro-enabled-type-only.xlsm", FAILED, "file.macro_enabled");
    new RawXlsx(good)
        .extraPart(
            "xl/macrosheets/sheet1.xml",
            ("<xm:macrosheet xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\">"
                    + "<sheetData/></xm:macrosheet>")
                .getBytes(StandardCharsets.UTF_8))
        .write(dir.resolve("excel4-macro-sheet.xlsx"));
    expect("excel4-macro-sheet.xlsx", FAILED, "file.macro_enabled");
    new RawXlsx(good)
        .extraPart(
            "xl/activeX/activeX1.xml",
            "<ax:ocx xmlns:ax=\"http://schemas.microsoft.com/office/2006/activeX\"/>"
                .getBytes(StandardCharsets.UTF_8))
        .write(dir.resolve("activex.xlsx"));
    expect("activex.xlsx", FAILED, "file.active_content");
    new RawXlsx(good)
        .extraPart("xl/embeddings/oleObject1.bin", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11})
        .write(dir.resolve("ole-object.xlsx"));
    expect("ole-object.xlsx", FAILED, "file.active_content");
    new RawXlsx(good)
        .extraPart(
            "xl/externalLinks/externalLink1.xml",
            ("<externalLink xmlns=\"" + MAIN_NS + "\"><externalBook/></externalLink>")
                .getBytes(StandardCharsets.UTF_8))
        .write(dir.resolve("external-link.xlsx"));
    expect("external-link.xlsx", FAILED, "file.active_content");

    // Zips that are not workbooks, or broken ones.
    ByteArrayOutputStream plainZip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(plainZip)) {
      z.putNextEntry(new ZipEntry("return.csv"));
      z.write((HEADER + "\n" + row(operator())).getBytes(StandardCharsets.UTF_8));
    }
    bytes("zipped-csv.xlsx", plainZip.toByteArray());
    expect("zipped-csv.xlsx", FAILED, "file.not_a_table");
    Path whole =
        new RawXlsx(sheetXml(List.of(HEADER, row(operator())), ""))
            .write(dir.resolve("cut-in-half.xlsx"));
    byte[] all = Files.readAllBytes(whole);
    Files.write(whole, Arrays.copyOf(all, all.length / 2));
    expect("cut-in-half.xlsx", FAILED, null);
    Path flipped =
        new RawXlsx(sheetXml(List.of(HEADER, row(operator())), ""))
            .write(dir.resolve("corrupt-deflate.xlsx"));
    try (RandomAccessFile f = new RandomAccessFile(flipped.toFile(), "rw")) {
      for (long at = 200; at < f.length() - 400; at += 97) {
        f.seek(at);
        f.write(0x5A);
      }
    }
    expect("corrupt-deflate.xlsx", FAILED, null);
    new RawXlsx(good).missingSheetPart().write(dir.resolve("sheet-part-missing.xlsx"));
    expect("sheet-part-missing.xlsx", FAILED, null);
    new RawXlsx(good).noContentTypes().write(dir.resolve("no-content-types.xlsx"));
    expect("no-content-types.xlsx", FAILED, null);
  }

  private static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

  private static String withDoctype(String xml, String doctype) {
    return xml.replaceFirst("\\?>", "?>" + doctype);
  }

  /**
   * A worksheet part holding {@code lines}; a cell holding {@code find} is written as {@code raw}.
   */
  private static String sheetXml(List<String> lines, String extra, String... replace) {
    StringBuilder x =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\""
                + MAIN_NS
                + "\"><sheetData>");
    int r = 0;
    for (String line : lines) {
      r++;
      x.append("<row r=\"").append(r).append("\">");
      List<String> values = cells(line);
      for (int c = 0; c < values.size(); c++) {
        String v = values.get(c);
        String ref = org.apache.poi.ss.util.CellReference.convertNumToColString(c) + r;
        if (replace.length == 2 && r == 2 && v.equals(replace[0])) {
          x.append(replace[1]);
        } else if (v.matches("[0-9]+") && r > 1) {
          x.append("<c r=\"").append(ref).append("\"><v>").append(v).append("</v></c>");
        } else {
          x.append("<c r=\"")
              .append(ref)
              .append("\" t=\"inlineStr\"><is><t>")
              .append(v.replace("&", "&amp;").replace("<", "&lt;"))
              .append("</t></is></c>");
        }
      }
      x.append("</row>");
    }
    return x.append("</sheetData>").append(extra).append("</worksheet>").toString();
  }

  private static byte[] zeros(int n) {
    return new byte[n];
  }

  /** A part too big to build as a string: written into the zip as it is deflated. */
  private record Streamed(String start, byte[] unit, long bytes, String end) {}

  private static Streamed streamed(String start, char fill, long bytes, String end) {
    return new Streamed(
        start,
        String.valueOf(fill).repeat(1 << 16).getBytes(StandardCharsets.US_ASCII),
        bytes,
        end);
  }

  private static Streamed streamed(String start, String unit, long bytes, String end) {
    return new Streamed(start, unit.repeat(4096).getBytes(StandardCharsets.US_ASCII), bytes, end);
  }

  /** An XLSX written part by part, to hold what no spreadsheet program would write. */
  private static final class RawXlsx {
    private final String sheet;
    private Object sharedStrings;
    private boolean styles = true;
    private boolean macroEnabled;
    private boolean sheetPart = true;
    private boolean contentTypes = true;
    private Charset sheetCharset = StandardCharsets.UTF_8;
    private final List<Map.Entry<String, byte[]>> extra = new ArrayList<>();
    private final List<String> lying = new ArrayList<>();

    RawXlsx(String sheet) {
      this.sheet = sheet;
    }

    RawXlsx noStyles() {
      styles = false;
      return this;
    }

    RawXlsx macroEnabled() {
      macroEnabled = true;
      return this;
    }

    RawXlsx missingSheetPart() {
      sheetPart = false;
      return this;
    }

    RawXlsx noContentTypes() {
      contentTypes = false;
      return this;
    }

    RawXlsx sheetCharset(Charset c) {
      sheetCharset = c;
      return this;
    }

    RawXlsx sharedStrings(Object part) {
      sharedStrings = part;
      return this;
    }

    RawXlsx extraPart(String name, byte[] content) {
      extra.add(Map.entry(name, content));
      return this;
    }

    /** The zip's central directory says {@code part} is 1,000 bytes, whatever it holds. */
    RawXlsx lyingSizes(String part) {
      lying.add(part);
      return this;
    }

    Path write(Path file) throws IOException {
      String main =
          macroEnabled
              ? "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
              : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
      try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
        if (contentTypes) {
          put(
              z,
              "[Content_Types].xml",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                  + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                  + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                  + "<Override PartName=\"/xl/workbook.xml\" ContentType=\""
                  + main
                  + "\"/>"
                  + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                  + (styles
                      ? "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                      : "")
                  + (sharedStrings != null
                      ? "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                      : "")
                  + "</Types>");
        }
        put(
            z,
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        put(
            z,
            "xl/workbook.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\""
                + MAIN_NS
                + "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets><sheet name=\"Return\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        put(
            z,
            "xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                + "</Relationships>");
        if (styles) {
          put(
              z,
              "xl/styles.xml",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\""
                  + MAIN_NS
                  + "\">"
                  + "<cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs></styleSheet>");
        }
        if (sheetPart) {
          z.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
          z.write(sheet.getBytes(sheetCharset));
          z.closeEntry();
        }
        if (sharedStrings instanceof String s) {
          put(z, "xl/sharedStrings.xml", s);
        } else if (sharedStrings instanceof Streamed s) {
          z.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
          z.write(s.start().getBytes(StandardCharsets.UTF_8));
          for (long done = 0; done < s.bytes(); done += s.unit().length) {
            z.write(s.unit());
          }
          z.write(s.end().getBytes(StandardCharsets.UTF_8));
          z.closeEntry();
        }
        for (Map.Entry<String, byte[]> e : extra) {
          z.putNextEntry(new ZipEntry(e.getKey()));
          z.write(e.getValue());
          z.closeEntry();
        }
      }
      for (String part : lying) {
        lie(file, part);
      }
      return file;
    }

    private static void put(ZipOutputStream z, String name, String content) throws IOException {
      z.putNextEntry(new ZipEntry(name));
      z.write(content.getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }

    /**
     * Rewrites the uncompressed size of {@code part} in the central directory and its data
     * descriptor to 1,000 bytes (the CRC stays: readers check it only at the end, too late).
     */
    private static void lie(Path file, String part) throws IOException {
      byte[] zip = Files.readAllBytes(file);
      byte[] name = part.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i + 46 < zip.length; i++) {
        if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 1 && zip[i + 3] == 2) {
          int nameLength = (zip[i + 28] & 0xFF) | (zip[i + 29] & 0xFF) << 8;
          if (nameLength == name.length
              && Arrays.equals(Arrays.copyOfRange(zip, i + 46, i + 46 + nameLength), name)) {
            putInt(zip, i + 24, 1000);
          }
        }
        if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 7 && zip[i + 3] == 8) {
          // A data descriptor: signature, CRC, compressed size, uncompressed size.
          long size = getInt(zip, i + 12);
          if (size > 100_000) {
            putInt(zip, i + 12, 1000);
          }
        }
      }
      Files.write(file, zip);
    }

    private static void putInt(byte[] b, int at, long v) {
      for (int k = 0; k < 4; k++) {
        b[at + k] = (byte) (v >> (8 * k));
      }
    }

    private static long getInt(byte[] b, int at) {
      long v = 0;
      for (int k = 3; k >= 0; k--) {
        v = v << 8 | (b[at + k] & 0xFF);
      }
      return v;
    }
  }

  // ---- legacy XLS -----------------------------------------------------------------------------

  private HSSFWorkbook xls(List<String> lines) {
    HSSFWorkbook wb = new HSSFWorkbook();
    fill(wb.createSheet("Return"), lines);
    return wb;
  }

  private void legacyWorkbooks() throws IOException {
    save(xls(List.of(HEADER, row(operator()))), "good.xls");
    expect("good.xls", ACCEPTED, null);
    String op = operator();
    HSSFWorkbook two = xls(List.of(HEADER, row(op)));
    fill(two.createSheet("Q2"), List.of(HEADER, row(op).replace("2025-Q1", "2025-Q2")));
    save(two, "second-visible-sheet.xls");
    expect("second-visible-sheet.xls", ACCEPTED, "file.other_sheets");
    HSSFWorkbook hidden = xls(List.of(HEADER, row(operator())));
    hidden.createSheet("Old");
    hidden.setSheetHidden(1, true);
    save(hidden, "hidden-sheet.xls");
    expect("hidden-sheet.xls", ACCEPTED, "file.hidden_sheets");
    op = operator();
    HSSFWorkbook merged = xls(List.of(HEADER, row(op), row(op).replace("AS9829", "AS1")));
    merged.getSheetAt(0).addMergedRegion(new CellRangeAddress(1, 2, 0, 0));
    save(merged, "merged-cells.xls");
    expect("merged-cells.xls", ACCEPTED, "file.merged_cells");
    op = operator();
    HSSFWorkbook dated = xls(List.of(HEADER, row(op)));
    HSSFSheet ds = dated.getSheetAt(0);
    HSSFRow r1 = ds.getRow(1);
    org.apache.poi.ss.usermodel.CellStyle date = dated.createCellStyle();
    date.setDataFormat(dated.createDataFormat().getFormat("yyyy-mm-dd"));
    r1.getCell(3).setCellValue(java.time.LocalDateTime.of(2025, 2, 14, 0, 0));
    r1.getCell(3).setCellStyle(date);
    save(dated, "date-cell.xls");
    expect("date-cell.xls", ACCEPTED, null);

    Path macro = save(xls(List.of(HEADER, row(operator()))), "macros.xls");
    addEntries(
        macro,
        root -> {
          try {
            DirectoryEntry vba = root.createDirectory("_VBA_PROJECT_CUR");
            vba.createDocument("PROJECT", new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    expect("macros.xls", FAILED, "file.macro_enabled");
    Path ole = save(xls(List.of(HEADER, row(operator()))), "embedded-object.xls");
    addEntries(
        ole,
        root -> {
          try {
            DirectoryEntry mbd = root.createDirectory("MBD00000001");
            mbd.createDocument("CONTENTS", new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    expect("embedded-object.xls", FAILED, "file.active_content");

    byte[] good = xlsBytes(List.of(HEADER, row(operator())));
    bytes("cut-in-half.xls", Arrays.copyOf(good, good.length / 2));
    expect("cut-in-half.xls", FAILED, null);
    byte[] fat = xlsBytes(List.of(HEADER, row(operator())));
    Arrays.fill(fat, 0x4C, 0x200, (byte) 0xFF); // the header's FAT sector list
    bytes("broken-fat.xls", fat);
    expect("broken-fat.xls", FAILED, null);
    byte[] scrambled = xlsBytes(List.of(HEADER, row(operator())));
    java.util.Random random = new java.util.Random(52);
    for (int i = 0x600; i < scrambled.length; i += 7) {
      scrambled[i] = (byte) random.nextInt();
    }
    bytes("scrambled-records.xls", scrambled);
    expect("scrambled-records.xls", FAILED, null);
    byte[] sectors = xlsBytes(List.of(HEADER, row(operator())));
    putShortLe(sectors, 0x1E, 30); // a sector size of 2^30
    bytes("absurd-sector-size.xls", sectors);
    expect("absurd-sector-size.xls", FAILED, null);

    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      fs.createDocument(
          new java.io.ByteArrayInputStream("not a spreadsheet".getBytes(StandardCharsets.US_ASCII)),
          "WordDocument");
      try (OutputStream out = Files.newOutputStream(dir.resolve("word-document.xls"))) {
        fs.writeFilesystem(out);
      }
    }
    expect("word-document.xls", FAILED, "file.not_a_table");
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      // A BIFF5 BOF record (Excel 5.0/95).
      byte[] bof = {0x09, 0x08, 0x08, 0x00, 0x00, 0x05, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00};
      fs.createDocument(new java.io.ByteArrayInputStream(bof), "Book");
      try (OutputStream out = Files.newOutputStream(dir.resolve("excel-95.xls"))) {
        fs.writeFilesystem(out);
      }
    }
    expect("excel-95.xls", FAILED, "file.not_a_table");
    // An XLSX saved under .xls, and an XLS saved under .xlsx: the content decides.
    save(poiWorkbook(List.of(HEADER, row(operator()))), "really-an-xlsx.xls");
    expect("really-an-xlsx.xls", ACCEPTED, null);
    bytes("really-an-xls.xlsx", xlsBytes(List.of(HEADER, row(operator()))));
    expect("really-an-xls.xlsx", ACCEPTED, null);
  }

  private byte[] xlsBytes(List<String> lines) throws IOException {
    try (HSSFWorkbook wb = xls(lines)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    }
  }

  private static void putShortLe(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >> 8);
  }

  private static void addEntries(Path xls, Consumer<DirectoryEntry> add) throws IOException {
    byte[] rewritten;
    try (POIFSFileSystem fs = new POIFSFileSystem(Files.newInputStream(xls))) {
      add.accept(fs.getRoot());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      fs.writeFilesystem(out);
      rewritten = out.toByteArray();
    }
    Files.write(xls, rewritten);
  }

  // ---- names and entries that are not files -------------------------------------------------

  private void names() throws IOException {
    for (String name :
        new String[] {
          "my return (v2).csv",
          "réponse été 2025.csv",
          "a:colon.csv",
          "percent%20and#hash.csv",
          "semi;colon&amp.csv",
          "new\nline.csv",
          "-starts-with-dash.csv",
          "x".repeat(200) + ".csv",
          "no-extension",
          "UPPER.CSV",
          // deep, in folders whose names are not operator ids (a folder that is one names the
          // sender)
          "sub+/folder+/deep+/inside.csv"
        }) {
      text(name, HEADER + "\n" + row(operator()) + "\n");
      expect(name, ACCEPTED, null);
    }
    Path target = outside.resolve("outside-landing.csv");
    Files.writeString(target, HEADER + "\n" + row(operator()) + "\n");
    Files.createSymbolicLink(dir.resolve("link-to-outside.csv"), target);
    expect("link-to-outside.csv", FAILED, "file.not_regular");
    Files.createSymbolicLink(dir.resolve("dangling-link.csv"), dir.resolve("nothing-here.csv"));
    expect("dangling-link.csv", FAILED, "file.not_regular");
    Path folder = Files.createDirectories(outside.resolve("folder"));
    Files.writeString(folder.resolve("inside.csv"), "TOP-SECRET-CONTENT\n");
    Files.createSymbolicLink(dir.resolve("link-to-folder"), folder);
    expect("link-to-folder", FAILED, "file.not_regular");
    Path pipe = dir.resolve("named-pipe.csv");
    Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
    try {
      if (mkfifo.waitFor() != 0) {
        throw new IOException("mkfifo failed for " + pipe);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    expect("named-pipe.csv", FAILED, "file.not_regular");
  }

  /** CRC-32 of {@code b}, for tests that patch zips. */
  static long crc(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return c.getValue();
  }
}
