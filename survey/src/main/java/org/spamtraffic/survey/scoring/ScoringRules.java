package org.spamtraffic.survey.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spamtraffic.survey.expr.Expression;
import org.spamtraffic.survey.expr.ExpressionException;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.Questionnaire;
import org.spamtraffic.survey.sheet.Sheet;
import org.spamtraffic.survey.sheet.Sheets;

/**
 * Readiness scoring rules, kept as data in {@code survey/questionnaire/scoring.csv}: each rule
 * gives an indicator (a WSIS pillar or a Resolution 45 area) {@code weight} points when its
 * condition, an XLSForm expression over the answers, holds.
 *
 * <p>A score is the points earned over the points possible, between 0 and 1. A question the skip
 * logic hid earns nothing (no law: no points for its enforcement). A score is null when none of the
 * questions its rules read was answered: nothing is known, which is not the same as zero.
 */
public final class ScoringRules {
  /** The five WSIS anti-spam pillars, in the order of the 2006 report. */
  public static final List<String> WSIS_PILLARS =
      List.of("legislation", "technical", "partnerships", "education", "cooperation");

  /** The thirteen cooperation areas of WTDC Resolution 45, a) to m). */
  public static final List<String> RES45_AREAS =
      List.of(
          "awareness",
          "legislation",
          "capacity",
          "enforcement",
          "policy_strategy",
          "information_exchange",
          "contact_point",
          "monitoring",
          "incident_response",
          "vulnerability_assessment",
          "tools",
          "partnerships",
          "international_cooperation");

  /** Kind of indicator: a WSIS pillar. */
  public static final String WSIS_PILLAR = "wsis_pillar";

  /** Kind of indicator: a Resolution 45 area. */
  public static final String RES45_AREA = "res45_area";

  /**
   * One rule.
   *
   * @param kind {@link #WSIS_PILLAR} or {@link #RES45_AREA}
   * @param indicator the pillar or area
   * @param condition when the points are earned
   * @param weight points
   * @param note what the rule means, in words
   * @param row row of the scoring file
   */
  public record Rule(
      String kind, String indicator, Expression condition, double weight, String note, int row) {}

  /**
   * One indicator's score for one submission.
   *
   * @param kind {@link #WSIS_PILLAR} or {@link #RES45_AREA}
   * @param indicator the pillar or area
   * @param score points over possible points, 0..1, or null when none of its questions was answered
   * @param points points earned
   * @param maxPoints points possible
   * @param rulesMatched rules whose condition held
   * @param rulesTotal rules of the indicator
   */
  public record Score(
      String kind,
      String indicator,
      Double score,
      double points,
      double maxPoints,
      int rulesMatched,
      int rulesTotal) {}

  private final List<Rule> rules;

  private ScoringRules(List<Rule> rules) {
    this.rules = rules;
  }

  /** The project's rules, checked against {@code form}. */
  public static ScoringRules reference(Form form) {
    return parse("survey/questionnaire/scoring.csv", Questionnaire.bytes("scoring.csv"), form);
  }

  /**
   * Parses a scoring file and checks it against {@code form}: known kinds, every pillar and area
   * present, conditions in the supported subset naming only questions of the form, positive
   * weights.
   *
   * @throws IllegalArgumentException naming every bad row
   */
  public static ScoringRules parse(String source, byte[] csv, Form form) {
    Sheet s = Sheets.csv(source, csv);
    List<String> errors = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    int kind = s.column("kind");
    int indicator = s.column("indicator");
    int condition = s.column("condition");
    int weight = s.column("weight");
    int note = s.column("note");
    if (kind < 0 || indicator < 0 || condition < 0 || weight < 0) {
      throw new IllegalArgumentException(
          source + ": needs columns kind, indicator, condition, weight (and note)");
    }
    for (Sheet.Row r : s.rows()) {
      String where = source + " row " + r.number() + ": ";
      String k = r.cell(kind);
      String i = r.cell(indicator);
      List<String> allowed =
          k.equals(WSIS_PILLAR) ? WSIS_PILLARS : k.equals(RES45_AREA) ? RES45_AREAS : null;
      if (allowed == null) {
        errors.add(where + "kind '" + k + "' is not " + WSIS_PILLAR + " or " + RES45_AREA);
        continue;
      }
      if (!allowed.contains(i)) {
        errors.add(where + "'" + i + "' is not one of " + allowed);
        continue;
      }
      double w;
      try {
        w = Double.parseDouble(r.cell(weight));
      } catch (NumberFormatException e) {
        errors.add(where + "weight '" + r.cell(weight) + "' is not a number");
        continue;
      }
      if (!(w > 0)) {
        errors.add(where + "weight must be positive");
        continue;
      }
      Expression e;
      try {
        e = Expression.parse(r.cell(condition));
      } catch (ExpressionException ex) {
        errors.add(where + ex.getMessage());
        continue;
      }
      for (String ref : e.references()) {
        if (form.question(ref).isEmpty()) {
          errors.add(where + "${" + ref + "} is no question of form " + form.id());
        }
      }
      rules.add(new Rule(k, i, e, w, note < 0 ? "" : r.cell(note), r.number()));
    }
    for (String p : WSIS_PILLARS) {
      if (rules.stream().noneMatch(r -> r.kind().equals(WSIS_PILLAR) && r.indicator().equals(p))) {
        errors.add(source + ": no rule for WSIS pillar '" + p + "'");
      }
    }
    for (String a : RES45_AREAS) {
      if (rules.stream().noneMatch(r -> r.kind().equals(RES45_AREA) && r.indicator().equals(a))) {
        errors.add(source + ": no rule for Resolution 45 area '" + a + "'");
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "Scoring rules " + source + " have errors:\n  " + String.join("\n  ", errors));
    }
    return new ScoringRules(List.copyOf(rules));
  }

  /** The rules, in file order. */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * Scores one submission's accepted answers (question name to value, as {@link Expression} reads
   * them), every pillar then every area.
   */
  public List<Score> score(Map<String, String> answers) {
    Expression.Answers context = answers::get;
    List<Score> out = new ArrayList<>();
    for (String kind : List.of(WSIS_PILLAR, RES45_AREA)) {
      Map<String, List<Rule>> byIndicator = new LinkedHashMap<>();
      for (String i : kind.equals(WSIS_PILLAR) ? WSIS_PILLARS : RES45_AREAS) {
        byIndicator.put(i, new ArrayList<>());
      }
      rules.stream()
          .filter(r -> r.kind().equals(kind))
          .forEach(r -> byIndicator.get(r.indicator()).add(r));
      byIndicator.forEach(
          (indicator, list) -> {
            double points = 0;
            double max = 0;
            int matched = 0;
            Set<String> read = new LinkedHashSet<>();
            for (Rule r : list) {
              max += r.weight();
              read.addAll(r.condition().references());
              if (r.condition().test(context)) {
                points += r.weight();
                matched++;
              }
            }
            boolean anyAnswered =
                read.stream().anyMatch(q -> answers.get(q) != null && !answers.get(q).isEmpty());
            out.add(
                new Score(
                    kind,
                    indicator,
                    anyAnswered ? points / max : null,
                    points,
                    max,
                    matched,
                    list.size()));
          });
    }
    return out;
  }
}
