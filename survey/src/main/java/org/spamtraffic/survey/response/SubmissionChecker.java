package org.spamtraffic.survey.response;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.spamtraffic.language.Catalogue;
import org.spamtraffic.language.Language;
import org.spamtraffic.survey.expr.Expression;
import org.spamtraffic.survey.expr.ExpressionException;
import org.spamtraffic.survey.expr.Instance;
import org.spamtraffic.survey.form.Choice;
import org.spamtraffic.survey.form.ChoiceList;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.FormCheck;
import org.spamtraffic.survey.form.Group;
import org.spamtraffic.survey.form.Question;
import org.spamtraffic.survey.form.QuestionType;

/**
 * Checks every answer of a submission against the form, repeats included: an unknown choice (or one
 * its {@code choice_filter} does not offer), a value of the wrong type, a broken constraint, a
 * required question left empty where it is asked. A bad answer is rejected and the rest of the
 * submission kept; a submission without a valid country is rejected as a whole, since nothing it
 * says can be attributed.
 *
 * <p>Questions are checked in form order, each repeat instance in turn where the repeat is, and the
 * expressions ({@code relevant}, {@code required}, {@code constraint}, {@code choice_filter},
 * {@code calculation}) are evaluated by JavaRosa over the answers already accepted (see {@link
 * Expression}): a rejected answer counts as not given, and inside a repeat instance a reference to
 * a sibling question is that instance's answer.
 */
public final class SubmissionChecker {
  private static final Set<String> TRUE = Set.of("1", "true", "yes", "x", "oui", "si", "sí");
  private static final Set<String> FALSE = Set.of("0", "false", "no", "non", "");
  private static final DateTimeFormatter SURVEYCTO =
      DateTimeFormatter.ofPattern("MMM d, yyyy h:mm:ss a", Locale.ENGLISH);

  private final Form form;
  private final String countryQuestion;
  private final FindingTexts texts;
  private final String language;
  private final Section root;
  private final Map<String, Expression> filters = new HashMap<>();

  /**
   * The form as nested sections: the questions outside repeats, and each repeat with its own
   * questions and nested repeats, in form order.
   */
  private record Section(Group repeat, List<Object> items) {}

  /**
   * A checker for {@code form}, where {@code countryQuestion} names the question that says which
   * country answers.
   */
  public SubmissionChecker(Form form, String countryQuestion) {
    this(form, countryQuestion, Language.ENGLISH);
  }

  /**
   * A checker whose findings are written in {@code language}: the catalogue's messages, and the
   * form's own labels, constraint and required messages in that language when the form has it, else
   * in its default language.
   */
  public SubmissionChecker(Form form, String countryQuestion, Language language) {
    if (form.question(countryQuestion).isEmpty()) {
      throw new IllegalArgumentException(
          "The form has no question '" + countryQuestion + "' to say which country answers");
    }
    this.form = form;
    this.countryQuestion = countryQuestion;
    this.texts = new FindingTexts(language);
    this.language = form.language(language.code()).orElse(form.defaultLanguage());
    this.root = sections(form);
    Map<String, String> paths = form.paths();
    for (Question q : form.questions()) {
      if (q.logic().choiceFilter() != null && form.choices(q) != null) {
        // Is the answer one of the choices the filter offers? JavaRosa evaluates the itemset.
        String list = q.listName();
        filters.put(
            q.name(),
            Expression.parse(
                "count(instance('"
                    + list
                    + "')/root/item[name = $value]["
                    + q.logic().choiceFilter().text()
                    + "]) > 0",
                paths));
      }
    }
  }

  /** The answer findings' catalogue in {@code language}. */
  static Catalogue catalogue(Language language) {
    return Catalogue.of("spamtraffic.survey.messages.response-findings", language);
  }

  private static Section sections(Form form) {
    Section top = new Section(null, new ArrayList<>());
    for (Question q : form.questions()) {
      Section at = top;
      for (Group g : q.groups()) {
        if (!g.repeat()) {
          continue;
        }
        Section next = null;
        if (!at.items().isEmpty()
            && at.items().get(at.items().size() - 1) instanceof Section last
            && last.repeat().path().equals(g.path())) {
          next = last;
        }
        if (next == null) {
          next = new Section(g, new ArrayList<>());
          at.items().add(next);
        }
        at = next;
      }
      at.items().add(q);
    }
    return top;
  }

  /** The form checked against. */
  public Form form() {
    return form;
  }

  /** What one check of one submission gathers. */
  private final class Run {
    final RawSubmission raw;
    final String id;
    final Instance instance = Instance.of(form.rootName());
    final List<Answer> answers = new ArrayList<>();
    final List<Finding> findings = new ArrayList<>();
    final Map<String, String> accepted = new LinkedHashMap<>();
    final Map<String, ColumnMap> repeatColumns;
    int read;
    int rejected;
    int ignored;

    Run(RawSubmission raw, String id, Map<String, ColumnMap> repeatColumns) {
      this.raw = raw;
      this.id = id;
      this.repeatColumns = repeatColumns;
      for (Map.Entry<String, ChoiceList> e : form.choiceLists().entrySet()) {
        if (filters.isEmpty()) {
          break;
        }
        List<Map<String, String>> items = new ArrayList<>();
        for (Choice c : e.getValue().choices()) {
          Map<String, String> item = new LinkedHashMap<>(c.columns());
          item.put("name", c.name());
          item.put("label", c.label(form.defaultLanguage()));
          items.add(item);
        }
        instance.addSecondary(e.getKey(), items);
      }
      for (Question q : form.questions()) {
        ChoiceList list = form.choices(q);
        if (list != null) {
          Map<String, String> labels = new LinkedHashMap<>();
          list.choices().forEach(c -> labels.put(c.name(), c.label(form.defaultLanguage())));
          instance.addChoiceLabels("/" + form.rootName() + "/" + q.path(), labels);
        }
      }
    }
  }

  /**
   * Checks {@code raw}, whose columns {@code columns} maps; the rows of its repeats are mapped by
   * {@code repeatColumns} (by repeat name, see {@link #repeatColumns}).
   */
  public CheckedSubmission check(
      RawSubmission raw, ColumnMap columns, Map<String, ColumnMap> repeatColumns) {
    String id = submissionId(raw);
    Run run = new Run(raw, id, repeatColumns);
    Instant submittedAt = submittedAt(raw, id, run.findings);
    List<Finding> answerFindings = new ArrayList<>();
    List<Finding> valueFindings = new ArrayList<>();
    Map<String, Value> values = values(raw.cells(), raw, columns, id, valueFindings, null, 0);
    run.findings.addAll(valueFindings);
    walk(run, root, run.instance.root(), values, raw.repeats(), "", answerFindings);

    String country = run.accepted.get(countryQuestion);
    run.findings.addAll(answerFindings);
    if (country == null) {
      Value v = values.get(countryQuestion);
      run.findings.add(
          new Finding(
              id,
              null,
              raw.file(),
              raw.sheet(),
              v == null ? raw.row() : v.row,
              v == null ? null : v.column,
              countryQuestion,
              v == null ? null : v.text,
              Finding.Rule.NO_COUNTRY,
              Finding.ERROR,
              texts.text("no-country", countryQuestion)));
      return new CheckedSubmission(
          id,
          null,
          submittedAt,
          raw,
          false,
          List.of(),
          withCountry(run.findings, null),
          run.read,
          0,
          run.read - run.ignored,
          run.ignored);
    }
    return new CheckedSubmission(
        id,
        country,
        submittedAt,
        raw,
        true,
        List.copyOf(run.answers),
        withCountry(run.findings, country),
        run.read,
        run.answers.size(),
        run.rejected,
        run.ignored);
  }

  /** Checks {@code raw}, a submission without repeat rows. */
  public CheckedSubmission check(RawSubmission raw, ColumnMap columns) {
    return check(raw, columns, Map.of());
  }

  /** The repeat names of the form, for mapping repeat rows. */
  public List<Group> repeats() {
    return form.groups().stream().filter(Group::repeat).toList();
  }

  private void walk(
      Run run,
      Section section,
      Instance.Node base,
      Map<String, Value> values,
      List<RawRepeat> rows,
      String index,
      List<Finding> out) {
    for (Object item : section.items()) {
      if (item instanceof Question q) {
        check(run, q, node(base, section, q.path()), values.get(q.name()), index, out);
        continue;
      }
      Section sub = (Section) item;
      Group g = sub.repeat();
      int position = 0;
      for (RawRepeat r : rows) {
        if (!isOf(r, g)) {
          continue;
        }
        position++;
        Instance.Node n = parentOf(base, section, g.path()).addRepeat(g.name());
        ColumnMap columns = run.repeatColumns.get(g.name());
        if (columns == null) {
          columns = ColumnMap.of(form, r.cells().keySet());
        }
        List<Finding> valueFindings = new ArrayList<>();
        Map<String, Value> repeatValues =
            values(r.cells(), run.raw, columns, run.id, valueFindings, r, 0);
        run.findings.addAll(valueFindings);
        String at = index.isEmpty() ? Integer.toString(position) : index + "." + position;
        walk(run, sub, n, repeatValues, r.children(), at, out);
      }
    }
  }

  /** Whether repeat row {@code r} is an instance of {@code g}. */
  static boolean isOf(RawRepeat r, Group g) {
    String named = Keys.repeatOf(r.key());
    if (named != null) {
      return named.equals(g.name());
    }
    String t = r.table().trim();
    // Excel sheet names are cut at 31 characters.
    return t.equals(g.name()) || (t.length() == 31 && g.name().startsWith(t));
  }

  /** The node of {@code path} (a question or repeat of {@code section}) under {@code base}. */
  private static Instance.Node node(Instance.Node base, Section section, String path) {
    String rel = path;
    if (section.repeat() != null) {
      rel = path.substring(section.repeat().path().length() + 1);
    }
    Instance.Node n = base;
    for (String step : rel.split("/")) {
      n = n.child(step);
    }
    return n;
  }

  /** The node that holds the instances of repeat {@code path}, under {@code base}. */
  private static Instance.Node parentOf(Instance.Node base, Section section, String path) {
    String rel = path;
    if (section.repeat() != null) {
      rel = path.substring(section.repeat().path().length() + 1);
    }
    Instance.Node n = base;
    String[] steps = rel.split("/");
    for (int i = 0; i < steps.length - 1; i++) {
      n = n.child(steps[i]);
    }
    return n;
  }

  private boolean relevant(Run run, Question q, Instance.Node node, List<Finding> out, Value v) {
    try {
      for (Group g : q.groups()) {
        if (g.relevant() != null && !g.relevant().test(run.instance, node)) {
          return false;
        }
      }
      return q.relevant() == null || q.relevant().test(run.instance, node);
    } catch (ExpressionException e) {
      out.add(
          finding(
              run,
              v,
              q,
              "",
              Finding.Rule.EXPRESSION_ERROR,
              Finding.WARNING,
              texts.text("expression-error.relevant", FormCheck.reason(e))));
      return true;
    }
  }

  private void check(
      Run run, Question q, Instance.Node node, Value v, String index, List<Finding> out) {
    if (!q.type().isAnswered()) {
      return;
    }
    String text = v == null ? "" : v.text.trim();
    if (q.type() == QuestionType.CALCULATE || q.type() == QuestionType.HIDDEN) {
      if (text.isEmpty()) {
        // Not exported: compute it, so that later expressions see it; it is no answer.
        if (q.calculation() != null) {
          try {
            node.setText(q.calculation().string(run.instance, node));
          } catch (ExpressionException e) {
            node.clear();
          }
        }
        return;
      }
    }
    if (!text.isEmpty()) {
      run.read++;
    }
    if (!relevant(run, q, node, out, v)) {
      if (!text.isEmpty()) {
        run.ignored++;
        out.add(
            finding(
                run,
                v,
                q,
                text,
                Finding.Rule.NOT_RELEVANT,
                Finding.WARNING,
                texts.text("not-relevant", relevance(q))));
      }
      return;
    }
    if (text.isEmpty()) {
      boolean required;
      try {
        required = q.required() != null && q.required().test(run.instance, node);
      } catch (ExpressionException e) {
        required = false;
      }
      if (required && v != null) {
        String message = q.requiredMessages().get(language);
        out.add(
            finding(
                run,
                v,
                q,
                "",
                Finding.Rule.REQUIRED,
                Finding.ERROR,
                // The form's own message says what to do; the label says which question.
                message != null
                    ? texts.text("required.form", q.label(language), message)
                    : texts.text("required", q.label(language))));
      }
      return;
    }
    Typed typed = type(q, text);
    if (typed.problem != null) {
      run.rejected++;
      out.add(finding(run, v, q, text, typed.rule, Finding.ERROR, typed.problem));
      return;
    }
    set(node, q, typed);
    if (filters.containsKey(q.name())) {
      for (String choice : typed.choices) {
        Expression offered = filters.get(q.name());
        boolean ok;
        try {
          ok = offered.test(run.instance, node, choice);
        } catch (ExpressionException e) {
          ok = true;
        }
        if (!ok) {
          node.clear();
          run.rejected++;
          out.add(
              finding(
                  run,
                  v,
                  q,
                  text,
                  Finding.Rule.CHOICE_FILTER,
                  Finding.ERROR,
                  texts.text("choice-filter", choice, q.logic().choiceFilter().text())));
          return;
        }
      }
    }
    if (q.constraint() != null) {
      boolean ok;
      try {
        ok = q.constraint().test(run.instance, node);
      } catch (ExpressionException e) {
        out.add(
            finding(
                run,
                v,
                q,
                text,
                Finding.Rule.EXPRESSION_ERROR,
                Finding.WARNING,
                texts.text("expression-error.constraint", FormCheck.reason(e))));
        ok = true;
      }
      if (!ok) {
        node.clear();
        run.rejected++;
        String message = q.constraintMessages().get(language);
        out.add(
            finding(
                run,
                v,
                q,
                text,
                Finding.Rule.CONSTRAINT,
                Finding.ERROR,
                texts.text(
                    "constraint",
                    message == null ? (Object) texts.text("constraint.default") : message,
                    q.constraint().text())));
        return;
      }
    }
    if (index.isEmpty()) {
      run.accepted.put(q.name(), typed.value);
    }
    Group repeat = q.repeat();
    run.answers.add(
        new Answer(
            q.name(),
            q.path(),
            q.type(),
            typed.value,
            typed.number,
            typed.date,
            typed.choices,
            v.row,
            v.column,
            repeat == null ? null : repeat.path(),
            index.isEmpty() ? null : index,
            v.sheet,
            v.file));
  }

  /** Puts an accepted value on its node, typed as JavaRosa types it. */
  private static void set(Instance.Node node, Question q, Typed t) {
    switch (q.type().value()) {
      case INTEGER:
        node.setInteger(t.number.longValue());
        break;
      case DECIMAL:
        node.setDecimal(t.number);
        break;
      case DATE:
        node.setDate(t.date);
        break;
      case DATETIME:
        node.setDateTime(t.instant);
        break;
      case TIME:
        node.setTime(t.time);
        break;
      default:
        node.setText(t.value);
        break;
    }
  }

  /** The same submission, rejected as a repeat of one read before. */
  public CheckedSubmission rejectAsDuplicate(CheckedSubmission s, CheckedSubmission first) {
    List<Finding> findings = new ArrayList<>(s.findings());
    findings.add(
        new Finding(
            s.id(),
            s.countryCode(),
            s.raw().file(),
            s.raw().sheet(),
            s.raw().row(),
            null,
            null,
            s.id(),
            Finding.Rule.DUPLICATE_SUBMISSION,
            Finding.ERROR,
            texts.text("duplicate-submission", s.id(), first.raw().file(), first.raw().row())));
    return new CheckedSubmission(
        s.id(),
        s.countryCode(),
        s.submittedAt(),
        s.raw(),
        false,
        List.of(),
        findings,
        s.answersRead(),
        0,
        s.answersRead() - s.answersIgnored(),
        s.answersIgnored());
  }

  private static List<Finding> withCountry(List<Finding> findings, String country) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      out.add(
          new Finding(
              f.submissionId(),
              country,
              f.file(),
              f.sheet(),
              f.row(),
              f.column(),
              f.question(),
              f.value(),
              f.rule(),
              f.level(),
              f.said()));
    }
    return out;
  }

  private static String relevance(Question q) {
    List<String> parts = new ArrayList<>();
    for (Group g : q.groups()) {
      if (g.relevant() != null) {
        parts.add(g.relevant().text());
      }
    }
    if (q.relevant() != null) {
      parts.add(q.relevant().text());
    }
    return String.join(" and ", parts);
  }

  private Finding finding(
      Run run, Value v, Question q, String value, String rule, String level, Message message) {
    RawSubmission raw = run.raw;
    return new Finding(
        run.id,
        null,
        v == null ? raw.file() : v.file,
        v == null ? raw.sheet() : v.sheet,
        v == null ? raw.row() : v.row,
        v == null ? q.path() : v.column,
        q.name(),
        value,
        rule,
        level,
        message);
  }

  /** A question's raw answer and where it came from. */
  private record Value(String text, String file, String sheet, int row, String column) {}

  /**
   * The answers of one row (a submission's, or a repeat instance's when {@code repeat} is given),
   * by question name: direct columns, and select_multiple option columns joined.
   */
  private Map<String, Value> values(
      Map<String, String> cellsOf,
      RawSubmission raw,
      ColumnMap columns,
      String id,
      List<Finding> findings,
      RawRepeat repeat,
      int unused) {
    String file = repeat == null ? raw.file() : repeat.file();
    String sheet = repeat == null ? raw.sheet() : repeat.sheet();
    Map<String, Value> direct = new HashMap<>();
    Map<String, Set<String>> options = new LinkedHashMap<>();
    Map<String, Value> optionWhere = new HashMap<>();
    for (Map.Entry<String, String> cell : cellsOf.entrySet()) {
      ColumnMap.Target t = columns.target(cell.getKey());
      String text = cell.getValue() == null ? "" : cell.getValue().trim();
      int row = repeat == null ? raw.rowOf(cell.getKey()) : repeat.row();
      switch (t.kind()) {
        case QUESTION:
          if (direct.containsKey(t.question().name())) {
            findings.add(
                new Finding(
                    id,
                    null,
                    file,
                    sheet,
                    row,
                    cell.getKey(),
                    t.question().name(),
                    text,
                    Finding.Rule.DUPLICATE_COLUMN,
                    Finding.WARNING,
                    texts.text(
                        "duplicate-column",
                        cell.getKey(),
                        t.question().name(),
                        direct.get(t.question().name()).column)));
          } else {
            direct.put(t.question().name(), new Value(text, file, sheet, row, cell.getKey()));
          }
          break;
        case OPTION:
          {
            String lower = text.toLowerCase(Locale.ROOT);
            Set<String> chosen =
                options.computeIfAbsent(t.question().name(), k -> new LinkedHashSet<>());
            optionWhere.putIfAbsent(
                t.question().name(), new Value("", file, sheet, row, cell.getKey()));
            if (TRUE.contains(lower)) {
              chosen.add(t.choice());
            } else if (!FALSE.contains(lower)) {
              findings.add(
                  new Finding(
                      id,
                      null,
                      file,
                      sheet,
                      row,
                      cell.getKey(),
                      t.question().name(),
                      text,
                      Finding.Rule.WRONG_TYPE,
                      Finding.WARNING,
                      texts.text("option-column", cell.getKey())));
            }
            break;
          }
        case METADATA:
        case UNKNOWN:
          break;
      }
    }
    Map<String, Value> out = new HashMap<>(direct);
    options.forEach(
        (question, chosen) -> {
          Value d = direct.get(question);
          Value where = optionWhere.get(question);
          String joined = String.join(" ", chosen);
          if (d == null || d.text.isEmpty()) {
            out.put(question, new Value(joined, where.file, where.sheet, where.row, where.column));
          } else if (!chosen.isEmpty()
              && !new LinkedHashSet<>(Arrays.asList(d.text.trim().split("\\s+"))).equals(chosen)) {
            findings.add(
                new Finding(
                    id,
                    null,
                    d.file,
                    d.sheet,
                    d.row,
                    d.column,
                    question,
                    d.text,
                    Finding.Rule.SELECT_MULTIPLE_MISMATCH,
                    Finding.WARNING,
                    texts.text("select-multiple-mismatch", d.column, d.text, joined)));
          }
        });
    return out;
  }

  /** A value after its type check. */
  private record Typed(
      String value,
      Double number,
      LocalDate date,
      Instant instant,
      LocalTime time,
      List<String> choices,
      String rule,
      Message problem) {
    static Typed problem(String rule, Message message) {
      return new Typed(null, null, null, null, null, null, rule, message);
    }

    static Typed text(String value) {
      return new Typed(value, null, null, null, null, null, null, null);
    }
  }

  private Typed type(Question q, String text) {
    switch (q.type().value()) {
      case INTEGER:
        {
          String digits = text.replace("\u00a0", " ");
          if (digits.matches("[+-]?\\d{1,3}([ ,']\\d{3})+")) {
            digits = digits.replaceAll("[ ,']", "");
          }
          try {
            BigDecimal n = new BigDecimal(digits.trim());
            if (n.stripTrailingZeros().scale() > 0) {
              return Typed.problem(
                  Finding.Rule.WRONG_TYPE, texts.text("wrong-type.fraction", text));
            }
            BigDecimal whole = n.setScale(0);
            return new Typed(
                whole.toPlainString(), whole.doubleValue(), null, null, null, null, null, null);
          } catch (NumberFormatException | ArithmeticException e) {
            return Typed.problem(Finding.Rule.WRONG_TYPE, texts.text("wrong-type.integer", text));
          }
        }
      case DECIMAL:
        {
          String t = text.replace("\u00a0", "").replace(" ", "");
          if (t.matches("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?")) {
            t = t.replace(",", "");
          } else if (t.matches("[+-]?\\d+,\\d{1,2}")) {
            // A decimal comma that cannot be a thousands separator (1,5 or 12,75).
            t = t.replace(',', '.');
          }
          try {
            BigDecimal n = new BigDecimal(t);
            if (q.type() == QuestionType.RANGE) {
              Optional<Message> outside = outsideRange(q, n);
              if (outside.isPresent()) {
                return Typed.problem(Finding.Rule.CONSTRAINT, outside.get());
              }
            }
            return new Typed(
                n.stripTrailingZeros().toPlainString(),
                n.doubleValue(),
                null,
                null,
                null,
                null,
                null,
                null);
          } catch (NumberFormatException e) {
            return Typed.problem(Finding.Rule.WRONG_TYPE, texts.text("wrong-type.decimal", text));
          }
        }
      case DATE:
        {
          try {
            LocalDate d = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
            return new Typed(d.toString(), null, d, null, null, null, null, null);
          } catch (DateTimeParseException e) {
            return Typed.problem(Finding.Rule.WRONG_TYPE, texts.text("wrong-type.date", text));
          }
        }
      case DATETIME:
        {
          Optional<Instant> t = instant(text);
          if (t.isEmpty()) {
            return Typed.problem(Finding.Rule.WRONG_TYPE, texts.text("wrong-type.datetime", text));
          }
          return new Typed(t.get().toString(), null, null, t.get(), null, null, null, null);
        }
      case TIME:
        {
          try {
            String s = text.replaceFirst("(\\.\\d+)?([+-]\\d{2}:?\\d{2}|Z)$", "");
            LocalTime t = LocalTime.parse(s);
            return new Typed(t.toString(), null, null, null, t, null, null, null);
          } catch (DateTimeParseException e) {
            return Typed.problem(Finding.Rule.WRONG_TYPE, texts.text("wrong-type.time", text));
          }
        }
      case CHOICES:
        return choices(q, text);
      case TEXT:
        if (q.type() == QuestionType.GEOPOINT) {
          String[] p = text.trim().split("[\\s,;]+");
          try {
            double lat = Double.parseDouble(p[0]);
            double lon = Double.parseDouble(p[1]);
            if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
              return Typed.problem(
                  Finding.Rule.WRONG_TYPE, texts.text("wrong-type.geopoint", text));
            }
          } catch (RuntimeException e) {
            return Typed.problem(Finding.Rule.WRONG_TYPE, texts.text("wrong-type.geopoint", text));
          }
        }
        return Typed.text(text);
      case NONE:
        break;
    }
    throw new IllegalStateException("Not an answered type: " + q.type());
  }

  private Typed choices(Question q, String text) {
    ChoiceList list = form.choices(q);
    if (list == null && !q.orOther()) {
      // A list in a file that was not beside the form, or the answers of a repeat: unchecked.
      List<String> names = List.of(text.trim().split("\\s+"));
      return new Typed(String.join(" ", names), null, null, null, null, names, null, null);
    }
    if (q.type() == QuestionType.SELECT_ONE) {
      Optional<String> choice = choice(q, text);
      if (choice.isEmpty()) {
        return Typed.problem(Finding.Rule.UNKNOWN_CHOICE, unknownChoice(q, text));
      }
      return new Typed(choice.get(), null, null, null, null, List.of(choice.get()), null, null);
    }
    List<String> chosen = new ArrayList<>();
    for (String token : text.split("[\\s,;]+")) {
      if (token.isEmpty()) {
        continue;
      }
      Optional<String> choice = choice(q, token);
      if (choice.isEmpty()) {
        return Typed.problem(Finding.Rule.UNKNOWN_CHOICE, unknownChoice(q, token));
      }
      if (!chosen.contains(choice.get())) {
        chosen.add(choice.get());
      }
    }
    return new Typed(
        String.join(" ", chosen), null, null, null, null, List.copyOf(chosen), null, null);
  }

  private Optional<Message> outsideRange(Question q, BigDecimal n) {
    try {
      BigDecimal start = new BigDecimal(q.parameters().getOrDefault("start", "1"));
      BigDecimal end = new BigDecimal(q.parameters().getOrDefault("end", "10"));
      BigDecimal low = start.min(end);
      BigDecimal high = start.max(end);
      if (n.compareTo(low) < 0 || n.compareTo(high) > 0) {
        return Optional.of(
            texts.text("range", n.toPlainString(), low.toPlainString(), high.toPlainString()));
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private Optional<String> choice(Question q, String value) {
    if (q.orOther() && value.trim().equalsIgnoreCase("other")) {
      return Optional.of("other");
    }
    ChoiceList list = form.choices(q);
    return list == null ? Optional.empty() : list.resolve(value).map(Choice::name);
  }

  private Message unknownChoice(Question q, String value) {
    ChoiceList list = form.choices(q);
    List<String> names =
        list == null ? List.of() : list.choices().stream().map(Choice::name).toList();
    List<String> allowed = new ArrayList<>(names);
    if (q.orOther()) {
      allowed.add("other");
    }
    // Choice names are codes (they stay as they are); only the words around them are translated.
    Object shown =
        allowed.size() <= 15
            ? String.join(", ", allowed)
            : texts.text(
                "choices.first-of", String.join(", ", allowed.subList(0, 10)), allowed.size());
    return texts.text("unknown-choice", value, list == null ? q.listName() : list.name(), shown);
  }

  private static String submissionId(RawSubmission raw) {
    for (String wanted : List.of("_uuid", "instanceid", "key")) {
      for (Map.Entry<String, String> cell : raw.cells().entrySet()) {
        String[] segments = cell.getKey().split("/");
        if (segments[segments.length - 1].equalsIgnoreCase(wanted) && !cell.getValue().isBlank()) {
          String v = cell.getValue().trim();
          return v.startsWith("uuid:") ? v.substring(5) : v;
        }
      }
    }
    // No id in the file: one derived from where the row is, stable across runs.
    String where = raw.file() + "|" + raw.sheet() + "|" + raw.row();
    return "row-" + UUID.nameUUIDFromBytes(where.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private Instant submittedAt(RawSubmission raw, String id, List<Finding> findings) {
    for (String wanted :
        List.of("_submission_time", "submissiondate", "submission_time", "end", "completiondate")) {
      for (Map.Entry<String, String> cell : raw.cells().entrySet()) {
        String[] segments = cell.getKey().split("/");
        if (segments[segments.length - 1].equalsIgnoreCase(wanted) && !cell.getValue().isBlank()) {
          Optional<Instant> t = instant(cell.getValue().trim());
          if (t.isEmpty()) {
            findings.add(
                new Finding(
                    id,
                    null,
                    raw.file(),
                    raw.sheet(),
                    raw.rowOf(cell.getKey()),
                    cell.getKey(),
                    null,
                    cell.getValue(),
                    Finding.Rule.BAD_SUBMISSION_TIME,
                    Finding.WARNING,
                    texts.text("bad-submission-time", cell.getValue())));
          }
          return t.orElse(null);
        }
      }
    }
    return null;
  }

  /** Reads the time formats of KoboToolbox, ODK Central, SurveyCTO and people. */
  static Optional<Instant> instant(String text) {
    String t = text.matches("\\d{4}-\\d{2}-\\d{2} \\d.*") ? text.replaceFirst(" ", "T") : text;
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      // next format
    }
    try {
      return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      // next format
    }
    try {
      return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      // next format
    }
    try {
      return Optional.of(LocalDateTime.parse(text, SURVEYCTO).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
