package org.spamtraffic.evidence.synthetic;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded SMS firewall logs, 7726 report files and CDRs for a Kenyan operator, with their known
 * answers: what each record is (its true origin country, entry route, category, verdict) is decided
 * here, before any line is written, and counted into {@link Expected}; the derivation must find the
 * same. Numbers come from libphonenumber's example numbers with random last digits.
 */
public final class SyntheticLogs {
  /** The operator's country (alpha-3) and its numbers' region. */
  public static final String COUNTRY = "KEN";

  /** Every record's period, and one outside it for the records meant to be out of period. */
  public static final String PERIOD = "2025-Q1";

  private static final List<String> FOREIGN = List.of("IN", "NG", "GB", "US", "CN", "FR", "BR");
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

  /**
   * The known answer of one generated file: counts by (category, source country, entry route), the
   * clean records, and the unusable records by reason. Source networks are not part of it: number
   * ranges are checked on hand-worked numbers in the tests.
   */
  public static final class Expected {
    /** Spam detected by "category|country|route". */
    public final Map<String, Long> detected = new TreeMap<>();

    /** Spam blocked by "category|country|route". */
    public final Map<String, Long> blocked = new TreeMap<>();

    /** Unusable records by reason. */
    public final Map<String, Long> unusable = new TreeMap<>();

    /** Clean records (in the period). */
    public long clean;

    /** Every record written. */
    public long records;

    /** Every number and text written in columns that must never reach the outputs. */
    public final List<String> secrets = new ArrayList<>();

    void spam(String category, String country, String route, boolean isBlocked) {
      String k = category + "|" + country + "|" + route;
      detected.merge(k, 1L, Long::sum);
      if (isBlocked) {
        blocked.merge(k, 1L, Long::sum);
      }
    }

    void unusable(String reason) {
      unusable.merge(reason, 1L, Long::sum);
    }
  }

  private final Random random;
  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

  /** A generator seeded with {@code seed}. */
  public SyntheticLogs(long seed) {
    this.random = new Random(seed);
  }

  /** A valid mobile number of {@code region} in E.164, its last four digits random. */
  public String mobile(String region) {
    PhoneNumber example =
        util.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.MOBILE);
    String e164 = util.format(example, PhoneNumberUtil.PhoneNumberFormat.E164);
    for (int attempt = 0; attempt < 20; attempt++) {
      String candidate =
          e164.substring(0, e164.length() - 4)
              + String.format(Locale.ROOT, "%04d", random.nextInt(10_000));
      try {
        if (util.isValidNumber(util.parse(candidate, region))) {
          return candidate;
        }
      } catch (com.google.i18n.phonenumbers.NumberParseException e) {
        // try other digits
      }
    }
    return e164;
  }

  private Instant inPeriod() {
    long start = LocalDate.of(2025, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    long end = LocalDate.of(2025, 4, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    return Instant.ofEpochSecond(start + (long) (random.nextDouble() * (end - start)));
  }

  private Instant beforePeriod() {
    return LocalDate.of(2024, 12, 1 + random.nextInt(28))
        .atStartOfDay()
        .toInstant(ZoneOffset.UTC)
        .plusSeconds(random.nextInt(86_400));
  }

  /** Message texts, each written to make one content rule fire, with its category. */
  private static final String[][] TEXTS = {
    {
      "Your account has been suspended. Verify your account at http://safaricom-verify.example/login now",
      "phishing"
    },
    {
      "Congratulations! You have won KSh 500,000 in the promotion draw. Claim your prize: send the processing fee by M-PESA",
      "fraud_scam"
    },
    {"MEGA SALE 50% off all phones this week only. Order now! To opt out reply STOP", "commercial"},
    {"hi are we still meeting later", "unknown"},
  };

  /**
   * Writes an SMS firewall log of {@code n} records (documented columns) to {@code file}. About 2%
   * of the records are faulty on purpose: unreadable times, unknown verdicts, a stray field, a
   * period outside {@link #PERIOD}.
   */
  public Expected smsLog(Path file, int n) throws IOException {
    Expected x = new Expected();
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("time,sender,recipient,verdict,interconnect,mcc_mnc,text\n");
      for (int i = 0; i < n; i++) {
        x.records++;
        String recipient = mobile("KE");
        x.secrets.add(recipient);
        int fault = random.nextInt(100);
        if (fault == 0) {
          w.write("not-a-time," + mobile("KE") + "," + recipient + ",blocked,domestic,,\n");
          x.unusable("log.bad_time");
          continue;
        }
        if (fault == 1) {
          w.write(
              ISO.format(inPeriod())
                  + ","
                  + mobile("KE")
                  + ","
                  + recipient
                  + ",maybe,domestic,,\n");
          x.unusable("log.unknown_verdict");
          continue;
        }
        if (fault == 2 && i % 2 == 0) {
          w.write(
              ISO.format(inPeriod())
                  + ","
                  + mobile("KE")
                  + ","
                  + recipient
                  + ",spam,domestic,,,extra\n");
          x.unusable("log.malformed_row");
          continue;
        }
        Instant t = fault == 3 ? beforePeriod() : inPeriod();
        int kind = random.nextInt(10);
        String sender;
        String country;
        String route;
        String interconnect;
        String mccMnc = "";
        if (kind < 4) {
          sender = mobile("KE");
          country = COUNTRY;
          interconnect = random.nextBoolean() ? "on-net" : "domestic";
          route = interconnect.equals("on-net") ? "on_net" : "domestic_interconnect";
        } else if (kind < 6) {
          String region = FOREIGN.get(random.nextInt(FOREIGN.size()));
          sender = mobile(region);
          country = org.spamtraffic.evidence.CountryCodes.alpha3(region).orElseThrow();
          interconnect = "international";
          route = "international_gateway";
        } else if (kind < 7) {
          // An international number arriving over a domestic interconnect: a grey route.
          String region = FOREIGN.get(random.nextInt(FOREIGN.size()));
          sender = mobile(region);
          country = org.spamtraffic.evidence.CountryCodes.alpha3(region).orElseThrow();
          interconnect = "domestic";
          route = "grey_route";
        } else if (kind < 9) {
          sender = random.nextBoolean() ? "BANK-INFO" : "PROMOS";
          country = "unknown";
          interconnect = random.nextBoolean() ? "a2p" : "";
          route = "a2p_aggregator";
          mccMnc = random.nextBoolean() ? "639-02" : "";
        } else {
          sender = Integer.toString(20_000 + random.nextInt(9_000));
          country = COUNTRY; // a short code is national
          interconnect = "a2p";
          route = "a2p_aggregator";
        }
        x.secrets.add(sender.startsWith("+") ? sender : "");
        int v = random.nextInt(10);
        String verdict = v < 4 ? "blocked" : v < 7 ? "spam" : "clean";
        String[] text = TEXTS[random.nextInt(TEXTS.length)];
        w.write(
            ISO.format(t)
                + ","
                + sender
                + ","
                + recipient
                + ","
                + verdict
                + ","
                + interconnect
                + ","
                + mccMnc
                + ","
                + csv(text[0])
                + "\n");
        if (fault == 3) {
          x.unusable("outside_period");
        } else if (verdict.equals("clean")) {
          x.clean++;
        } else {
          x.spam(text[1], country, route, verdict.equals("blocked"));
        }
      }
    }
    x.secrets.removeIf(String::isEmpty);
    return x;
  }

  /**
   * Writes a CDR file of calls to {@code file} in an operator layout (semicolon-separated, {@code
   * dd/MM/yyyy HH:mm:ss} in Nairobi time, trunk names of its own) that {@link #voiceLayout(Path)}
   * maps, with a robocaller population: callers that make {@code robocallers * callsEach} short
   * calls a day. No verdict column: spam is what the call-rate rule ({@code callsPerDay}, calls of
   * at most 10 s) finds.
   */
  public Expected cdrs(Path file, int ordinary, int robocallers, int callsEach, int callsPerDay)
      throws IOException {
    Expected x = new Expected();
    DateTimeFormatter local = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss", Locale.ROOT);
    java.time.ZoneId nairobi = java.time.ZoneId.of("Africa/Nairobi");
    List<String[]> lines = new ArrayList<>();
    Map<String, Integer> callsOfDay = new HashMap<>();
    for (int i = 0; i < ordinary; i++) {
      String caller = mobile("KE");
      Instant t = inPeriod();
      int duration = random.nextInt(600);
      String trunk = random.nextBoolean() ? "ONNET" : "NAT-IC-2";
      lines.add(
          new String[] {
            caller,
            mobile("KE"),
            local.format(t.atZone(nairobi)),
            Integer.toString(duration),
            trunk,
            "A",
            "TN-Validation-Passed",
            COUNTRY,
            trunk.equals("ONNET") ? "on_net" : "domestic_interconnect"
          });
    }
    for (int r = 0; r < robocallers; r++) {
      boolean foreign = r % 3 == 0;
      String region = foreign ? FOREIGN.get(r % FOREIGN.size()) : "KE";
      String caller = mobile(region);
      boolean spoofed = r % 5 == 1;
      LocalDate day = LocalDate.of(2025, 1 + r % 3, 1 + r % 27);
      String trunk = foreign ? (r % 2 == 0 ? "IGW-1" : "NAT-IC-2") : "NAT-IC-2";
      String country =
          spoofed ? "unknown" : org.spamtraffic.evidence.CountryCodes.alpha3(region).orElseThrow();
      String route =
          trunk.equals("IGW-1")
              ? "international_gateway"
              : (foreign ? "grey_route" : "domestic_interconnect");
      for (int c = 0; c < callsEach; c++) {
        Instant t = day.atStartOfDay(nairobi).plusSeconds(3600 * 8 + c * 37L).toInstant();
        int duration = c % 4 == 3 ? 45 : random.nextInt(8);
        lines.add(
            new String[] {
              caller,
              mobile("KE"),
              local.format(t.atZone(nairobi)),
              Integer.toString(duration),
              trunk,
              spoofed ? "C" : "B",
              spoofed ? "TN-Validation-Failed" : "TN-Validation-Passed",
              country,
              route
            });
      }
    }
    java.util.Collections.shuffle(lines, random);
    for (String[] l : lines) {
      String k = l[0] + "|" + java.time.LocalDateTime.parse(l[2], local).toLocalDate();
      callsOfDay.merge(k, 1, Integer::sum);
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("A_NUMBER;B_NUMBER;START;DUR;TRUNK_GROUP;ATTEST;VERSTAT\n");
      for (String[] l : lines) {
        x.records++;
        x.secrets.add(l[0]);
        x.secrets.add(l[1]);
        w.write(String.join(";", l[0], l[1], l[2], l[3], l[4], l[5], l[6]) + "\n");
        String k = l[0] + "|" + java.time.LocalDateTime.parse(l[2], local).toLocalDate();
        boolean spam = Integer.parseInt(l[3]) <= 10 && callsOfDay.get(k) >= callsPerDay;
        if (spam) {
          x.spam("unknown", l[7], l[8], false);
        } else {
          x.clean++;
        }
      }
      // Faulty records on purpose.
      w.write(
          mobile("KE")
              + ";"
              + mobile("KE")
              + ";31/02/2025 10:00:00;12;ONNET;A;TN-Validation-Passed\n");
      x.unusable("log.bad_time");
      w.write(
          mobile("KE")
              + ";"
              + mobile("KE")
              + ";02/02/2025 10:00:00;twelve;ONNET;A;TN-Validation-Passed\n");
      x.unusable("log.bad_duration");
      x.records += 2;
    }
    return x;
  }

  /**
   * Writes {@code n} 7726 reports (documented columns: reporter, sender, time, text) to {@code
   * file}: each one a delivered spam a subscriber forwarded.
   */
  public Expected reports(Path file, int n) throws IOException {
    Expected x = new Expected();
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("reporter,sender,time,text\n");
      for (int i = 0; i < n; i++) {
        x.records++;
        String reporter = mobile("KE");
        boolean foreign = random.nextInt(3) == 0;
        String region = foreign ? FOREIGN.get(random.nextInt(FOREIGN.size())) : "KE";
        String sender = mobile(region);
        String[] text = TEXTS[random.nextInt(TEXTS.length)];
        String marked =
            text[0] + " ref " + Long.toString(1_000_000L + random.nextInt(9_000_000), 36);
        x.secrets.add(reporter);
        x.secrets.add(sender);
        x.secrets.add(marked);
        w.write(reporter + "," + sender + "," + ISO.format(inPeriod()) + "," + csv(marked) + "\n");
        x.spam(
            text[1],
            org.spamtraffic.evidence.CountryCodes.alpha3(region).orElseThrow(),
            "unknown",
            false);
      }
    }
    return x;
  }

  /**
   * Writes {@code n} CDRs in the documented layout (caller, callee, time, duration, interconnect,
   * attestation, verification), streaming, for benchmarks: one call in 50 is a short call by one of
   * 20 robocallers. No known answer is kept.
   */
  public void bulkCdrs(Path file, long n) throws IOException {
    String[] robocallers = new String[20];
    for (int i = 0; i < robocallers.length; i++) {
      robocallers[i] = mobile(FOREIGN.get(i % FOREIGN.size()));
    }
    String[] callers = new String[20_000];
    for (int i = 0; i < callers.length; i++) {
      callers[i] = mobile("KE");
    }
    String[] trunks = {"on-net", "domestic", "international"};
    long start = LocalDate.of(2025, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    try (BufferedWriter w =
        Files.newBufferedWriter(
            file,
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
      w.write("caller,callee,time,duration,interconnect,attestation,verification\n");
      StringBuilder b = new StringBuilder(128);
      for (long i = 0; i < n; i++) {
        boolean robo = random.nextInt(50) == 0;
        String caller =
            robo
                ? robocallers[random.nextInt(robocallers.length)]
                : callers[random.nextInt(callers.length)];
        b.setLength(0);
        b.append(caller)
            .append(',')
            .append(callers[random.nextInt(callers.length)])
            .append(',')
            .append(ISO.format(Instant.ofEpochSecond(start + (i * 7_776_000L) / n)))
            .append(',')
            .append(robo ? random.nextInt(6) : random.nextInt(900))
            .append(',')
            .append(robo ? "international" : trunks[random.nextInt(2)])
            .append(',')
            .append(robo ? "C" : "A")
            .append(',')
            .append(robo ? "TN-Validation-Failed" : "TN-Validation-Passed")
            .append('\n');
        w.write(b.toString());
      }
    }
  }

  /** The layout file of the CDRs {@link #cdrs} writes. */
  public static Path voiceLayout(Path file) throws IOException {
    Files.writeString(
        file,
        """
        {"delimiter": ";", "time_format": "dd/MM/yyyy HH:mm:ss", "time_zone": "Africa/Nairobi",
         "columns": {"caller": "A_NUMBER", "callee": "B_NUMBER", "time": "START",
                     "duration": "DUR", "interconnect": "TRUNK_GROUP",
                     "attestation": "ATTEST", "verification": "VERSTAT"},
         "routes": {"ONNET": "on_net", "NAT-IC-2": "domestic_interconnect",
                    "IGW-1": "international_gateway"}}
        """,
        StandardCharsets.UTF_8);
    return file;
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
