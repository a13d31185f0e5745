package org.spamtraffic.survey.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.spamtraffic.survey.testing.Workbooks.lines;
import static org.spamtraffic.survey.testing.Workbooks.map;
import static org.spamtraffic.survey.testing.Workbooks.utf8;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.Questionnaire;

class ScoringRulesTest {
  private static final Form FORM = Questionnaire.form();
  private static final ScoringRules RULES = ScoringRules.reference(FORM);

  /** The worked example of survey/README.md. */
  static final Map<String, String> EXAMPLE =
      map(
          "country", "KEN",
          "has_antispam_law", "yes",
          "law_regime", "opt_in",
          "has_enforcement_authority", "yes",
          "enforcement_actions", "0",
          "technical_measures", "filtering network",
          "operators_with_sms_firewall", "some",
          "has_monitoring", "no",
          "has_awareness_programme", "yes",
          "has_training_programme", "no",
          "has_national_contact_point", "yes",
          "has_incident_response", "no",
          "agreements", "london_action_plan regional");

  private static Map<String, ScoringRules.Score> byIndicator(
      String kind, Map<String, String> answers) {
    return RULES.score(answers).stream()
        .filter(s -> s.kind().equals(kind))
        .collect(Collectors.toMap(ScoringRules.Score::indicator, s -> s));
  }

  @Test
  void scoresTheWorkedExampleByHand() {
    Map<String, ScoringRules.Score> pillars = byIndicator(ScoringRules.WSIS_PILLAR, EXAMPLE);
    // legislation: law 2 + opt-in 1 + authority 2 + actions>0 0 = 5 of 6.
    assertThat(pillars.get("legislation").points()).isEqualTo(5);
    assertThat(pillars.get("legislation").maxPoints()).isEqualTo(6);
    assertThat(pillars.get("legislation").score()).isCloseTo(5.0 / 6, within(1e-12));
    assertThat(pillars.get("legislation").rulesMatched()).isEqualTo(3);
    // technical: filtering 1 + network 1, of 5 layers + firewall + monitoring = 7.
    assertThat(pillars.get("technical").score()).isCloseTo(2.0 / 7, within(1e-12));
    // partnerships: none of its questions answered: unknown, not zero.
    assertThat(pillars.get("partnerships").score()).isNull();
    assertThat(pillars.get("partnerships").points()).isZero();
    // education: awareness 2 of 2 + 2 + 1.
    assertThat(pillars.get("education").score()).isCloseTo(2.0 / 5, within(1e-12));
    // cooperation: contact point 1 + LAP 1 + regional 1 of 5.
    assertThat(pillars.get("cooperation").score()).isCloseTo(3.0 / 5, within(1e-12));

    Map<String, ScoringRules.Score> areas = byIndicator(ScoringRules.RES45_AREA, EXAMPLE);
    assertThat(areas).hasSize(13);
    assertThat(areas.get("tools").score()).isCloseTo(0.5, within(1e-12)); // filtering, not 3 layers
    assertThat(areas.get("enforcement").score()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(areas.get("policy_strategy").score()).isNull(); // has_strategy not answered
    assertThat(areas.get("international_cooperation").score()).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void everyPillarAndAreaHasRulesOnQuestionsOfTheForm() {
    assertThat(RULES.rules()).hasSize(46);
    List<ScoringRules.Score> nothing = RULES.score(Map.of());
    assertThat(nothing).hasSize(18).allSatisfy(s -> assertThat(s.score()).isNull());
  }

  @Test
  void refusesBadRulesNamingTheRow() {
    String csv =
        lines(
            "kind,indicator,condition,weight,note",
            "wsis_pillar,legislation,\"selected(${has_antispam_law}, 'yes')\",2,",
            "wsis_pillar,happiness,\"selected(${has_antispam_law}, 'yes')\",1,",
            "pillar,legislation,\"selected(${has_antispam_law}, 'yes')\",1,",
            "wsis_pillar,legislation,${shoe_size} > 40,1,",
            "wsis_pillar,legislation,\"frobnicate(${organisation}, 'x')\",1,",
            "wsis_pillar,legislation,${law_year} > 2000,zero,");
    assertThatThrownBy(() -> ScoringRules.parse("bad.csv", utf8(csv), FORM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "bad.csv row 3: 'happiness' is not one of [legislation, technical, partnerships,"
                + " education, cooperation]")
        .hasMessageContaining("bad.csv row 4: kind 'pillar' is not wsis_pillar or res45_area")
        .hasMessageContaining(
            "bad.csv row 5: ${shoe_size} is no question of form itu_spam_questionnaire")
        .hasMessageContaining(
            "bad.csv row 6: Expression 'frobnicate(${organisation}, 'x')' calls frobnicate(), which is no"
                + " function of ODK XForms")
        .hasMessageContaining("bad.csv row 7: weight 'zero' is not a number")
        .hasMessageContaining("bad.csv: no rule for WSIS pillar 'technical'")
        .hasMessageContaining("bad.csv: no rule for Resolution 45 area 'awareness'");
  }
}
