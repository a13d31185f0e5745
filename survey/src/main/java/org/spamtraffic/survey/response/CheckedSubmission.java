package org.spamtraffic.survey.response;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A submission after every answer was checked against the form.
 *
 * <p>Counts add up: {@code answersRead = answersAccepted + answersRejected + answersIgnored}. An
 * answer is read when its question has a non-empty value; a rejected submission keeps none.
 *
 * @param id submission id ({@code _uuid}, {@code instanceID} or {@code KEY}, else file and row)
 * @param countryCode the answering country (ISO alpha-3), or null when it has none
 * @param submittedAt when it was submitted, or null when unknown
 * @param raw the submission as read
 * @param accepted whether it is kept (it has a valid country and is not a repeat)
 * @param answers accepted answers, in form order (empty when the submission is rejected)
 * @param findings everything wrong with it
 * @param answersRead answers with a value
 * @param answersAccepted answers kept
 * @param answersRejected answers not kept because they broke a rule or their submission did
 * @param answersIgnored answers to questions that the skip logic hides
 */
public record CheckedSubmission(
    String id,
    String countryCode,
    Instant submittedAt,
    RawSubmission raw,
    boolean accepted,
    List<Answer> answers,
    List<Finding> findings,
    int answersRead,
    int answersAccepted,
    int answersRejected,
    int answersIgnored) {

  /** Accepted answers outside repeats by question name, as the scoring rules read them. */
  public Map<String, String> values() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    answers.stream()
        .filter(a -> a.repeatIndex() == null)
        .forEach(a -> out.put(a.question(), a.value()));
    return out;
  }

  /** The accepted answer to {@code question} outside repeats. */
  public Optional<Answer> answer(String question) {
    return answers.stream()
        .filter(a -> a.question().equals(question) && a.repeatIndex() == null)
        .findFirst();
  }
}
