package org.spamtraffic.survey.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.Questionnaire;
import org.spamtraffic.survey.response.CheckedSubmission;
import org.spamtraffic.survey.response.Finding;
import org.spamtraffic.survey.response.SourceFormat;
import org.spamtraffic.survey.response.SurveyIntake;

class OfflineFormTest {
  private static final Form FORM = Questionnaire.form();

  private static byte[] blank(String language, String country) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OfflineForm.write(FORM, new OfflineForm.Options(language, country, "id-" + country), out);
    return out.toByteArray();
  }

  @Test
  void writesOneRowPerAnswerWithDropdownsFromTheChoiceLists() throws Exception {
    try (XSSFWorkbook wb =
        new XSSFWorkbook(new ByteArrayInputStream(blank("Français (fr)", "SEN")))) {
      XSSFSheet sheet = wb.getSheet("questionnaire");
      Map<String, Row> rows = rowsByName(sheet);
      assertThat(rows.get("_uuid").getCell(2).getStringCellValue()).isEqualTo("id-SEN");
      assertThat(rows.get("country").getCell(2).getStringCellValue()).isEqualTo("Sénégal (le)");
      assertThat(rows.get("has_antispam_law").getCell(1).getStringCellValue())
          .isEqualTo("20. Une loi anti-spam est-elle en vigueur ? *");
      // Skip logic in words, with the question number and the choice label, never the raw XPath.
      assertThat(rows.get("law_regime").getCell(3).getStringCellValue())
          .endsWith("Répondre seulement si vous avez répondu « Oui » à la question 20.");
      assertThat(rows.get("trend_email").getCell(3).getStringCellValue())
          .endsWith(
              "Répondre seulement si votre réponse à la question 6 n'est ni « Aucun » ni « Ne sait"
                  + " pas ».");
      assertThat(rows.get("investment_currency").getCell(3).getStringCellValue())
          .contains("vous avez répondu à la question 46 ou vous avez répondu à la question 47");
      // The repeat: three entries of its questions, rows named repeat[n]/question.
      assertThat(rows)
          .containsKeys(
              "bilateral_agreement[1]/partner_country",
              "bilateral_agreement[3]/agreement_scope/sms");
      // Printing: A4 landscape, one page wide, the header row on every page; text wraps.
      assertThat(sheet.getPrintSetup().getLandscape()).isTrue();
      assertThat(sheet.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
      assertThat(sheet.getRepeatingRows().formatAsString()).isEqualTo("1:1");
      assertThat(rows.get("law_regime").getCell(3).getCellStyle().getWrapText()).isTrue();
      assertThat(rows)
          .containsKeys("technical_measures/filtering", "main_routes/other", "role_other");
      assertThat(wb.isSheetHidden(wb.getSheetIndex("lists"))).isTrue();
      int lawRow = rows.get("has_antispam_law").getRowNum();
      DataValidation law =
          sheet.getDataValidations().stream()
              .filter(v -> v.getRegions().getCellRangeAddress(0).getFirstRow() == lawRow)
              .findFirst()
              .orElseThrow();
      String range = law.getValidationConstraint().getFormula1();
      assertThat(range).startsWith("lists!$");
      // The dropdown's list holds the French labels of yes_no.
      String column = range.substring(7, range.indexOf('$', 7));
      int col = org.apache.poi.ss.util.CellReference.convertColStringToIndex(column);
      Sheet lists = wb.getSheet("lists");
      assertThat(
              List.of(
                  lists.getRow(0).getCell(col).getStringCellValue(),
                  lists.getRow(1).getCell(col).getStringCellValue(),
                  lists.getRow(2).getCell(col).getStringCellValue()))
          .containsExactly("Oui", "Non", "Ne sait pas");
    }
  }

  @Test
  void aFilledFormReadsBackThroughTheIntake() throws Exception {
    byte[] filled;
    try (XSSFWorkbook wb =
        new XSSFWorkbook(new ByteArrayInputStream(blank("Français (fr)", "SEN")))) {
      Map<String, Row> rows = rowsByName(wb.getSheet("questionnaire"));
      rows.get("_submission_time").getCell(2).setCellValue("2026-03-20");
      rows.get("organisation").getCell(2).setCellValue("ARTP");
      rows.get("has_antispam_law").getCell(2).setCellValue("Oui");
      rows.get("law_regime").getCell(2).setCellValue("Opt-in (consentement préalable)");
      rows.get("law_year").getCell(2).setCellValue(2008d);
      rows.get("technical_measures/filtering").getCell(2).setCellValue("x");
      rows.get("technical_measures/feedback").getCell(2).setCellValue("X");
      rows.get("mobile_subscriptions").getCell(2).setCellValue("vingt millions");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      filled = out.toByteArray();
    }
    SurveyIntake.Batch batch =
        new SurveyIntake(FORM, "country")
            .run(List.of(new SurveyIntake.InputFile("SEN.xlsx", filled)));
    assertThat(batch.fileFindings()).isEmpty();
    CheckedSubmission s = batch.submissions().get(0);
    assertThat(s.raw().format()).isEqualTo(SourceFormat.OFFLINE_FORM);
    assertThat(s.id()).isEqualTo("id-SEN");
    assertThat(s.accepted()).isTrue();
    assertThat(s.countryCode()).isEqualTo("SEN");
    assertThat(s.submittedAt()).hasToString("2026-03-20T00:00:00Z");
    assertThat(s.answer("law_regime").orElseThrow().value()).isEqualTo("opt_in");
    assertThat(s.answer("law_year").orElseThrow().value()).isEqualTo("2008");
    assertThat(s.answer("technical_measures").orElseThrow().choices())
        .containsExactly("filtering", "feedback");
    Finding wrong =
        s.findings().stream()
            .filter(f -> f.question().equals("mobile_subscriptions"))
            .findFirst()
            .orElseThrow();
    assertThat(wrong.rule()).isEqualTo(Finding.Rule.WRONG_TYPE);
    assertThat(wrong.sheet()).isEqualTo("questionnaire");
    assertThat(wrong.row()).isEqualTo(rowsByNameRowNumber(filled, "mobile_subscriptions"));
    // Required questions left empty are named, with the row to fill in.
    assertThat(s.findings())
        .filteredOn(f -> f.rule().equals(Finding.Rule.REQUIRED))
        .extracting(Finding::question)
        .contains("volume_email", "has_national_contact_point", "has_enforcement_authority");
  }

  @Test
  void refusesALanguageTheFormDoesNotHave() {
    assertThatThrownBy(() -> blank("Deutsch (de)", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "The form has no labels in 'Deutsch (de)' (it has [English (en), Français (fr)");
  }

  private static Map<String, Row> rowsByName(Sheet sheet) {
    Map<String, Row> rows = new HashMap<>();
    for (Row r : sheet) {
      if (r.getCell(0) != null && !r.getCell(0).getStringCellValue().isEmpty()) {
        rows.put(r.getCell(0).getStringCellValue(), r);
      }
    }
    return rows;
  }

  private static int rowsByNameRowNumber(byte[] workbook, String name) throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
      return rowsByName(wb.getSheet("questionnaire")).get(name).getRowNum() + 1;
    }
  }
}
