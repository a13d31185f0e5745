package org.spamtraffic.estimate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * The forecast of spam volumes over the planning horizon ({@code docs/investment-model.md}, section
 * 3): one yearly growth rate per spam type, from the trend of the quarters available and a prior.
 *
 * <p>The trend: a log-linear model of spam per user of the reporting operators, {@code ln(spam /
 * service_size) = a_country + b × quarter}, fitted by least squares over every country of the type
 * at once (a common slope, one level per country), so that a country's change of operators or
 * market does not pass for growth. Spam per user, not volume: a new operator reporting is not spam
 * growing. The fit gives the slope and its standard error ({@code commons-math3}). It is combined
 * with the prior {@code spam_growth_rate} (published trends, in the parameter file) by precision
 * weighting on the log scale, so that a few noisy quarters cannot swing the forecast, and many
 * quarters outweigh the prior. A type with too few points (fewer than two countries-quarters of
 * change, or fewer than 2 degrees of freedom) keeps the prior.
 *
 * <p>The result replaces each type's derived parameter {@code spam_growth_rate.<type>}: base is the
 * combined growth, low and high lie {@code √7} standard deviations either side on the log scale, so
 * that the PERT draws of the Monte Carlo have the forecast's standard deviation.
 */
public final class VolumeForecast implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Quarters in a year: the slope is per quarter, the growth rate per year. */
  static final int QUARTERS_PER_YEAR = 4;

  /** PERT(low, base, high) with base in the middle has standard deviation (high - low) / (2√7). */
  static final double PERT_HALF_WIDTH_IN_SD = Math.sqrt(7);

  private static final double Z90 = new NormalDistribution().inverseCumulativeProbability(0.95);

  /**
   * One measured quarter.
   *
   * @param countryCode the country
   * @param type the spam type
   * @param quarter the quarter as a number of quarters ({@link ProfileInputs#quarterIndex})
   * @param spamPerUser spam detected by the reporting operators per subscriber (or mailbox)
   */
  public record Point(String countryCode, SpamType type, int quarter, double spamPerUser)
      implements Serializable {}

  /**
   * The forecast of one spam type.
   *
   * @param type the spam type
   * @param points measured quarters used
   * @param countries countries they come from
   * @param fittedLogGrowth the trend's yearly growth on the log scale ({@code 4b}), null when not
   *     fitted
   * @param fittedSe its standard error, null when not fitted
   * @param priorLogGrowth the prior's yearly growth on the log scale, {@code ln(1 + base)}
   * @param priorSd the prior's standard deviation on the log scale (of its PERT distribution)
   * @param logGrowth the combined yearly growth on the log scale
   * @param sd its standard deviation
   */
  public record Trend(
      SpamType type,
      int points,
      int countries,
      Double fittedLogGrowth,
      Double fittedSe,
      double priorLogGrowth,
      double priorSd,
      double logGrowth,
      double sd)
      implements Serializable {

    /** Whether the measured trend entered the forecast. */
    public boolean fitted() {
      return fittedLogGrowth != null;
    }

    /** The combined yearly growth rate, {@code e^logGrowth - 1}. */
    public double growthRate() {
      return Math.exp(logGrowth) - 1;
    }

    /** The volume {@code years} ahead relative to today's, at the median. */
    public double factor(double years) {
      return Math.exp(logGrowth * years);
    }

    /** The 5th percentile of the volume {@code years} ahead relative to today's. */
    public double factorP5(double years) {
      return Math.exp((logGrowth - Z90 * sd) * years);
    }

    /** The 95th percentile of the volume {@code years} ahead relative to today's. */
    public double factorP95(double years) {
      return Math.exp((logGrowth + Z90 * sd) * years);
    }

    /** How the forecast was made, for the tables. */
    public String method() {
      return fitted() ? "trend and prior" : "prior only";
    }

    /** What a reader of the parameter's source should know. */
    String describe() {
      if (!fitted()) {
        return String.format(
            Locale.ROOT,
            "forecast: prior spam_growth_rate only (%d measured quarters of %s in %d countries:"
                + " too few for a trend)",
            points,
            type.key(),
            countries);
      }
      return String.format(
          Locale.ROOT,
          "forecast: log-linear trend of %s spam per user over %d quarters of %d countries (%+.1f%%"
              + " a year, standard error %.1f points) weighted with the prior spam_growth_rate"
              + " (%+.1f%%): %+.1f%% a year",
          type.key(),
          points,
          countries,
          100 * (Math.exp(fittedLogGrowth) - 1),
          100 * fittedSe,
          100 * (Math.exp(priorLogGrowth) - 1),
          100 * growthRate());
    }
  }

  private final Map<SpamType, Trend> trends;

  private VolumeForecast(Map<SpamType, Trend> trends) {
    this.trends = trends;
  }

  /** Fits every type's trend on {@code points} and combines it with {@code prior}'s growth. */
  public static VolumeForecast fit(List<Point> points, ParameterSet prior) {
    Range p = prior.range(Parameter.SPAM_GROWTH_RATE);
    double a = Math.log1p(p.low());
    double m = Math.log1p(p.base());
    double b = Math.log1p(p.high());
    double priorSd = pertSd(a, m, b);
    Map<SpamType, Trend> out = new EnumMap<>(SpamType.class);
    for (SpamType t : SpamType.values()) {
      List<Point> of = new ArrayList<>();
      for (Point x : points) {
        if (x.type() == t && x.spamPerUser() > 0) {
          of.add(x);
        }
      }
      out.put(t, trend(t, of, m, priorSd));
    }
    return new VolumeForecast(out);
  }

  /** The forecast of {@code type}. */
  public Trend trend(SpamType type) {
    return trends.get(type);
  }

  /** {@code parameters} with every type's derived growth rate set from this forecast. */
  public ParameterSet applyTo(ParameterSet parameters) {
    ParameterSet out = parameters;
    for (Trend t : trends.values()) {
      Parameter g = Parameter.spamGrowth(t.type());
      if (!t.fitted()) {
        Range prior = parameters.range(Parameter.SPAM_GROWTH_RATE);
        out =
            out.withDerived(
                g,
                prior,
                t.describe(),
                "Too few measured quarters for a trend: the prior's range, as cited for"
                    + " spam_growth_rate.");
        continue;
      }
      double half = PERT_HALF_WIDTH_IN_SD * t.sd();
      Range range =
          new Range(
              Math.expm1(t.logGrowth() - half),
              Math.expm1(t.logGrowth()),
              Math.expm1(t.logGrowth() + half));
      out =
          out.withDerived(
              g,
              range,
              t.describe(),
              "Base: the precision-weighted mean of the trend and the prior on the log scale; low"
                  + " and high: the mean less and plus √7 standard deviations, so that the PERT"
                  + " draws have the forecast's spread.");
    }
    return out;
  }

  private static Trend trend(SpamType type, List<Point> points, double prior, double priorSd) {
    // Countries with one quarter say nothing of the slope (their own level absorbs them).
    Map<String, List<Point>> byCountry = new TreeMap<>();
    for (Point x : points) {
      byCountry.computeIfAbsent(x.countryCode(), k -> new ArrayList<>()).add(x);
    }
    Map<String, List<Point>> used = new LinkedHashMap<>();
    for (Map.Entry<String, List<Point>> e : byCountry.entrySet()) {
      if (e.getValue().stream().mapToInt(Point::quarter).distinct().count() >= 2) {
        used.put(e.getKey(), e.getValue());
      }
    }
    int n = 0;
    for (List<Point> l : used.values()) {
      n += l.size();
    }
    int countries = used.size();
    int degreesOfFreedom = n - countries - 1;
    if (countries == 0 || degreesOfFreedom < 2 || !(priorSd > 0)) {
      return new Trend(type, n, countries, null, null, prior, priorSd, prior, priorSd);
    }
    double[] y = new double[n];
    double[][] x = new double[n][countries]; // column 0: quarter; 1..: country levels but the first
    double meanQuarter = 0;
    for (List<Point> l : used.values()) {
      for (Point p : l) {
        meanQuarter += p.quarter();
      }
    }
    meanQuarter /= n;
    int i = 0;
    int c = 0;
    for (List<Point> l : used.values()) {
      for (Point p : l) {
        y[i] = Math.log(p.spamPerUser());
        x[i][0] = p.quarter() - meanQuarter;
        if (c > 0) {
          x[i][c] = 1;
        }
        i++;
      }
      c++;
    }
    double slope;
    double slopeSe;
    try {
      OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
      ols.newSampleData(y, x);
      slope = ols.estimateRegressionParameters()[1];
      slopeSe = ols.estimateRegressionParametersStandardErrors()[1];
    } catch (SingularMatrixException e) {
      return new Trend(type, n, countries, null, null, prior, priorSd, prior, priorSd);
    }
    double fitted = QUARTERS_PER_YEAR * slope;
    double fittedSe = QUARTERS_PER_YEAR * slopeSe;
    if (!(fittedSe > 0) || Double.isNaN(fitted)) {
      // A perfect fit has no error to weigh it by: keep the prior rather than divide by zero.
      return new Trend(type, n, countries, null, null, prior, priorSd, prior, priorSd);
    }
    double wData = 1 / (fittedSe * fittedSe);
    double wPrior = 1 / (priorSd * priorSd);
    double combined = (wData * fitted + wPrior * prior) / (wData + wPrior);
    double sd = Math.sqrt(1 / (wData + wPrior));
    return new Trend(type, n, countries, fitted, fittedSe, prior, priorSd, combined, sd);
  }

  /** Standard deviation of PERT(a, m, b) (Beta with shape 4): {@code sqrt(αβ / 252) × (b - a)}. */
  static double pertSd(double a, double m, double b) {
    if (b == a) {
      return 0;
    }
    double alpha = 1 + 4 * (m - a) / (b - a);
    double beta = 1 + 4 * (b - m) / (b - a);
    return Math.sqrt(alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1)))
        * (b - a);
  }
}
