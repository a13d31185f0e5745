package org.spamtraffic.survey.response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.Question;

/**
 * Reads a set of response files against a form, plain Java: every submission checked, files that do
 * not match the form reported (unknown and missing columns) with what matched processed, the same
 * submission read twice kept once, and per country the latest submission chosen. {@code
 * ingest-survey} turns the result into warehouse tables.
 */
public final class SurveyIntake {
  private final SubmissionChecker checker;

  /** An intake against {@code form}; {@code countryQuestion} names the country question. */
  public SurveyIntake(Form form, String countryQuestion) {
    this.checker = new SubmissionChecker(form, countryQuestion);
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
    for (InputFile file : files) {
      ResponseFile read = ResponseFile.read(file.name(), file.bytes());
      fileFindings.addAll(read.findings());
      if (read.submissions().isEmpty()) {
        continue;
      }
      RawSubmission first = read.submissions().get(0);
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
                          file.name(),
                          first.sheet(),
                          offline ? first.rowOf(header) : 1,
                          header,
                          null,
                          offline ? first.cells().get(header) : null,
                          Finding.Rule.UNKNOWN_COLUMN,
                          Finding.WARNING,
                          (offline ? "Row name '" : "Column '")
                              + header
                              + "' is no question of form "
                              + form.id()
                              + " "
                              + form.version()
                              + "; its values are not read"));
                }
              });
      for (Question q : columns.missingQuestions()) {
        fileFindings.add(
            new Finding(
                null,
                null,
                file.name(),
                first.sheet(),
                null,
                q.path(),
                q.name(),
                null,
                Finding.Rule.MISSING_COLUMN,
                Finding.WARNING,
                "No "
                    + (offline ? "row" : "column")
                    + " for question "
                    + q.path()
                    + ": its answers are taken as not given (required checks skipped)"));
      }
      for (RawSubmission raw : read.submissions()) {
        CheckedSubmission s = checker.check(raw, columns);
        if (offline) {
          s = checkFormId(s, form);
        }
        CheckedSubmission before = seen.get(s.id());
        if (before != null) {
          s = SubmissionChecker.rejectAsDuplicate(s, before);
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

  private static CheckedSubmission checkFormId(CheckedSubmission s, Form form) {
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
            "This offline form belongs to questionnaire '"
                + formId
                + "', not '"
                + form.id()
                + "': it is rejected"));
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
