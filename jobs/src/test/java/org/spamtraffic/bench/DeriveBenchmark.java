package org.spamtraffic.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.derive.DeriveReturnsJob;
import org.spamtraffic.evidence.DeriveReturns;
import org.spamtraffic.evidence.EvidenceKind;
import org.spamtraffic.evidence.FilePart;
import org.spamtraffic.evidence.Operator;
import org.spamtraffic.evidence.PeriodScope;
import org.spamtraffic.evidence.ip.NetworkList;
import org.spamtraffic.evidence.mail.MailArchive;
import org.spamtraffic.evidence.mail.MailOptions;
import org.spamtraffic.evidence.phone.CarrierNames;
import org.spamtraffic.evidence.synthetic.SyntheticLogs;
import org.spamtraffic.evidence.synthetic.SyntheticMail;
import org.spamtraffic.spark.SparkSessions;

/**
 * Benchmark (not a test): derive-returns on one million generated spam-trap messages (100 mbox
 * files) and ten million CDR lines (10 files), each measured in the same run against a baseline: a
 * plain single-threaded parse of the same files (every message split out of its mbox and run
 * through Mime4j's pull parser to its last token; every CDR line read into fields by FastCSV). Then
 * the plain library (one thread) and the Spark job (local[*]) derive the returns. Run with {@code
 * bin/benchmark derive [MESSAGES [CDR_LINES [DIR [all|spark|plain]]]]}; the data is generated once
 * into DIR (default /tmp/spamtraffic-bench-derive), never into the repository; results go to
 * docs/benchmarks.md by hand.
 */
public final class DeriveBenchmark {
  private DeriveBenchmark() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    long cdrLines = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
    Path dir = Paths.get(args.length > 2 ? args[2] : "/tmp/spamtraffic-bench-derive");
    // "spark": the baselines and the Spark job only (the plain library's column takes ten minutes
    // here and does not depend on Spark); "plain": the baselines and the plain library only.
    String parts = args.length > 3 ? args[3] : "all";
    boolean runPlain = !parts.equals("spark");
    boolean runSpark = !parts.equals("plain");
    Path ipData = Path.of("evidence/data/ip-location-db");
    Path mail = dir.resolve("mail-" + messages);
    Path cdrs = dir.resolve("cdrs-" + cdrLines);
    int mailFiles = Math.max(1, messages / 10_000);
    int cdrFiles = (int) Math.max(1, cdrLines / 1_000_000);
    if (!Files.exists(mail.resolve("done"))) {
      Files.createDirectories(mail);
      Timer.time(
          "generate " + messages + " messages",
          () -> {
            SyntheticMail g = new SyntheticMail(42, false);
            long bytes = 0;
            for (int f = 0; f < mailFiles; f++) {
              bytes +=
                  g.mbox(
                      mail.resolve(String.format(Locale.ROOT, "trap-%03d.mbox", f)),
                      messages / mailFiles);
            }
            Files.writeString(mail.resolve("done"), "");
            return bytes + " bytes";
          });
    }
    if (!Files.exists(cdrs.resolve("done"))) {
      Files.createDirectories(cdrs);
      Timer.time(
          "generate " + cdrLines + " CDR lines",
          () -> {
            SyntheticLogs g = new SyntheticLogs(43);
            for (int f = 0; f < cdrFiles; f++) {
              g.bulkCdrs(
                  cdrs.resolve(String.format(Locale.ROOT, "cdrs-%02d.csv", f)),
                  cdrLines / cdrFiles);
            }
            Files.writeString(cdrs.resolve("done"), "");
            return null;
          });
    }
    Files.deleteIfExists(mail.resolve("done"));
    Files.deleteIfExists(cdrs.resolve("done"));
    try {
      System.out.printf(
          Locale.ROOT,
          "derive benchmark: %,d messages (%,d bytes), %,d CDR lines (%,d bytes), %d cores%n",
          messages,
          size(mail),
          cdrLines,
          size(cdrs),
          Runtime.getRuntime().availableProcessors());
      double mailBase =
          Timer.time("baseline: split mbox + Mime4j parse, 1 thread", () -> parseMail(mail));
      double mailPlain =
          !runPlain
              ? Double.NaN
              : Timer.time(
                  "derive-returns, plain library, 1 thread",
                  () -> plain(EvidenceKind.EMAIL, mail, ipData, dir));
      double cdrBase =
          Timer.time("baseline: FastCSV read of the CDRs, 1 thread", () -> parseCsv(cdrs));
      double cdrPlain =
          !runPlain
              ? Double.NaN
              : Timer.time(
                  "derive-returns, plain library, 1 thread",
                  () -> plain(EvidenceKind.VOICE, cdrs, ipData, dir));
      double mailSpark = Double.NaN;
      double cdrSpark = Double.NaN;
      if (runSpark) {
        SparkSession spark = SparkSessions.create("benchmark", "local[*]", Map.of(), false);
        try {
          Timer.time("spark warm-up (session, small job)", () -> spark.range(1000).count());
          mailSpark =
              Timer.time(
                  "derive-returns, Spark job local[*]",
                  () -> spark(spark, EvidenceKind.EMAIL, mail, ipData, dir));
          cdrSpark =
              Timer.time(
                  "derive-returns, Spark job local[*]",
                  () -> spark(spark, EvidenceKind.VOICE, cdrs, ipData, dir));
        } finally {
          spark.stop();
        }
      }
      System.out.println();
      System.out.println(
          "| evidence | baseline parse, 1 thread | plain library, 1 thread | Spark job, local[*] |");
      System.out.println("|---|---:|---:|---:|");
      row("mail, " + messages + " messages", messages, mailBase, mailPlain, mailSpark);
      row("CDRs, " + cdrLines + " lines", cdrLines, cdrBase, cdrPlain, cdrSpark);
    } finally {
      Files.writeString(mail.resolve("done"), "");
      Files.writeString(cdrs.resolve("done"), "");
    }
  }

  private static void row(String what, long n, double base, double plain, double spark) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %.1f s, %,.0f/s | %.1f s, %,.0f/s (%.2fx the baseline's time) | %.1f s, %,.0f/s (%.2fx) |%n",
        what,
        base,
        n / base,
        plain,
        n / plain,
        plain / base,
        spark,
        n / spark,
        spark / base);
  }

  private static long size(Path dir) throws Exception {
    long s = 0;
    for (Path p : files(dir)) {
      s += Files.size(p);
    }
    return s;
  }

  private static List<Path> files(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().equals("done")).sorted().toList();
    }
  }

  private static long parseMail(Path dir) throws Exception {
    long[] n = {0};
    MailArchive archive = new MailArchive(MailOptions.DEFAULT_MAX_MESSAGE_BYTES);
    for (Path f : files(dir)) {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
        archive.read(
            FilePart.whole(EvidenceKind.EMAIL, f.toString(), Files.size(f)),
            true,
            in,
            m -> {
              try {
                MimeTokenStream s = new MimeTokenStream(MimeConfig.PERMISSIVE);
                s.parse(new ByteArrayInputStream(m.bytes(), 0, m.length()));
                for (EntityState st = s.getState();
                    st != EntityState.T_END_OF_STREAM;
                    st = s.next()) {
                  // every token, nothing kept
                }
                n[0]++;
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
      }
    }
    return n[0];
  }

  private static long parseCsv(Path dir) throws Exception {
    long n = 0;
    for (Path f : files(dir)) {
      try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(f, StandardCharsets.UTF_8)) {
        for (CsvRecord rec : r) {
          n += rec.getFieldCount() > 0 ? 1 : 0;
        }
      }
    }
    return n - files(dir).size(); // headers
  }

  private static DeriveReturns.Options options(EvidenceKind kind, Path in, Path ipData) {
    return new DeriveReturns.Options(
        new Operator("KE-BENCH", "Benchmark", "KEN"),
        List.of(new DeriveReturns.Input(kind, in.toString())),
        PeriodScope.only("2025-Q1"),
        Map.of("email", 1_000_000L, "voice", 10_000_000L),
        true,
        MailOptions.trap(NetworkList.of(List.of(SyntheticMail.TRUSTED))),
        Map.of(),
        kind == EvidenceKind.VOICE ? 10 : null,
        10,
        ipData,
        CarrierNames.debian());
  }

  private static String plain(EvidenceKind kind, Path in, Path ipData, Path dir) {
    DeriveReturns.Result r =
        new DeriveReturns(options(kind, in, ipData)).run(dir.resolve("out-plain-" + kind.code()));
    return r.tally().allInputs().read() + " inputs, " + r.rows() + " rows";
  }

  private static String spark(
      SparkSession spark, EvidenceKind kind, Path in, Path ipData, Path dir) {
    DeriveReturnsJob.Result r =
        new DeriveReturnsJob(spark)
            .run(
                new DeriveReturnsJob.Options(
                    options(kind, in, ipData),
                    dir.resolve("out-spark-" + kind.code()).toUri().toString(),
                    64L << 20));
    return r.summary();
  }
}
