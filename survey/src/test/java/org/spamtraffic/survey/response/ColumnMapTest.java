package org.spamtraffic.survey.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.Questionnaire;

class ColumnMapTest {
  private static final Form FORM = Questionnaire.form();

  @Test
  void readsTheHeadersOfKoboOdkCentralAndSurveyCto() {
    ColumnMap map =
        ColumnMap.of(
            FORM,
            List.of(
                "legislation/has_antispam_law", // Kobo, group path
                "legislation-law_regime", // ODK Central
                "law_year", // SurveyCTO, bare name
                "technical/technical_measures/filtering", // Kobo option column
                "technical_measures_network", // SurveyCTO option column
                "routes/main_routes/other", // or_other option
                "_uuid",
                "meta/instanceID",
                "KEY",
                "SubmissionDate",
                "start",
                "legislation-nothing",
                "technical/technical_measures/teleportation"));
    assertThat(map.targets().values())
        .extracting(
            ColumnMap.Target::kind,
            t -> t.question() == null ? null : t.question().name(),
            ColumnMap.Target::choice)
        .containsExactly(
            tuple(ColumnMap.Kind.QUESTION, "has_antispam_law", null),
            tuple(ColumnMap.Kind.QUESTION, "law_regime", null),
            tuple(ColumnMap.Kind.QUESTION, "law_year", null),
            tuple(ColumnMap.Kind.OPTION, "technical_measures", "filtering"),
            tuple(ColumnMap.Kind.OPTION, "technical_measures", "network"),
            tuple(ColumnMap.Kind.OPTION, "main_routes", "other"),
            tuple(ColumnMap.Kind.METADATA, null, null),
            tuple(ColumnMap.Kind.METADATA, null, null),
            tuple(ColumnMap.Kind.METADATA, null, null),
            tuple(ColumnMap.Kind.METADATA, null, null),
            tuple(ColumnMap.Kind.METADATA, null, null),
            tuple(ColumnMap.Kind.UNKNOWN, null, null),
            tuple(ColumnMap.Kind.UNKNOWN, null, null));
    assertThat(map.missingQuestions())
        .extracting(q -> q.name())
        .contains("country", "organisation")
        .doesNotContain("has_antispam_law", "technical_measures", "main_routes", "intro");
  }
}
