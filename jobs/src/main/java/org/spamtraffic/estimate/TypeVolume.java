package org.spamtraffic.estimate;

import java.io.Serializable;

/**
 * What the model knows of one spam type in one country.
 *
 * @param peakQuarterSpam national spam volume (messages or calls) of the peak quarter of the window
 * @param users users served (mailboxes or subscriptions) for the per-user layers; 0 when unknown
 * @param usersBasis where {@code users} comes from: {@code market_size}, a questionnaire market
 *     column, {@code service_size} (reporting operators only) or {@code unknown}
 * @param method how the volume was obtained: the aggregate's estimate method ({@code reported},
 *     {@code extrapolated}, {@code unknown_market}) or an imputation ({@code regional_rate}, {@code
 *     world_rate})
 * @param imputed whether the volume is imputed rather than measured in this country
 */
public record TypeVolume(
    double peakQuarterSpam, double users, String usersBasis, String method, boolean imputed)
    implements Serializable {}
