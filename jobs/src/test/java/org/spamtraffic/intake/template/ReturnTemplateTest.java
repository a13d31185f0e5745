package org.spamtraffic.intake.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spamtraffic.schema.Field;
import org.spamtraffic.schema.FieldKind;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.validate.Finding;
import org.spamtraffic.validate.ReturnValidator;
import org.spamtraffic.validate.ValidationReport;

/** The template is generated from the schema, and a filled-in template passes the checks. */
class ReturnTemplateTest {
  @TempDir Path temp;

  private static final ReturnFormat FORMAT = ReturnFormat.v1();

  /** Values as an operator types them, in schema column order (labels for coded columns). */
  private static List<Object> row(String language, String network, String category) {
    List<Object> values = new ArrayList<>();
    for (Field f : FORMAT.fields()) {
      switch (f.name()) {
        case "operator_id" -> values.add("KE-TEMPLATE");
        case "operator_name" -> values.add("Template Mobile");
        case "reporting_country", "destination_country" -> values.add("KEN");
        case "period" -> values.add("2025-Q2");
        case "spam_type" -> values.add(f.codeLabel("sms", language));
        case "content_category" -> values.add(f.codeLabel(category, language));
        case "source_country" -> values.add("unknown");
        case "source_network" -> values.add(network);
        case "entry_route" -> values.add(f.codeLabel("international_gateway", language));
        case "service_size" -> values.add(1_000_000d);
        case "total_traffic" -> values.add(90_000_000d);
        case "spam_detected" -> values.add(50_000d);
        case "spam_blocked" -> values.add(45_000d);
        case "spam_delivered" -> values.add(5_000d);
        case "user_reports" -> values.add(120d);
        default -> values.add(null);
      }
    }
    return values;
  }

  /** Opens the template with POI and types rows under the header, as an operator would. */
  private Path fill(String language, List<List<Object>> rows) throws Exception {
    Path template = temp.resolve("template-" + language + ".xlsx");
    ReturnTemplate.of(FORMAT, language).write(template);
    Path filled = temp.resolve("filled-" + language + ".xlsx");
    try (InputStream in = Files.newInputStream(template);
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet data = wb.getSheet(ReturnTemplate.of(FORMAT, language).dataSheetName());
      for (int r = 0; r < rows.size(); r++) {
        Row row = data.createRow(r + 1);
        List<Object> values = rows.get(r);
        for (int c = 0; c < values.size(); c++) {
          Object v = values.get(c);
          if (v instanceof Double d) {
            row.createCell(c).setCellValue(d);
          } else if (v != null) {
            row.createCell(c).setCellValue((String) v);
          }
        }
      }
      try (OutputStream out = Files.newOutputStream(filled)) {
        wb.write(out);
      }
    }
    return filled;
  }

  private static ValidationReport validate(Path file) {
    return new ReturnValidator(new Configuration(), ReturnValidator.Options.DEFAULT)
        .validate(file.toString());
  }

  @Test
  void aFilledEnglishTemplateIsAcceptedWithoutAnyFinding() throws Exception {
    Path filled =
        fill("en", List.of(row("en", "AS9829", "phishing"), row("en", "404-45", "fraud_scam")));
    ValidationReport report = validate(filled);
    assertThat(report.findings()).isEmpty();
    assertThat(report.rowsRead()).isEqualTo(2);
    assertThat(report.rowsAccepted()).isEqualTo(2);
    assertThat(report.file().sheet()).isEqualTo("Return");
  }

  @Test
  void aFilledFrenchTemplateIsReadBackThroughItsFrenchLabels() throws Exception {
    Path filled = fill("fr", List.of(row("fr", "AS9829", "phishing")));
    ValidationReport report = validate(filled);
    assertThat(report.findings()).isEmpty();
    assertThat(report.rowsAccepted()).isEqualTo(1);
    assertThat(report.file().sheet()).isEqualTo("Déclaration");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"es", "ar", "zh", "ru"})
  void aFilledTemplateInEachLanguageIsReadBackThroughItsLabels(String language) throws Exception {
    Path filled = fill(language, List.of(row(language, "AS9829", "phishing")));
    ValidationReport report = validate(filled);
    assertThat(report.findings()).isEmpty();
    assertThat(report.rowsAccepted()).isEqualTo(1);
    assertThat(report.file().sheet())
        .isEqualTo(ReturnTemplate.of(FORMAT, language).dataSheetName());
  }

  @Test
  void aBadValueInTheTemplateIsFoundAtItsRowAndColumn() throws Exception {
    List<Object> bad = row("en", "AS9829", "phishing");
    bad.set(FORMAT.fields().indexOf(FORMAT.field("source_network")), "somewhere");
    Path filled = fill("en", List.of(row("en", "AS9829", "phishing"), bad));
    ValidationReport report = validate(filled);
    assertThat(report.rowsRejected()).isEqualTo(1);
    assertThat(report.findings())
        .extracting(Finding::row, Finding::column, Finding::rule, Finding::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, "source_network", "pattern", "somewhere"));
  }

  @Test
  void everyColumnHasItsLabelAHintAndCodedColumnsADropdown() throws Exception {
    ReturnTemplate template = ReturnTemplate.of(FORMAT, "fr");
    try (XSSFWorkbook wb = template.build()) {
      XSSFSheet data = wb.getSheet("Déclaration");
      List<Field> fields = FORMAT.fields();
      for (int c = 0; c < fields.size(); c++) {
        assertThat(data.getRow(0).getCell(c).getStringCellValue())
            .isEqualTo(fields.get(c).label("fr"));
        assertThat(data.getRow(0).getCell(c).getCellStyle().getLocked()).isTrue();
        assertThat(data.getColumnStyle(c).getLocked()).as("cells below the header").isFalse();
      }
      assertThat(data.getProtect()).isTrue();
      assertThat(data.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
      List<? extends DataValidation> validations = data.getDataValidations();
      assertThat(validations).hasSize(fields.size());
      for (DataValidation v : validations) {
        int column = v.getRegions().getCellRangeAddress(0).getFirstColumn();
        Field f = fields.get(column);
        assertThat(v.getPromptBoxText()).as(f.name()).isNotBlank();
        if (f.kind() == FieldKind.CODE || f.kind() == FieldKind.COUNTRY) {
          String list = v.getValidationConstraint().getFormula1();
          assertThat(list).startsWith("list_");
          // The named range holds exactly the field's codes (as French labels) or the countries.
          var name = wb.getName(list);
          var ref =
              new org.apache.poi.ss.util.AreaReference(
                  name.getRefersToFormula(), org.apache.poi.ss.SpreadsheetVersion.EXCEL2007);
          List<String> values = new ArrayList<>();
          for (var cell : ref.getAllReferencedCells()) {
            values.add(
                wb.getSheet(cell.getSheetName())
                    .getRow(cell.getRow())
                    .getCell(cell.getCol())
                    .getStringCellValue());
          }
          if (f.kind() == FieldKind.CODE) {
            assertThat(values)
                .containsExactlyElementsOf(
                    f.codes().stream().map(code -> f.codeLabel(code, "fr")).toList());
          } else {
            assertThat(values).contains("KEN", "FRA");
            assertThat(values.contains(Field.UNKNOWN)).as(f.name()).isEqualTo(f.allowsUnknown());
          }
        }
      }
      assertThat(wb.isSheetVeryHidden(wb.getSheetIndex(ReturnTemplate.LISTS_SHEET))).isTrue();
    }
  }

  @Test
  void everyLanguageHasItsOwnLabelsSheetsAndInstructions() throws Exception {
    for (String lang : ReturnTemplate.LANGUAGES) {
      assertThat(ReturnTemplate.of(FORMAT, lang).hasLabels()).as(lang).isTrue();
    }
    ReturnTemplate ru = ReturnTemplate.of(FORMAT, "ru");
    try (XSSFWorkbook wb = ru.build()) {
      assertThat(wb.getSheetName(0)).isEqualTo("Инструкции");
      XSSFSheet data = wb.getSheet("Отчёт");
      assertThat(data.getRow(0).getCell(0).getStringCellValue())
          .isEqualTo("Идентификатор оператора");
      assertThat(data.isRightToLeft()).isFalse();
      assertThat(wb.getSheet("Инструкции").getRow(0).getCell(0).getStringCellValue())
          .isEqualTo("Отчёт о спам-трафике (МСЭ, Резолюция 52 ВАСЭ)");
      assertThat(
              wb.getProperties()
                  .getCoreProperties()
                  .getUnderlyingProperties()
                  .getLanguageProperty()
                  .orElse(""))
          .isEqualTo("ru");
    }
    try (XSSFWorkbook wb = ReturnTemplate.of(FORMAT, "ar").build()) {
      XSSFSheet data = wb.getSheet("الإقرار");
      assertThat(data.isRightToLeft()).isTrue();
      assertThat(data.getRow(0).getCell(0).getStringCellValue()).isEqualTo("معرّف المشغّل");
      assertThat(wb.getSheet("التعليمات").isRightToLeft()).isTrue();
      // The dropdown of spam types reads in Arabic; the reader takes the label back as its code.
      XSSFSheet lists = wb.getSheet(ReturnTemplate.LISTS_SHEET);
      assertThat(lists.getRow(0).getCell(0).getStringCellValue()).isEqualTo("البريد الإلكتروني");
    }
    try (XSSFWorkbook wb = ReturnTemplate.of(FORMAT, "zh").build()) {
      assertThat(wb.getSheet("申报").getRow(0).getCell(0).getStringCellValue()).isEqualTo("运营商标识");
    }
  }

  /**
   * Printed (or saved as PDF), no text is cut at the page's edge and no wrapped text runs into the
   * next row: each visible sheet fits the page's width, the instructions' title and steps wrap
   * across the column table's width, every row is at least as tall as its wrapped lines, and the
   * header rows repeat on every page.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ar", "zh", "en", "fr", "es", "ru"})
  void theTemplatePrintsWithinThePageWithRowsTallEnoughForTheirText(String language)
      throws Exception {
    ReturnTemplate template = ReturnTemplate.of(FORMAT, language);
    try (XSSFWorkbook wb = template.build()) {
      XSSFSheet instructions = wb.getSheetAt(0);
      XSSFSheet operator = wb.getSheetAt(1);
      XSSFSheet data = wb.getSheet(template.dataSheetName());
      for (XSSFSheet sheet : List.of(instructions, operator, data)) {
        assertThat(sheet.getFitToPage()).as(sheet.getSheetName()).isTrue();
        assertThat(sheet.getPrintSetup().getFitHeight()).as(sheet.getSheetName()).isZero();
        assertThat(sheet.getPrintSetup().getPaperSize())
            .isEqualTo(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE);
        for (Row row : sheet) {
          assertThat(row.getHeightInPoints())
              .as("%s row %d: %s", sheet.getSheetName(), row.getRowNum() + 1, longest(row))
              .isGreaterThanOrEqualTo(neededHeight(sheet, row));
        }
      }
      assertThat(instructions.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
      assertThat(instructions.getPrintSetup().getLandscape()).isTrue();
      assertThat(wb.getPrintArea(0)).contains("$A$1:$E$");
      assertThat(operator.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
      assertThat(data.getPrintSetup().getFitWidth()).isPositive();
      assertThat(instructions.getRepeatingRows()).isNotNull();
      assertThat(data.getRepeatingRows()).isNotNull();
      // The title and every step wrap across the five columns of the column table.
      Cell title = instructions.getRow(0).getCell(0);
      assertThat(title.getCellStyle().getWrapText()).isTrue();
      assertThat(instructions.getMergedRegions())
          .anySatisfy(m -> assertThat(m.formatAsString()).isEqualTo("A1:E1"));
      Row lastStep = instructions.getRow(7);
      assertThat(lastStep.getCell(0).getStringCellValue()).startsWith("6");
      assertThat(lastStep.getCell(0).getCellStyle().getWrapText()).isTrue();
    }
  }

  /** The cell of {@code row} with the longest text, for the failure message. */
  private static String longest(Row row) {
    String out = "";
    for (Cell c : row) {
      if (c.getCellType() == CellType.STRING && c.getStringCellValue().length() > out.length()) {
        out = c.getStringCellValue();
      }
    }
    return out;
  }

  /**
   * A lower bound of the height {@code row}'s wrapped text needs: its lines at 1.2 times the font
   * size, a line holding at most as many characters as the cell (or merged cells) is wide, a
   * Chinese character counting as two.
   */
  private static float neededHeight(XSSFSheet sheet, Row row) {
    float needed = 0;
    for (Cell c : row) {
      if (c.getCellType() != CellType.STRING || !c.getCellStyle().getWrapText()) {
        continue;
      }
      int chars = sheet.getColumnWidth(c.getColumnIndex()) / 256;
      for (org.apache.poi.ss.util.CellRangeAddress m : sheet.getMergedRegions()) {
        if (m.isInRange(c)) {
          chars = 0;
          for (int col = m.getFirstColumn(); col <= m.getLastColumn(); col++) {
            chars += sheet.getColumnWidth(col) / 256;
          }
        }
      }
      int width =
          c.getStringCellValue()
              .codePoints()
              .map(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN ? 2 : 1)
              .sum();
      int lines = (width + chars - 1) / chars;
      short points =
          sheet.getWorkbook().getFontAt(c.getCellStyle().getFontIndex()).getFontHeightInPoints();
      needed = Math.max(needed, lines * points * 1.2f);
    }
    return needed;
  }

  @Test
  void anUnknownLanguageIsRefusedByName() {
    assertThatThrownBy(() -> ReturnTemplate.of(FORMAT, "de"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown template language 'de'; use one of [ar, en, es, fr, ru, zh]");
  }
}
