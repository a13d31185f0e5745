package org.spamtraffic.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Large synthetic landing sets for benchmarks, written as they are generated (constant memory):
 * either many operators with one file per operator and quarter, or one big return in one CSV. A
 * share of rows is made bad on purpose (bad codes, negative or ambiguous numbers, blocked above
 * detected, duplicated breakdowns).
 */
public final class BulkReturns {
  private static final String[] QUARTERS = {"2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"};
  private static final String[] TYPES = {"email", "sms", "voice", "ip_messaging", "ip_multimedia"};

  private BulkReturns() {}

  /**
   * One return of {@code rows} rows in one CSV: one operator, four quarters, every type, with
   * distinct breakdowns (source networks are numbered so that keys only repeat where a fault
   * duplicates them).
   */
  public static long singleCsv(Path file, long rows, double badShare, long seed)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    ReturnGenerator g = new ReturnGenerator(seed);
    Files.createDirectories(file.toAbsolutePath().getParent());
    long written = 0;
    try (Writer w =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20)) {
      TableFiles.line(w, ReturnGenerator.HEADER, TableFiles.Dialect.PLAIN);
      long perGroup = Math.max(1, rows / (QUARTERS.length * TYPES.length));
      List<String> previous = null;
      for (int q = 0; q < QUARTERS.length; q++) {
        for (String type : TYPES) {
          long size = 50_000_000L + 1_000_000L * q;
          long total = Math.round(size * ReturnGenerator.TRAFFIC_PER_USER.get(type) * 3);
          long spamPerRow =
              Math.max(1, Math.round(total * ReturnGenerator.SPAM_SHARE.get(type) / perGroup));
          for (long i = 0; i < perGroup && written < rows; i++) {
            String route = pick(random, ReturnGenerator.routes(type));
            String source =
                ReturnGenerator.SOURCES.get(
                    (int)
                        Math.min(
                            ReturnGenerator.SOURCES.size() - 1,
                            Math.floor(
                                Math.pow(random.nextDouble(), 3)
                                    * ReturnGenerator.SOURCES.size())));
            long detected = 1 + random.nextLong(2 * spamPerRow);
            long blocked = Math.round(detected * (0.7 + 0.28 * random.nextDouble()));
            List<String> row =
                new ArrayList<>(
                    List.of(
                        "BENCH-OP",
                        "Benchmark Operator",
                        "KEN",
                        QUARTERS[q],
                        type,
                        ReturnGenerator.CATEGORIES.get(
                            (int) (i % ReturnGenerator.CATEGORIES.size())),
                        source,
                        "AS" + (100_000 + i),
                        route,
                        "KEN",
                        Long.toString(size),
                        Long.toString(total),
                        Long.toString(detected),
                        Long.toString(blocked),
                        Long.toString(detected - blocked),
                        Long.toString(Math.round((detected - blocked) * 0.004))));
            if (random.nextDouble() < badShare) {
              row = fault(random, row, previous);
            }
            TableFiles.line(w, row, TableFiles.Dialect.PLAIN);
            previous = row;
            written++;
          }
        }
      }
    }
    return written;
  }

  /**
   * About {@code rows} rows spread over {@code operators} operators in 30 countries, one CSV per
   * operator and quarter under {@code dir/<operator>/}.
   */
  public static long manyFiles(Path dir, long rows, int operators, double badShare, long seed)
      throws IOException {
    ReturnGenerator g = new ReturnGenerator(seed);
    SplittableRandom random = new SplittableRandom(seed + 1);
    long perFile = Math.max(1, rows / ((long) operators * QUARTERS.length));
    long written = 0;
    for (int o = 0; o < operators; o++) {
      String country = ReturnGenerator.SOURCES.get(o % 30);
      String id = String.format(Locale.ROOT, "%s-OP%04d", country, o);
      long subs = 1_000_000L + random.nextLong(50_000_000L);
      Operator op =
          new Operator(
              id, "Operator " + o, country, Map.of("sms", subs, "voice", subs, "email", subs / 4));
      int breakdowns = (int) Math.max(1, perFile / 3);
      for (int q = 0; q < QUARTERS.length; q++) {
        List<List<String>> out = new ArrayList<>();
        List<String> previous = null;
        for (List<String> r : g.rows(op, QUARTERS[q], q, breakdowns)) {
          List<String> row = random.nextDouble() < badShare ? fault(random, r, previous) : r;
          out.add(row);
          previous = row;
        }
        TableFiles.csv(
            dir.resolve(id).resolve(String.format(Locale.ROOT, "%s_%s.csv", id, QUARTERS[q])),
            ReturnGenerator.HEADER,
            out,
            TableFiles.Dialect.PLAIN);
        written += out.size();
      }
    }
    return written;
  }

  private static List<String> fault(
      SplittableRandom random, List<String> row, List<String> previous) {
    List<String> r = new ArrayList<>(row);
    switch (random.nextInt(6)) {
      case 0:
        r.set(ReturnGenerator.HEADER.indexOf("source_country"), "XXX");
        return r;
      case 1:
        r.set(ReturnGenerator.HEADER.indexOf("spam_detected"), "-5");
        return r;
      case 2:
        r.set(ReturnGenerator.HEADER.indexOf("spam_detected"), "1.500");
        return r;
      case 3:
        r.set(ReturnGenerator.HEADER.indexOf("spam_type"), "mms");
        return r;
      case 4:
        int d = ReturnGenerator.HEADER.indexOf("spam_detected");
        r.set(
            ReturnGenerator.HEADER.indexOf("spam_blocked"),
            Long.toString(Long.parseLong(r.get(d)) + 1));
        return r;
      default:
        return previous != null ? new ArrayList<>(previous) : r;
    }
  }

  private static String pick(SplittableRandom random, Map<String, Double> weights) {
    double u = random.nextDouble();
    String last = null;
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      last = e.getKey();
      u -= e.getValue();
      if (u <= 0) {
        return last;
      }
    }
    return last;
  }
}
