package org.spamtraffic.survey.form;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spamtraffic.survey.expr.Expression;
import org.spamtraffic.survey.expr.ExpressionException;
import org.spamtraffic.survey.sheet.Sheet;
import org.spamtraffic.survey.sheet.Sheets;

/**
 * Reads and checks an XLSForm as KoboToolbox, ODK Central and SurveyCTO take it: a workbook ({@code
 * .xlsx}, {@code .xls}) with sheets {@code survey}, {@code choices}, {@code settings} and
 * optionally {@code external_choices}, or a folder holding {@code survey.csv}, {@code choices.csv}
 * and {@code settings.csv} (the text source this project keeps its questionnaire in).
 *
 * <p>The language is the XLSForm specification (xlsform.org), and pyxform's behaviour where the
 * specification is silent: every question type and every spelling pyxform accepts ({@code select
 * one from list}, {@code select all that apply from list or specify other}, {@code string}, {@code
 * int}, {@code get start time}, ...), groups and repeats (nested too), selects from lists, from the
 * {@code external_choices} sheet or from a CSV or XML file beside the form, {@code choice_filter},
 * {@code calculation}, {@code relevant}, {@code constraint} and {@code required} with their
 * messages, {@code default}, {@code trigger}, {@code appearance}, {@code parameters}, settings,
 * labels, hints and media per language ({@code label::French (fr)} and the old {@code
 * label:French}). Expressions are parsed as ODK XPath (see {@link Expression}).
 *
 * <p>Every finding names its sheet, row and column and has a machine code ({@link FormCheck}):
 * errors are what pyxform or ODK Validate refuse, warnings what pyxform warns about, plus every
 * column and sheet that nothing reads (never dropped in silence).
 */
public final class FormReader {
  /** XML names (pyxform's {@code is_xml_tag}: an NCName, optionally with a namespace prefix). */
  private static final Pattern XML_NAME =
      Pattern.compile(
          "[\\p{L}_][\\p{L}\\p{N}\\p{M}._\\-\\u00B7]*(:[\\p{L}_][\\p{L}\\p{N}\\p{M}._\\-\\u00B7]*)?");

  private static final Pattern BEGIN =
      Pattern.compile("^begin[ _](group|lgroup|repeat|loop|looped group)( (over )?(\\S+))?$");

  private static final Pattern END =
      Pattern.compile("^end[ _](group|lgroup|repeat|loop|looped group)$");

  /** pyxform's select spellings, longest first so that "select one from" beats "select one". */
  private static final List<String> SELECT_COMMANDS =
      List.of(
          "add select multiple prompt using",
          "add select one prompt using",
          "select_multiple_from_file",
          "select multiple from file",
          "select all that apply from",
          "select_one_from_file",
          "select one from file",
          "select all that apply",
          "select_one_external",
          "select multiple from",
          "select multiple using",
          "select one external",
          "select one using",
          "select_multiple",
          "select one from",
          "select_one",
          "select one",
          "select1",
          "rank");

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)\\}");

  /** pyxform's expression tokens, as far as telling a dynamic default needs them. */
  private static final Pattern DEFAULT_TOKEN =
      Pattern.compile(
          "(?<dynamic>\\$\\{(last-saved#)?[\\p{L}_][\\p{L}\\p{N}._\\-]*\\}"
              + "|[\\p{L}_][\\p{L}\\p{N}._\\-]*(:[\\p{L}_][\\p{L}\\p{N}._\\-]*)?[(\\[]"
              + "|[*+|]| mod | div )"
              + "|(?<skip>-?\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2}\\S*)?|\\d{2}:\\d{2}:\\d{2}\\S*"
              + "|-?\\d+\\.\\d*|-?\\.\\d+|-?\\d+|'[^']*'|\"[^\"]*\"|\\s+)"
              + "|(?<minus>-)"
              + "|(?<other>[\\p{L}_][\\p{L}\\p{N}._\\-]*|.)");

  private static final Pattern REFERENCE_INNER =
      Pattern.compile("(last-saved#)?([\\p{L}_][\\p{L}\\p{N}\\p{M}._\\-\\u00B7]*)");

  private static final Set<String> KNOWN_SHEETS =
      Set.of("survey", "choices", "settings", "external_choices", "entities", "osm");

  private static final Set<String> FILE_EXTENSIONS = Set.of(".csv", ".xml", ".geojson");

  private static final Set<String> KNOWN_SETTINGS =
      Set.of(
          "form_title",
          "form_id",
          "version",
          "default_language",
          "instance_name",
          "name",
          "style",
          "public_key",
          "submission_url",
          "auto_send",
          "auto_delete",
          "allow_choice_duplicates",
          "clean_text_values",
          "namespaces",
          "omit_instanceid",
          "entity_version",
          "client_editable",
          "prefix",
          "delimiter",
          "add_none_option",
          "instance_xmlns",
          "sms_keyword",
          "sms_separator",
          "sms_allow_media",
          "sms_date_format",
          "sms_datetime_format",
          "sms_response",
          "attribute");

  private FormReader() {}

  /**
   * Reads a workbook file, or a folder of CSV files. Lists a select reads from a file ({@code
   * select_one_from_file cities.csv}) are read from the file's folder.
   */
  public static FormReading read(Path path) {
    try {
      if (Files.isDirectory(path)) {
        List<Sheet> sheets = new ArrayList<>();
        for (String name : List.of("survey", "choices", "settings", "external_choices")) {
          Path f = path.resolve(name + ".csv");
          if (Files.exists(f)) {
            Sheet s = Sheets.csv(name, Files.readAllBytes(f));
            sheets.add(new Sheet(name, s.header(), s.rows()));
          }
        }
        if (sheets.isEmpty()) {
          return new FormReading(
              path.toString(),
              null,
              List.of(
                  FormCheck.NO_SURVEY_SHEET.at(
                      null, null, null, "(a folder with no survey.csv)", "")));
        }
        return read(path.toString(), sheets, beside(path));
      }
      if (!Files.exists(path)) {
        return new FormReading(
            path.toString(),
            null,
            List.of(FormCheck.UNREADABLE_FILE.at(null, null, null, "no such file")));
      }
      Path dir = path.toAbsolutePath().getParent();
      return read(
          path.toString(),
          Files.readAllBytes(path),
          dir == null ? f -> Optional.empty() : beside(dir));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    }
  }

  /** Reads a workbook given as bytes; {@code source} names it in messages. */
  public static FormReading read(String source, byte[] workbook) {
    return read(source, workbook, f -> Optional.empty());
  }

  /** Reads a workbook given as bytes, with the files beside it given by {@code attachments}. */
  public static FormReading read(
      String source, byte[] workbook, Function<String, Optional<byte[]>> attachments) {
    List<Sheet> sheets;
    try {
      sheets = Sheets.workbook(workbook);
    } catch (RuntimeException e) {
      return new FormReading(
          source,
          null,
          List.of(
              FormCheck.UNREADABLE_FILE.at(
                  null, null, null, String.valueOf(e.getMessage()).replaceAll("\\s+", " "))));
    }
    return read(source, sheets, attachments);
  }

  /** Reads the form from its sheets, found by name ignoring case. */
  public static FormReading read(String source, List<Sheet> sheets) {
    return read(source, sheets, f -> Optional.empty());
  }

  /**
   * Reads the form from its sheets; {@code attachments} gives the bytes of a file beside the form
   * ({@code cities.csv}), if there is one.
   */
  public static FormReading read(
      String source, List<Sheet> sheets, Function<String, Optional<byte[]>> attachments) {
    try {
      return new Builder(source, sheets, attachments).build();
    } catch (RuntimeException e) {
      // A bug of ours must not look like a problem of the form: say so, with what failed.
      throw new IllegalStateException("Reading the XLSForm " + source + " failed: " + e, e);
    }
  }

  private static Function<String, Optional<byte[]>> beside(Path dir) {
    return name -> {
      Path f = dir.resolve(name);
      try {
        return Files.isRegularFile(f) ? Optional.of(Files.readAllBytes(f)) : Optional.empty();
      } catch (IOException e) {
        return Optional.empty();
      }
    };
  }

  /** A survey row as read in the first pass, before expressions are parsed. */
  private record Row(
      Sheet.Row row,
      String name,
      QuestionType type,
      String typeText,
      Question.Select select,
      List<Group> groups,
      String path,
      Texts texts,
      Map<String, String> otherColumns) {}

  private static final class Builder {
    private final String source;
    private final Map<String, Sheet> sheets = new LinkedHashMap<>();
    private final Function<String, Optional<byte[]>> attachments;
    private final List<FormFinding> findings = new ArrayList<>();
    private final Set<String> languages = new LinkedHashSet<>();
    private String defaultLanguage = "default";

    Builder(String source, List<Sheet> all, Function<String, Optional<byte[]>> attachments) {
      this.source = source;
      this.attachments = attachments;
      for (Sheet s : all) {
        sheets.putIfAbsent(s.name().trim().toLowerCase(Locale.ROOT), s);
      }
    }

    FormReading build() {
      if (!sheets.containsKey("survey") && sheets.size() == 1) {
        // pyxform reads a workbook's only sheet as the survey, whatever its name.
        Sheet lone = sheets.values().iterator().next();
        findings.add(FormCheck.LONE_SHEET.at(lone.name(), null, null, lone.name()));
        sheets.clear();
        sheets.put("survey", lone);
      }
      for (Map.Entry<String, Sheet> e : sheets.entrySet()) {
        if (!KNOWN_SHEETS.contains(e.getKey())) {
          String near = nearest(e.getKey(), KNOWN_SHEETS);
          if (near != null && !sheets.containsKey(near)) {
            findings.add(
                FormCheck.SHEET_MISSPELLING.at(
                    e.getValue().name(), null, null, e.getValue().name(), near));
          } else {
            findings.add(
                FormCheck.UNKNOWN_SHEET.at(
                    e.getValue().name(),
                    null,
                    null,
                    e.getValue().name(),
                    e.getValue().rows().size()));
          }
        }
      }
      Sheet survey = sheets.get("survey");
      if (survey == null) {
        String near = nearest("survey", sheets.keySet());
        findings.add(
            FormCheck.NO_SURVEY_SHEET.at(
                null,
                null,
                null,
                String.join(", ", sheetNames()),
                near == null ? "" : FormCheck.hint("hint.misspelt", near)));
        return done(null);
      }
      Map<String, String> settings = settings(sheets.get("settings"));
      defaultLanguage =
          Optional.ofNullable(settings.get("default_language"))
              .filter(l -> !l.isBlank())
              .orElse("default");
      boolean allowDuplicates = yes(settings.get("allow_choice_duplicates"));
      Map<String, ChoiceList> lists = new LinkedHashMap<>();
      choiceLists(sheets.get("choices"), "choices", allowDuplicates, lists);
      Map<String, ChoiceList> external = new LinkedHashMap<>();
      choiceLists(sheets.get("external_choices"), "external_choices", true, external);
      Headers headers = new Headers("survey", survey.header(), Headers.Kind.SURVEY);
      findings.addAll(headers.findings());
      if (!headers.has("type")) {
        findings.add(FormCheck.NO_TYPE_COLUMN.at("survey", 1, "type"));
        return done(null);
      }
      unknownColumns("survey", headers);
      List<Group> groups = new ArrayList<>();
      List<Row> rows = new ArrayList<>();
      readSurvey(survey, headers, lists, external, groups, rows);
      checkLanguages();
      String rootName =
          Optional.ofNullable(settings.get("name")).filter(n -> !n.isBlank()).orElse("data");
      Map<String, String> paths = new LinkedHashMap<>();
      Map<String, Integer> counts = new HashMap<>();
      for (Group g : groups) {
        paths.putIfAbsent(g.name(), "/" + rootName + "/" + g.path());
        counts.merge(g.name(), 1, Integer::sum);
      }
      for (Row r : rows) {
        paths.putIfAbsent(r.name(), "/" + rootName + "/" + r.path());
        counts.merge(r.name(), 1, Integer::sum);
      }
      checkReferences(survey, headers, counts);
      Map<String, QuestionType> types = new HashMap<>();
      rows.forEach(r -> types.putIfAbsent(r.name(), r.type()));
      for (Row r : rows) {
        for (String t : cell(r.row(), headers, "trigger").split("\\s+")) {
          Matcher m = REFERENCE.matcher(t);
          if (m.matches()
              && types.containsKey(m.group(1).trim())
              && !hasControl(types.get(m.group(1).trim()), "")) {
            findings.add(
                FormCheck.TRIGGER_UNKNOWN.at(
                    "survey",
                    r.row().number(),
                    "trigger",
                    t,
                    "that question is not shown to respondents, so it never changes"));
          }
        }
      }
      checkReferencesIn(sheets.get("choices"), "choices", counts);
      List<Question> questions = new ArrayList<>();
      Map<String, Group> rebuilt = new LinkedHashMap<>();
      for (Group g : groups) {
        rebuilt.put(g.path(), withExpressions(g, survey, headers, paths, rebuilt));
      }
      Set<String> names = new HashSet<>(counts.keySet());
      for (Row r : rows) {
        questions.add(question(r, headers, paths, rebuilt, names));
        if (r.select() != null && r.select().orOther()) {
          questions.add(other(r, paths, rebuilt));
        }
      }
      Map<String, ChoiceList> all = new LinkedHashMap<>(lists);
      external.forEach(all::putIfAbsent);
      for (Question q : questions) {
        if (q.select() != null && q.select().fromFile() && !all.containsKey(q.listName())) {
          fileList(q).ifPresent(l -> all.put(l.name(), l));
        }
      }
      if (findings.stream().anyMatch(FormFinding::isError)) {
        return done(null);
      }
      if (defaultLanguage.equals("default")
          && !languages.isEmpty()
          && !languages.contains("default")) {
        defaultLanguage = languages.iterator().next();
      }
      List<Group> finalGroups = new ArrayList<>(rebuilt.values());
      Form form =
          new Form(
              settings.getOrDefault("form_title", ""),
              settings.getOrDefault("form_id", ""),
              settings.getOrDefault("version", ""),
              defaultLanguage,
              List.copyOf(languages),
              Collections.unmodifiableMap(settings),
              List.copyOf(finalGroups),
              List.copyOf(questions),
              Collections.unmodifiableMap(all));
      return done(form);
    }

    private FormReading done(Form form) {
      return new FormReading(source, form, List.copyOf(findings));
    }

    private List<String> sheetNames() {
      List<String> out = new ArrayList<>();
      sheets.values().forEach(s -> out.add(s.name()));
      return out;
    }

    // ---------------------------------------------------------------- settings

    private Map<String, String> settings(Sheet s) {
      Map<String, String> out = new LinkedHashMap<>();
      if (s == null) {
        return out;
      }
      Headers h = new Headers("settings", s.header(), Headers.Kind.SETTINGS);
      findings.addAll(h.findings());
      Sheet.Row first = s.rows().isEmpty() ? null : s.rows().get(0);
      for (Headers.Column c : h.columns()) {
        String key = c.meaning().startsWith("?") ? c.header() : c.meaning();
        String value = first == null ? "" : first.cell(c.index()).trim();
        out.put(key, value);
        if (!KNOWN_SETTINGS.contains(key.toLowerCase(Locale.ROOT))) {
          findings.add(
              FormCheck.UNKNOWN_COLUMN.at("settings", 1, c.header(), c.header(), "settings", ""));
        }
      }
      String name = out.get("name");
      if (name != null && !name.isBlank() && !XML_NAME.matcher(name).matches()) {
        findings.add(FormCheck.INVALID_NAME.at("settings", 2, "name", name));
      }
      return out;
    }

    // ---------------------------------------------------------------- choices

    private void choiceLists(
        Sheet s, String sheetName, boolean allowDuplicates, Map<String, ChoiceList> out) {
      if (s == null) {
        return;
      }
      Headers h = new Headers(sheetName, s.header(), Headers.Kind.CHOICES);
      findings.addAll(h.findings());
      int list = h.index("list_name");
      int name = h.index("name");
      if ((list < 0 || name < 0) && !s.rows().isEmpty()) {
        findings.add(
            FormCheck.LIST_NOT_FOUND.at(
                sheetName,
                1,
                list < 0 ? "list_name" : "name",
                "",
                sheetName,
                " (the sheet needs 'list_name' and 'name' columns)"));
        return;
      }
      Map<String, Integer> labels = h.translated("label", defaultLanguage);
      labels.keySet().forEach(languages::add);
      Map<String, Integer> extra = new LinkedHashMap<>();
      for (Headers.Column c : h.columns()) {
        if (c.meaning().startsWith("?")) {
          String col = c.header();
          if (col.contains(" ")) {
            findings.add(FormCheck.CHOICE_HEADER.at(sheetName, 1, col, col));
          } else {
            extra.put(col, c.index());
          }
        }
      }
      Map<String, List<Choice>> lists = new LinkedHashMap<>();
      Map<String, Integer> seen = new HashMap<>();
      for (Sheet.Row r : s.rows()) {
        String l = list < 0 ? "" : r.cell(list).trim();
        String n = name < 0 ? "" : r.cell(name).trim();
        if (l.isEmpty()) {
          findings.add(FormCheck.CHOICE_NO_LIST.at(sheetName, r.number(), "list_name", n));
          continue;
        }
        if (n.isEmpty()) {
          findings.add(FormCheck.CHOICE_NO_NAME.at(sheetName, r.number(), "name", l));
          continue;
        }
        Integer first = seen.putIfAbsent(l + "\u0000" + n, r.number());
        if (first != null && !allowDuplicates) {
          findings.add(FormCheck.DUPLICATE_CHOICE.at(sheetName, r.number(), "name", n, l, first));
          continue;
        }
        Texts texts = texts(r, h);
        if (texts.of("label").isEmpty()
            && texts.byColumn().isEmpty()
            && sheetName.equals("choices")) {
          findings.add(FormCheck.CHOICE_NO_LABEL.at(sheetName, r.number(), "label", n, l));
        }
        Map<String, String> columns = new LinkedHashMap<>();
        extra.forEach((col, i) -> columns.put(col, r.cell(i)));
        lists
            .computeIfAbsent(l, k -> new ArrayList<>())
            .add(new Choice(n, texts.of("label"), texts, columns, r.number()));
      }
      lists.forEach((k, v) -> out.put(k, new ChoiceList(k, List.copyOf(v), sheetName)));
    }

    /** The choices of a file beside the form, when it is there and readable. */
    private Optional<ChoiceList> fileList(Question q) {
      String file = q.listName();
      Optional<byte[]> bytes = attachments.apply(file);
      if (bytes.isEmpty()) {
        findings.add(FormCheck.MISSING_FILE.at("survey", q.row(), "type", file));
        return Optional.empty();
      }
      try {
        String value = q.parameters().getOrDefault("value", "name");
        String label = q.parameters().getOrDefault("label", "label");
        List<Choice> choices = new ArrayList<>();
        if (file.toLowerCase(Locale.ROOT).endsWith(".csv")) {
          Sheet s = Sheets.csv(file, bytes.get());
          int v = s.column(value);
          if (v < 0) {
            findings.add(
                FormCheck.FILE_UNREADABLE.at(
                    file, 1, value, file, FormCheck.hint("hint.no-column", value)));
            return Optional.empty();
          }
          for (Sheet.Row r : s.rows()) {
            Map<String, String> columns = new LinkedHashMap<>();
            Map<String, String> labels = new LinkedHashMap<>();
            for (int i = 0; i < s.header().size(); i++) {
              String col = s.header().get(i);
              columns.put(col, r.cell(i));
              if (col.equals(label) || col.startsWith(label + "::")) {
                labels.put(
                    col.equals(label) ? defaultLanguage : col.substring(label.length() + 2),
                    r.cell(i));
              }
            }
            choices.add(
                new Choice(
                    r.cell(v), labels, new Texts(Map.of("label", labels)), columns, r.number()));
          }
        } else if (file.toLowerCase(Locale.ROOT).endsWith(".xml")) {
          choices.addAll(XmlItems.read(bytes.get(), value, label, defaultLanguage));
        } else {
          // GeoJSON features are points on a map; answers are feature ids, not checked here.
          return Optional.empty();
        }
        return Optional.of(new ChoiceList(file, List.copyOf(choices), file));
      } catch (RuntimeException e) {
        findings.add(
            FormCheck.FILE_UNREADABLE.at(file, null, null, file, String.valueOf(e.getMessage())));
        return Optional.empty();
      }
    }

    // ---------------------------------------------------------------- survey

    private void unknownColumns(String sheet, Headers h) {
      for (Headers.Column c : h.columns()) {
        if (c.meaning().startsWith("?")) {
          Object hint = "";
          Matcher m =
              Pattern.compile(
                      "^(label|hint|guidance_hint|constraint_message|required_message|image|audio|video)[: ](.+)$",
                      Pattern.CASE_INSENSITIVE)
                  .matcher(c.header());
          if (m.matches()) {
            hint =
                FormCheck.hint(
                    "hint.language-column",
                    m.group(1).toLowerCase(Locale.ROOT)
                        + "::"
                        + m.group(2).replaceFirst("^:", "").trim());
          }
          findings.add(FormCheck.UNKNOWN_COLUMN.at(sheet, 1, c.header(), c.header(), sheet, hint));
        }
      }
    }

    private static final class Container {
      final Group group;
      final Set<String> names = new HashSet<>(Set.of("meta"));
      final Set<String> lower = new HashSet<>();

      Container(Group group) {
        this.group = group;
      }
    }

    private void readSurvey(
        Sheet s,
        Headers h,
        Map<String, ChoiceList> lists,
        Map<String, ChoiceList> external,
        List<Group> groups,
        List<Row> rows) {
      int typeCol = h.index("type");
      int nameCol = h.index("name");
      int disabledCol = h.index("disabled");
      Deque<Container> open = new ArrayDeque<>();
      open.push(new Container(null));
      Set<String> repeatNames = new HashSet<>();
      int previous = 1;
      for (Sheet.Row r : s.rows()) {
        if (r.number() - previous > 61) {
          // pyxform stops reading a sheet after 60 empty rows: say which rows that leaves out.
          findings.add(
              FormCheck.ROWS_AFTER_GAP.at("survey", r.number(), null, previous, r.number()));
          break;
        }
        previous = r.number();
        String typeText = r.cell(typeCol).trim().replaceAll("\\s+", " ");
        String name = nameCol < 0 ? "" : r.cell(nameCol).trim();
        Texts texts = texts(r, h);
        if (disabledCol >= 0 && !r.cell(disabledCol).isBlank()) {
          findings.add(FormCheck.DISABLED_ROW.at("survey", r.number(), "disabled"));
          if (yes(r.cell(disabledCol))) {
            continue;
          }
        }
        if (typeText.isEmpty()) {
          if (name.isEmpty() && texts.of("label").isEmpty()) {
            findings.add(FormCheck.COMMENT_ROW.at("survey", r.number(), null, describe(r, s)));
          } else {
            findings.add(
                FormCheck.NO_TYPE.at(
                    "survey", r.number(), "type", name.isEmpty() ? describe(r, s) : name));
          }
          continue;
        }
        if (KNOWN_SETTINGS.contains(typeText)
            || typeText.equals("set_form_title")
            || typeText.equals("set_form_id")) {
          // A setting written as a survey row (pyxform reads it as one).
          continue;
        }
        Matcher end = END.matcher(typeText);
        if (end.matches()) {
          boolean repeat = isRepeat(end.group(1));
          Container top = open.peek();
          if (top.group == null || top.group.repeat() != repeat) {
            findings.add(
                FormCheck.UNMATCHED_END.at(
                    "survey",
                    r.number(),
                    "type",
                    typeText,
                    top.group == null
                        ? FormCheck.hint("hint.nothing-open")
                        : FormCheck.hint(
                            top.group.repeat() ? "hint.open-repeat" : "hint.open-group",
                            top.group.name(),
                            top.group.row())));
            if (top.group != null && open.size() > 1) {
              open.pop();
            }
          } else {
            open.pop();
          }
          continue;
        }
        if (typeText.equals("audit")) {
          if (!name.isEmpty() && !name.equals("audit")) {
            findings.add(FormCheck.AUDIT_NAME.at("survey", r.number(), "name", name));
          }
          name = "audit";
        }
        Matcher begin = BEGIN.matcher(typeText);
        if (name.isEmpty()) {
          if (typeText.equals("note")
              || typeText.equals("q note")
              || typeText.equals("add note prompt")) {
            name = "generated_note_name_" + r.number();
            findings.add(FormCheck.GENERATED_NAME.at("survey", r.number(), "name", name));
          } else {
            findings.add(FormCheck.NO_NAME.at("survey", r.number(), "name", typeText));
            continue;
          }
        }
        if (!XML_NAME.matcher(name).matches()) {
          findings.add(FormCheck.INVALID_NAME.at("survey", r.number(), "name", name));
          continue;
        }
        Container parent = open.peek();
        if (parent.names.contains(name)) {
          if (name.equals("meta")) {
            findings.add(
                FormCheck.RESERVED_NAME.at(
                    "survey", r.number(), "name", name, "it is kept for form metadata"));
          } else {
            findings.add(
                FormCheck.DUPLICATE_NAME.at(
                    "survey",
                    r.number(),
                    "name",
                    name,
                    parent.group == null ? "survey" : parent.group.name()));
          }
          continue;
        }
        parent.names.add(name);
        if (!parent.lower.add(name.toLowerCase(Locale.ROOT))) {
          findings.add(FormCheck.CASE_DUPLICATE_NAME.at("survey", r.number(), "name", name));
        }
        List<Group> enclosing = new ArrayList<>();
        open.descendingIterator()
            .forEachRemaining(
                c -> {
                  if (c.group != null) {
                    enclosing.add(c.group);
                  }
                });
        String path = parent.group == null ? name : parent.group.path() + "/" + name;
        if (begin.matches()) {
          boolean repeat = isRepeat(begin.group(1));
          if (repeat) {
            if (name.equals("data")) {
              findings.add(
                  FormCheck.RESERVED_NAME.at(
                      "survey",
                      r.number(),
                      "name",
                      name,
                      "a repeat cannot have the name of the survey's root"));
            } else if (!repeatNames.add(name)) {
              findings.add(FormCheck.DUPLICATE_REPEAT_NAME.at("survey", r.number(), "name", name));
            }
            if (texts.of("label").isEmpty()) {
              findings.add(FormCheck.REPEAT_NO_LABEL.at("survey", r.number(), "label", name));
            }
          }
          if (begin.group(1).equals("loop")) {
            String list = begin.group(4);
            if (list == null) {
              findings.add(
                  FormCheck.LOOP_LIST.at(
                      "survey", r.number(), "type", typeText, FormCheck.hint("hint.no-list")));
            } else if (!lists.containsKey(list)) {
              findings.add(
                  FormCheck.LOOP_LIST.at(
                      "survey",
                      r.number(),
                      "type",
                      typeText,
                      FormCheck.hint("hint.list-not-on-choices", list)));
            }
          }
          Group g =
              new Group(
                  name,
                  path,
                  repeat,
                  texts.of("label"),
                  null,
                  null,
                  cell(r, h, "appearance"),
                  List.copyOf(enclosing),
                  r.number());
          groups.add(g);
          open.push(new Container(g));
          continue;
        }
        Question.Select select = null;
        Optional<QuestionType> type;
        Optional<Object[]> parsed = select(typeText);
        if (parsed.isPresent()) {
          String command = (String) parsed.get()[0];
          String list = (String) parsed.get()[1];
          boolean orOther = (Boolean) parsed.get()[2];
          boolean multiple = command.contains("multiple") || command.contains("all that apply");
          boolean fromFile = command.contains("file");
          boolean isExternal = command.contains("external");
          type =
              Optional.of(
                  command.equals("rank")
                      ? QuestionType.RANK
                      : multiple ? QuestionType.SELECT_MULTIPLE : QuestionType.SELECT_ONE);
          select = new Question.Select(list, orOther, fromFile, isExternal);
          if (!checkSelect(r, h, typeText, select, type.get(), lists, external)) {
            continue;
          }
        } else {
          type = QuestionType.of(typeText);
          if (type.isEmpty() && typeText.matches("osm \\S+")) {
            type = Optional.of(QuestionType.OSM);
          }
          if (type.isEmpty()) {
            findings.add(
                FormCheck.UNKNOWN_TYPE.at(
                    "survey", r.number(), "type", typeText, suggestion(typeText)));
            continue;
          }
          if ((typeText.equals("subscriberid") || typeText.equals("simserial"))) {
            findings.add(FormCheck.DEPRECATED_TYPE.at("survey", r.number(), "type", typeText));
          }
          if (type.get() == QuestionType.CALCULATE
              && cell(r, h, "calculation").isBlank()
              && !isDynamic(cell(r, h, "default"), QuestionType.CALCULATE)) {
            findings.add(
                FormCheck.MISSING_CALCULATION.at("survey", r.number(), "calculation", name));
            continue;
          }
          if (type.get() == QuestionType.EXTERNAL_INSTANCE) {
            String file = name + (typeText.startsWith("csv") ? ".csv" : ".xml");
            if (attachments.apply(file).isEmpty()) {
              findings.add(FormCheck.MISSING_FILE.at("survey", r.number(), "name", file));
            }
          }
          if (type.get() == QuestionType.RANGE) {
            checkRange(r, h);
          }
        }
        String parameterText = cell(r, h, "parameters");
        Optional<Map<String, String>> parameters = Parameters.parse(parameterText);
        if (parameters.isEmpty()) {
          findings.add(
              FormCheck.BAD_PARAMETER.at(
                  "survey",
                  r.number(),
                  "parameters",
                  "",
                  parameterText,
                  FormCheck.hint("parameter.pairs")));
          continue;
        }
        Optional<FormCheck.Hint> problem =
            Parameters.problem(
                parameters.get(), type.get(), typeText, select != null && select.fromFile());
        if (problem.isPresent()) {
          findings.add(
              FormCheck.BAD_PARAMETER.at(
                  "survey", r.number(), "parameters", "", parameterText, problem.get()));
          continue;
        }
        if (hasControl(type.get(), typeText) && cell(r, h, "calculation").isBlank()) {
          boolean shown =
              !cell(r, h, "media").isBlank()
                  || !texts.of("label").isEmpty()
                  || !texts.of("hint").isEmpty()
                  || !texts.of("image").isEmpty()
                  || !texts.of("audio").isEmpty()
                  || !texts.of("video").isEmpty()
                  || !texts.of("big-image").isEmpty();
          if (!shown) {
            findings.add(FormCheck.NO_LABEL.at("survey", r.number(), "label", name));
            continue;
          }
          if (!texts.of("big-image").isEmpty() && texts.of("image").isEmpty()) {
            findings.add(FormCheck.BIG_IMAGE_ALONE.at("survey", r.number(), "big-image", name));
            continue;
          }
        }
        Map<String, String> other = new LinkedHashMap<>();
        for (Headers.Column c : h.columns()) {
          if ((c.meaning().startsWith("?") || c.meaning().contains(":"))
              && !r.cell(c.index()).isBlank()) {
            other.put(c.header(), r.cell(c.index()));
          }
        }
        rows.add(
            new Row(
                r, name, type.get(), typeText, select, List.copyOf(enclosing), path, texts, other));
        if (select != null && select.orOther()) {
          String otherName = name + "_other";
          parent.names.add(otherName);
        }
      }
      while (open.size() > 1) {
        Group g = open.pop().group;
        findings.add(
            FormCheck.UNCLOSED_GROUP.at(
                "survey", g.row(), "type", g.repeat() ? "repeat" : "group", g.name()));
      }
    }

    /** Whether the type has a control in the XForm body, which needs a label or a hint. */
    private static boolean hasControl(QuestionType type, String typeText) {
      switch (type) {
        case CALCULATE:
        case HIDDEN:
        case METADATA:
        case EXTERNAL_INSTANCE:
          return false;
        default:
          return true;
      }
    }

    private static boolean isRepeat(String control) {
      return !control.equals("group");
    }

    /** {command, list, orOther} when the type text is a select. */
    private static Optional<Object[]> select(String typeText) {
      for (String command : SELECT_COMMANDS) {
        if (typeText.startsWith(command + " ")) {
          String rest = typeText.substring(command.length() + 1);
          boolean orOther = false;
          for (String suffix : List.of(" or specify other", " or_other", " or other")) {
            if (rest.endsWith(suffix)) {
              rest = rest.substring(0, rest.length() - suffix.length());
              orOther = true;
              break;
            }
          }
          if (!rest.isEmpty() && !rest.contains(" ")) {
            return Optional.of(new Object[] {command, rest, orOther});
          }
        }
      }
      return Optional.empty();
    }

    private boolean checkSelect(
        Sheet.Row r,
        Headers h,
        String typeText,
        Question.Select select,
        QuestionType type,
        Map<String, ChoiceList> lists,
        Map<String, ChoiceList> external) {
      String list = select.listName();
      int dot = list.lastIndexOf('.');
      String extension = dot < 0 ? "" : list.substring(dot).toLowerCase(Locale.ROOT);
      boolean filter = !cell(r, h, "choice_filter").isBlank();
      if (select.external()) {
        if (!filter) {
          findings.add(FormCheck.EXTERNAL_NO_FILTER.at("survey", r.number(), "choice_filter"));
        }
        if (external.isEmpty() && !sheets.containsKey("external_choices")) {
          findings.add(
              FormCheck.NO_EXTERNAL_CHOICES_SHEET.at("survey", r.number(), "type", typeText));
          return false;
        }
        if (!external.containsKey(list)) {
          findings.add(
              FormCheck.LIST_NOT_FOUND.at(
                  "survey", r.number(), "type", list, "external_choices", ""));
          return false;
        }
        return true;
      }
      if (select.fromFile()) {
        if (!FILE_EXTENSIONS.contains(extension)) {
          findings.add(FormCheck.FILE_EXTENSION.at("survey", r.number(), "type", list));
          return false;
        }
      } else if (FILE_EXTENSIONS.contains(extension)) {
        // select_one cities.csv: pyxform reads it like select_one_from_file.
        select = new Question.Select(list, select.orOther(), true, false);
      } else if (list.startsWith("${")) {
        // select_one ${q}: the choices are the answers of a repeat; nothing to look up.
        return true;
      } else if (!lists.containsKey(list)) {
        if (lists.isEmpty()) {
          findings.add(
              FormCheck.NO_CHOICES_SHEET.at(
                  "survey",
                  r.number(),
                  "type",
                  typeText,
                  sheets.containsKey("choices") ? " (the choices sheet has no choices)" : ""));
        } else {
          findings.add(
              FormCheck.LIST_NOT_FOUND.at(
                  "survey",
                  r.number(),
                  "type",
                  list,
                  "choices",
                  suggestionOf(list, lists.keySet())));
        }
        return false;
      }
      if (type == QuestionType.SELECT_MULTIPLE && !select.fromFile()) {
        for (Choice c : lists.get(list).choices()) {
          if (c.name().contains(" ")) {
            findings.add(
                FormCheck.CHOICE_NAME_SPACE.at("choices", c.row(), "name", c.name(), list));
            return false;
          }
        }
      }
      if (select.orOther()) {
        if (filter) {
          findings.add(FormCheck.OR_OTHER_FILTER.at("survey", r.number(), "choice_filter"));
          return false;
        }
      }
      return true;
    }

    private void checkRange(Sheet.Row r, Headers h) {
      Map<String, String> p = Parameters.parse(cell(r, h, "parameters")).orElse(Map.of());
      Double start = number(p.getOrDefault("start", "1"));
      Double end = number(p.getOrDefault("end", "10"));
      Double step = number(p.getOrDefault("step", "1"));
      for (String k : List.of("start", "end", "step")) {
        if (p.containsKey(k) && number(p.get(k)) == null) {
          findings.add(
              FormCheck.BAD_PARAMETER.at(
                  "survey", r.number(), "parameters", k, p.get(k), "it is not a number"));
          return;
        }
      }
      if (step != null && step == 0) {
        findings.add(
            FormCheck.BAD_PARAMETER.at(
                "survey", r.number(), "parameters", "step", "0", "a step cannot be zero"));
      } else if (start != null
          && end != null
          && step != null
          && Math.abs(step) > Math.abs(end - start)) {
        findings.add(
            FormCheck.BAD_PARAMETER.at(
                "survey",
                r.number(),
                "parameters",
                "step",
                p.get("step"),
                "it is larger than the range"));
      }
    }

    private static Double number(String s) {
      try {
        return Double.valueOf(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }

    private void checkLanguages() {
      List<String> noCode = new ArrayList<>();
      for (String l : languages) {
        if (!l.equals("default") && !l.matches(".*\\([A-Za-z]{2,3}([-_][A-Za-z0-9]+)*\\)\\s*$")) {
          noCode.add(l);
        }
      }
      if (!noCode.isEmpty()) {
        findings.add(FormCheck.LANGUAGE_CODE.at(null, null, null, String.join(", ", noCode)));
      }
    }

    // ---------------------------------------------------------------- references

    private void checkReferences(Sheet s, Headers h, Map<String, Integer> counts) {
      Set<Integer> ignored = new HashSet<>();
      for (Headers.Column c : h.columns()) {
        if (c.meaning().equals("type") || c.meaning().equals("name")) {
          ignored.add(c.index());
        }
      }
      int trigger = h.index("trigger");
      for (Sheet.Row r : s.rows()) {
        for (Headers.Column c : h.columns()) {
          if (ignored.contains(c.index()) || c.index() == trigger) {
            continue;
          }
          checkCell("survey", r.number(), c.header(), r.cell(c.index()), counts);
        }
        if (trigger >= 0 && !r.cell(trigger).isBlank()) {
          for (String t : r.cell(trigger).split("\\s+")) {
            Matcher m = REFERENCE.matcher(t);
            if (!m.matches()) {
              findings.add(
                  FormCheck.TRIGGER_UNKNOWN.at(
                      "survey", r.number(), "trigger", t, "write ${name}"));
            } else if (!counts.containsKey(m.group(1).trim())) {
              findings.add(
                  FormCheck.TRIGGER_UNKNOWN.at(
                      "survey", r.number(), "trigger", t, "no question has that name"));
            }
          }
        }
      }
    }

    private void checkReferencesIn(Sheet s, String sheet, Map<String, Integer> counts) {
      if (s == null) {
        return;
      }
      Headers h = new Headers(sheet, s.header(), Headers.Kind.CHOICES);
      for (Sheet.Row r : s.rows()) {
        for (Headers.Column c : h.columns()) {
          if (Headers.TRANSLATABLE.contains(c.meaning())) {
            checkCell(sheet, r.number(), c.header(), r.cell(c.index()), counts);
          }
        }
      }
    }

    private void checkCell(
        String sheet, int row, String column, String text, Map<String, Integer> counts) {
      if (text == null || text.length() < 3 || !text.contains("${")) {
        return;
      }
      Matcher m = REFERENCE.matcher(text);
      while (m.find()) {
        Matcher inner = REFERENCE_INNER.matcher(m.group(1));
        if (!inner.matches()) {
          findings.add(FormCheck.REFERENCE_SYNTAX.at(sheet, row, column, m.group(0)));
          continue;
        }
        String name = inner.group(2);
        Integer n = counts.get(name);
        if (n == null) {
          findings.add(
              FormCheck.UNKNOWN_REFERENCE.at(
                  sheet, row, column, name, suggestionOf(name, counts.keySet())));
        } else if (n > 1) {
          findings.add(FormCheck.AMBIGUOUS_REFERENCE.at(sheet, row, column, name, n));
        }
      }
    }

    // ---------------------------------------------------------------- building

    private Group withExpressions(
        Group g, Sheet s, Headers h, Map<String, String> paths, Map<String, Group> rebuilt) {
      Sheet.Row r = s.rows().stream().filter(x -> x.number() == g.row()).findFirst().orElseThrow();
      List<Group> parents = new ArrayList<>();
      for (Group p : g.parents()) {
        parents.add(rebuilt.getOrDefault(p.path(), p));
      }
      return new Group(
          g.name(),
          g.path(),
          g.repeat(),
          g.labels(),
          expression(r, h, "relevant", paths, false),
          expression(r, h, "repeat_count", paths, false),
          g.appearance(),
          List.copyOf(parents),
          g.row());
    }

    private Question question(
        Row r, Headers h, Map<String, String> paths, Map<String, Group> groups, Set<String> names) {
      Sheet.Row row = r.row();
      String defaultText = cell(row, h, "default");
      Expression dynamicDefault = null;
      if (!defaultText.isBlank() && isDynamic(defaultText, r.type())) {
        dynamicDefault = expression(row, h, "default", paths, false);
      }
      List<String> trigger = new ArrayList<>();
      for (String t : cell(row, h, "trigger").split("\\s+")) {
        Matcher m = REFERENCE.matcher(t);
        if (m.matches()) {
          trigger.add(m.group(1).trim());
        }
      }
      Question.Select select = r.select();
      if (select != null && !select.fromFile() && !select.external()) {
        String list = select.listName();
        int dot = list.lastIndexOf('.');
        if (dot >= 0 && FILE_EXTENSIONS.contains(list.substring(dot).toLowerCase(Locale.ROOT))) {
          select = new Question.Select(list, select.orOther(), true, false);
        }
      }
      Question.Logic logic =
          new Question.Logic(
              required(row, h, paths),
              expression(row, h, "relevant", paths, false),
              expression(row, h, "constraint", paths, true),
              expression(row, h, "calculation", paths, false),
              expression(row, h, "choice_filter", paths, false),
              readOnly(row, h, paths),
              defaultText,
              dynamicDefault,
              List.copyOf(trigger));
      List<Group> enclosing = new ArrayList<>();
      for (Group g : r.groups()) {
        enclosing.add(groups.getOrDefault(g.path(), g));
      }
      return new Question(
          r.name(),
          r.path(),
          r.type(),
          r.typeText(),
          select,
          r.texts(),
          logic,
          cell(row, h, "appearance"),
          Collections.unmodifiableMap(
              Parameters.parse(cell(row, h, "parameters")).orElse(Map.of())),
          Collections.unmodifiableMap(r.otherColumns()),
          List.copyOf(enclosing),
          row.number());
    }

    private Question other(Row r, Map<String, String> paths, Map<String, Group> groups) {
      Map<String, String> labels = new LinkedHashMap<>();
      r.texts().of("label").forEach((l, v) -> labels.put(l, v + " (other)"));
      List<Group> enclosing = new ArrayList<>();
      for (Group g : r.groups()) {
        enclosing.add(groups.getOrDefault(g.path(), g));
      }
      return new Question(
          r.name() + "_other",
          r.path() + "_other",
          QuestionType.TEXT,
          "text",
          null,
          new Texts(Map.of("label", labels)),
          new Question.Logic(
              null,
              Expression.parse("selected(${" + r.name() + "}, 'other')", paths),
              null,
              null,
              null,
              null,
              "",
              null,
              List.of()),
          "",
          Map.of(),
          Map.of(),
          List.copyOf(enclosing),
          r.row().number());
    }

    /**
     * pyxform's {@code default_is_dynamic}: the default is an expression when its tokens, read left
     * to right, meet a reference, a function call, a predicate, a union or an arithmetic operator
     * before anything else decides; for dates and locations a '-' means a value.
     */
    private static boolean isDynamic(String value, QuestionType type) {
      if (value == null || value.isBlank()) {
        return false;
      }
      boolean hyphenIsValue =
          type.value() == QuestionType.Value.DATE
              || type.value() == QuestionType.Value.DATETIME
              || type == QuestionType.GEOPOINT
              || type == QuestionType.GEOTRACE
              || type == QuestionType.GEOSHAPE;
      Matcher m = DEFAULT_TOKEN.matcher(value);
      while (m.find()) {
        if (m.group("skip") != null) {
          continue;
        }
        if (m.group("minus") != null && hyphenIsValue) {
          return false;
        }
        if (m.group("dynamic") != null || m.group("minus") != null) {
          return true;
        }
      }
      return false;
    }

    private Expression required(Sheet.Row r, Headers h, Map<String, String> paths) {
      String v = cell(r, h, "required").trim();
      switch (v.toLowerCase(Locale.ROOT)) {
        case "":
        case "no":
        case "false":
        case "false()":
          return null;
        case "yes":
        case "true":
        case "true()":
          return Expression.parse("true()");
        default:
          return expression(r, h, "required", paths, false);
      }
    }

    private Expression readOnly(Sheet.Row r, Headers h, Map<String, String> paths) {
      String v = cell(r, h, "read_only").trim();
      if (v.isEmpty() || v.equalsIgnoreCase("no") || v.equalsIgnoreCase("false")) {
        return null;
      }
      if (v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true")) {
        return Expression.parse("true()");
      }
      return expression(r, h, "read_only", paths, false);
    }

    private Expression expression(
        Sheet.Row r, Headers h, String meaning, Map<String, String> paths, boolean selfAllowed) {
      String text = cell(r, h, meaning);
      if (text.isBlank()) {
        return null;
      }
      String column =
          h.index(meaning) >= 0
              ? h.columns().stream()
                  .filter(c -> c.index() == h.index(meaning))
                  .findFirst()
                  .map(Headers.Column::header)
                  .orElse(meaning)
              : meaning;
      try {
        Expression e = Expression.parse(text, paths);
        if (!selfAllowed
            && e.usesSelf()
            && !meaning.equals("choice_filter")
            && !meaning.equals("calculation")) {
          findings.add(
              FormCheck.SELF_OUTSIDE_CONSTRAINT.at("survey", r.number(), column, e.text()));
        }
        return e;
      } catch (ExpressionException e) {
        if (!text.contains("${")
            || REFERENCE
                .matcher(text)
                .results()
                .allMatch(m -> REFERENCE_INNER.matcher(m.group(1)).matches())) {
          FormCheck check =
              e.reason().equals("unknown-function")
                  ? FormCheck.UNKNOWN_FUNCTION
                  : FormCheck.EXPRESSION_SYNTAX;
          findings.add(check.at("survey", r.number(), column, FormCheck.reason(e)));
        }
        return null;
      }
    }

    // ---------------------------------------------------------------- cells

    private Texts texts(Sheet.Row r, Headers h) {
      Map<String, Map<String, String>> out = new LinkedHashMap<>();
      for (String meaning : Headers.TRANSLATABLE) {
        Map<String, Integer> columns = h.translated(meaning, defaultLanguage);
        if (columns.isEmpty()) {
          continue;
        }
        Map<String, String> byLanguage = new LinkedHashMap<>();
        columns.forEach(
            (language, i) -> {
              String t = r.cell(i);
              if (!t.isBlank()) {
                byLanguage.put(language, t);
              }
              if (meaning.equals("label") || meaning.equals("hint")) {
                languages.add(language);
              }
            });
        if (!byLanguage.isEmpty()) {
          out.put(meaning, Collections.unmodifiableMap(byLanguage));
        }
      }
      return new Texts(Collections.unmodifiableMap(out));
    }

    private static String cell(Sheet.Row r, Headers h, String meaning) {
      int i = h.index(meaning);
      return i < 0 ? "" : r.cell(i).trim();
    }

    private static String describe(Sheet.Row r, Sheet s) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < s.header().size(); i++) {
        if (!r.cell(i).isBlank()) {
          parts.add(s.header().get(i) + "=" + r.cell(i));
        }
      }
      String d = String.join(", ", parts);
      return d.length() > 80 ? d.substring(0, 77) + "..." : d;
    }

    private static boolean yes(String v) {
      if (v == null) {
        return false;
      }
      String l = v.trim().toLowerCase(Locale.ROOT);
      return l.equals("yes") || l.equals("true") || l.equals("true()");
    }

    private static Object suggestion(String typeText) {
      String first = typeText.split(" ")[0];
      if (first.startsWith("select") || first.equals("rank")) {
        return FormCheck.hint("hint.select");
      }
      String near =
          nearest(
              typeText.toLowerCase(Locale.ROOT),
              Set.of(
                  "text",
                  "integer",
                  "decimal",
                  "date",
                  "time",
                  "datetime",
                  "note",
                  "calculate",
                  "geopoint",
                  "image",
                  "audio",
                  "video",
                  "file",
                  "barcode",
                  "acknowledge",
                  "range",
                  "hidden",
                  "begin_group",
                  "end_group",
                  "begin_repeat",
                  "end_repeat",
                  "start",
                  "end",
                  "today",
                  "deviceid",
                  "username"));
      return near == null ? "" : FormCheck.hint("hint.did-you-mean", near);
    }

    private static Object suggestionOf(String name, Set<String> known) {
      String near = nearest(name, known);
      return near == null ? "" : FormCheck.hint("hint.did-you-mean", near);
    }
  }

  /** The closest of {@code candidates} within two edits, or null. */
  static String nearest(String word, Set<String> candidates) {
    String best = null;
    int bestDistance = 3;
    for (String c : candidates) {
      int d = distance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d > 0 && d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
