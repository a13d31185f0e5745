package org.spamtraffic.estimate;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything the investment model uses about one country, taken from {@code country_profile} over
 * the estimate's window of quarters.
 *
 * @param countryCode ISO 3166-1 alpha-3
 * @param countryName English name
 * @param quarter the as-of quarter (last quarter of the window)
 * @param ituRegion ITU-D region
 * @param m49Region UN M49 region, may be null
 * @param ldc least developed country
 * @param lldc landlocked developing country
 * @param sids small island developing state
 * @param developing whether {@code development_status} is {@code developing}
 * @param reportingOperators fewest operators with returns in any quarter of the window that had
 *     returns (0 when none): decides whether the country's rows may be published
 * @param volumes the spam types with a volume (measured or imputed); types absent get no technical
 *     component
 * @param readiness the questionnaire's answers; null when unknown
 * @param population inhabitants used to scale institutional costs; 0 when unknown
 * @param populationBasis where the population comes from (the population reference), or that it is
 *     unknown
 * @param currentAnnualUsd the questionnaire's current yearly anti-spam investment, null if unknown
 * @param plannedAnnualUsd the questionnaire's planned yearly investment, null if unknown
 */
public record CountryInputs(
    String countryCode,
    String countryName,
    String quarter,
    String ituRegion,
    String m49Region,
    boolean ldc,
    boolean lldc,
    boolean sids,
    boolean developing,
    int reportingOperators,
    Map<SpamType, TypeVolume> volumes,
    Map<Readiness, Boolean> readiness,
    double population,
    String populationBasis,
    Double currentAnnualUsd,
    Double plannedAnnualUsd)
    implements Serializable {

  /** Copies the maps (EnumMaps: serializable, and they allow null answers). */
  public CountryInputs {
    volumes = volumes.isEmpty() ? new EnumMap<>(SpamType.class) : new EnumMap<>(volumes);
    readiness = readiness.isEmpty() ? new EnumMap<>(Readiness.class) : new EnumMap<>(readiness);
  }

  /** Whether any spam type's volume is imputed. */
  public boolean anyImputed() {
    return volumes.values().stream().anyMatch(TypeVolume::imputed);
  }

  /** Whether any readiness answer is unknown. */
  public boolean readinessUnknown() {
    for (Readiness r : Readiness.values()) {
      if (readiness.get(r) == null) {
        return true;
      }
    }
    return false;
  }

  /** A copy with {@code type}'s volume replaced (for tests and what-if runs). */
  public CountryInputs withVolume(SpamType type, TypeVolume volume) {
    Map<SpamType, TypeVolume> v = new EnumMap<>(SpamType.class);
    v.putAll(volumes);
    v.put(type, volume);
    return new CountryInputs(
        countryCode,
        countryName,
        quarter,
        ituRegion,
        m49Region,
        ldc,
        lldc,
        sids,
        developing,
        reportingOperators,
        v,
        readiness,
        population,
        populationBasis,
        currentAnnualUsd,
        plannedAnnualUsd);
  }
}
