package org.spamtraffic.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The volume forecast: the trend it fits, how it weighs the prior, and what it sets. */
class VolumeForecastTest {
  private static final ParameterSet DEFAULTS = ParameterFile.defaults();

  /** Three countries, six quarters, spam per user growing 3% a quarter with a known wobble. */
  private static List<VolumeForecast.Point> growing(SpamType type, double perQuarter) {
    double[] wobble = {0.02, -0.01, 0.015, -0.02, 0.005, -0.01};
    List<VolumeForecast.Point> out = new ArrayList<>();
    String[] countries = {"AAA", "BBB", "CCC"};
    double[] level = {5, 20, 80};
    for (int c = 0; c < countries.length; c++) {
      for (int q = 0; q < 6; q++) {
        double rate = level[c] * Math.pow(1 + perQuarter, q) * Math.exp(wobble[(q + c) % 6]);
        out.add(new VolumeForecast.Point(countries[c], type, 8100 + q, rate));
      }
    }
    return out;
  }

  @Test
  void theTrendIsTheCommonSlopeOfSpamPerUserWhateverEachCountrysLevel() {
    VolumeForecast f = VolumeForecast.fit(growing(SpamType.SMS, 0.03), DEFAULTS);
    VolumeForecast.Trend t = f.trend(SpamType.SMS);
    assertThat(t.fitted()).isTrue();
    assertThat(t.points()).isEqualTo(18);
    assertThat(t.countries()).isEqualTo(3);
    // The slope is near 4 ln(1.03) = 0.118 a year: the levels 5, 20 and 80 do not pass for growth.
    assertThat(t.fittedLogGrowth()).isCloseTo(4 * Math.log(1.03), within(0.03));
    assertThat(t.fittedSe()).isPositive().isLessThan(0.05);
    // The combined growth lies between the prior (ln 1.05) and the trend, nearer the sharper one.
    double prior = Math.log(1.05);
    assertThat(t.logGrowth()).isBetween(prior, t.fittedLogGrowth());
    assertThat(t.logGrowth() - prior).isGreaterThan(t.fittedLogGrowth() - t.logGrowth());
    assertThat(t.sd()).isLessThan(Math.min(t.fittedSe(), t.priorSd()));
  }

  @Test
  void theCombinationIsThePrecisionWeightedMeanWorkedByHand() {
    VolumeForecast.Trend t =
        VolumeForecast.fit(growing(SpamType.SMS, 0.03), DEFAULTS).trend(SpamType.SMS);
    double wData = 1 / (t.fittedSe() * t.fittedSe());
    double wPrior = 1 / (t.priorSd() * t.priorSd());
    assertThat(t.logGrowth())
        .isCloseTo(
            (wData * t.fittedLogGrowth() + wPrior * t.priorLogGrowth()) / (wData + wPrior),
            within(1e-12));
    // The prior's spread is its PERT standard deviation on the log scale: (-25%, +5%, +55%).
    double a = Math.log(0.75);
    double m = Math.log(1.05);
    double b = Math.log(1.55);
    double alpha = 1 + 4 * (m - a) / (b - a);
    double beta = 1 + 4 * (b - m) / (b - a);
    assertThat(t.priorSd()).isCloseTo(Math.sqrt(alpha * beta / (36 * 7)) * (b - a), within(1e-12));
  }

  @Test
  void aTypeWithTooFewQuartersKeepsThePriorAndSaysSo() {
    List<VolumeForecast.Point> few =
        List.of(
            new VolumeForecast.Point("AAA", SpamType.VOICE, 8100, 10),
            new VolumeForecast.Point("AAA", SpamType.VOICE, 8101, 12),
            new VolumeForecast.Point("AAA", SpamType.VOICE, 8102, 11),
            new VolumeForecast.Point("BBB", SpamType.VOICE, 8102, 99)); // one quarter: no slope
    VolumeForecast f = VolumeForecast.fit(few, DEFAULTS);
    VolumeForecast.Trend t = f.trend(SpamType.VOICE);
    assertThat(t.fitted()).isFalse();
    assertThat(t.countries()).isEqualTo(1);
    assertThat(t.method()).isEqualTo("prior only");
    ParameterSet applied = f.applyTo(DEFAULTS);
    assertThat(applied.range(Parameter.SPAM_GROWTH_RATE_VOICE))
        .isEqualTo(DEFAULTS.range(Parameter.SPAM_GROWTH_RATE));
    assertThat(applied.sources().get(Parameter.SPAM_GROWTH_RATE_VOICE)).contains("prior");
  }

  @Test
  void theDerivedRangeGivesThePertDrawsTheForecastsSpread() {
    VolumeForecast f = VolumeForecast.fit(growing(SpamType.EMAIL, 0.02), DEFAULTS);
    VolumeForecast.Trend t = f.trend(SpamType.EMAIL);
    Range r = f.applyTo(DEFAULTS).range(Parameter.SPAM_GROWTH_RATE_EMAIL);
    assertThat(r.base()).isCloseTo(t.growthRate(), within(1e-12));
    assertThat(Math.log1p(r.high()) - Math.log1p(r.base()))
        .isCloseTo(Math.sqrt(7) * t.sd(), within(1e-12));
    // A symmetric PERT on (m - √7 sd, m, m + √7 sd) has standard deviation sd.
    assertThat(
            VolumeForecast.pertSd(Math.log1p(r.low()), Math.log1p(r.base()), Math.log1p(r.high())))
        .isCloseTo(t.sd(), within(1e-9));
    assertThat(t.factorP5(5)).isLessThan(t.factor(5)).isPositive();
    assertThat(t.factorP95(5)).isGreaterThan(t.factor(5));
    assertThat(t.factor(0)).isEqualTo(1);
  }

  @Test
  void capacityIsSizedForTheBusiestYearSoAFallingTrendKeepsTodaysPeak() {
    assertThat(InvestmentModel.horizonFactor(0.1, 5)).isCloseTo(Math.pow(1.1, 5), within(1e-12));
    assertThat(InvestmentModel.horizonFactor(-0.2, 5)).isEqualTo(1);
  }
}
