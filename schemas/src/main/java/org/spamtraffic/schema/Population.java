package org.spamtraffic.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Total population per country code, from {@code schemas/reference/population.csv}: the World
 * Bank's indicator SP.POP.TOTL (World Population Prospects and national sources), latest year
 * available; source, licence and gaps in {@code schemas/reference/population.SOURCE.md}. A code
 * without a figure in the source (e.g. the Holy See, small territories) is absent.
 */
public final class Population {
  /** The reference file, relative to {@code schemas/}. */
  public static final String FILE = "reference/population.csv";

  /** What the investment estimate and the tables say a population figure comes from. */
  public static final String SOURCE = "World Bank SP.POP.TOTL";

  private static final Map<String, Long> BY_ALPHA3 = load();
  private static final Map<String, Integer> YEAR_BY_ALPHA3 = loadYears();

  private Population() {}

  /** Alpha-3 code → inhabitants, in file order; codes without a figure are absent. */
  public static Map<String, Long> byAlpha3() {
    return BY_ALPHA3;
  }

  /** Alpha-3 code → the year of its figure. */
  public static Map<String, Integer> yearByAlpha3() {
    return YEAR_BY_ALPHA3;
  }

  private static Map<String, Long> load() {
    Map<String, Long> map = new LinkedHashMap<>();
    for (Map<String, String> row : ReferenceCsv.rows(FILE)) {
      map.put(row.get("alpha3"), Long.parseLong(row.get("population")));
    }
    return Collections.unmodifiableMap(map);
  }

  private static Map<String, Integer> loadYears() {
    Map<String, Integer> map = new LinkedHashMap<>();
    for (Map<String, String> row : ReferenceCsv.rows(FILE)) {
      map.put(row.get("alpha3"), Integer.parseInt(row.get("year")));
    }
    return Collections.unmodifiableMap(map);
  }
}
