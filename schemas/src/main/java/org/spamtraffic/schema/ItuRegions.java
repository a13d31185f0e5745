package org.spamtraffic.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ITU-D region of every country code, from {@code schemas/reference/itu-d-regions.csv} (source
 * and rule in {@code schemas/reference/SOURCE.md}).
 */
public final class ItuRegions {
  /** The reference file, relative to {@code schemas/}. */
  public static final String FILE = "reference/itu-d-regions.csv";

  /** The six ITU-D regions, in ITU's usual order. */
  public static final List<String> REGIONS =
      List.of("Africa", "Americas", "Arab States", "Asia & Pacific", "CIS", "Europe");

  private static final Map<String, String> BY_ALPHA3 = load();

  private ItuRegions() {}

  /** Alpha-3 code → ITU-D region, in file order. */
  public static Map<String, String> byAlpha3() {
    return BY_ALPHA3;
  }

  /** The ITU-D region of {@code alpha3}; fails naming the code when it is not in the table. */
  public static String regionOf(String alpha3) {
    String region = BY_ALPHA3.get(alpha3);
    if (region == null) {
      throw new IllegalArgumentException("No ITU-D region for country code '" + alpha3 + "'");
    }
    return region;
  }

  private static Map<String, String> load() {
    Map<String, String> map = new LinkedHashMap<>();
    for (Map<String, String> row : ReferenceCsv.rows(FILE)) {
      String previous = map.put(row.get("alpha3"), row.get("itu_region"));
      if (previous != null) {
        throw new IllegalStateException(
            "schemas/" + FILE + " lists '" + row.get("alpha3") + "' twice");
      }
    }
    return Collections.unmodifiableMap(map);
  }
}
