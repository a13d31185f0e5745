package org.spamtraffic.survey.response;

import org.spamtraffic.language.Language;

/**
 * Something wrong with a response file, a submission or an answer, with where it is and a message a
 * person can act on. Errors drop what they are about (an answer, or a whole submission); warnings
 * keep it.
 *
 * @param submissionId the submission, or null for a file-level finding
 * @param countryCode the answering country when known
 * @param file the file
 * @param sheet the sheet, or null for CSV
 * @param row row in the file (1-based, header is row 1), or null for a file-level finding
 * @param column the column header (export) or name cell (offline form), or null
 * @param question the question name, when the finding is about one
 * @param value the value as read
 * @param rule which check (see {@link Rule})
 * @param level {@code error} or {@code warning}
 * @param said what is wrong and what is allowed: the catalogue key and arguments, and the text in
 *     the intake's language ({@link #message()}); {@link #message(Language)} says it in another
 */
public record Finding(
    String submissionId,
    String countryCode,
    String file,
    String sheet,
    Integer row,
    String column,
    String question,
    String value,
    String rule,
    String level,
    Message said) {

  /** What is wrong and what is allowed, in the language the intake ran in. */
  public String message() {
    return said.text();
  }

  /** What is wrong and what is allowed, in {@code language}. */
  public String message(Language language) {
    return said.in(language);
  }

  /** Error: the answer or submission is not kept. */
  public static final String ERROR = "error";

  /** Warning: kept, and reported. */
  public static final String WARNING = "warning";

  /** The rules a finding can name, as stored in {@code survey_rejects.rule}. */
  public static final class Rule {
    /** The file cannot be read. */
    public static final String UNREADABLE_FILE = "unreadable-file";

    /** A column no question of the form has. */
    public static final String UNKNOWN_COLUMN = "unknown-column";

    /** A question of the form no column has. */
    public static final String MISSING_COLUMN = "missing-column";

    /** A sheet of a workbook that is not read (repeat sheets). */
    public static final String SHEET_NOT_READ = "sheet-not-read";

    /** Two columns give the same question. */
    public static final String DUPLICATE_COLUMN = "duplicate-column";

    /** A choice the question's list does not have. */
    public static final String UNKNOWN_CHOICE = "unknown-choice";

    /** Not a whole number, a number or a date where one is needed. */
    public static final String WRONG_TYPE = "wrong-type";

    /** The question's constraint is not met. */
    public static final String CONSTRAINT = "constraint";

    /** A required question, asked (relevant), left empty. */
    public static final String REQUIRED = "required";

    /** An answer to a question that the skip logic hides; ignored. */
    public static final String NOT_RELEVANT = "not-relevant";

    /** The space-separated and per-option columns of a select_multiple disagree. */
    public static final String SELECT_MULTIPLE_MISMATCH = "select-multiple-mismatch";

    /** The submission has no valid country: it is rejected as a whole. */
    public static final String NO_COUNTRY = "no-country";

    /** The same submission id was read before: the repeat is rejected. */
    public static final String DUPLICATE_SUBMISSION = "duplicate-submission";

    /** An offline form of another questionnaire. */
    public static final String WRONG_FORM = "wrong-form";

    /** The submission time cannot be read. */
    public static final String BAD_SUBMISSION_TIME = "bad-submission-time";

    /** A choice the question's choice_filter does not offer given the earlier answers. */
    public static final String CHOICE_FILTER = "choice-filter";

    /** An expression of the form cannot be evaluated on these answers (the check is skipped). */
    public static final String EXPRESSION_ERROR = "expression-error";

    /** A repeat row whose parent submission (or repeat row) is in no file read. */
    public static final String ORPHAN_REPEAT = "orphan-repeat";

    /** No exchange rate for the investment currency. */
    public static final String NO_FX_RATE = "no-fx-rate";

    private Rule() {}
  }
}
