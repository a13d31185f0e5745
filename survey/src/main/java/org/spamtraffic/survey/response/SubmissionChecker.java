package org.spamtraffic.survey.response;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
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
import org.spamtraffic.survey.expr.Expression;
import org.spamtraffic.survey.form.Choice;
import org.spamtraffic.survey.form.ChoiceList;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.Group;
import org.spamtraffic.survey.form.Question;

/**
 * Checks every answer of a submission against the form: an unknown choice, a value of the wrong
 * type, a broken constraint, a required question left empty where it is asked. A bad answer is
 * rejected and the rest of the submission kept; a submission without a valid country is rejected as
 * a whole, since nothing it says can be attributed.
 *
 * <p>Questions are checked in form order, and skip logic ({@code relevant}) sees only answers
 * already accepted: a rejected answer counts as not given.
 */
public final class SubmissionChecker {
  private static final Set<String> TRUE = Set.of("1", "true", "yes", "x", "oui", "si", "sí");
  private static final Set<String> FALSE = Set.of("0", "false", "no", "non", "");
  private static final DateTimeFormatter SURVEYCTO =
      DateTimeFormatter.ofPattern("MMM d, yyyy h:mm:ss a", Locale.ENGLISH);

  private final Form form;
  private final String countryQuestion;

  /**
   * A checker for {@code form}, where {@code countryQuestion} names the question that says which
   * country answers.
   */
  public SubmissionChecker(Form form, String countryQuestion) {
    if (form.question(countryQuestion).isEmpty()) {
      throw new IllegalArgumentException(
          "The form has no question '" + countryQuestion + "' to say which country answers");
    }
    this.form = form;
    this.countryQuestion = countryQuestion;
  }

  /** The form checked against. */
  public Form form() {
    return form;
  }

  /** Checks {@code raw}, whose columns {@code columns} maps. */
  public CheckedSubmission check(RawSubmission raw, ColumnMap columns) {
    List<Finding> findings = new ArrayList<>();
    String id = submissionId(raw);
    Instant submittedAt = submittedAt(raw, id, findings);
    Map<String, Value> values = values(raw, columns, id, findings);

    Map<String, String> accepted = new LinkedHashMap<>();
    List<Answer> answers = new ArrayList<>();
    int read = 0;
    int rejected = 0;
    int ignored = 0;
    List<Finding> answerFindings = new ArrayList<>();
    for (Question q : form.questions()) {
      if (!q.type().isAnswered() || q.repeat() != null) {
        continue;
      }
      Value v = values.get(q.name());
      String text = v == null ? "" : v.text.trim();
      if (!text.isEmpty()) {
        read++;
      }
      Expression.Answers context = accepted::get;
      if (!relevant(q, context)) {
        if (!text.isEmpty()) {
          ignored++;
          answerFindings.add(
              finding(
                  raw,
                  id,
                  v,
                  q,
                  text,
                  Finding.Rule.NOT_RELEVANT,
                  Finding.WARNING,
                  "Answered although the form does not ask it here ("
                      + relevance(q)
                      + "); the answer is ignored"));
        }
        continue;
      }
      if (text.isEmpty()) {
        if (q.required() != null && q.required().test(context) && v != null) {
          answerFindings.add(
              finding(
                  raw,
                  id,
                  v,
                  q,
                  "",
                  Finding.Rule.REQUIRED,
                  Finding.ERROR,
                  "'" + q.label(form.defaultLanguage()) + "' must be answered"));
        }
        continue;
      }
      Typed typed = type(q, text);
      if (typed.problem != null) {
        rejected++;
        answerFindings.add(finding(raw, id, v, q, text, typed.rule, Finding.ERROR, typed.problem));
        continue;
      }
      if (q.constraint() != null) {
        String self = typed.value;
        Expression.Answers withSelf =
            new Expression.Answers() {
              @Override
              public String value(String name) {
                return accepted.get(name);
              }

              @Override
              public String self() {
                return self;
              }
            };
        if (!q.constraint().test(withSelf)) {
          rejected++;
          String message = q.constraintMessages().get(form.defaultLanguage());
          answerFindings.add(
              finding(
                  raw,
                  id,
                  v,
                  q,
                  text,
                  Finding.Rule.CONSTRAINT,
                  Finding.ERROR,
                  (message == null ? "Breaks the rule" : message)
                      + " (constraint: "
                      + q.constraint().text()
                      + ")"));
          continue;
        }
      }
      accepted.put(q.name(), typed.value);
      answers.add(
          new Answer(
              q.name(),
              q.path(),
              q.type(),
              typed.value,
              typed.number,
              typed.date,
              typed.choices,
              v.row,
              v.column));
    }

    String country = accepted.get(countryQuestion);
    findings.addAll(answerFindings);
    if (country == null) {
      Value v = values.get(countryQuestion);
      findings.add(
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
              "The submission says no valid country ('"
                  + countryQuestion
                  + "'), so none of its answers can be used: it is rejected"));
      return new CheckedSubmission(
          id,
          null,
          submittedAt,
          raw,
          false,
          List.of(),
          withCountry(findings, null),
          read,
          0,
          read - ignored,
          ignored);
    }
    return new CheckedSubmission(
        id,
        country,
        submittedAt,
        raw,
        true,
        List.copyOf(answers),
        withCountry(findings, country),
        read,
        answers.size(),
        rejected,
        ignored);
  }

  /** The same submission, rejected as a repeat of one read before. */
  public static CheckedSubmission rejectAsDuplicate(CheckedSubmission s, CheckedSubmission first) {
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
            "Submission "
                + s.id()
                + " was already read from "
                + first.raw().file()
                + " row "
                + first.raw().row()
                + "; this copy is not used"));
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
              f.message()));
    }
    return out;
  }

  private static boolean relevant(Question q, Expression.Answers context) {
    for (Group g : q.groups()) {
      if (g.relevant() != null && !g.relevant().test(context)) {
        return false;
      }
    }
    return q.relevant() == null || q.relevant().test(context);
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
    return "asked only when " + String.join(" and ", parts);
  }

  private Finding finding(
      RawSubmission raw,
      String id,
      Value v,
      Question q,
      String value,
      String rule,
      String level,
      String message) {
    return new Finding(
        id,
        null,
        raw.file(),
        raw.sheet(),
        v == null ? raw.row() : v.row,
        v == null ? q.path() : v.column,
        q.name(),
        value,
        rule,
        level,
        message);
  }

  /** A question's raw answer and where it came from. */
  private record Value(String text, int row, String column) {}

  private Map<String, Value> values(
      RawSubmission raw, ColumnMap columns, String id, List<Finding> findings) {
    Map<String, Value> direct = new HashMap<>();
    Map<String, Set<String>> options = new LinkedHashMap<>();
    Map<String, Value> optionWhere = new HashMap<>();
    for (Map.Entry<String, String> cell : raw.cells().entrySet()) {
      ColumnMap.Target t = columns.target(cell.getKey());
      String text = cell.getValue() == null ? "" : cell.getValue().trim();
      int row = raw.rowOf(cell.getKey());
      switch (t.kind()) {
        case QUESTION:
          if (direct.containsKey(t.question().name())) {
            findings.add(
                new Finding(
                    id,
                    null,
                    raw.file(),
                    raw.sheet(),
                    row,
                    cell.getKey(),
                    t.question().name(),
                    text,
                    Finding.Rule.DUPLICATE_COLUMN,
                    Finding.WARNING,
                    "Column "
                        + cell.getKey()
                        + " repeats question "
                        + t.question().name()
                        + " (already read from "
                        + direct.get(t.question().name()).column
                        + "); ignored"));
          } else {
            direct.put(t.question().name(), new Value(text, row, cell.getKey()));
          }
          break;
        case OPTION:
          {
            String lower = text.toLowerCase(Locale.ROOT);
            Set<String> chosen =
                options.computeIfAbsent(t.question().name(), k -> new LinkedHashSet<>());
            optionWhere.putIfAbsent(t.question().name(), new Value("", row, cell.getKey()));
            if (TRUE.contains(lower)) {
              chosen.add(t.choice());
            } else if (!FALSE.contains(lower)) {
              findings.add(
                  new Finding(
                      id,
                      null,
                      raw.file(),
                      raw.sheet(),
                      row,
                      cell.getKey(),
                      t.question().name(),
                      text,
                      Finding.Rule.WRONG_TYPE,
                      Finding.WARNING,
                      "Option column "
                          + cell.getKey()
                          + " should hold 1 (chosen) or 0 (not"
                          + " chosen), or x or nothing on an offline form; read as not chosen"));
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
            out.put(question, new Value(joined, where.row, where.column));
          } else if (!chosen.isEmpty()
              && !new LinkedHashSet<>(Arrays.asList(d.text.trim().split("\\s+"))).equals(chosen)) {
            findings.add(
                new Finding(
                    id,
                    null,
                    raw.file(),
                    raw.sheet(),
                    d.row,
                    d.column,
                    question,
                    d.text,
                    Finding.Rule.SELECT_MULTIPLE_MISMATCH,
                    Finding.WARNING,
                    "Column "
                        + d.column
                        + " says '"
                        + d.text
                        + "' but the option columns say '"
                        + joined
                        + "'; "
                        + d.column
                        + " is used"));
          }
        });
    return out;
  }

  /** A value after its type check. */
  private record Typed(
      String value,
      Double number,
      LocalDate date,
      List<String> choices,
      String rule,
      String problem) {
    static Typed problem(String rule, String message) {
      return new Typed(null, null, null, null, rule, message);
    }
  }

  private Typed type(Question q, String text) {
    switch (q.type()) {
      case INTEGER:
        {
          String digits = text.replace("\u00a0", " ");
          if (digits.matches("[+-]?\\d{1,3}([ ,']\\d{3})+")) {
            digits = digits.replaceAll("[ ,']", "");
          }
          try {
            BigDecimal n = new BigDecimal(digits.trim());
            if (n.stripTrailingZeros().scale() > 0) {
              return Typed.problem(Finding.Rule.WRONG_TYPE, "'" + text + "' is not a whole number");
            }
            BigDecimal whole = n.setScale(0);
            return new Typed(whole.toPlainString(), whole.doubleValue(), null, null, null, null);
          } catch (NumberFormatException | ArithmeticException e) {
            return Typed.problem(
                Finding.Rule.WRONG_TYPE,
                "'"
                    + text
                    + "' is not a whole number (write digits only,"
                    + " for example 12000000)");
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
            return new Typed(
                n.stripTrailingZeros().toPlainString(), n.doubleValue(), null, null, null, null);
          } catch (NumberFormatException e) {
            return Typed.problem(
                Finding.Rule.WRONG_TYPE, "'" + text + "' is not a number (for example 250000.50)");
          }
        }
      case DATE:
        {
          try {
            LocalDate d = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
            return new Typed(d.toString(), null, d, null, null, null);
          } catch (DateTimeParseException e) {
            return Typed.problem(
                Finding.Rule.WRONG_TYPE, "'" + text + "' is not a date (write YYYY-MM-DD)");
          }
        }
      case SELECT_ONE:
        {
          Optional<String> choice = choice(q, text);
          if (choice.isEmpty()) {
            return Typed.problem(Finding.Rule.UNKNOWN_CHOICE, unknownChoice(q, text));
          }
          return new Typed(choice.get(), null, null, List.of(choice.get()), null, null);
        }
      case SELECT_MULTIPLE:
        {
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
          return new Typed(String.join(" ", chosen), null, null, List.copyOf(chosen), null, null);
        }
      case TEXT:
        return new Typed(text, null, null, null, null, null);
      default:
        return new Typed(text, null, null, null, null, null);
    }
  }

  private Optional<String> choice(Question q, String value) {
    if (q.orOther() && value.trim().equalsIgnoreCase("other")) {
      return Optional.of("other");
    }
    ChoiceList list = form.choices(q);
    return list == null ? Optional.empty() : list.resolve(value).map(Choice::name);
  }

  private String unknownChoice(Question q, String value) {
    ChoiceList list = form.choices(q);
    List<String> names = list.choices().stream().map(Choice::name).toList();
    String allowed =
        names.size() <= 15
            ? String.join(", ", names)
            : String.join(", ", names.subList(0, 10)) + ", ... (" + names.size() + " in all)";
    return "'"
        + value
        + "' is not a choice of list '"
        + list.name()
        + "' (allowed: "
        + allowed
        + (q.orOther() ? ", other" : "")
        + ")";
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

  private static Instant submittedAt(RawSubmission raw, String id, List<Finding> findings) {
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
                    "Cannot read '"
                        + cell.getValue()
                        + "' as a time (write 2026-03-14 or"
                        + " 2026-03-14T09:30:00Z); the submission counts as the oldest of its"
                        + " country"));
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
