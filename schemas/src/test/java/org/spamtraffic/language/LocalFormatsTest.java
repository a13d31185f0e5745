package org.spamtraffic.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each language's numbers, percentages and periods, as CLDR says they are written. */
class LocalFormatsTest {
  private static final String NNBSP = "\u202f"; // narrow no-break space

  @Test
  void numbersGroupAsEachLanguageDoes() {
    assertThat(LocalFormats.of(Language.ENGLISH).number(1_250_000)).isEqualTo("1,250,000");
    assertThat(LocalFormats.of(Language.FRENCH).number(1_250_000))
        .isEqualTo("1" + NNBSP + "250" + NNBSP + "000");
    assertThat(LocalFormats.of(Language.SPANISH).number(1_250_000)).isEqualTo("1.250.000");
    assertThat(LocalFormats.of(Language.RUSSIAN).number(1_250_000))
        .isEqualTo("1\u00a0250\u00a0000");
    assertThat(LocalFormats.of(Language.CHINESE).number(1_250_000)).isEqualTo("1,250,000");
  }

  @Test
  void percentagesHaveTheLanguagesSpaceAndSign() {
    assertThat(LocalFormats.of(Language.ENGLISH).percent(0.467, 1)).isEqualTo("46.7%");
    // French writes a no-break space before the sign (the issue found "46,7%").
    assertThat(LocalFormats.of(Language.FRENCH).percent(0.467, 1)).isEqualTo("46,7\u00a0%");
    assertThat(LocalFormats.of(Language.SPANISH).percent(0.467, 1)).isEqualTo("46,7\u00a0%");
    assertThat(LocalFormats.of(Language.ARABIC).percent(0.467, 1)).contains("46.7").contains("%");
  }

  @Test
  void quartersAndMonthsAreWords() {
    assertThat(LocalFormats.of(Language.ENGLISH).period("2025-Q4")).isEqualTo("Q4 2025");
    assertThat(LocalFormats.of(Language.FRENCH).period("2025-Q4")).isEqualTo("T4 2025");
    assertThat(LocalFormats.of(Language.SPANISH).period("2025-Q4")).isEqualTo("T4 2025");
    assertThat(LocalFormats.of(Language.CHINESE).period("2025-Q4")).isEqualTo("2025年第4季度");
    assertThat(LocalFormats.of(Language.RUSSIAN).period("2025-Q4"))
        .isEqualTo("4-й кв. 2025" + NNBSP + "г.");
    assertThat(LocalFormats.of(Language.ARABIC).period("2025-Q4")).isEqualTo("الربع الرابع 2025");
    assertThat(LocalFormats.of(Language.FRENCH).period("2025-03")).isEqualTo("mars 2025");
    assertThat(LocalFormats.of(Language.CHINESE).period("2025-03")).isEqualTo("2025年3月");
    assertThat(LocalFormats.of(Language.FRENCH).period("not a period")).isEqualTo("not a period");
  }
}
