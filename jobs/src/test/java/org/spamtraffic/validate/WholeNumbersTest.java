package org.spamtraffic.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WholeNumbersTest {
  @ParameterizedTest(name = "''{0}'' reads as {1} / {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "1250000|1250000|null",
        "0|0|null",
        "+5|5|null",
        "1,250,000|1250000|null",
        "1.250.000|1250000|null",
        "1 250 000|1250000|null",
        "1\u00A0250\u00A0000|1250000|null",
        "1'250'000|1250000|null",
        "1,234.00|1234|null",
        "1.234,00|1234|null",
        "1234.0|1234|null",
        "1234,00|1234|null",
        "12.0|12|null",
        "1.500|null|ambiguous_number",
        "1,500|null|ambiguous_number",
        "1.5|null|whole_number",
        "-120|null|negative",
        "-1,250|null|negative",
        "12a|null|whole_number",
        "1,25,000|null|whole_number",
        "1.2E6|null|whole_number",
        "99999999999999999999|null|whole_number"
      })
  void readsCountsAsOperatorsWriteThem(String raw, Long value, String rule) {
    WholeNumbers.Outcome o = WholeNumbers.read(raw);
    assertThat(o.value()).isEqualTo(value);
    assertThat(o.rule()).isEqualTo(rule);
  }
}
