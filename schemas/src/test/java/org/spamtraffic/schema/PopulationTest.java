package org.spamtraffic.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PopulationTest {

  @Test
  void everyFigureIsForAKnownCountryAndPositive() {
    assertThat(Countries.alpha3()).containsAll(Population.byAlpha3().keySet());
    assertThat(Population.byAlpha3().values()).allMatch(n -> n > 0);
    assertThat(Population.yearByAlpha3().keySet()).isEqualTo(Population.byAlpha3().keySet());
  }

  @Test
  void figuresAreOfTheRightOrder() {
    // World Bank SP.POP.TOTL 2024, rounded: a check that the columns were not shifted or scaled.
    assertThat(Population.byAlpha3().get("IND")).isBetween(1_400_000_000L, 1_500_000_000L);
    assertThat(Population.byAlpha3().get("USA")).isBetween(330_000_000L, 350_000_000L);
    assertThat(Population.byAlpha3().get("KEN")).isBetween(50_000_000L, 60_000_000L);
    assertThat(Population.byAlpha3().get("TUV")).isBetween(8_000L, 12_000L);
  }

  @Test
  void thereAre194MemberStatesEachAKnownIndependentCountry() {
    Set<String> members = ItuMemberStates.alpha3();
    assertThat(members).hasSize(194);
    assertThat(Countries.alpha3()).containsAll(members);
    assertThat(members).contains("VAT", "SSD", "PRK", "CHE").doesNotContain("TWN", "PSE", "HKG");
    // Every Member State but the Holy See has a population figure.
    Set<String> without = new HashSet<>(members);
    without.removeAll(Population.byAlpha3().keySet());
    assertThat(without).containsExactly("VAT");
  }
}
