package org.spamtraffic.survey.offline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.spamtraffic.language.Catalogue;
import org.spamtraffic.language.Language;
import org.spamtraffic.survey.expr.Expression;
import org.spamtraffic.survey.expr.Words;
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
 * reads; do not change), B {@code question} (numbered), C {@code answer}, D {@code guidance}. A
 * select_one answers from a dropdown of labels; a select_multiple has one row per option ({@code
 * question/option}), marked {@code x}; a repeat gets {@link #REPEAT_ENTRIES} entries whose rows are
 * named {@code repeat[n]/question}. Skip logic is said in words ("Answer only if you answered 'Yes'
 * to question 12"). The first rows hold the form id, the version, the language, a submission id and
 * the answer date. The dropdown lists live on a hidden sheet {@code lists}. The sheet prints on A4
 * landscape, one page wide, with the header row on every page; text wraps in its cell.
 */
public final class OfflineForm {
  /** How many entries a repeat gets on paper. */
  public static final int REPEAT_ENTRIES = 3;

  private static final String TICK = "x";
  private static final Pattern CODE = Pattern.compile("\\(([A-Za-z]{2,3})([-_][A-Za-z0-9]+)*\\)");

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

  /** The ISO 639 code of a language column ({@code French (fr)} is {@code fr}), else "en". */
  static String code(String language) {
    Matcher m = CODE.matcher(language);
    return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "en";
  }

  private static final class Writer {
    private final Form form;
    private final Options options;
    private final String lang;
    private final Language language;
    private final Catalogue texts;
    private final XSSFWorkbook wb;
    private final XSSFSheet sheet;
    private final XSSFSheet lists;
    private final Map<String, String> listRanges = new LinkedHashMap<>();
    private final Map<String, Integer> numbers = new HashMap<>();
    private final Words words;
    private final CellStyle heading;
    private final CellStyle section;
    private final CellStyle answer;
    private final CellStyle locked;
    private final CellStyle wrap;
    private int next = 1;

    Writer(Form form, Options options, XSSFWorkbook wb) {
      this.form = form;
      this.options = options;
      this.lang = options.language();
      this.language = Language.find(code(lang)).orElse(Language.ENGLISH);
      this.texts = Catalogue.of("spamtraffic.survey.messages.offline-form", language);
      this.wb = wb;
      this.sheet = wb.createSheet(ResponseFile.OFFLINE_SHEET);
      this.lists = wb.createSheet("lists");
      int n = 0;
      for (Question q : form.questions()) {
        if (q.type().isAsked() && !q.name().endsWith("_other")) {
          numbers.put("/" + form.rootName() + "/" + q.path(), ++n);
        }
      }
      for (Question q : form.questions()) {
        // An or_other text question has the number of its select.
        if (q.name().endsWith("_other") && numbers.get(path(q)) == null) {
          Integer base = numbers.get(path(q).substring(0, path(q).length() - "_other".length()));
          if (base != null) {
            numbers.put(path(q), base);
          }
        }
      }
      this.words =
          new Words(
              new Words.Form() {
                @Override
                public String question(String p) {
                  Integer number = numbers.get(p);
                  return number == null ? null : texts.text("question-number", number);
                }

                @Override
                public String choice(String p, String value) {
                  for (Question q : form.questions()) {
                    if (path(q).equals(p) && form.choices(q) != null) {
                      return form.choices(q).choice(value).map(c -> c.label(lang)).orElse(value);
                    }
                  }
                  return value;
                }
              },
              texts);
      // Noto has the glyphs of all six languages (CI installs fonts-noto-core and fonts-noto-cjk);
      // a spreadsheet program that lacks it falls back to a font of the same script.
      String fontName = fontName(language);
      wb.getFontAt(0).setFontName(fontName);
      Font bold = wb.createFont();
      bold.setFontName(fontName);
      bold.setBold(true);
      heading = wb.createCellStyle();
      heading.setFont(bold);
      heading.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      heading.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      heading.setVerticalAlignment(VerticalAlignment.TOP);
      heading.setWrapText(true);
      section = wb.createCellStyle();
      section.cloneStyleFrom(heading);
      section.setFillForegroundColor(IndexedColors.PALE_BLUE.getIndex());
      answer = wb.createCellStyle();
      answer.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
      answer.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      answer.setBorderBottom(BorderStyle.THIN);
      answer.setBorderTop(BorderStyle.THIN);
      answer.setBorderLeft(BorderStyle.THIN);
      answer.setBorderRight(BorderStyle.THIN);
      answer.setWrapText(true);
      answer.setVerticalAlignment(VerticalAlignment.TOP);
      locked = wb.createCellStyle();
      Font grey = wb.createFont();
      grey.setFontName(fontName);
      grey.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
      grey.setFontHeightInPoints((short) 8);
      locked.setFont(grey);
      locked.setVerticalAlignment(VerticalAlignment.TOP);
      locked.setWrapText(true);
      wrap = wb.createCellStyle();
      wrap.setWrapText(true);
      wrap.setVerticalAlignment(VerticalAlignment.TOP);
    }

    private String path(Question q) {
      return "/" + form.rootName() + "/" + q.path();
    }

    void write() {
      Row header = sheet.createRow(0);
      String[] titles = {"name", "question", "answer", "guidance"};
      for (int i = 0; i < titles.length; i++) {
        header.createCell(i).setCellValue(titles[i]);
        header.getCell(i).setCellStyle(heading);
      }
      meta("_form_id", texts.text("meta.form-id"), form.id());
      meta("_form_version", texts.text("meta.version"), form.version());
      meta("_language", texts.text("meta.language"), lang);
      meta(
          "_uuid",
          texts.text("meta.uuid"),
          options.submissionId() != null ? options.submissionId() : UUID.randomUUID().toString());
      row("_submission_time", texts.text("meta.date"), "", texts.text("meta.date-guidance"));
      String title = title();
      Row t = sheet.createRow(next++);
      t.createCell(1).setCellValue(title);
      t.getCell(1).setCellStyle(heading);
      sheet.addMergedRegion(new CellRangeAddress(t.getRowNum(), t.getRowNum(), 1, 3));

      List<Group> openGroups = new ArrayList<>();
      List<Group> repeatsDone = new ArrayList<>();
      for (Question q : form.questions()) {
        if (q.type() == QuestionType.METADATA || !shown(q)) {
          continue;
        }
        Group repeat = q.repeat();
        if (repeat != null) {
          if (repeat.parentRepeat() == null && !repeatsDone.contains(repeat)) {
            repeatsDone.add(repeat);
            headings(q, openGroups, repeat);
            repeat(repeat);
          }
          continue;
        }
        headings(q, openGroups, null);
        question(q, "");
      }
      sheet.setColumnWidth(0, 22 * 256);
      sheet.setColumnWidth(1, 62 * 256);
      sheet.setColumnWidth(2, 32 * 256);
      sheet.setColumnWidth(3, 52 * 256);
      sheet.createFreezePane(0, 1);
      if (language.rightToLeft()) {
        // Arabic reads from the right: the sheet runs right to left, column A on the right.
        sheet.setRightToLeft(true);
        lists.setRightToLeft(true);
      }
      fitRowHeights();
      pageSetup();
      wb.setSheetHidden(wb.getSheetIndex(lists), true);
    }

    private boolean shown(Question q) {
      return q.type().isAsked() || q.type() == QuestionType.NOTE;
    }

    /** Headings of the groups {@code q} opens (up to the repeat, when given). */
    private void headings(Question q, List<Group> openGroups, Group upTo) {
      for (Group g : q.groups()) {
        if (upTo != null && g.path().equals(upTo.path())) {
          return;
        }
        if (!openGroups.contains(g)) {
          openGroups.add(g);
          Row r = sheet.createRow(next++);
          r.createCell(1).setCellValue(label(g.labels(), g.name()));
          r.getCell(1).setCellStyle(heading);
          r.createCell(2).setCellStyle(heading);
          r.createCell(3).setCellStyle(heading);
          if (g.relevant() != null) {
            r.getCell(3).setCellValue(onlyIf(List.of(g.relevant())));
          }
        }
      }
    }

    /** A repeat: {@link #REPEAT_ENTRIES} entries of its questions, rows named repeat[n]/q. */
    private void repeat(Group repeat) {
      List<Question> inside =
          form.questions().stream()
              .filter(
                  q ->
                      q.repeat() != null
                          && q.repeat().path().equals(repeat.path())
                          && shown(q)
                          && q.type() != QuestionType.METADATA)
              .toList();
      for (int i = 1; i <= REPEAT_ENTRIES; i++) {
        Row r = sheet.createRow(next++);
        r.createCell(1)
            .setCellValue(
                texts.text(
                    "repeat-entry", label(repeat.labels(), repeat.name()), i, REPEAT_ENTRIES));
        r.getCell(1).setCellStyle(section);
        r.createCell(2).setCellStyle(section);
        r.createCell(3).setCellStyle(section);
        r.getCell(3)
            .setCellValue(
                (repeat.relevant() == null ? "" : onlyIf(List.of(repeat.relevant())) + " ")
                    + texts.text("repeat-guidance"));
        for (Question q : inside) {
          question(q, repeat.name() + "[" + i + "]/");
        }
      }
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

    private String onlyIf(List<Expression> conditions) {
      List<String> said = new ArrayList<>();
      conditions.forEach(c -> said.add(words.condition(c)));
      return texts.text("only-if", String.join(texts.text("logic.and"), said));
    }

    private void question(Question q, String prefix) {
      Integer number = numbers.get(path(q));
      String label =
          (number == null ? "" : number + ". ")
              + q.label(lang)
              + (q.required() != null ? " *" : "");
      List<String> guidance = new ArrayList<>();
      Optional.ofNullable(q.hints().get(lang)).ifPresent(guidance::add);
      List<Expression> conditions = new ArrayList<>();
      for (Group g : q.groups()) {
        if (g.relevant() != null && !g.repeat()) {
          conditions.add(g.relevant());
        }
      }
      if (q.relevant() != null) {
        conditions.add(q.relevant());
      }
      if (!conditions.isEmpty()) {
        guidance.add(onlyIf(conditions));
      }
      Optional.ofNullable(q.constraintMessages().get(lang)).ifPresent(guidance::add);
      String name = prefix + q.name();
      switch (q.type()) {
        case NOTE:
          {
            Row r = sheet.createRow(next++);
            r.createCell(1).setCellValue(q.label(lang));
            r.getCell(1).setCellStyle(wrap);
            sheet.addMergedRegion(new CellRangeAddress(r.getRowNum(), r.getRowNum(), 1, 3));
            return;
          }
        case SELECT_ONE:
          {
            String value = null;
            if (q.name().equals("country") && prefix.isEmpty() && options.country() != null) {
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
            guidance.add(0, texts.text("guide.choose"));
            int r = row(name, label, value, sentences(guidance));
            if (form.choices(q) != null) {
              listValidation(r, q);
            }
            return;
          }
        case SELECT_MULTIPLE:
          {
            guidance.add(0, texts.text("guide.tick"));
            Row head = sheet.createRow(next++);
            head.createCell(1).setCellValue(label);
            head.getCell(1).setCellStyle(wrap);
            head.createCell(3).setCellValue(sentences(guidance));
            head.getCell(3).setCellStyle(wrap);
            ChoiceList list = form.choices(q);
            List<Choice> choices = list == null ? List.of() : new ArrayList<>(list.choices());
            for (Choice c : choices) {
              int r = row(name + "/" + c.name(), "    " + c.label(lang), "", "");
              tickValidation(r);
            }
            if (q.orOther()) {
              int r = row(name + "/other", "    " + texts.text("other"), "", "");
              tickValidation(r);
            }
            return;
          }
        case INTEGER:
          guidance.add(0, texts.text("guide.integer"));
          break;
        case DECIMAL:
          guidance.add(0, texts.text("guide.decimal"));
          break;
        case DATE:
          guidance.add(0, texts.text("guide.date"));
          break;
        case TIME:
          guidance.add(0, texts.text("guide.time"));
          break;
        case DATETIME:
          guidance.add(0, texts.text("guide.datetime"));
          break;
        default:
          break;
      }
      int r = row(name, label, "", sentences(guidance));
      if (q.type() == QuestionType.INTEGER || q.type() == QuestionType.DECIMAL) {
        numberValidation(r, q.type() == QuestionType.INTEGER);
      }
    }

    /**
     * Row heights for wrapped text: spreadsheet programs do not recompute them when they open a
     * file, so without this a long guidance overlaps the next row on screen and in print.
     */
    private void fitRowHeights() {
      for (Row r : sheet) {
        int lines = 1;
        for (org.apache.poi.ss.usermodel.Cell c : r) {
          if (c.getCellType() != org.apache.poi.ss.usermodel.CellType.STRING
              || sheet.isColumnHidden(c.getColumnIndex())) {
            continue;
          }
          int width = sheet.getColumnWidth(c.getColumnIndex()) / 256;
          if (merged(r.getRowNum(), c.getColumnIndex())) {
            width =
                (sheet.getColumnWidth(1) + sheet.getColumnWidth(2) + sheet.getColumnWidth(3)) / 256;
          }
          // Column A is in a small font: more characters fit on a line.
          int chars = Math.max(8, c.getColumnIndex() == 0 ? width * 3 / 2 : width - 2);
          int cellLines = 0;
          for (String part : c.getStringCellValue().split("\n", -1)) {
            cellLines += Math.max(1, (displayWidth(part) + chars - 1) / chars);
          }
          lines = Math.max(lines, cellLines);
        }
        r.setHeightInPoints(Math.max(15f, lines * 14.5f + 3f));
      }
    }

    /**
     * How many character widths a text takes: a Chinese character (and any full-width one) is as
     * wide as two Latin letters, so Chinese rows need twice the lines their length suggests.
     */
    private static int displayWidth(String text) {
      return org.spamtraffic.output.WrappedText.displayWidth(text);
    }

    /** The Noto font that writes {@code language}. */
    private static String fontName(Language language) {
      switch (language) {
        case ARABIC:
          return "Noto Sans Arabic";
        case CHINESE:
          return "Noto Sans CJK SC";
        default:
          return "Noto Sans";
      }
    }

    private boolean merged(int row, int column) {
      for (CellRangeAddress a : sheet.getMergedRegions()) {
        if (a.isInRange(row, column)) {
          return true;
        }
      }
      return false;
    }

    /**
     * The form's title in the form's language: an XLSForm has one {@code form_title} for all its
     * languages, so the offline form takes {@code title.<form_id>} from its catalogue when there is
     * one (the ITU questionnaire's), else the setting.
     */
    private String title() {
      String key = "title." + form.id();
      if (texts.has(key)) {
        return texts.text(key);
      }
      return form.title().isBlank() ? form.id() : form.title();
    }

    /**
     * Guidance parts as sentences: each ends with a full stop, one space between; Chinese ends them
     * with 。 and puts no space between.
     */
    private String sentences(List<String> parts) {
      boolean chinese = language == Language.CHINESE;
      List<String> out = new ArrayList<>();
      for (String p : parts) {
        String t = p.trim();
        if (t.isEmpty()) {
          continue;
        }
        out.add(t.matches(".*[.!?»)。！？”）]$") ? t : t + (chinese ? "。" : "."));
      }
      return String.join(chinese ? "" : " ", out);
    }

    private void pageSetup() {
      PrintSetup p = sheet.getPrintSetup();
      p.setPaperSize(PrintSetup.A4_PAPERSIZE);
      p.setLandscape(true);
      p.setFitWidth((short) 1);
      p.setFitHeight((short) 0);
      sheet.setFitToPage(true);
      sheet.setAutobreaks(true);
      sheet.setRepeatingRows(CellRangeAddress.valueOf("1:1"));
      sheet.setMargin(org.apache.poi.ss.usermodel.Sheet.LeftMargin, 0.4);
      sheet.setMargin(org.apache.poi.ss.usermodel.Sheet.RightMargin, 0.4);
      sheet.setMargin(org.apache.poi.ss.usermodel.Sheet.TopMargin, 0.5);
      sheet.setMargin(org.apache.poi.ss.usermodel.Sheet.BottomMargin, 0.5);
      sheet.getFooter().setCenter("&P / &N");
      sheet.getHeader().setCenter(title());
      sheet.setPrintGridlines(false);
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
              labels.add(texts.text("other"));
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
          texts.text("guide.choose"));
    }

    private void tickValidation(int row) {
      DataValidationHelper h = sheet.getDataValidationHelper();
      DataValidationConstraint c = h.createExplicitListConstraint(new String[] {TICK});
      add(h.createValidation(c, new CellRangeAddressList(row, row, 2, 2)), texts.text("guide.x"));
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
          whole ? texts.text("validation.integer") : texts.text("validation.decimal"));
    }

    private void add(DataValidation v, String message) {
      v.setShowErrorBox(true);
      v.createErrorBox("spamtraffic", message);
      v.setSuppressDropDownArrow(true);
      sheet.addValidationData(v);
    }
  }
}
