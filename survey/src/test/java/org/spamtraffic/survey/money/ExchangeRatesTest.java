package org.spamtraffic.survey.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.spamtraffic.survey.form.Choice;
import org.spamtraffic.survey.form.Questionnaire;

class ExchangeRatesTest {
  private final ExchangeRates rates = ExchangeRates.reference();

  @Test
  void hasARateForEveryCurrencyTheQuestionnaireOffersAndNoOther() {
    var offered =
        Questionnaire.form().choiceLists().get("currency").choices().stream()
            .map(Choice::name)
            .collect(Collectors.toSet());
    assertThat(rates.currencies()).containsExactlyInAnyOrderElementsOf(offered);
  }

  @Test
  void convertsByDividingByUnitsPerDollarAndSaysWhereTheRateComesFrom() {
    ExchangeRates.Rate kes = rates.rate("kes").orElseThrow();
    assertThat(kes.unitsPerUsd()).isEqualTo(134.8);
    assertThat(kes.toUsd(1_348_000)).isCloseTo(10_000, within(1e-6));
    assertThat(kes.source()).startsWith("assumption");
    assertThat(rates.rate("USD").orElseThrow().toUsd(5)).isEqualTo(5);
    assertThat(rates.rate("XYZ")).isEmpty();
    assertThat(rates.rate(null)).isEmpty();
  }
}
