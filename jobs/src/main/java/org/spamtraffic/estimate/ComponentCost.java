package org.spamtraffic.estimate;

import java.io.Serializable;

/**
 * The cost of one component of a country's investment need in one evaluation of the model.
 *
 * @param component e.g. {@code email.equipment} or {@code enforcement_authority}
 * @param group {@code technical} or {@code institutional}
 * @param spamType the spam type of a technical component, else null
 * @param layer the ITU-T X.1231 layer of a technical component ({@code equipment}, {@code network},
 *     {@code service}, {@code filtering}, {@code feedback}), else null
 * @param capexUsd one-off cost at the start (year 0)
 * @param opexAnnualUsd cost in each year 1 to the horizon
 * @param presentValueUsd {@code capex + opex × annuity factor}
 * @param driver the quantity the cost scales with
 * @param driverValue its value
 * @param driverUnit its unit
 * @param method how the driver was obtained (measured, imputed, questionnaire answer)
 * @param imputed whether the driver is imputed rather than measured
 * @param spamPeakQuarter technical components: the quarterly spam volume that sized the system (in
 *     this evaluation: an external rate varies with the parameters); null for institutional ones
 * @param users technical components: the users served; null for institutional ones
 */
public record ComponentCost(
    String component,
    String group,
    String spamType,
    String layer,
    double capexUsd,
    double opexAnnualUsd,
    double presentValueUsd,
    String driver,
    double driverValue,
    String driverUnit,
    String method,
    boolean imputed,
    Double spamPeakQuarter,
    Double users)
    implements Serializable {}
