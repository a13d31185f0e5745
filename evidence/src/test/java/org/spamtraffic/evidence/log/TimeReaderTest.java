package org.spamtraffic.evidence.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written parse of the common layout gives the JDK's instant for every text. */
class TimeReaderTest {
  private static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("UTC"),
          ZoneId.of("Africa/Nairobi"),
          ZoneId.of("Europe/London"),
          ZoneId.of("America/New_York"),
          ZoneId.of("Asia/Kathmandu"));

  private static final List<String> CASES =
      List.of(
          "2025-01-05T10:00:00Z",
          "2025-01-05 10:00:00Z",
          "2025-01-05T10:00:00z",
          "2025-01-05t10:00:00Z",
          "2025-01-05T10:00:00",
          "2025-01-05 10:00:00",
          "2025-01-05t10:00:00",
          "2025-01-05T10:00",
          "2025-01-05T10:00Z",
          "2025-01-05T13:00:00+03:00",
          "2025-01-05T13:00:00+0300",
          "2025-01-05T13:00:00+03",
          "2025-01-05T04:15:00-05:45",
          "2025-01-05T10:00:00-00:00",
          "2025-01-05T10:00:00+00:00",
          "2025-01-05T10:00:00+18:00",
          "2025-01-05T10:00:00-18:00",
          "2025-01-05T10:00:00+17:59",
          "2025-01-05T10:00:00+18:01",
          "2025-01-05T10:00:00+03:60",
          "2025-01-05T10:00:00+03:00:30",
          "2025-01-05T10:00:00.5Z",
          "2025-01-05T10:00:00.123456789Z",
          "2025-01-05T10:00:00.1234567890Z",
          "2025-01-05T10:00:00.Z",
          "2025-01-05T10:00:00.",
          "2025-01-05T10:00:00.250",
          "2025-01-05 10:00:00.000001+05:45",
          "2025-01-05T10:00:00,5Z",
          "2025-02-28T23:59:59Z",
          "2025-02-29T00:00:00Z",
          "2024-02-29T00:00:00Z",
          "1900-02-29T00:00:00Z",
          "2000-02-29T00:00:00Z",
          "2025-04-31T00:00:00Z",
          "2025-12-31T23:59:59Z",
          "2025-13-01T00:00:00Z",
          "2025-00-10T00:00:00Z",
          "2025-01-00T00:00:00Z",
          "2025-01-32T00:00:00Z",
          "2025-01-05T24:00:00Z",
          "2025-01-05T23:60:00Z",
          "2025-01-05T23:59:60Z",
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59Z",
          "+2025-01-05T10:00:00Z",
          "20250-01-05T10:00:00Z",
          "2025-1-05T10:00:00Z",
          "2025-01-05T1:00:00Z",
          "2025-01-05T10:00:00ZZ",
          "2025-01-05T10:00:00 Z",
          "2025-01-05  10:00:00",
          "2025-01-05T10:00:00+03:00Z",
          "2025-01-05T10:00:00[Europe/London]",
          "2025-01-05T１0:00:00Z",
          "2025-03-30 01:30:00",
          "2025-10-26 01:30:00",
          "2025-03-09 02:30:00",
          "2025-11-02 01:30:00",
          "2025-01-05",
          "10:00:00",
          "1736071200",
          "1736071200000",
          "yesterday",
          "not-a-time",
          "2025-01-05T10:00:00Zjunk",
          "2025-01-05T10:0a:00Z",
          "2025-01-05T10:00:0-Z",
          "-025-01-05T10:00:00Z");

  @Test
  void sameInstantAsTheJdkForEveryCase() {
    for (ZoneId zone : ZONES) {
      TimeReader reader = new TimeReader(null, zone);
      for (String t : CASES) {
        assertThat(reader.read(t)).as("%s in %s", t, zone).isEqualTo(reader.readByJdk(t));
      }
    }
  }

  @Test
  void sameInstantAsTheJdkForMutatedTimes() {
    Random random = new Random(19);
    String alphabet = "0123456789-:+.TZ tz,";
    for (ZoneId zone : ZONES) {
      TimeReader reader = new TimeReader(null, zone);
      for (int k = 0; k < 20_000; k++) {
        String base = CASES.get(random.nextInt(CASES.size()));
        StringBuilder b = new StringBuilder(base);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length() > 0; e++) {
          int at = random.nextInt(b.length());
          char c = alphabet.charAt(random.nextInt(alphabet.length()));
          switch (random.nextInt(3)) {
            case 0 -> b.setCharAt(at, c);
            case 1 -> b.insert(at, c);
            default -> b.deleteCharAt(at);
          }
        }
        String t = b.toString().trim();
        assertThat(reader.read(t)).as("%s in %s", t, zone).isEqualTo(reader.readByJdk(t));
      }
    }
  }

  @Test
  void sameInstantAsTheJdkForRandomValidTimes() {
    Random random = new Random(15);
    String[] offsets = {"Z", "+00:00", "-00:00", "+03:00", "-05:45", "+05:30", "+14:00", ""};
    for (ZoneId zone : ZONES) {
      TimeReader reader = new TimeReader(null, zone);
      for (int k = 0; k < 20_000; k++) {
        String fraction =
            switch (random.nextInt(4)) {
              case 0 -> "";
              case 1 -> "." + random.nextInt(10);
              case 2 -> String.format(java.util.Locale.ROOT, ".%03d", random.nextInt(1000));
              default -> String.format(java.util.Locale.ROOT, ".%09d", random.nextInt(1 << 30));
            };
        String t =
            String.format(
                java.util.Locale.ROOT,
                "%04d-%02d-%02d%s%02d:%02d:%02d%s%s",
                1970 + random.nextInt(80),
                1 + random.nextInt(12),
                1 + random.nextInt(31),
                random.nextBoolean() ? "T" : " ",
                random.nextInt(24),
                random.nextInt(60),
                random.nextInt(60),
                fraction,
                offsets[random.nextInt(offsets.length)]);
        assertThat(reader.read(t)).as("%s in %s", t, zone).isEqualTo(reader.readByJdk(t));
      }
    }
  }

  @Test
  void theCommonLayoutIsReadByHandWithOffsetsAndFractions() {
    ZoneId utc = ZoneId.of("UTC");
    List<String> byHand = new ArrayList<>();
    for (String t : CASES) {
      if (IsoTimes.instant(t, utc) != null) {
        byHand.add(t);
      }
    }
    assertThat(byHand)
        .contains(
            "2025-01-05T10:00:00Z",
            "2025-01-05 10:00:00",
            "2025-01-05T13:00:00+03:00",
            "2025-01-05T04:15:00-05:45",
            "2025-01-05T10:00:00.123456789Z")
        .doesNotContain(
            "2025-02-29T00:00:00Z", "2025-01-05T10:00:00+18:00", "2025-01-05T13:00:00+0300");
    assertThat(IsoTimes.instant("2025-01-05T04:15:00.25-05:45", utc))
        .isEqualTo(Instant.parse("2025-01-05T10:00:00.250Z"));
    assertThat(IsoTimes.instant("2025-01-05 13:00:00", ZoneId.of("Africa/Nairobi")))
        .isEqualTo(Instant.parse("2025-01-05T10:00:00Z"));
    assertThat(new TimeReader(null, utc).read("2025-02-29T00:00:00Z")).isEmpty();
  }
}
