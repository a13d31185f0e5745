package org.spamtraffic.survey.response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spamtraffic.language.Language;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.Group;
import org.spamtraffic.survey.form.Question;

/**
 * Reads a set of response files against a form, plain Java: every submission checked, files that do
 * not match the form reported (unknown and missing columns) with what matched processed, the same
 * submission read twice kept once, and per country the latest submission chosen. {@code
 * ingest-survey} turns the result into warehouse tables.
 */
public final class SurveyIntake {
  private final SubmissionChecker checker;
  private final FindingTexts texts;
  private final Language language;

  /** An intake against {@code form}; {@code countryQuestion} names the country question. */
  public SurveyIntake(Form form, String countryQuestion) {
    this(form, countryQuestion, Language.ENGLISH);
  }

  /**
   * An intake whose findings are written in {@code language}: the catalogue's messages, and the
   * form's own constraint and required messages and labels in that language when the form has it
   * (else in its default language).
   */
  public SurveyIntake(Form form, String countryQuestion, Language language) {
    this.checker = new SubmissionChecker(form, countryQuestion, language);
    this.texts = new FindingTexts(language);
    this.language = language;
  }

  /**
   * One input file.
   *
   * @param name its name or path, as reported
   * @param bytes its content
   */
  public record InputFile(String name, byte[] bytes) {}

  /**
   * What the intake made of the files.
   *
   * @param submissions every submission read, accepted or rejected, in file order
   * @param fileFindings findings about files rather than submissions
   * @param latestByCountry the submission that counts for each country (the latest accepted one)
   * @param supersededBy for each accepted submission that is not the latest of its country, the one
   *     that replaced it
   */
  public record Batch(
      List<CheckedSubmission> submissions,
      List<Finding> fileFindings,
      Map<String, String> latestByCountry,
      Map<String, String> supersededBy) {

    /** Submissions kept. */
    public List<CheckedSubmission> accepted() {
      return submissions.stream().filter(CheckedSubmission::accepted).toList();
    }

    /** The latest accepted submission of every country, in country order. */
    public List<CheckedSubmission> latest() {
      Map<String, CheckedSubmission> byId = new HashMap<>();
      submissions.stream().filter(CheckedSubmission::accepted).forEach(s -> byId.put(s.id(), s));
      return latestByCountry.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .map(e -> byId.get(e.getValue()))
          .toList();
    }

    /** Every finding: file-level ones, then each submission's. */
    public List<Finding> findings() {
      List<Finding> out = new ArrayList<>(fileFindings);
      submissions.forEach(s -> out.addAll(s.findings()));
      return out;
    }
  }

  /** Reads and checks {@code files}, in the order given. */
  public Batch run(List<InputFile> files) {
    Form form = checker.form();
    List<CheckedSubmission> submissions = new ArrayList<>();
    List<Finding> fileFindings = new ArrayList<>();
    Map<String, CheckedSubmission> seen = new HashMap<>();
    List<ResponseFile> read = new ArrayList<>();
    List<RawRepeat> repeatRows = new ArrayList<>();
    for (InputFile file : files) {
      ResponseFile r = ResponseFile.read(file.name(), file.bytes(), language);
      fileFindings.addAll(r.findings());
      read.add(r);
      repeatRows.addAll(r.repeatRows());
    }
    // Repeat rows may come in files of their own (ODK Central, SurveyCTO): link them all first.
    Linked linked = link(read, repeatRows, fileFindings);
    Map<String, ColumnMap> repeatColumns = repeatColumns(linked.tables, fileFindings);
    for (ResponseFile r : read) {
      if (r.submissions().isEmpty()) {
        continue;
      }
      RawSubmission first = r.submissions().get(0);
      ColumnMap columns = ColumnMap.of(form, first.cells().keySet());
      boolean offline = first.format() == SourceFormat.OFFLINE_FORM;
      columns
          .targets()
          .forEach(
              (header, target) -> {
                if (target.kind() == ColumnMap.Kind.UNKNOWN) {
                  fileFindings.add(
                      new Finding(
                          null,
                          null,
                          r.file(),
                          first.sheet(),
                          offline ? first.rowOf(header) : 1,
                          header,
                          null,
                          offline ? first.cells().get(header) : null,
                          Finding.Rule.UNKNOWN_COLUMN,
                          Finding.WARNING,
                          texts.text(
                              offline ? "unknown-row" : "unknown-column",
                              header,
                              form.id(),
                              form.version())));
                }
              });
      for (Question q : columns.missingQuestions()) {
        fileFindings.add(
            new Finding(
                null,
                null,
                r.file(),
                first.sheet(),
                null,
                q.path(),
                q.name(),
                null,
                Finding.Rule.MISSING_COLUMN,
                Finding.WARNING,
                texts.text(offline ? "missing-row" : "missing-column", q.path())));
      }
      for (RawSubmission raw0 : r.submissions()) {
        RawSubmission raw = linked.bySubmission.getOrDefault(raw0, raw0);
        CheckedSubmission s = checker.check(raw, columns, repeatColumns);
        if (offline) {
          s = checkFormId(s, form);
        }
        CheckedSubmission before = seen.get(s.id());
        if (before != null) {
          s = checker.rejectAsDuplicate(s, before);
        } else {
          seen.put(s.id(), s);
        }
        submissions.add(s);
      }
    }
    Map<String, String> latest = new LinkedHashMap<>();
    Map<String, String> supersededBy = new LinkedHashMap<>();
    Map<String, List<CheckedSubmission>> byCountry = new LinkedHashMap<>();
    for (CheckedSubmission s : submissions) {
      if (s.accepted()) {
        byCountry.computeIfAbsent(s.countryCode(), k -> new ArrayList<>()).add(s);
      }
    }
    // Later wins; an unknown time counts as the oldest; ties go to the one read last.
    Comparator<CheckedSubmission> byTime =
        Comparator.comparing(
            CheckedSubmission::submittedAt,
            Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));
    byCountry.forEach(
        (country, list) -> {
          CheckedSubmission winner = list.get(0);
          for (CheckedSubmission s : list) {
            if (byTime.compare(s, winner) >= 0) {
              winner = s;
            }
          }
          latest.put(country, winner.id());
          for (CheckedSubmission s : list) {
            if (!s.id().equals(latest.get(country))) {
              supersededBy.put(s.id(), latest.get(country));
            }
          }
        });
    return new Batch(List.copyOf(submissions), List.copyOf(fileFindings), latest, supersededBy);
  }

  /** Submissions with their repeat rows attached, and every repeat table seen (by repeat). */
  private record Linked(
      Map<RawSubmission, RawSubmission> bySubmission, Map<String, List<RawRepeat>> tables) {}

  /**
   * Attaches every repeat row to its parent by key ({@code PARENT_KEY}, Kobo's {@code
   * _parent_table_name} and {@code _parent_index}); rows whose parent is nowhere, or that belong to
   * no repeat of the form, are reported and not used.
   */
  private Linked link(List<ResponseFile> files, List<RawRepeat> rows, List<Finding> findings) {
    Form form = checker.form();
    Map<String, List<RawRepeat>> byParent = new LinkedHashMap<>();
    Map<String, List<RawRepeat>> tables = new LinkedHashMap<>();
    Map<String, Group> repeats = new LinkedHashMap<>();
    checker.repeats().forEach(g -> repeats.put(g.name(), g));
    for (RawRepeat r : rows) {
      Group g =
          repeats.values().stream()
              .filter(x -> SubmissionChecker.isOf(r, x))
              .findFirst()
              .orElse(null);
      if (g == null) {
        orphan(findings, r, "unknown-repeat", r.table(), form.id());
        continue;
      }
      tables.computeIfAbsent(g.name(), k -> new ArrayList<>()).add(r);
      byParent.computeIfAbsent(String.valueOf(r.parentKey()), k -> new ArrayList<>()).add(r);
    }
    // JSON repeats come linked already; note their tables too, nested ones included.
    for (ResponseFile f : files) {
      for (RawSubmission s : f.submissions()) {
        collect(s.repeats(), repeats, tables);
      }
    }
    Set<RawRepeat> used = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    Map<RawSubmission, RawSubmission> out = new java.util.IdentityHashMap<>();
    for (ResponseFile f : files) {
      for (RawSubmission s : f.submissions()) {
        List<RawRepeat> children = new ArrayList<>(s.repeats());
        for (String key : s.keys()) {
          for (RawRepeat r : byParent.getOrDefault(key, List.of())) {
            if (used.add(r)) {
              children.add(tree(r, byParent, used));
            }
          }
        }
        if (children.size() > s.repeats().size()) {
          out.put(s, s.withRepeats(children));
        }
      }
    }
    for (List<RawRepeat> group : byParent.values()) {
      for (RawRepeat r : group) {
        if (!used.contains(r)) {
          orphan(findings, r, "orphan-repeat", r.table(), r.parentKey());
        }
      }
    }
    return new Linked(out, tables);
  }

  private static void collect(
      List<RawRepeat> rows, Map<String, Group> repeats, Map<String, List<RawRepeat>> tables) {
    for (RawRepeat r : rows) {
      repeats.values().stream()
          .filter(g -> SubmissionChecker.isOf(r, g))
          .findFirst()
          .ifPresent(g -> tables.computeIfAbsent(g.name(), k -> new ArrayList<>()).add(r));
      collect(r.children(), repeats, tables);
    }
  }

  private static RawRepeat tree(
      RawRepeat r, Map<String, List<RawRepeat>> byParent, Set<RawRepeat> used) {
    List<RawRepeat> children = new ArrayList<>(r.children());
    if (r.key() != null) {
      for (RawRepeat c : byParent.getOrDefault(r.key(), List.of())) {
        if (used.add(c)) {
          children.add(tree(c, byParent, used));
        }
      }
    }
    return children.size() == r.children().size() ? r : r.withChildren(children);
  }

  private void orphan(List<Finding> findings, RawRepeat r, String key, Object a, Object b) {
    findings.add(
        new Finding(
            null,
            null,
            r.file(),
            r.sheet(),
            r.row(),
            null,
            null,
            r.parentKey(),
            Finding.Rule.ORPHAN_REPEAT,
            Finding.ERROR,
            texts.text(key, a, b)));
  }

  /** The columns of each repeat's rows, with unknown and missing ones reported once per table. */
  private Map<String, ColumnMap> repeatColumns(
      Map<String, List<RawRepeat>> tables, List<Finding> findings) {
    Form form = checker.form();
    Map<String, ColumnMap> out = new LinkedHashMap<>();
    Map<String, Group> repeats = new LinkedHashMap<>();
    checker.repeats().forEach(g -> repeats.put(g.name(), g));
    tables.forEach(
        (name, rows) -> {
          Set<String> headers = new java.util.LinkedHashSet<>();
          rows.forEach(r -> headers.addAll(r.cells().keySet()));
          ColumnMap columns = ColumnMap.of(form, headers);
          out.put(name, columns);
          RawRepeat first = rows.get(0);
          columns
              .targets()
              .forEach(
                  (header, target) -> {
                    if (target.kind() == ColumnMap.Kind.UNKNOWN) {
                      findings.add(
                          new Finding(
                              null,
                              null,
                              first.file(),
                              first.sheet(),
                              1,
                              header,
                              null,
                              null,
                              Finding.Rule.UNKNOWN_COLUMN,
                              Finding.WARNING,
                              texts.text("unknown-column", header, form.id(), form.version())));
                    }
                  });
          for (Question q : columns.missingQuestions(repeats.get(name))) {
            findings.add(
                new Finding(
                    null,
                    null,
                    first.file(),
                    first.sheet(),
                    null,
                    q.path(),
                    q.name(),
                    null,
                    Finding.Rule.MISSING_COLUMN,
                    Finding.WARNING,
                    texts.text("missing-column", q.path())));
          }
        });
    return out;
  }

  private CheckedSubmission checkFormId(CheckedSubmission s, Form form) {
    String formId = s.raw().cells().get("_form_id");
    if (formId == null || formId.isBlank() || formId.trim().equals(form.id()) || !s.accepted()) {
      return s;
    }
    List<Finding> findings = new ArrayList<>(s.findings());
    findings.add(
        new Finding(
            s.id(),
            s.countryCode(),
            s.raw().file(),
            s.raw().sheet(),
            s.raw().rowOf("_form_id"),
            "_form_id",
            null,
            formId,
            Finding.Rule.WRONG_FORM,
            Finding.ERROR,
            texts.text("wrong-form", formId, form.id())));
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
}
