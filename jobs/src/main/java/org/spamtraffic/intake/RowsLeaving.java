package org.spamtraffic.intake;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.spamtraffic.validate.ReturnChecks;

/**
 * The rows the checking pass wrote into {@code returns} that must leave it again, as one Spark SQL
 * condition for a row-level delete: the rows of submissions that failed while reading, of periods
 * in which a submission is not live (superseded, or every row rejected), and the valid rows
 * rejected across rows ({@link Submissions.CrossRows}). Usually it names a few resubmitted files,
 * and the delete rewrites only the data files that hold their rows.
 */
final class RowsLeaving {
  private RowsLeaving() {}

  /**
   * The condition, or null when every row stays. {@code periodsLeaving}: recorded submission → the
   * periods a new file replaces it in (an incremental run).
   */
  static String condition(
      Submissions submissions,
      Map<String, CheckingPass.Part> parts,
      Map<String, Submissions.CrossRows> cross,
      Map<String, Set<String>> periodsLeaving) {
    List<String> whole = new ArrayList<>();
    List<String> terms = new ArrayList<>();
    periodsLeaving.forEach((id, periods) -> terms.add(is(id) + " AND period IN " + list(periods)));
    for (CheckingPass.Part p : parts.values()) {
      if (p.valid == 0) {
        continue; // nothing of it was written
      }
      Set<String> written = new TreeSet<>();
      p.tally.groups().keySet().forEach(g -> written.add(g.period()));
      Set<String> live = submissions.livePeriods(p.submissionId);
      if (live.isEmpty()) {
        whole.add(p.submissionId);
      } else if (!live.containsAll(written)) {
        terms.add(is(p.submissionId) + " AND period NOT IN " + list(live));
      }
    }
    cross.forEach(
        (id, c) -> {
          if (!c.otherOperators().isEmpty()) {
            terms.add(is(id) + " AND operator_id IN " + list(c.otherOperators()));
          }
          for (ReturnChecks.GroupKey g : c.verdict().groupProblems().keySet()) {
            terms.add(
                is(id)
                    + " AND operator_id = "
                    + literal(g.operatorId())
                    + " AND period = "
                    + literal(g.period())
                    + " AND spam_type = "
                    + literal(g.spamType()));
          }
          if (!c.duplicates().isEmpty()) {
            terms.add(
                is(id)
                    + " AND source_row IN ("
                    + new TreeSet<>(c.duplicates().keySet())
                        .stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + ")");
          }
        });
    if (!whole.isEmpty()) {
      terms.add(0, "submission_id IN " + list(whole));
    }
    return terms.isEmpty()
        ? null
        : terms.stream().map(t -> "(" + t + ")").collect(Collectors.joining(" OR "));
  }

  private static String is(String submission) {
    return "submission_id = " + literal(submission);
  }

  static String list(Collection<String> values) {
    return values.stream().map(RowsLeaving::literal).collect(Collectors.joining(", ", "(", ")"));
  }

  /**
   * A Spark SQL string literal of any text (submission ids come from file names): backslashes and
   * quotes escaped, as Spark's parser reads them by default.
   */
  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
