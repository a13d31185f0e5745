package org.spamtraffic.survey.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.spamtraffic.survey.testing.Workbooks.lines;
import static org.spamtraffic.survey.testing.Workbooks.utf8;
import static org.spamtraffic.survey.testing.Workbooks.xlsx;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spamtraffic.language.Language;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.QuestionType;
import org.spamtraffic.survey.form.Questionnaire;

class SurveyIntakeTest {
  private static final Form FORM = Questionnaire.form();

  private static final String HEADER =
      "_uuid,_submission_time,respondent/country,respondent/organisation,volume/volume_email,"
          + "volume/trend_email,volume/volume_sms,volume/trend_sms,volume/volume_voice,"
          + "volume/volume_ip_messaging,volume/volume_ip_multimedia,legislation/has_antispam_law,"
          + "legislation/law_regime,legislation/law_year,legislation/has_enforcement_authority,"
          + "legislation/enforcement_actions,technical/technical_measures,"
          + "technical/technical_measures/filtering,technical/technical_measures/network,"
          + "education/has_awareness_programme,education/has_training_programme,"
          + "cooperation/has_national_contact_point,cooperation/has_incident_response,"
          + "market/mobile_subscriptions,investment/investment_current,"
          + "investment/investment_currency,_validation_status";

  private static SurveyIntake.Batch run(SurveyIntake.InputFile... files) {
    return new SurveyIntake(FORM, "country").run(List.of(files));
  }

  @Test
  void acceptsAGoodKoboRowAndTypesEveryAnswer() {
    String csv =
        lines(
            HEADER,
            "u-1,2026-03-01T10:00:00,KEN,Communications Authority,high,increasing,very_high,"
                + "increasing,moderate,low,none,yes,opt_in,2018,yes,12,filtering network,,,"
                + "yes,yes,yes,yes,\"66,000,000\",1500000,KES,");
    SurveyIntake.Batch batch = run(new SurveyIntake.InputFile("kobo.csv", utf8(csv)));
    assertThat(batch.fileFindings())
        .extracting(Finding::rule)
        .containsOnly(Finding.Rule.MISSING_COLUMN);
    CheckedSubmission s = batch.submissions().get(0);
    assertThat(s.findings()).isEmpty();
    assertThat(s.accepted()).isTrue();
    assertThat(s.id()).isEqualTo("u-1");
    assertThat(s.countryCode()).isEqualTo("KEN");
    assertThat(s.submittedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(s.answer("mobile_subscriptions").orElseThrow().number()).isEqualTo(66_000_000d);
    assertThat(s.answer("technical_measures").orElseThrow().choices())
        .containsExactly("filtering", "network");
    assertThat(s.answer("law_year").orElseThrow().type()).isEqualTo(QuestionType.INTEGER);
    assertThat(s.answer("law_regime").orElseThrow().path()).isEqualTo("legislation/law_regime");
    // 22 answered questions; trend_voice is asked but has no column (reported once per file).
    assertThat(s.answersRead()).isEqualTo(22);
    assertThat(s.answersAccepted()).isEqualTo(22);
    assertThat(batch.latestByCountry()).containsEntry("KEN", "u-1");
  }

  @Test
  void rejectsBadAnswersAndKeepsTheRest() {
    String csv =
        lines(
            HEADER,
            // maybe: unknown choice; 1850: constraint; "twelve": wrong type; trend_sms missing
            // although required and asked; law_regime given although has_antispam_law is no.
            "u-2,2026-03-02 09:00:00,NGA,NCC,high,sideways,high,,none,none,none,no,opt_out,,,,"
                + "filtering none,,,maybe,yes,yes,yes,twelve,-5,NGN,",
            "u-3,2026-03-02T09:00:00Z,BRA,Anatel,low,stable,low,stable,low,low,low,yes,opt_in,"
                + "1850,yes,3,,1,1,yes,yes,yes,yes,250000000,,,");
    SurveyIntake.Batch batch = run(new SurveyIntake.InputFile("kobo.csv", utf8(csv)));
    CheckedSubmission nga = batch.submissions().get(0);
    assertThat(nga.accepted()).isTrue();
    assertThat(nga.findings())
        .extracting(Finding::question, Finding::rule, Finding::value, Finding::level)
        .containsExactly(
            tuple("trend_email", Finding.Rule.UNKNOWN_CHOICE, "sideways", Finding.ERROR),
            tuple("trend_sms", Finding.Rule.REQUIRED, "", Finding.ERROR),
            tuple("law_regime", Finding.Rule.NOT_RELEVANT, "opt_out", Finding.WARNING),
            tuple("technical_measures", Finding.Rule.CONSTRAINT, "filtering none", Finding.ERROR),
            tuple("has_awareness_programme", Finding.Rule.UNKNOWN_CHOICE, "maybe", Finding.ERROR),
            tuple("mobile_subscriptions", Finding.Rule.WRONG_TYPE, "twelve", Finding.ERROR),
            tuple("investment_current", Finding.Rule.CONSTRAINT, "-5", Finding.ERROR),
            tuple("investment_currency", Finding.Rule.NOT_RELEVANT, "NGN", Finding.WARNING));
    Finding unknown = nga.findings().get(0);
    assertThat(unknown.row()).isEqualTo(2);
    assertThat(unknown.column()).isEqualTo("volume/trend_email");
    assertThat(unknown.countryCode()).isEqualTo("NGA");
    assertThat(unknown.message())
        .isEqualTo(
            "'sideways' is not a choice of list 'trend' (allowed: decreasing, stable, increasing,"
                + " dont_know)");
    assertThat(nga.findings().get(3).message())
        .isEqualTo(
            "'None' cannot be combined with other measures (constraint: not(selected(., 'none')"
                + " and count-selected(.) > 1))");
    // The currency is asked only when an amount is given: -5 was rejected, so NGN is ignored.
    assertThat(nga.answer("investment_currency")).isEmpty();
    assertThat(nga.answer("volume_email").orElseThrow().value()).isEqualTo("high");
    assertThat(nga.answersRead())
        .isEqualTo(nga.answersAccepted() + nga.answersRejected() + nga.answersIgnored());
    assertThat(nga.answersRejected()).isEqualTo(5); // the required one was never read
    assertThat(nga.answersIgnored()).isEqualTo(2); // law_regime and investment_currency

    CheckedSubmission bra = batch.submissions().get(1);
    assertThat(bra.findings())
        .extracting(Finding::question, Finding::rule)
        .containsExactly(tuple("law_year", Finding.Rule.CONSTRAINT));
    // Option columns make the select_multiple when its own column is empty.
    assertThat(bra.answer("technical_measures").orElseThrow().choices())
        .containsExactly("filtering", "network");
  }

  @Test
  void saysWhyAnAnswerIsRejectedInTheLanguageAsked() {
    String csv =
        lines(
            HEADER,
            "u-2,2026-03-02 09:00:00,NGA,NCC,high,sideways,high,,none,none,none,no,opt_out,,,,"
                + "filtering none,,,maybe,yes,yes,yes,twelve,-5,NGN,");
    SurveyIntake.Batch batch =
        new SurveyIntake(FORM, "country", Language.ARABIC)
            .run(List.of(new SurveyIntake.InputFile("kobo.csv", utf8(csv))));
    List<String> messages =
        batch.submissions().get(0).findings().stream().map(Finding::message).toList();
    assertThat(messages)
        .contains(
            "«sideways» ليس خياراً في القائمة «trend» (الخيارات المسموح بها: decreasing, stable,"
                + " increasing, dont_know)",
            // The form's own required and constraint messages, in Arabic too.
            "«الرسائل الاقتحامية عبر الرسائل القصيرة (SMS): الاتجاه خلال الأشهر الاثني عشر"
                + " الماضية»: يجب الإجابة عن هذا السؤال",
            "لا يمكن الجمع بين «لا شيء» وتدابير أخرى (القيد: not(selected(., 'none') and"
                + " count-selected(.) > 1))");
    // A file that cannot be read says so in the language too.
    SurveyIntake.Batch broken =
        new SurveyIntake(FORM, "country", Language.CHINESE)
            .run(List.of(new SurveyIntake.InputFile("broken.json", utf8("{"))));
    assertThat(broken.fileFindings())
        .extracting(Finding::message)
        .singleElement()
        .asString()
        .startsWith("无法将该文件读取为 CSV、Excel、ZIP 或 JSON 导出文件或离线表格：不是 JSON（技术细节：“");
    // English stays the default, with the question named.
    assertThat(
            run(new SurveyIntake.InputFile("kobo.csv", utf8(csv))).submissions().get(0).findings())
        .extracting(Finding::message)
        .contains("'SMS spam: trend over the last 12 months': This question must be answered");
  }

  @Test
  void rejectsASubmissionWithoutCountryAndARepeatedOneAndLetsTheLaterWin() {
    String first =
        lines(
            "_uuid,_submission_time,country,organisation,has_antispam_law",
            "a,2026-01-10T00:00:00Z,KEN,CA,no",
            "b,2026-01-11T00:00:00Z,,Nobody,yes",
            "c,2026-01-12T00:00:00Z,Atlantis,Nobody,yes");
    String second =
        lines(
            "KEY;SubmissionDate;country;organisation;has_antispam_law",
            "uuid:d;Feb 1, 2026 9:15:00 AM;KEN;CA;yes",
            "uuid:a;Jan 10, 2026 0:00:00 AM;KEN;CA;no");
    SurveyIntake.Batch batch =
        run(
            new SurveyIntake.InputFile("first.csv", utf8(first)),
            new SurveyIntake.InputFile("second.csv", utf8(second)));
    assertThat(batch.submissions())
        .extracting(CheckedSubmission::id, CheckedSubmission::accepted)
        .containsExactly(
            tuple("a", true),
            tuple("b", false),
            tuple("c", false),
            tuple("d", true),
            tuple("a", false));
    assertThat(batch.submissions().get(1).findings())
        .extracting(Finding::rule)
        .containsExactly(Finding.Rule.REQUIRED, Finding.Rule.NO_COUNTRY);
    assertThat(batch.submissions().get(2).findings())
        .extracting(Finding::rule)
        .containsExactly(Finding.Rule.UNKNOWN_CHOICE, Finding.Rule.NO_COUNTRY);
    assertThat(batch.submissions().get(4).findings())
        .extracting(Finding::rule, Finding::message)
        .containsExactly(
            tuple(
                Finding.Rule.DUPLICATE_SUBMISSION,
                "Submission a was already read from first.csv row 2; this copy is not used"));
    assertThat(batch.latestByCountry()).containsExactly(java.util.Map.entry("KEN", "d"));
    assertThat(batch.supersededBy()).containsExactly(java.util.Map.entry("a", "d"));
    assertThat(batch.submissions().get(3).submittedAt())
        .isEqualTo(Instant.parse("2026-02-01T09:15:00Z"));
  }

  @Test
  void reportsColumnsTheFormDoesNotKnowAndReadsTheRest() {
    String csv =
        lines(
            "_uuid,country,organisation,favourite_colour,has_antispam_law,meta/instanceID,start",
            "x,SEN,ARTP,blue,yes,uuid:x,2026-01-01");
    SurveyIntake.Batch batch = run(new SurveyIntake.InputFile("odd.csv", utf8(csv)));
    assertThat(batch.fileFindings())
        .filteredOn(f -> f.rule().equals(Finding.Rule.UNKNOWN_COLUMN))
        .extracting(Finding::column, Finding::row, Finding::message)
        .containsExactly(
            tuple(
                "favourite_colour",
                1,
                "Column 'favourite_colour' is no question of form itu_spam_questionnaire 2026.1;"
                    + " its values are not read"));
    assertThat(batch.fileFindings())
        .filteredOn(f -> f.rule().equals(Finding.Rule.MISSING_COLUMN))
        .extracting(Finding::question)
        .contains("volume_email", "mobile_subscriptions")
        .doesNotContain("country", "has_antispam_law");
    CheckedSubmission s = batch.submissions().get(0);
    assertThat(s.accepted()).isTrue();
    // law_regime is required when there is a law, but its column is missing: not flagged per row.
    assertThat(s.findings()).isEmpty();
    assertThat(s.answersAccepted()).isEqualTo(3);
  }

  @Test
  void readsAnXlsxExportAndReportsSheetsItDoesNotRead() {
    byte[] workbook =
        xlsx(
            "ITU spam",
            lines("_uuid,country,organisation,has_antispam_law", "w1,FRA,Arcep,yes"),
            "member",
            lines("_index,_parent_index,name", "1,1,someone"),
            "notes",
            lines("who,what", "me,hello"));
    SurveyIntake.Batch batch = run(new SurveyIntake.InputFile("export.xlsx", workbook));
    assertThat(batch.submissions()).hasSize(1);
    assertThat(batch.submissions().get(0).raw().format()).isEqualTo(SourceFormat.XLSX_EXPORT);
    assertThat(batch.submissions().get(0).raw().sheet()).isEqualTo("ITU spam");
    assertThat(batch.fileFindings())
        .extracting(Finding::rule, Finding::sheet)
        .contains(
            // A repeat sheet of a repeat the form does not have, and a sheet that is no repeat.
            tuple(Finding.Rule.ORPHAN_REPEAT, "member"),
            tuple(Finding.Rule.SHEET_NOT_READ, "notes"));
  }

  @Test
  void reportsAFileItCannotRead() {
    SurveyIntake.Batch batch =
        run(new SurveyIntake.InputFile("broken.xlsx", utf8("this is not a workbook")));
    assertThat(batch.submissions()).isEmpty();
    assertThat(batch.fileFindings())
        .extracting(Finding::rule, Finding::level)
        .containsExactly(tuple(Finding.Rule.UNREADABLE_FILE, Finding.ERROR));
    assertThat(batch.fileFindings().get(0).message())
        .startsWith(
            "The file cannot be read as a CSV, Excel, ZIP or JSON export or an offline form");
  }
}
