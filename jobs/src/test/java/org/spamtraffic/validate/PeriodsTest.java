package org.spamtraffic.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeriodsTest {
  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource(
      nullValues = "null",
      value = {
        "2025-Q1, 2025-Q1",
        "2025q3, 2025-Q3",
        "2025 Q4, 2025-Q4",
        "Q2 2025, 2025-Q2",
        "T2 2025, 2025-Q2",
        "2025-T1, 2025-Q1",
        "2025-03, 2025-03",
        "2025-3, 2025-03",
        "202511, 2025-11",
        "2025-03-31, 2025-03",
        "2025-03-01 00:00:00, 2025-03",
        "03/2025, 2025-03",
        "45717, 2025-03",
        "2025-Q5, null",
        "2025-13, null",
        "Q1, null",
        "1999-Q1, null",
        "march, null"
      })
  void acceptsTheSpellingsOperatorsUse(String raw, String canonical) {
    assertThat(Periods.canonical(raw)).isEqualTo(canonical);
  }

  @Test
  void parsesQuartersAndMonths() {
    assertThat(Periods.parse("2025-Q3"))
        .isEqualTo(new Periods.Period("2025-Q3", LocalDate.of(2025, 7, 1), 3, "2025-Q3"));
    assertThat(Periods.parse("2025-11"))
        .isEqualTo(new Periods.Period("2025-11", LocalDate.of(2025, 11, 1), 1, "2025-Q4"));
  }
}
