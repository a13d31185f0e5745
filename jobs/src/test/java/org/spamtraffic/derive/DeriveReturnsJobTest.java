package org.spamtraffic.derive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.cli.SpamTraffic;
import org.spamtraffic.evidence.DeriveReturns;
import org.spamtraffic.evidence.EvidenceKind;
import org.spamtraffic.evidence.Operator;
import org.spamtraffic.evidence.PeriodScope;
import org.spamtraffic.evidence.ReturnFiles;
import org.spamtraffic.evidence.ip.NetworkList;
import org.spamtraffic.evidence.log.LogLayout;
import org.spamtraffic.evidence.mail.MailOptions;
import org.spamtraffic.evidence.phone.CarrierNames;
import org.spamtraffic.evidence.synthetic.SyntheticLogs;
import org.spamtraffic.evidence.synthetic.SyntheticMail;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.validate.ReturnValidator;
import org.spamtraffic.validate.ValidationReport;

/**
 * The Spark job gives the plain library's return, row for row, when its tasks read the evidence in
 * parts cut every 64 KiB; and derive-returns' return of each kind of evidence is one that validate
 * accepts.
 */
class DeriveReturnsJobTest {
  static SparkSession spark;
  @TempDir static Path dir;
  static Path ipData = Path.of("../evidence/data/ip-location-db");
  static Path mbox;
  static Path maildir;
  static Path sms;
  static Path reports;
  static Path cdrs;
  static Path layout;

  @BeforeAll
  static void evidence() throws Exception {
    if (!Files.isDirectory(ipData.resolve("asn"))) {
      throw new AssertionError("IP data missing: run evidence/fetch-data");
    }
    spark = SparkSessions.forTests("derive-returns-test");
    mbox = dir.resolve("trap.mbox");
    new SyntheticMail(1, false).mbox(mbox, 600);
    maildir = dir.resolve("Maildir");
    Files.createDirectories(maildir.resolve("cur"));
    Files.createDirectories(maildir.resolve("new"));
    Files.createDirectories(maildir.resolve("tmp"));
    SyntheticMail one = new SyntheticMail(2, false);
    for (int i = 0; i < 5; i++) {
      byte[] m = one.message();
      int nl = 0;
      while (m[nl] != '\n') {
        nl++;
      }
      // Maildir files have no From line: the time is in the name.
      Files.write(
          maildir.resolve("cur").resolve((1736900000 + i) + ".M" + i + "P1.host:2,S"),
          java.util.Arrays.copyOfRange(m, nl + 1, m.length));
    }
    Files.write(
        maildir.resolve("tmp").resolve("1736900100.M9P9.host"),
        one.message()); // being delivered: not read
    Files.writeString(maildir.resolve(".dovecot.index"), "not read: hidden");
    Files.write(maildir.resolve("new").resolve("dovecot-uidlist"), new byte[] {0, 1, 2, 3});
    Files.writeString(
        maildir.resolve("new").resolve("no-time.eml"),
        "Subject: hi\nFrom: a@b.example\n\nno received header\n");
    SyntheticLogs logs = new SyntheticLogs(9);
    sms = dir.resolve("sms.csv");
    logs.smsLog(sms, 4_000);
    reports = dir.resolve("7726.csv");
    logs.reports(reports, 500);
    cdrs = dir.resolve("cdrs.csv");
    logs.cdrs(cdrs, 2_000, 6, 70, 50);
    layout = SyntheticLogs.voiceLayout(dir.resolve("voice.json"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static DeriveReturns.Options options() {
    return new DeriveReturns.Options(
        new Operator("KE-TEST", "Test Mobile", "KEN"),
        List.of(
            new DeriveReturns.Input(EvidenceKind.EMAIL, mbox.toString()),
            new DeriveReturns.Input(EvidenceKind.EMAIL, maildir.toString()),
            new DeriveReturns.Input(EvidenceKind.SMS, sms.toString()),
            new DeriveReturns.Input(EvidenceKind.SMS_REPORTS, reports.toString()),
            new DeriveReturns.Input(EvidenceKind.VOICE, cdrs.toString())),
        PeriodScope.only(SyntheticLogs.PERIOD),
        Map.of("email", 5_000L, "sms", 1_000_000L, "voice", 1_000_000L),
        true,
        MailOptions.trap(NetworkList.of(List.of(SyntheticMail.TRUSTED))),
        Map.of(EvidenceKind.VOICE, LogLayout.read(layout)),
        50,
        10,
        ipData,
        CarrierNames.debian());
  }

  @Test
  void sparkPartsGiveThePlainReturn() throws Exception {
    Path plain = dir.resolve("plain");
    DeriveReturns.Result p = new DeriveReturns(options()).run(plain);
    Path viaSpark = dir.resolve("spark");
    DeriveReturnsJob.Result s =
        new DeriveReturnsJob(spark)
            .run(new DeriveReturnsJob.Options(options(), viaSpark.toUri().toString(), 1 << 16));
    assertThat(s.tasks()).isGreaterThan(10);
    assertThat(p.rows()).isGreaterThan(50);
    assertThat(s.rows()).isEqualTo(p.rows());
    for (String f : List.of(ReturnFiles.RETURN, ReturnFiles.DERIVATION)) {
      List<String> a = Files.readAllLines(viaSpark.resolve(f));
      List<String> b = Files.readAllLines(plain.resolve(f));
      List<String> onlySpark = new ArrayList<>(a);
      onlySpark.removeAll(b);
      List<String> onlyPlain = new ArrayList<>(b);
      onlyPlain.removeAll(a);
      assertThat(onlySpark).as(f + ": only in Spark's; only in plain: " + onlyPlain).isEmpty();
      assertThat(a).as(f).isEqualTo(b);
    }
    assertThat(s.tally().allInputs().read()).isEqualTo(p.tally().allInputs().read());
    assertThat(s.tally().allInputs().byReason()).isEqualTo(p.tally().allInputs().byReason());
    assertThat(reasonsByFile(viaSpark)).isEqualTo(reasonsByFile(plain));
    // What the Maildir held: 5 messages, an index file that is no message, one without a time;
    // tmp/ and hidden files are not read.
    var email = p.tally().inputs().get(EvidenceKind.EMAIL);
    assertThat(email.read()).isEqualTo(600 + 5 + 2);
    assertThat(email.byReason())
        .containsEntry("mail.not_a_message", 1L)
        .containsEntry("mail.no_delivery_time", 1L);
    ValidationReport v =
        new ReturnValidator(new Configuration(), ReturnValidator.Options.DEFAULT)
            .validate(viaSpark.resolve(ReturnFiles.RETURN).toString());
    assertThat(v.clean()).as(v.findings().toString()).isTrue();
    assertThat(v.warnings()).isZero();
  }

  /** (kind, file, reason) → count: positions differ (a task counts lines from its part's start). */
  static Map<String, Integer> reasonsByFile(Path out) throws Exception {
    Map<String, Integer> m = new TreeMap<>();
    List<String> lines = Files.readAllLines(out.resolve(ReturnFiles.UNUSABLE));
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",", -1);
      m.merge(f[0] + "|" + f[1].replaceFirst("^file:(//)?", "") + "|" + f[3], 1, Integer::sum);
    }
    return m;
  }

  @Test
  void theCommandDerivesEachKindIntoAReturnValidateAccepts() throws Exception {
    List<String[]> runs = new ArrayList<>();
    runs.add(
        new String[] {
          "--email",
          mbox.toString(),
          "--trusted",
          SyntheticMail.TRUSTED,
          "--service-size",
          "email=5000"
        });
    runs.add(
        new String[] {"--sms", sms.toString(), "--service-size", "sms=1000000", "--complete-logs"});
    runs.add(new String[] {"--sms-reports", reports.toString(), "--service-size", "sms=1000000"});
    runs.add(
        new String[] {
          "--voice",
          cdrs.toString(),
          "--layout",
          "voice=" + layout,
          "--calls-per-day",
          "50",
          "--service-size",
          "voice=1000000",
          "--complete-logs"
        });
    int i = 0;
    for (String[] kind : runs) {
      Path out = dir.resolve("cli-" + i++);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "derive-returns",
                  "--operator-id",
                  "KE-TEST",
                  "--operator-name",
                  "Test Mobile",
                  "--country",
                  "KEN",
                  "--period",
                  "2025-Q1",
                  "--ip-data",
                  ipData.toString(),
                  "--out",
                  out.toString()));
      args.addAll(List.of(kind));
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      PrintStream old = System.out;
      int code;
      try {
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        code = SpamTraffic.execute(args.toArray(new String[0]));
      } finally {
        System.setOut(old);
      }
      String printed = captured.toString(StandardCharsets.UTF_8);
      assertThat(code).as(printed).isZero();
      assertThat(printed).contains("validate: accepted: rows read");
      assertThat(Files.readAllLines(out.resolve(ReturnFiles.RETURN)).size()).isGreaterThan(1);
    }
  }

  @Test
  void aVoiceLogWithNoVerdictAndNoThresholdIsNamedNotSilentlyClean() throws Exception {
    Path out = dir.resolve("no-rule");
    DeriveReturns.Options o = options();
    DeriveReturns.Options voiceOnly =
        new DeriveReturns.Options(
            o.operator(),
            List.of(new DeriveReturns.Input(EvidenceKind.VOICE, cdrs.toString())),
            o.periods(),
            o.serviceSizes(),
            true,
            o.mail(),
            o.layouts(),
            null,
            10,
            ipData,
            CarrierNames.none());
    DeriveReturns.Result r = new DeriveReturns(voiceOnly).run(out);
    assertThat(r.rows()).isZero();
    assertThat(r.tally().allInputs().byReason())
        .containsOnly(Map.entry("file.missing_columns", 1L));
    assertThat(Files.readString(out.resolve(ReturnFiles.UNUSABLE)))
        .contains("verdict (or set a call-rate threshold)");
  }
}
