package org.spamtraffic.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * ISO 3166-1 alpha-3 codes known to the project, from {@code schemas/reference/countries.csv} (see
 * {@code schemas/reference/SOURCE.md} for source and licence).
 */
public final class Countries {
  /** The reference file, relative to {@code schemas/}. */
  public static final String FILE = "reference/countries.csv";

  private static final java.util.Map<String, String> ALPHA2_TO_ALPHA3 = loadAlpha2();
  private static final Set<String> ALPHA3 =
      Collections.unmodifiableSet(new LinkedHashSet<>(ALPHA2_TO_ALPHA3.values()));

  private Countries() {}

  /** Every ISO 3166-1 alpha-3 code of the reference table, upper case. */
  public static Set<String> alpha3() {
    return ALPHA3;
  }

  /** The alpha-3 code of an alpha-2 code, if the reference knows it (for hints in messages). */
  public static java.util.Optional<String> alpha3Of(String alpha2) {
    return java.util.Optional.ofNullable(ALPHA2_TO_ALPHA3.get(alpha2));
  }

  private static java.util.Map<String, String> loadAlpha2() {
    java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(Schemas.open(FILE), StandardCharsets.UTF_8))) {
      String header = r.readLine();
      java.util.List<String> columns = java.util.Arrays.asList(header.split(",", -1));
      int column = columns.indexOf("alpha3");
      int alpha2 = columns.indexOf("alpha2");
      String line;
      while ((line = r.readLine()) != null) {
        // alpha2 and alpha3 come before any quoted name, so a plain split is safe for them.
        String[] cells = line.split(",", -1);
        if (cells.length > column && cells[column].length() == 3) {
          codes.put(cells[alpha2].isEmpty() ? cells[column] : cells[alpha2], cells[column]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read schemas/" + FILE, e);
    }
    return Collections.unmodifiableMap(codes);
  }
}
