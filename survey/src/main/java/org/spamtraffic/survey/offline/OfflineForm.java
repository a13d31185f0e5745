package org.spamtraffic.survey.offline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.spamtraffic.survey.form.Choice;
import org.spamtraffic.survey.form.ChoiceList;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.Group;
import org.spamtraffic.survey.form.Question;
import org.spamtraffic.survey.form.QuestionType;
import org.spamtraffic.survey.response.ResponseFile;

/**
 * The fillable Excel form of a questionnaire, for countries that answer offline: one workbook per
 * country, one answer per row, dropdowns from the choice lists, labels in one language.
 *
 * <p>Layout of sheet {@code questionnaire}: column A {@code name} (what {@code ingest-survey}
 * reads; do not change), B {@code question}, C {@code answer}, D {@code guidance}. A select_one
 * answers from a dropdown of labels; a select_multiple has one row per option ({@code
 * question/option}), marked {@code x}; the first rows hold the form id, the version, the language,
 * a submission id and the answer date. The dropdown lists live on a hidden sheet {@code lists}.
 */
public final class OfflineForm {
  private static final String TICK = "x";

  private OfflineForm() {}

  /**
   * Options.
   *
   * @param language the label language, as in the form's columns
   * @param country ISO alpha-3 code to fill in, or null to leave the country to the respondent
   * @param submissionId the id written in the form (a new UUID when null)
   */
  public record Options(String language, String country, String submissionId) {}

  /** Writes the offline form of {@code form} to {@code out} (which stays open). */
  public static void write(Form form, Options options, OutputStream out) {
    if (!form.languages().contains(options.language())) {
      throw new IllegalArgumentException(
          "The form has no labels in '"
              + options.language()
              + "' (it has "
              + form.languages()
              + ")");
    }
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      new Writer(form, options, wb).write();
      wb.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the offline form", e);
    }
  }

  private static final class Writer {
    private final Form form;
    private final Options options;
    private final String lang;
    private final XSSFWorkbook wb;
    private final XSSFSheet sheet;
    private final XSSFSheet lists;
    private final Map<String, String> listRanges = new LinkedHashMap<>();
    private final CellStyle heading;
    private final CellStyle answer;
    private final CellStyle locked;
    private final CellStyle wrap;
    private int next = 1;

    Writer(Form form, Options options, XSSFWorkbook wb) {
      this.form = form;
      this.options = options;
      this.lang = options.language();
      this.wb = wb;
      this.sheet = wb.createSheet(ResponseFile.OFFLINE_SHEET);
      this.lists = wb.createSheet("lists");
      Font bold = wb.createFont();
      bold.setBold(true);
      heading = wb.createCellStyle();
      heading.setFont(bold);
      heading.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      heading.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      answer = wb.createCellStyle();
      answer.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
      answer.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      answer.setBorderBottom(BorderStyle.THIN);
      answer.setWrapText(true);
      locked = wb.createCellStyle();
      Font grey = wb.createFont();
      grey.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
      locked.setFont(grey);
      wrap = wb.createCellStyle();
      wrap.setWrapText(true);
    }

    void write() {
      Row header = sheet.createRow(0);
      String[] titles = {"name", "question", "answer", "guidance"};
      for (int i = 0; i < titles.length; i++) {
        header.createCell(i).setCellValue(titles[i]);
        header.getCell(i).setCellStyle(heading);
      }
      meta("_form_id", "Questionnaire (do not change)", form.id());
      meta("_form_version", "Version (do not change)", form.version());
      meta("_language", "Language", lang);
      meta(
          "_uuid",
          "Answer identifier (do not change)",
          options.submissionId() != null ? options.submissionId() : UUID.randomUUID().toString());
      row(
          "_submission_time",
          text("Date of this answer (YYYY-MM-DD) *", "Date de cette réponse (AAAA-MM-JJ) *"),
          "",
          text(
              "Required: the later answer of a country replaces an earlier one",
              "Obligatoire : la réponse la plus récente d'un pays remplace la précédente"));
      String title = form.title().isBlank() ? form.id() : form.title();
      sheet.createRow(next++).createCell(1).setCellValue(title);

      List<Group> openGroups = new ArrayList<>();
      for (Question q : form.questions()) {
        if (q.repeat() != null || q.type() == QuestionType.METADATA) {
          continue;
        }
        for (Group g : q.groups()) {
          if (!openGroups.contains(g)) {
            openGroups.add(g);
            Row r = sheet.createRow(next++);
            r.createCell(1).setCellValue(label(g.labels(), g.name()));
            r.getCell(1).setCellStyle(heading);
          }
        }
        question(q);
      }
      sheet.setColumnWidth(0, 34 * 256);
      sheet.setColumnWidth(1, 70 * 256);
      sheet.setColumnWidth(2, 30 * 256);
      sheet.setColumnWidth(3, 60 * 256);
      sheet.createFreezePane(0, 1);
      wb.setSheetHidden(wb.getSheetIndex(lists), true);
    }

    private void meta(String name, String label, String value) {
      row(name, label, value, "");
      sheet.getRow(next - 1).getCell(2).setCellStyle(locked);
    }

    private int row(String name, String label, String value, String guidance) {
      Row r = sheet.createRow(next++);
      r.createCell(0).setCellValue(name);
      r.getCell(0).setCellStyle(locked);
      r.createCell(1).setCellValue(label);
      r.getCell(1).setCellStyle(wrap);
      r.createCell(2).setCellStyle(answer);
      if (value != null && !value.isEmpty()) {
        r.getCell(2).setCellValue(value);
      }
      r.createCell(3).setCellValue(guidance);
      r.getCell(3).setCellStyle(wrap);
      return r.getRowNum();
    }

    private void question(Question q) {
      String label = q.label(lang) + (q.required() != null ? " *" : "");
      List<String> guidance = new ArrayList<>();
      Optional.ofNullable(q.hints().get(lang)).ifPresent(guidance::add);
      if (q.relevant() != null) {
        guidance.add(text("Answer only if: ", "Répondre seulement si : ") + q.relevant().text());
      }
      Optional.ofNullable(q.constraintMessages().get(lang)).ifPresent(guidance::add);
      switch (q.type()) {
        case NOTE:
          {
            Row r = sheet.createRow(next++);
            r.createCell(1).setCellValue(q.label(lang));
            r.getCell(1).setCellStyle(wrap);
            return;
          }
        case SELECT_ONE:
          {
            String value = null;
            if (q.name().equals("country") && options.country() != null) {
              value =
                  form.choices(q)
                      .choice(options.country())
                      .map(c -> c.label(lang))
                      .orElseThrow(
                          () ->
                              new IllegalArgumentException(
                                  "Country '"
                                      + options.country()
                                      + "' is not in the country list of the form"));
            }
            guidance.add(0, text("Choose from the list", "Choisir dans la liste"));
            int r = row(q.name(), label, value, String.join(". ", guidance));
            listValidation(r, q);
            return;
          }
        case SELECT_MULTIPLE:
          {
            guidance.add(
                0,
                text(
                    "Put x against every option that applies",
                    "Mettre x en face de chaque option applicable"));
            Row head = sheet.createRow(next++);
            head.createCell(1).setCellValue(label);
            head.getCell(1).setCellStyle(wrap);
            head.createCell(3).setCellValue(String.join(". ", guidance));
            head.getCell(3).setCellStyle(wrap);
            List<Choice> choices = new ArrayList<>(form.choices(q).choices());
            for (Choice c : choices) {
              int r = row(q.name() + "/" + c.name(), "    " + c.label(lang), "", "");
              tickValidation(r);
            }
            if (q.orOther()) {
              int r = row(q.name() + "/other", "    " + text("Other", "Autre"), "", "");
              tickValidation(r);
            }
            return;
          }
        case INTEGER:
          guidance.add(0, text("A whole number", "Un nombre entier"));
          break;
        case DECIMAL:
          guidance.add(0, text("A number", "Un nombre"));
          break;
        case DATE:
          guidance.add(0, "YYYY-MM-DD");
          break;
        default:
          break;
      }
      int r = row(q.name(), label, "", String.join(". ", guidance));
      if (q.type() == QuestionType.INTEGER || q.type() == QuestionType.DECIMAL) {
        numberValidation(r, q.type() == QuestionType.INTEGER);
      }
    }

    private String text(String en, String fr) {
      return lang.toLowerCase(java.util.Locale.ROOT).contains("fr") ? fr : en;
    }

    private String label(Map<String, String> labels, String fallback) {
      String l = labels.get(lang);
      return l != null ? l : labels.values().stream().findFirst().orElse(fallback);
    }

    private String range(Question q) {
      ChoiceList list = form.choices(q);
      String key = list.name() + (q.orOther() ? "+other" : "");
      return listRanges.computeIfAbsent(
          key,
          k -> {
            int column = listRanges.size();
            List<String> labels = new ArrayList<>();
            list.choices().forEach(c -> labels.add(c.label(lang)));
            if (q.orOther()) {
              labels.add(text("Other", "Autre"));
            }
            for (int i = 0; i < labels.size(); i++) {
              Row r = lists.getRow(i) != null ? lists.getRow(i) : lists.createRow(i);
              r.createCell(column).setCellValue(labels.get(i));
            }
            String letter = org.apache.poi.ss.util.CellReference.convertNumToColString(column);
            return "lists!$" + letter + "$1:$" + letter + "$" + labels.size();
          });
    }

    private void listValidation(int row, Question q) {
      DataValidationHelper h = sheet.getDataValidationHelper();
      DataValidationConstraint c = h.createFormulaListConstraint(range(q));
      add(
          h.createValidation(c, new CellRangeAddressList(row, row, 2, 2)),
          text("Choose from the list", "Choisir dans la liste"));
    }

    private void tickValidation(int row) {
      DataValidationHelper h = sheet.getDataValidationHelper();
      DataValidationConstraint c = h.createExplicitListConstraint(new String[] {TICK});
      add(
          h.createValidation(c, new CellRangeAddressList(row, row, 2, 2)),
          text("x or nothing", "x ou rien"));
    }

    private void numberValidation(int row, boolean whole) {
      DataValidationHelper h = sheet.getDataValidationHelper();
      DataValidationConstraint c =
          whole
              ? h.createIntegerConstraint(
                  DataValidationConstraint.OperatorType.GREATER_OR_EQUAL, "0", null)
              : h.createDecimalConstraint(
                  DataValidationConstraint.OperatorType.GREATER_OR_EQUAL, "0", null);
      add(
          h.createValidation(c, new CellRangeAddressList(row, row, 2, 2)),
          whole
              ? text("A whole number, zero or more", "Un nombre entier, zéro ou plus")
              : text("A number, zero or more", "Un nombre, zéro ou plus"));
    }

    private void add(DataValidation v, String message) {
      v.setShowErrorBox(true);
      v.createErrorBox("spamtraffic", message);
      v.setSuppressDropDownArrow(true);
      sheet.addValidationData(v);
    }
  }
}
