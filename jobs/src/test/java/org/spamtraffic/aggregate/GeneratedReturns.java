package org.spamtraffic.aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.aggregate.ReturnRows.Measure;
import org.spamtraffic.warehouse.Warehouse;

/**
 * A seeded, generated set of returns (a few thousand rows) with the awkward cases mixed in: monthly
 * returns with missing months, operators that send both a quarterly and a monthly return for a
 * quarter, missing traffic and delivered figures, countries in every kind of group, unknown sources
 * and routes, and a questionnaire that gives some markets and not others.
 */
final class GeneratedReturns {
  private static final List<String> COUNTRIES =
      List.of(
          "KEN", "GHA", "ZAF", "EGY", "SAU", "BRA", "USA", "DEU", "RUS", "FJI", "BGD", "NPL", "JPN",
          "IND");
  private static final List<String> SOURCES =
      List.of("CHN", "CHN", "CHN", "USA", "USA", "RUS", "NGA", "IND", "BRA", "unknown");
  private static final List<String> NETWORKS =
      List.of("AS4134", "AS4134", "AS7922", "AS12389", "404-45", "621-20", "+23480*", "unknown");
  private static final List<String> TYPES =
      List.of("email", "sms", "voice", "ip_messaging", "ip_multimedia");
  private static final List<String> QUARTERS =
      List.of("2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2");

  private GeneratedReturns() {}

  /** Writes the generated returns and questionnaire facts; returns the number of return rows. */
  static int write(SparkSession spark, Warehouse warehouse, long seed) {
    Random random = new Random(seed);
    ReturnRows rows = new ReturnRows();
    int operator = 0;
    for (String country : COUNTRIES) {
      int operators = 1 + random.nextInt(4);
      for (int o = 0; o < operators; o++) {
        String id = String.format(Locale.ROOT, "OP%03d", operator++);
        boolean monthly = random.nextDouble() < 0.3;
        List<String> types = new ArrayList<>();
        for (String t : TYPES) {
          if (random.nextDouble() < 0.45 || types.isEmpty() && t.equals("ip_multimedia")) {
            types.add(t);
          }
        }
        long baseSize = 50_000L + random.nextInt(5_000_000);
        for (String quarter : QUARTERS) {
          if (random.nextDouble() < 0.1) {
            continue; // did not report this quarter
          }
          List<String> periods = new ArrayList<>();
          if (!monthly || random.nextDouble() < 0.08) {
            periods.add(quarter);
          }
          if (monthly) {
            int year = Integer.parseInt(quarter.substring(0, 4));
            int first = (quarter.charAt(6) - '1') * 3 + 1;
            for (int m = first; m < first + 3; m++) {
              if (random.nextDouble() < 0.8) {
                periods.add(String.format(Locale.ROOT, "%d-%02d", year, m));
              }
            }
          }
          for (String period : periods) {
            for (String type : types) {
              long size = baseSize + random.nextInt(100_000);
              Long traffic = random.nextDouble() < 0.15 ? null : size * (20L + random.nextInt(200));
              int breakdown = 1 + random.nextInt(6);
              for (int b = 0; b < breakdown; b++) {
                long detected = random.nextInt(20_000);
                long blocked = (long) (detected * random.nextDouble());
                Long delivered = random.nextDouble() < 0.2 ? null : detected - blocked;
                Long reports = random.nextDouble() < 0.5 ? null : (long) random.nextInt(500);
                String destination = random.nextDouble() < 0.9 ? country : "unknown";
                rows.add(
                    new Measure(
                        id,
                        country,
                        period,
                        type,
                        SOURCES.get(random.nextInt(SOURCES.size())),
                        NETWORKS.get(random.nextInt(NETWORKS.size())),
                        OperatorCube.ROUTES.get(random.nextInt(OperatorCube.ROUTES.size())),
                        destination,
                        size,
                        traffic,
                        detected,
                        blocked,
                        delivered,
                        reports));
              }
            }
          }
        }
      }
    }
    List<Map<String, Object>> facts = new ArrayList<>();
    for (String country : COUNTRIES) {
      if (random.nextDouble() < 0.3) {
        continue; // no questionnaire
      }
      Map<String, Object> f = new HashMap<>();
      f.put("country_code", country);
      f.put("submission_id", "s-" + country);
      if (random.nextDouble() < 0.8) {
        f.put("market_mobile_subscriptions", 1_000_000L + random.nextInt(30_000_000));
      }
      if (random.nextDouble() < 0.6) {
        f.put(
            "market_email_mailboxes",
            random.nextDouble() < 0.1 ? 0L : 500_000L + random.nextInt(9_000_000));
      }
      if (random.nextDouble() < 0.7) {
        f.put("market_internet_users", 800_000L + random.nextInt(20_000_000));
      }
      f.put("readiness_overall", random.nextDouble());
      f.put("has_antispam_law", random.nextBoolean());
      facts.add(f);
    }
    facts.add(Map.of("country_code", "TUV", "submission_id", "s-TUV", "readiness_overall", 0.1));
    warehouse
        .begin("test")
        .write("returns", rows.toDataFrame(spark))
        .write("survey_country_facts", TestTables.of(spark, "survey_country_facts", facts))
        .commit();
    return rows.size();
  }
}
