package org.spamtraffic.survey.response;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.spamtraffic.survey.form.ChoiceList;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.Question;
import org.spamtraffic.survey.form.QuestionType;

/**
 * What each column of a response file holds, against a form. Tools name columns differently:
 * KoboToolbox writes group paths ({@code legislation/has_antispam_law}), ODK Central joins them
 * with {@code -}, SurveyCTO and Kobo (without group names) write the bare name; a select_multiple
 * may come as one space-separated column and/or one 0/1 column per option ({@code
 * technical_measures/filtering}, or SurveyCTO's {@code technical_measures_filtering}). Metadata
 * columns ({@code _uuid}, {@code _submission_time}, {@code KEY}, {@code meta/instanceID}, ...) are
 * recognised and not treated as answers.
 */
public final class ColumnMap {
  /** What a column holds. */
  public enum Kind {
    /** Submission metadata written by the collecting tool. */
    METADATA,
    /** A question's answer. */
    QUESTION,
    /** One option of a select_multiple, as 1/0. */
    OPTION,
    /** Nothing the form knows. */
    UNKNOWN
  }

  /**
   * One column's meaning.
   *
   * @param kind what it holds
   * @param question the question (QUESTION, OPTION), else null
   * @param choice the option (OPTION), else null
   */
  public record Target(Kind kind, Question question, String choice) {}

  private static final Set<String> METADATA_NAMES =
      Set.of(
          "instanceid",
          "instancename",
          "key",
          "submissiondate",
          "completiondate",
          "start",
          "end",
          "today",
          "deviceid",
          "starttime",
          "endtime",
          "duration",
          "formdef_version",
          "review_status",
          "review_comments",
          "review_corrections",
          "uuid",
          "deprecatedid",
          "audit",
          "username",
          "phonenumber",
          "simserial",
          "subscriberid",
          "caseid",
          "submitterid",
          "submittername",
          "attachmentspresent",
          "attachmentsexpected",
          "status",
          "reviewstate",
          "edits",
          "formversion",
          "form_id",
          "form_version",
          "language",
          "submission_time",
          "parent_key",
          "__id");

  private final Map<String, Target> targets = new LinkedHashMap<>();
  private final Map<String, Question> byName = new LinkedHashMap<>();
  private final Map<String, Question> byPath = new LinkedHashMap<>();
  private final Form form;

  private ColumnMap(Form form, Collection<String> headers) {
    this.form = form;
    form.questions().forEach(q -> byName.putIfAbsent(q.name(), q));
    form.questions().forEach(q -> byPath.putIfAbsent(q.path(), q));
    for (String h : headers) {
      targets.put(h, resolve(h));
    }
  }

  /** Maps {@code headers} against {@code form}. */
  public static ColumnMap of(Form form, Collection<String> headers) {
    return new ColumnMap(form, headers);
  }

  /** Every header and what it holds, in file order. */
  public Map<String, Target> targets() {
    return targets;
  }

  /** What {@code header} holds. */
  public Target target(String header) {
    return targets.getOrDefault(header, new Target(Kind.UNKNOWN, null, null));
  }

  /** The questions of the form that no column gives (neither directly nor by option). */
  public List<Question> missingQuestions() {
    Set<String> covered = new java.util.HashSet<>();
    targets.values().stream()
        .filter(t -> t.question() != null)
        .forEach(t -> covered.add(t.question().name()));
    return form.questions().stream()
        .filter(q -> q.type().isAsked() && q.repeat() == null && !covered.contains(q.name()))
        .toList();
  }

  /** The questions directly in {@code repeat} that no column of its rows gives. */
  public List<Question> missingQuestions(org.spamtraffic.survey.form.Group repeat) {
    Set<String> covered = new java.util.HashSet<>();
    targets.values().stream()
        .filter(t -> t.question() != null)
        .forEach(t -> covered.add(t.question().name()));
    return form.questions().stream()
        .filter(
            q ->
                q.type().isAsked()
                    && q.repeat() != null
                    && q.repeat().path().equals(repeat.path())
                    && !covered.contains(q.name()))
        .toList();
  }

  private Target resolve(String header) {
    String h = header.trim();
    String lower = h.toLowerCase(Locale.ROOT);
    String[] segments = h.split("/");
    String last = segments[segments.length - 1];
    Question direct = byPath.get(h);
    if (direct == null) {
      direct = byPath.get(h.replace('-', '/'));
    }
    if (direct == null) {
      direct = byName.get(h);
    }
    if (direct == null) {
      direct = byName.get(last);
    }
    if (direct == null && !h.contains("/") && h.contains("-")) {
      // ODK Central joins group names with '-'.
      String tail = h.substring(h.lastIndexOf('-') + 1);
      direct = byName.get(tail);
      if (direct != null && !direct.path().replace('/', '-').equals(h)) {
        direct = null;
      }
    }
    if (direct != null) {
      return direct.type() == QuestionType.METADATA
          ? new Target(Kind.METADATA, null, null)
          : new Target(Kind.QUESTION, direct, null);
    }
    if (lower.startsWith("_")
        || lower.startsWith("set-of-")
        || segments[0].equalsIgnoreCase("meta")
        || segments[0].equalsIgnoreCase("formhub")
        || METADATA_NAMES.contains(last.toLowerCase(Locale.ROOT))) {
      return new Target(Kind.METADATA, null, null);
    }
    if (segments.length >= 2) {
      Optional<Target> option = option(segments[segments.length - 2], last);
      if (option.isPresent()) {
        return option.get();
      }
    }
    // SurveyCTO: <question>_<choice>.
    for (Question q : form.questions()) {
      if (q.type() == QuestionType.SELECT_MULTIPLE && h.startsWith(q.name() + "_")) {
        Optional<Target> option = option(q.name(), h.substring(q.name().length() + 1));
        if (option.isPresent()) {
          return option.get();
        }
      }
    }
    return new Target(Kind.UNKNOWN, null, null);
  }

  private Optional<Target> option(String questionName, String choice) {
    Question q = byName.get(questionName);
    if (q == null || q.type() != QuestionType.SELECT_MULTIPLE) {
      return Optional.empty();
    }
    ChoiceList list = form.choices(q);
    boolean known =
        (list != null && list.choice(choice).isPresent())
            || (q.orOther() && choice.equals("other"));
    return known ? Optional.of(new Target(Kind.OPTION, q, choice)) : Optional.empty();
  }
}
