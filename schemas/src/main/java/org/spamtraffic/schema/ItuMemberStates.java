package org.spamtraffic.schema;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The 194 ITU Member States (the 193 United Nations Member States and the Holy See), by alpha-3
 * code, from {@code schemas/reference/itu-member-states.csv} (source in {@code
 * schemas/reference/SOURCE.md}): the set a world figure of the investment estimate extrapolates to.
 */
public final class ItuMemberStates {
  /** The reference file, relative to {@code schemas/}. */
  public static final String FILE = "reference/itu-member-states.csv";

  private static final Set<String> ALPHA3 = load();

  private ItuMemberStates() {}

  /** The Member States' alpha-3 codes, in file order. */
  public static Set<String> alpha3() {
    return ALPHA3;
  }

  private static Set<String> load() {
    Set<String> codes = new LinkedHashSet<>();
    for (Map<String, String> row : ReferenceCsv.rows(FILE)) {
      codes.add(row.get("alpha3"));
    }
    return Collections.unmodifiableSet(codes);
  }
}
