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

  private static final Set<String> ALPHA3 = loadAlpha3();

  private Countries() {}

  /** Every ISO 3166-1 alpha-3 code of the reference table, upper case. */
  public static Set<String> alpha3() {
    return ALPHA3;
  }

  private static Set<String> loadAlpha3() {
    Set<String> codes = new LinkedHashSet<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(Schemas.open(FILE), StandardCharsets.UTF_8))) {
      String header = r.readLine();
      int column = java.util.Arrays.asList(header.split(",", -1)).indexOf("alpha3");
      String line;
      while ((line = r.readLine()) != null) {
        // alpha2 and alpha3 come before any quoted name, so a plain split is safe for them.
        String[] cells = line.split(",", -1);
        if (cells.length > column && cells[column].length() == 3) {
          codes.add(cells[column]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read schemas/" + FILE, e);
    }
    return Collections.unmodifiableSet(codes);
  }
}
