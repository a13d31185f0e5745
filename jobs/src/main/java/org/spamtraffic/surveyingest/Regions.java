package org.spamtraffic.surveyingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spamtraffic.schema.Schemas;
import org.spamtraffic.survey.sheet.Sheet;
import org.spamtraffic.survey.sheet.Sheets;

/** ITU-D region of every country, from {@code schemas/reference/itu-d-regions.csv}. */
final class Regions {
  static final String FILE = "reference/itu-d-regions.csv";

  private Regions() {}

  /** alpha-3 code to ITU-D region. */
  static Map<String, String> reference() {
    byte[] bytes;
    try (InputStream in = Schemas.open(FILE)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read schemas/" + FILE, e);
    }
    Sheet s = Sheets.csv(FILE, bytes);
    int alpha3 = s.column("alpha3");
    int region = s.column("itu_region");
    if (alpha3 < 0 || region < 0) {
      throw new IllegalStateException("schemas/" + FILE + " needs columns alpha3 and itu_region");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Sheet.Row r : s.rows()) {
      out.put(r.cell(alpha3), r.cell(region));
    }
    return Map.copyOf(out);
  }
}
