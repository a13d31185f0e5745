package org.spamtraffic.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spamtraffic.publish.Suppression.Cell;
import org.spamtraffic.publish.Suppression.Reason;

class SuppressionTest {
  private static final DisclosureRules RULES = DisclosureRules.defaults();

  @Test
  void fewOperatorsAndDominanceAreWithheldAndSaySo() {
    Reason[] r =
        Suppression.solve(
            List.of(
                new Cell(2, 0.5, 100, List.of()),
                new Cell(5, 0.9, 100, List.of()),
                new Cell(5, 0.85, 100, List.of()),
                new Cell(3, 0.2, 100, List.of())),
            RULES);
    assertThat(r).containsExactly(Reason.FEWER_OPERATORS, Reason.DOMINANCE, null, null);
  }

  @Test
  void aLoneWithheldCellTakesTheSmallestSiblingWithIt() {
    // Region R = a + b + c (+ the region row itself); only a is withheld: b (the smaller) goes too.
    Reason[] r =
        Suppression.solve(
            List.of(
                new Cell(1, 1.0, 50, List.of("R")),
                new Cell(4, 0.3, 300, List.of("R")),
                new Cell(4, 0.3, 200, List.of("R")),
                new Cell(9, 0.2, 550, List.of("R"))),
            RULES);
    assertThat(r).containsExactly(Reason.FEWER_OPERATORS, null, Reason.COMPLEMENTARY, null);
  }

  @Test
  void complementarySuppressionFollowsIntoEveryRelationItTouches() {
    // Cell 0 withheld in R1 = {0, 1}; 1 is withheld to protect it, which leaves 1 alone in R2 = {1,
    // 2, 3}: the smaller of 2 and 3 goes too.
    Reason[] r =
        Suppression.solve(
            List.of(
                new Cell(1, 1.0, 10, List.of("R1")),
                new Cell(5, 0.3, 20, List.of("R1", "R2")),
                new Cell(5, 0.3, 40, List.of("R2")),
                new Cell(5, 0.3, 30, List.of("R2"))),
            RULES);
    assertThat(r)
        .containsExactly(Reason.FEWER_OPERATORS, Reason.COMPLEMENTARY, null, Reason.COMPLEMENTARY);
  }

  @Test
  void twoWithheldCellsNeedNoMore() {
    Reason[] r =
        Suppression.solve(
            List.of(
                new Cell(1, 1.0, 10, List.of("R")),
                new Cell(2, 0.6, 20, List.of("R")),
                new Cell(5, 0.3, 40, List.of("R"))),
            RULES);
    assertThat(r).containsExactly(Reason.FEWER_OPERATORS, Reason.FEWER_OPERATORS, null);
  }

  @Test
  void rulesOutsideTheirRangeAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> new DisclosureRules(0, 0.85))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1, got 0");
    assertThatThrownBy(() -> new DisclosureRules(3, 1.2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(0, 1], got 1.2");
  }

  @Test
  void quartersShiftAcrossYears() {
    assertThat(Quarters.shift("2025-Q1", -1)).isEqualTo("2024-Q4");
    assertThat(Quarters.shift("2025-Q3", -4)).isEqualTo("2024-Q3");
    assertThat(Quarters.shift("2024-Q4", 1)).isEqualTo("2025-Q1");
    assertThatThrownBy(() -> Quarters.shift("2025-13", 1)).hasMessageContaining("'2025-13'");
  }
}
