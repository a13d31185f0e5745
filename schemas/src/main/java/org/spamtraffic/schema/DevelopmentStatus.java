package org.spamtraffic.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Developed or developing, per country code, from {@code schemas/reference/development-status.csv}:
 * the UNSD historical M49 convention (Europe, Northern America, Australia and New Zealand, Japan
 * are developed), explained in {@code schemas/reference/SOURCE.md}.
 */
public final class DevelopmentStatus {
  /** The reference file, relative to {@code schemas/}. */
  public static final String FILE = "reference/development-status.csv";

  public static final String DEVELOPED = "developed";
  public static final String DEVELOPING = "developing";

  private static final Map<String, String> BY_ALPHA3 = load();

  private DevelopmentStatus() {}

  /** Alpha-3 code → {@code developed} or {@code developing}, in file order. */
  public static Map<String, String> byAlpha3() {
    return BY_ALPHA3;
  }

  private static Map<String, String> load() {
    Map<String, String> map = new LinkedHashMap<>();
    for (Map<String, String> row : ReferenceCsv.rows(FILE)) {
      map.put(row.get("alpha3"), row.get("development_status"));
    }
    return Collections.unmodifiableMap(map);
  }
}
