package org.spamtraffic.survey.form;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.spamtraffic.survey.expr.Expression;
import org.spamtraffic.survey.expr.ExpressionException;
import org.spamtraffic.survey.sheet.Sheet;
import org.spamtraffic.survey.sheet.Sheets;

/**
 * Reads and checks an XLSForm: a workbook ({@code .xlsx}, {@code .xls}) with sheets {@code survey},
 * {@code choices} and {@code settings}, or a folder holding {@code survey.csv}, {@code choices.csv}
 * and {@code settings.csv} (the text source this project keeps its questionnaire in).
 *
 * <p>Every problem is reported with its sheet, row and column: an unknown type, a select whose
 * choice list is not defined, a duplicate name, a group that is not closed, an expression outside
 * the supported subset (see {@link Expression}) or one that names no question.
 */
public final class FormReader {
  /** Column prefixes that carry text per language ({@code label::French (fr)}). */
  private static final List<String> TRANSLATED = List.of("label", "hint", "constraint_message");

  private static final Set<String> UNSUPPORTED_COLUMNS = Set.of("choice_filter", "calculation");

  private FormReader() {}

  /** Reads a workbook file or a folder of CSV files. */
  public static FormReading read(Path path) {
    try {
      if (Files.isDirectory(path)) {
        List<Sheet> sheets = new ArrayList<>();
        for (String name : List.of("survey", "choices", "settings")) {
          Path f = path.resolve(name + ".csv");
          if (Files.exists(f)) {
            Sheet s = Sheets.csv(name, Files.readAllBytes(f));
            sheets.add(new Sheet(name, s.header(), s.rows()));
          }
        }
        return read(path.toString(), sheets);
      }
      if (!Files.exists(path)) {
        return new FormReading(
            path.toString(), null, List.of(new FormError(null, null, null, "No such file")));
      }
      return read(path.toString(), Files.readAllBytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    }
  }

  /** Reads a workbook given as bytes; {@code source} names it in messages. */
  public static FormReading read(String source, byte[] workbook) {
    List<Sheet> sheets;
    try {
      sheets = Sheets.workbook(workbook);
    } catch (RuntimeException e) {
      return new FormReading(
          source,
          null,
          List.of(
              new FormError(
                  null,
                  null,
                  null,
                  "Not a readable workbook (an XLSForm is an .xlsx or .xls file): "
                      + e.getMessage())));
    }
    return read(source, sheets);
  }

  /** Reads the form from its sheets, found by name ignoring case. */
  public static FormReading read(String source, List<Sheet> sheets) {
    return new Builder(source, sheets).build();
  }

  private static final class Builder {
    private final String source;
    private final Map<String, Sheet> sheets = new HashMap<>();
    private final List<FormError> errors = new ArrayList<>();
    private final Set<String> languages = new LinkedHashSet<>();

    Builder(String source, List<Sheet> all) {
      this.source = source;
      for (Sheet s : all) {
        sheets.put(s.name().trim().toLowerCase(Locale.ROOT), s);
      }
    }

    FormReading build() {
      Sheet survey = sheets.get("survey");
      if (survey == null) {
        errors.add(new FormError("survey", null, null, "The form has no 'survey' sheet"));
        return new FormReading(source, null, errors);
      }
      for (String needed : List.of("type", "name")) {
        if (survey.column(needed) < 0) {
          errors.add(
              new FormError(
                  "survey", 1, needed, "The survey sheet has no '" + needed + "' column"));
        }
      }
      if (!errors.isEmpty()) {
        return new FormReading(source, null, errors);
      }
      Map<String, ChoiceList> lists = choiceLists(sheets.get("choices"));
      Map<String, String> settings = settings(sheets.get("settings"));
      List<Group> groups = new ArrayList<>();
      List<Question> questions = new ArrayList<>();
      readSurvey(survey, lists, groups, questions);
      checkReferences(questions, groups);
      String defaultLanguage =
          Optional.ofNullable(settings.get("default_language"))
              .filter(l -> !l.isBlank())
              .orElse(languages.isEmpty() ? "default" : languages.iterator().next());
      if (!errors.isEmpty()) {
        return new FormReading(source, null, errors);
      }
      Form form =
          new Form(
              settings.getOrDefault("form_title", ""),
              settings.getOrDefault("form_id", ""),
              settings.getOrDefault("version", ""),
              defaultLanguage,
              List.copyOf(languages),
              List.copyOf(groups),
              List.copyOf(questions),
              lists);
      return new FormReading(source, form, List.of());
    }

    private Map<String, String> settings(Sheet s) {
      Map<String, String> out = new LinkedHashMap<>();
      if (s == null || s.rows().isEmpty()) {
        return out;
      }
      Sheet.Row first = s.rows().get(0);
      for (int i = 0; i < s.header().size(); i++) {
        out.put(s.header().get(i).toLowerCase(Locale.ROOT), first.cell(i));
      }
      return out;
    }

    private Map<String, ChoiceList> choiceLists(Sheet s) {
      Map<String, List<Choice>> lists = new LinkedHashMap<>();
      if (s == null) {
        return Map.of();
      }
      int list = s.column("list_name") >= 0 ? s.column("list_name") : s.column("list name");
      int name = s.column("name");
      if (list < 0 || name < 0) {
        errors.add(
            new FormError(
                "choices",
                1,
                list < 0 ? "list_name" : "name",
                "The choices sheet needs 'list_name' and 'name' columns"));
        return Map.of();
      }
      Map<String, Integer> labelColumns = translated(s, "label");
      Set<String> seen = new java.util.HashSet<>();
      for (Sheet.Row r : s.rows()) {
        String l = r.cell(list);
        String n = r.cell(name);
        if (l.isEmpty() || n.isEmpty()) {
          errors.add(
              new FormError(
                  "choices",
                  r.number(),
                  l.isEmpty() ? "list_name" : "name",
                  "A choice needs both a list_name and a name"));
          continue;
        }
        if (!seen.add(l + "\u0000" + n)) {
          errors.add(
              new FormError(
                  "choices",
                  r.number(),
                  "name",
                  "Duplicate choice '" + n + "' in list '" + l + "'"));
          continue;
        }
        lists
            .computeIfAbsent(l, k -> new ArrayList<>())
            .add(new Choice(n, texts(r, labelColumns), r.number()));
      }
      Map<String, ChoiceList> out = new LinkedHashMap<>();
      lists.forEach((k, v) -> out.put(k, new ChoiceList(k, List.copyOf(v))));
      return out;
    }

    /** Columns {@code prefix} or {@code prefix::Language}, by language. */
    private Map<String, Integer> translated(Sheet s, String prefix) {
      Map<String, Integer> out = new LinkedHashMap<>();
      for (int i = 0; i < s.header().size(); i++) {
        String h = s.header().get(i);
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.equals(prefix)) {
          out.put("default", i);
          languages.add("default");
        } else if (lower.startsWith(prefix + "::")) {
          String language = h.substring(prefix.length() + 2).trim();
          out.put(language, i);
          languages.add(language);
        }
      }
      return out;
    }

    private static Map<String, String> texts(Sheet.Row r, Map<String, Integer> columns) {
      Map<String, String> out = new LinkedHashMap<>();
      columns.forEach(
          (language, i) -> {
            if (!r.cell(i).isEmpty()) {
              out.put(language, r.cell(i));
            }
          });
      return out;
    }

    private void readSurvey(
        Sheet s, Map<String, ChoiceList> lists, List<Group> groups, List<Question> questions) {
      int typeCol = s.column("type");
      int nameCol = s.column("name");
      int requiredCol = s.column("required");
      int relevantCol = s.column("relevant");
      int constraintCol = s.column("constraint");
      Map<String, Integer> labels = translated(s, "label");
      Map<String, Integer> hints = translated(s, "hint");
      Map<String, Integer> messages = translated(s, "constraint_message");
      Map<String, Integer> names = new HashMap<>();
      Deque<Group> open = new ArrayDeque<>();
      for (Sheet.Row r : s.rows()) {
        String typeText = r.cell(typeCol).trim();
        String name = r.cell(nameCol).trim();
        if (typeText.isEmpty()) {
          if (!name.isEmpty()) {
            errors.add(
                new FormError("survey", r.number(), "type", "Row '" + name + "' has no type"));
          }
          continue;
        }
        for (String unsupported : UNSUPPORTED_COLUMNS) {
          int c = s.column(unsupported);
          if (c >= 0 && !r.cell(c).isEmpty()) {
            errors.add(
                new FormError(
                    "survey",
                    r.number(),
                    unsupported,
                    "Column '" + unsupported + "' is not supported ('" + r.cell(c) + "')"));
          }
        }
        String[] words = typeText.split("\\s+");
        String word = words[0].toLowerCase(Locale.ROOT);
        if (words.length >= 2 && (word.equals("begin") || word.equals("end"))) {
          // "begin group" and "end repeat" are accepted spellings too.
          word = word + "_" + words[1].toLowerCase(Locale.ROOT);
        }
        switch (word) {
          case "begin_group":
          case "begin_repeat":
            {
              if (!checkName(name, r, names)) {
                continue;
              }
              String path = open.isEmpty() ? name : open.peek().path() + "/" + name;
              Group g =
                  new Group(
                      name,
                      path,
                      word.equals("begin_repeat"),
                      texts(r, labels),
                      expression(r, relevantCol, "relevant", false),
                      r.number());
              open.push(g);
              groups.add(g);
              continue;
            }
          case "end_group":
          case "end_repeat":
            {
              boolean repeat = word.equals("end_repeat");
              if (open.isEmpty()) {
                errors.add(
                    new FormError(
                        "survey", r.number(), "type", "'" + typeText + "' closes nothing"));
              } else if (open.peek().repeat() != repeat) {
                errors.add(
                    new FormError(
                        "survey",
                        r.number(),
                        "type",
                        "'"
                            + typeText
                            + "' closes "
                            + (open.peek().repeat() ? "repeat" : "group")
                            + " '"
                            + open.peek().name()
                            + "' (row "
                            + open.peek().row()
                            + ")"));
                open.pop();
              } else {
                open.pop();
              }
              continue;
            }
          default:
            break;
        }
        Optional<QuestionType> type = QuestionType.of(words[0]);
        if (type.isEmpty()) {
          errors.add(
              new FormError(
                  "survey",
                  r.number(),
                  "type",
                  "Unsupported type '"
                      + typeText
                      + "' (supported: select_one, select_multiple,"
                      + " integer, decimal, text, date, note, begin_group, end_group,"
                      + " begin_repeat, end_repeat, and metadata such as start, end, today)"));
          continue;
        }
        if (!checkName(name, r, names)) {
          continue;
        }
        String listName = null;
        boolean orOther = false;
        if (type.get().isSelect()) {
          if (words.length < 2) {
            errors.add(
                new FormError(
                    "survey",
                    r.number(),
                    "type",
                    "'" + typeText + "' needs a choice list name, e.g. '" + words[0] + " yes_no'"));
            continue;
          }
          listName = words[1];
          if (!lists.containsKey(listName)) {
            errors.add(
                new FormError(
                    "survey",
                    r.number(),
                    "type",
                    "Choice list '" + listName + "' is not defined in the choices sheet"));
          }
          if (words.length >= 3) {
            if (words[2].equalsIgnoreCase("or_other") && words.length == 3) {
              orOther = true;
            } else {
              errors.add(
                  new FormError(
                      "survey",
                      r.number(),
                      "type",
                      "Unexpected '"
                          + String.join(" ", java.util.Arrays.copyOfRange(words, 2, words.length))
                          + "' after the list name (only 'or_other' may follow)"));
            }
          }
        } else if (words.length > 1) {
          errors.add(
              new FormError("survey", r.number(), "type", "Unsupported type '" + typeText + "'"));
          continue;
        }
        List<Group> enclosing = new ArrayList<>(open);
        java.util.Collections.reverse(enclosing);
        String path = open.isEmpty() ? name : open.peek().path() + "/" + name;
        Question q =
            new Question(
                name,
                path,
                type.get(),
                listName,
                orOther,
                texts(r, labels),
                texts(r, hints),
                required(r, requiredCol),
                expression(r, relevantCol, "relevant", false),
                expression(r, constraintCol, "constraint", true),
                texts(r, messages),
                List.copyOf(enclosing),
                r.number());
        questions.add(q);
        if (orOther) {
          String otherName = name + "_other";
          if (names.containsKey(otherName)) {
            errors.add(
                new FormError(
                    "survey",
                    r.number(),
                    "name",
                    "or_other makes a question '"
                        + otherName
                        + "', which row "
                        + names.get(otherName)
                        + " already uses"));
          }
          names.put(otherName, r.number());
          Map<String, String> otherLabels = new LinkedHashMap<>();
          q.labels().forEach((l, v) -> otherLabels.put(l, v + " (other)"));
          questions.add(
              new Question(
                  otherName,
                  path + "_other",
                  QuestionType.TEXT,
                  null,
                  false,
                  otherLabels,
                  Map.of(),
                  null,
                  Expression.parse("selected(${" + name + "}, 'other')"),
                  null,
                  Map.of(),
                  List.copyOf(enclosing),
                  r.number()));
        }
      }
      for (Group g : open) {
        errors.add(
            new FormError(
                "survey",
                g.row(),
                "type",
                (g.repeat() ? "Repeat '" : "Group '") + g.name() + "' is never closed"));
      }
    }

    private boolean checkName(String name, Sheet.Row r, Map<String, Integer> names) {
      if (name.isEmpty()) {
        errors.add(new FormError("survey", r.number(), "name", "A name is needed"));
        return false;
      }
      if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
        errors.add(
            new FormError(
                "survey",
                r.number(),
                "name",
                "Name '"
                    + name
                    + "' must start with a letter or _ and hold only letters, digits,"
                    + " _, - and ."));
        return false;
      }
      Integer first = names.putIfAbsent(name, r.number());
      if (first != null) {
        errors.add(
            new FormError(
                "survey",
                r.number(),
                "name",
                "Duplicate name '" + name + "' (first used on row " + first + ")"));
        return false;
      }
      return true;
    }

    private Expression required(Sheet.Row r, int column) {
      String v = column < 0 ? "" : r.cell(column).trim().toLowerCase(Locale.ROOT);
      switch (v) {
        case "":
        case "no":
        case "false":
        case "false()":
        case "0":
          return null;
        case "yes":
        case "true":
        case "true()":
        case "1":
          return Expression.parse("true()");
        default:
          return expression(r, column, "required", false);
      }
    }

    private Expression expression(Sheet.Row r, int column, String columnName, boolean selfAllowed) {
      if (column < 0 || r.cell(column).isBlank()) {
        return null;
      }
      try {
        Expression e = Expression.parse(r.cell(column));
        if (e.usesSelf() && !selfAllowed) {
          errors.add(
              new FormError(
                  "survey",
                  r.number(),
                  columnName,
                  "Expression '" + e.text() + "' uses '.', which only a constraint may"));
        }
        return e;
      } catch (ExpressionException e) {
        errors.add(new FormError("survey", r.number(), columnName, e.getMessage()));
        return null;
      }
    }

    private void checkReferences(List<Question> questions, List<Group> groups) {
      Set<String> known = new java.util.HashSet<>();
      questions.forEach(q -> known.add(q.name()));
      for (Question q : questions) {
        check(q.relevant(), known, q.row(), "relevant");
        check(q.constraint(), known, q.row(), "constraint");
        check(q.required(), known, q.row(), "required");
      }
      for (Group g : groups) {
        check(g.relevant(), known, g.row(), "relevant");
      }
    }

    private void check(Expression e, Set<String> known, int row, String column) {
      if (e == null) {
        return;
      }
      for (String ref : e.references()) {
        if (!known.contains(ref)) {
          errors.add(
              new FormError(
                  "survey",
                  row,
                  column,
                  "Expression '" + e.text() + "' refers to ${" + ref + "}, which is no question"));
        }
      }
    }
  }
}
