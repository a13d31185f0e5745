package org.spamtraffic.intake.template;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.spamtraffic.language.Language;
import org.spamtraffic.output.WrappedText;
import org.spamtraffic.schema.Countries;
import org.spamtraffic.schema.Field;
import org.spamtraffic.schema.FieldKind;
import org.spamtraffic.schema.ReturnFormat;

/**
 * The operator's return template, generated from {@link ReturnFormat} (never a hand-kept column
 * list): an instructions sheet, an operator sheet (who reports, for which period), the data sheet
 * whose header row holds the column labels in the chosen language, and a hidden sheet of code lists
 * that the data sheet's dropdowns read.
 *
 * <p>The data sheet is protected so that the header cannot be changed by accident, while every cell
 * below it stays editable; its header row is frozen. Every coded column has a dropdown (codes shown
 * as labels in the chosen language, which the reader accepts in any language), countries a dropdown
 * of ISO alpha-3 codes (plus {@code unknown} where allowed), measures a whole-number check and a
 * thousands format, and every column an input hint taken from the schema's description.
 */
public final class ReturnTemplate {
  /**
   * Name of the hidden sheet that holds the dropdown lists. File inspection knows it and does not
   * warn about it as a forgotten hidden sheet.
   */
  public static final String LISTS_SHEET = "lists";

  /** Languages the template can be asked for: the six ITU languages. */
  public static final Set<String> LANGUAGES = Set.of("en", "fr", "es", "ar", "zh", "ru");

  /** Data rows that get dropdowns, hints and formats (the sheet itself is not limited). */
  static final int DATA_ROWS = 20_000;

  private final ReturnFormat format;
  private final String language;
  private final TemplateText text;

  private ReturnTemplate(ReturnFormat format, String language) {
    this.format = format;
    this.language = language;
    this.text = TemplateText.of(Language.of(language));
  }

  /**
   * The template in {@code language} (one of {@link #LANGUAGES}); column labels fall back to
   * English where the schema has none in that language, and the instructions say so.
   */
  public static ReturnTemplate of(ReturnFormat format, String language) {
    String lang = language.toLowerCase(Locale.ROOT);
    if (!LANGUAGES.contains(lang)) {
      throw new IllegalArgumentException(
          "Unknown template language '" + language + "'; use one of " + new TreeSet<>(LANGUAGES));
    }
    return new ReturnTemplate(format, lang);
  }

  /** Whether the schema has column labels in the template's language (else English is used). */
  public boolean hasLabels() {
    return format.languages().contains(language);
  }

  /** The name of the data sheet in this language. */
  public String dataSheetName() {
    return text.dataSheet();
  }

  /** Writes the template to {@code file}. */
  public void write(Path file) {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the template to " + file, e);
    }
  }

  /** Writes the template to {@code out} (not closed). */
  public void write(OutputStream out) throws IOException {
    try (XSSFWorkbook wb = build()) {
      wb.write(out);
    }
  }

  /** Builds the workbook in memory (it is small: no data rows). */
  XSSFWorkbook build() {
    XSSFWorkbook wb = new XSSFWorkbook();
    Styles styles = new Styles(wb);
    XSSFSheet instructions = wb.createSheet(text.instructionsSheet());
    XSSFSheet operator = wb.createSheet(text.operatorSheet());
    XSSFSheet data = wb.createSheet(text.dataSheet());
    XSSFSheet lists = wb.createSheet(LISTS_SHEET);
    // Arabic reads right to left: its sheets start at the right edge, as Excel does for Arabic.
    for (XSSFSheet sheet : List.of(instructions, operator, data)) {
      sheet.setRightToLeft(text.language().rightToLeft());
    }
    Map<String, String> listNames = writeLists(wb, lists);
    writeInstructions(instructions, styles);
    writeOperator(operator, styles, listNames);
    writeData(data, styles, listNames);
    lists.protectSheet("");
    wb.setSheetVisibility(wb.getSheetIndex(lists), SheetVisibility.VERY_HIDDEN);
    // The document's language, for spelling checkers and screen readers.
    wb.getProperties()
        .getCoreProperties()
        .getUnderlyingProperties()
        .setLanguageProperty(text.language().tag());
    wb.setActiveSheet(wb.getSheetIndex(data));
    wb.setSelectedTab(wb.getSheetIndex(data));
    return wb;
  }

  /** The label shown for a column's value in the dropdown. */
  private String choice(Field f, String code) {
    return f.codeLabel(code, language);
  }

  /** One column per coded field on the lists sheet, each with a workbook name for dropdowns. */
  private Map<String, String> writeLists(XSSFWorkbook wb, XSSFSheet lists) {
    Map<String, String> names = new java.util.LinkedHashMap<>();
    List<List<String>> columns = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (Field f : format.fields()) {
      if (f.kind() == FieldKind.CODE) {
        List<String> values = new ArrayList<>();
        f.codes().forEach(c -> values.add(choice(f, c)));
        columns.add(values);
        keys.add(f.name());
      }
    }
    List<String> countries = new ArrayList<>(new TreeSet<>(Countries.alpha3()));
    columns.add(countries);
    keys.add("countries");
    List<String> countriesOrUnknown = new ArrayList<>(countries);
    countriesOrUnknown.add(Field.UNKNOWN);
    columns.add(countriesOrUnknown);
    keys.add("countries_or_unknown");
    for (int c = 0; c < columns.size(); c++) {
      List<String> values = columns.get(c);
      for (int r = 0; r < values.size(); r++) {
        Row row = lists.getRow(r) == null ? lists.createRow(r) : lists.getRow(r);
        row.createCell(c).setCellValue(values.get(r));
      }
      String column = org.apache.poi.ss.util.CellReference.convertNumToColString(c);
      Name name = wb.createName();
      name.setNameName("list_" + keys.get(c));
      name.setRefersToFormula(
          "'" + LISTS_SHEET + "'!$" + column + "$1:$" + column + "$" + values.size());
      names.put(keys.get(c), name.getNameName());
    }
    return names;
  }

  private void writeInstructions(XSSFSheet sheet, Styles styles) {
    for (int c = 0; c < INSTRUCTION_WIDTHS.length; c++) {
      sheet.setColumnWidth(c, INSTRUCTION_WIDTHS[c] * 256);
    }
    int last = INSTRUCTION_WIDTHS.length - 1;
    int r = 0;
    // The title and each step run across the sheet's width and wrap there: a text in one cell
    // overflowing to the right (to the left in Arabic) is cut at the print edge.
    acrossTheSheet(sheet, r++, text.get("title"), styles.title, TITLE_POINTS);
    if (!hasLabels()) {
      acrossTheSheet(sheet, r++, text.get("no_labels"), styles.wrapped, TEXT_POINTS);
    }
    r++;
    for (String line : text.steps()) {
      acrossTheSheet(sheet, r++, line, styles.wrapped, TEXT_POINTS);
    }
    r++;
    int headRow = r;
    Row head = sheet.createRow(r++);
    List<String> columns = text.columnTableHeader();
    for (int i = 0; i < columns.size(); i++) {
      head.createCell(i).setCellValue(columns.get(i));
      head.getCell(i).setCellStyle(styles.header);
    }
    fitHeight(sheet, head, TEXT_POINTS);
    // One line per column, so the rules are readable before typing. Each line names one column
    // only, so this sheet is never mistaken for the data sheet by file inspection.
    for (Field f : format.fields()) {
      Row row = sheet.createRow(r++);
      row.createCell(0).setCellValue(f.label(language));
      row.createCell(1).setCellValue(f.required() ? text.get("yes") : text.get("no"));
      row.createCell(2).setCellValue(allowed(f));
      row.createCell(3).setCellValue(text.meaning(f));
      row.createCell(4).setCellValue(f.example());
      for (int i = 0; i < 5; i++) {
        row.getCell(i).setCellStyle(styles.wrapped);
      }
      fitHeight(sheet, row, TEXT_POINTS);
    }
    sheet.getWorkbook().setPrintArea(sheet.getWorkbook().getSheetIndex(sheet), 0, last, 0, r - 1);
    printLayout(sheet, true, 1);
    // The column table's header on every printed page.
    sheet.setRepeatingRows(new CellRangeAddress(headRow, headRow, -1, -1));
  }

  /** Column widths of the instructions sheet, in characters (the column table's five columns). */
  private static final int[] INSTRUCTION_WIDTHS = {40, 10, 45, 80, 22};

  /** Font sizes, in points, of the title and of every other text. */
  private static final float TITLE_POINTS = 14f;

  private static final float TEXT_POINTS = 11f;

  /**
   * {@code value} in row {@code r}, merged across every column of the sheet's width and wrapped,
   * the row as high as its lines.
   */
  private void acrossTheSheet(XSSFSheet sheet, int r, String value, CellStyle style, float points) {
    Row row = sheet.createRow(r);
    row.createCell(0).setCellValue(value);
    row.getCell(0).setCellStyle(style);
    int columns = 0;
    int chars = 0;
    for (int c = 0; sheet.getColumnWidth(c) > 0 && c < INSTRUCTION_WIDTHS.length; c++) {
      chars += sheet.getColumnWidth(c) / 256;
      columns = c;
    }
    if (columns > 0) {
      sheet.addMergedRegion(new CellRangeAddress(r, r, 0, columns));
    }
    row.setHeightInPoints(height(WrappedText.lines(value, usable(chars, points)), points));
  }

  /**
   * Sets {@code row}'s height to what its tallest wrapped cell needs (spreadsheet programs keep a
   * stored height, so without it a long Arabic or Chinese text overlaps the next rows).
   */
  private void fitHeight(XSSFSheet sheet, Row row, float points) {
    int lines = 1;
    for (org.apache.poi.ss.usermodel.Cell c : row) {
      if (c.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING) {
        int chars = sheet.getColumnWidth(c.getColumnIndex()) / 256;
        lines = Math.max(lines, WrappedText.lines(c.getStringCellValue(), usable(chars, points)));
      }
    }
    row.setHeightInPoints(height(lines, points));
  }

  /**
   * The characters that fit on one line of a cell {@code chars} wide in a {@code points} font: a
   * column's width counts characters of the 11-point default font, less a margin on each side.
   */
  private static int usable(int chars, float points) {
    return Math.max(4, (int) ((chars - 2) * 11f / points));
  }

  /**
   * The height of {@code lines} lines: Arabic and Chinese glyphs (Noto Sans Arabic, Noto Sans CJK)
   * stand taller than Latin ones, so their lines are spaced wider.
   */
  private float height(int lines, float points) {
    float spacing = text.language().rightToLeft() || language.equals("zh") ? 1.6f : 1.35f;
    return lines * points * spacing + 4f;
  }

  /**
   * A4, {@code pagesWide} pages across and as many down as needed: printed or saved as PDF, a sheet
   * keeps all its columns legible instead of cutting them at the page's edge.
   */
  private static void printLayout(XSSFSheet sheet, boolean landscape, int pagesWide) {
    sheet.setFitToPage(true);
    sheet.setAutobreaks(true);
    PrintSetup p = sheet.getPrintSetup();
    p.setPaperSize(PrintSetup.A4_PAPERSIZE);
    p.setLandscape(landscape);
    p.setFitWidth((short) pagesWide);
    p.setFitHeight((short) 0);
    sheet.setMargin(org.apache.poi.ss.usermodel.Sheet.LeftMargin, 0.4);
    sheet.setMargin(org.apache.poi.ss.usermodel.Sheet.RightMargin, 0.4);
    sheet.getFooter().setCenter("&P / &N");
  }

  /** What a column accepts, in a few words. */
  private String allowed(Field f) {
    switch (f.kind()) {
      case CODE:
        List<String> choices = new ArrayList<>();
        f.codes().forEach(c -> choices.add(choice(f, c) + " (" + c + ")"));
        return text.get("choose_from") + " " + String.join(", ", choices);
      case COUNTRY:
        return text.get("country_code") + (f.allowsUnknown() ? ", " + Field.UNKNOWN : "");
      case PERIOD:
        return "2025-Q1 … 2025-Q4, 2025-01 … 2025-12";
      case MEASURE:
        return text.get("whole_number");
      case TEXT:
      default:
        return f.example().isEmpty() ? "" : text.get("for_example") + " " + f.example();
    }
  }

  private void writeOperator(XSSFSheet sheet, Styles styles, Map<String, String> lists) {
    // A form, one item per line (never three column labels on one line, so file inspection does
    // not take it for the data sheet).
    List<String> items = new ArrayList<>();
    items.add(format.field("operator_id").label(language));
    items.add(format.field("operator_name").label(language));
    items.add(format.field("reporting_country").label(language));
    items.add(format.field("period").label(language));
    items.addAll(text.contactItems());
    sheet.setColumnWidth(0, 45 * 256);
    sheet.setColumnWidth(1, 45 * 256);
    Row intro = sheet.createRow(0);
    intro.createCell(0).setCellValue(text.get("operator_intro"));
    intro.getCell(0).setCellStyle(styles.title);
    sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 1));
    intro.setHeightInPoints(
        height(
            WrappedText.lines(text.get("operator_intro"), usable(90, TITLE_POINTS)), TITLE_POINTS));
    for (int i = 0; i < items.size(); i++) {
      Row row = sheet.createRow(i + 2);
      row.createCell(0).setCellValue(items.get(i));
      row.getCell(0).setCellStyle(styles.header);
      row.createCell(1).setCellStyle(styles.input);
      fitHeight(sheet, row, TEXT_POINTS);
    }
    DataValidationHelper helper = sheet.getDataValidationHelper();
    DataValidation country =
        helper.createValidation(
            helper.createFormulaListConstraint(lists.get("countries")),
            new CellRangeAddressList(4, 4, 1, 1));
    country.setShowErrorBox(true);
    sheet.addValidationData(country);
    sheet.setDefaultColumnStyle(1, styles.input);
    printLayout(sheet, false, 1);
    sheet.protectSheet("");
  }

  private void writeData(XSSFSheet sheet, Styles styles, Map<String, String> lists) {
    List<Field> fields = format.fields();
    Row header = sheet.createRow(0);
    DataValidationHelper helper = sheet.getDataValidationHelper();
    for (int c = 0; c < fields.size(); c++) {
      Field f = fields.get(c);
      header.createCell(c).setCellValue(f.label(language));
      header.getCell(c).setCellStyle(styles.header);
      int width = WrappedText.displayWidth(f.label(language));
      sheet.setColumnWidth(c, Math.min(60, Math.max(14, width + 4)) * 256);
      CellStyle style = f.kind() == FieldKind.MEASURE ? styles.number : styles.text;
      // New cells take the column's style: unlocked, so operators can type below the header.
      sheet.setDefaultColumnStyle(c, style);
      DataValidation v = helper.createValidation(constraint(helper, f, lists), rows(c));
      v.createPromptBox(truncate(f.label(language), 32), truncate(hint(f), 255));
      v.setShowPromptBox(true);
      v.setShowErrorBox(f.kind() != FieldKind.TEXT && f.kind() != FieldKind.PERIOD);
      v.setErrorStyle(DataValidation.ErrorStyle.STOP);
      v.createErrorBox(truncate(text.get("not_allowed"), 32), truncate(allowed(f), 255));
      v.setEmptyCellAllowed(true);
      sheet.addValidationData(v);
    }
    fitHeight(sheet, header, TEXT_POINTS);
    int total = 0;
    for (int c = 0; c < fields.size(); c++) {
      total += sheet.getColumnWidth(c) / 256;
    }
    // About 150 characters fit across a landscape A4 page at a legible size.
    printLayout(sheet, true, Math.max(1, (total + 149) / 150));
    sheet.setRepeatingRows(new CellRangeAddress(0, 0, -1, -1));
    sheet.createFreezePane(0, 1);
    sheet.setAutoFilter(new org.apache.poi.ss.util.CellRangeAddress(0, 0, 0, fields.size() - 1));
    sheet.protectSheet("");
    // Protection guards the header; everything an operator does with data stays allowed.
    sheet.lockFormatCells(false);
    sheet.lockFormatColumns(false);
    sheet.lockFormatRows(false);
    sheet.lockInsertRows(false);
    sheet.lockDeleteRows(false);
    sheet.lockSort(false);
    sheet.lockAutoFilter(false);
    sheet.lockSelectLockedCells(false);
    sheet.lockSelectUnlockedCells(false);
  }

  private DataValidationConstraint constraint(
      DataValidationHelper helper, Field f, Map<String, String> lists) {
    switch (f.kind()) {
      case CODE:
        return helper.createFormulaListConstraint(lists.get(f.name()));
      case COUNTRY:
        return helper.createFormulaListConstraint(
            lists.get(f.allowsUnknown() ? "countries_or_unknown" : "countries"));
      case MEASURE:
        return helper.createIntegerConstraint(
            DataValidationConstraint.OperatorType.GREATER_OR_EQUAL, "0", null);
      case PERIOD:
      case TEXT:
      default:
        // Any value: the constraint only carries the input hint.
        return helper.createCustomConstraint("TRUE");
    }
  }

  private String hint(Field f) {
    String allowed = allowed(f);
    return allowed.isEmpty() ? text.meaning(f) : allowed + ". " + text.meaning(f);
  }

  private static CellRangeAddressList rows(int column) {
    return new CellRangeAddressList(1, DATA_ROWS, column, column);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** The few cell styles of the template. */
  private static final class Styles {
    final CellStyle title;
    final CellStyle header;
    final CellStyle wrapped;
    final CellStyle text;
    final CellStyle number;
    final CellStyle input;

    Styles(XSSFWorkbook wb) {
      Font bold = wb.createFont();
      bold.setBold(true);
      Font big = wb.createFont();
      big.setBold(true);
      big.setFontHeightInPoints((short) 14);
      title = wb.createCellStyle();
      title.setFont(big);
      title.setWrapText(true);
      title.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
      header = wb.createCellStyle();
      header.setFont(bold);
      header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      header.setBorderBottom(BorderStyle.THIN);
      header.setWrapText(true);
      header.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
      header.setLocked(true);
      wrapped = wb.createCellStyle();
      wrapped.setWrapText(true);
      wrapped.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
      // Text format: Excel must not turn 2025-03 into a date or drop a code's leading zero.
      text = wb.createCellStyle();
      text.setDataFormat(wb.createDataFormat().getFormat("@"));
      text.setLocked(false);
      number = wb.createCellStyle();
      number.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
      number.setLocked(false);
      input = wb.createCellStyle();
      input.setDataFormat(wb.createDataFormat().getFormat("@"));
      input.setLocked(false);
      input.setBorderBottom(BorderStyle.THIN);
    }
  }
}
