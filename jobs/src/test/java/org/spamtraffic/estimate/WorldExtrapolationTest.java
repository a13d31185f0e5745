package org.spamtraffic.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The world figure: the reporting countries plus the missing Member States, by group. */
class WorldExtrapolationTest {

  private static CountryInputs country(String code, boolean ldc, boolean developing, double pop) {
    return new CountryInputs(
        code,
        code,
        "2026-Q2",
        "Africa",
        null,
        ldc,
        false,
        false,
        developing,
        0,
        new EnumMap<>(SpamType.class),
        new EnumMap<>(Readiness.class),
        pop,
        "population",
        null,
        null);
  }

  private static final List<CountryInputs> STUDY =
      List.of(
          country("D1", false, false, 10e6),
          country("D2", false, false, 30e6),
          country("G1", false, true, 50e6),
          country("G2", false, true, 150e6),
          country("L1", true, true, 20e6));

  /** Totals per country: technical, institutional, existing (gap = need - existing, at least 0). */
  private static final CountryTotals[] TOTALS = {
    new CountryTotals(4e6, 1e6, 1e6, 0), // D1: need 5M, gap 4M
    new CountryTotals(8e6, 2e6, 0, 0), // D2: need 10M, gap 10M
    new CountryTotals(5e6, 3e6, 0, 0), // G1: need 8M, gap 8M
    new CountryTotals(15e6, 1e6, 8e6, 0), // G2: need 16M, gap 8M
    new CountryTotals(1e6, 2e6, 0, 0), // L1: need 3M, gap 3M
  };

  private static final List<WorldExtrapolation.MemberState> MEMBERS =
      List.of(
          new WorldExtrapolation.MemberState("D1", "developed", 10e6),
          new WorldExtrapolation.MemberState("D2", "developed", 30e6),
          new WorldExtrapolation.MemberState("D3", "developed", 60e6),
          new WorldExtrapolation.MemberState("G1", "developing", 50e6),
          new WorldExtrapolation.MemberState("G3", "developing", 100e6),
          new WorldExtrapolation.MemberState("G4", "developing", 0), // no population figure
          new WorldExtrapolation.MemberState("L1", "ldc", 20e6),
          new WorldExtrapolation.MemberState("L2", "ldc", 40e6));

  @Test
  void missingMemberStatesGetTheirGroupsRatesWorkedByHand() {
    WorldExtrapolation w = WorldExtrapolation.of(STUDY, MEMBERS);
    // One LDC in the study: LDCs merge into the developing countries.
    assertThat(w.strata())
        .extracting(WorldExtrapolation.Stratum::name)
        .containsExactly("developing", "developed");
    assertThat(w.extrapolatedCountries()).isEqualTo(4); // D3, G3, G4, L2 (G2 is not a member)
    double[] t = w.total(TOTALS, null);
    // Developed: 12M technical / 40M people = 0.3 a head, x 60M (D3) = 18M; institutional
    // 3M / 2 = 1.5M a country; gap share 14M / 15M.
    // Developing (G1, G2, L1): 21M / 220M people x (100M + 0 + 40M) = 13.3636M; institutional
    // 6M / 3 = 2M a country x 3 (G3, G4, L2) = 6M; gap share 19M / 27M.
    double devTech = 12e6 / 40e6 * 60e6;
    double devInst = 3e6 / 2;
    double gTech = 21e6 / 220e6 * 140e6;
    double gInst = 6e6 / 3 * 3;
    double studyTech = 33e6;
    double studyInst = 9e6;
    assertThat(t[0]).isCloseTo(studyTech + devTech + gTech, within(1e-6));
    assertThat(t[1]).isCloseTo(studyInst + devInst + gInst, within(1e-6));
    assertThat(t[2]).isCloseTo(t[0] + t[1], within(1e-6));
    double studyGap = 4e6 + 10e6 + 8e6 + 8e6 + 3e6;
    double gap = studyGap + 14.0 / 15 * (devTech + devInst) + 19.0 / 27 * (gTech + gInst);
    assertThat(t[3]).isCloseTo(gap, within(1e-6));
    assertThat(t[4]).isEqualTo(9e6); // existing: only what the study knows
  }

  @Test
  void aBootstrapDrawResamplesEachGroupAndStaysAroundTheFigure() {
    WorldExtrapolation w = WorldExtrapolation.of(STUDY, MEMBERS);
    double base = w.total(TOTALS, null)[2];
    List<Double> draws = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      draws.add(w.total(TOTALS, new SplittableRandom(i))[2]);
    }
    double mean = draws.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertThat(draws.stream().distinct().count()).isGreaterThan(10);
    assertThat(mean).isCloseTo(base, within(0.15 * base));
    // The study's own countries are never resampled away: every draw keeps their need.
    assertThat(draws).allMatch(d -> d >= 42e6);
  }

  @Test
  void theReferenceDataExtrapolatesToTheItuMemberStates() {
    WorldExtrapolation w = WorldExtrapolation.of(STUDY);
    assertThat(w.memberStates()).isEqualTo(194);
    assertThat(w.extrapolatedCountries()).isEqualTo(194); // none of the test codes is a member
  }
}
