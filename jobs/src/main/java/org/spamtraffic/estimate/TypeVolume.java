package org.spamtraffic.estimate;

import java.io.Serializable;

/**
 * What the model knows of one spam type in one country: the quarterly volume that sizes capacity
 * and the users the per-user layers serve.
 *
 * @param peakQuarterSpam national spam volume (messages or calls) of the peak quarter of the window
 *     that may size equipment; for {@link #EXTERNAL_RATE} 0, the volume being {@code users} times
 *     the published rate (a parameter, so that it varies with the scenario and the draw)
 * @param users users served (mailboxes or subscriptions) for the per-user layers; 0 when unknown
 * @param usersBasis where {@code users} comes from: {@code market_size}, a questionnaire market
 *     column, {@code service_size} (reporting operators only) or {@code unknown}
 * @param method how the volume was obtained: the aggregate's estimate method ({@code reported},
 *     {@code extrapolated}, {@code unknown_market}) or an imputation ({@link #REGIONAL_RATE},
 *     {@link #WORLD_RATE}, {@link #OWN_LOW_COVERAGE}, {@link #EXTERNAL_RATE})
 * @param imputed whether the volume is imputed rather than measured with adequate coverage in this
 *     country
 * @param peakQuarter the quarter whose volume is used, null for a rate times users
 * @param note what else a reader should know (quarters held back until confirmed), or null
 */
public record TypeVolume(
    double peakQuarterSpam,
    double users,
    String usersBasis,
    String method,
    boolean imputed,
    String peakQuarter,
    String note)
    implements Serializable {
  /** Spam per user measured with adequate coverage in the country's ITU-D region. */
  public static final String REGIONAL_RATE = "regional_rate";

  /** Spam per user measured with adequate coverage anywhere in the study. */
  public static final String WORLD_RATE = "world_rate";

  /** The country's own measurement, made at low coverage (reporting operators below 50%). */
  public static final String OWN_LOW_COVERAGE = "own_low_coverage";

  /** A published rate of spam per user (a parameter of the file, with its source). */
  public static final String EXTERNAL_RATE = "external_rate";

  /** A volume without a quarter or note (tests, what-if runs). */
  public TypeVolume(
      double peakQuarterSpam, double users, String usersBasis, String method, boolean imputed) {
    this(peakQuarterSpam, users, usersBasis, method, imputed, null, null);
  }

  /** Whether the volume is users times a published rate, not a figure of the study. */
  public boolean external() {
    return EXTERNAL_RATE.equals(method);
  }

  /** The quarterly volume that sizes capacity, with {@code v}'s parameter values. */
  public double volume(SpamType type, ParameterValues v) {
    return external() ? users * v.get(Parameter.externalRate(type)) : peakQuarterSpam;
  }
}
