package org.spamtraffic.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.evidence.ip.NetworkList;
import org.spamtraffic.evidence.log.LogLayout;
import org.spamtraffic.evidence.mail.MailOptions;
import org.spamtraffic.evidence.phone.CarrierNames;
import org.spamtraffic.evidence.synthetic.SyntheticLogs;

/**
 * Generated SMS firewall logs and CDRs whose answers are known before the derivation runs: every
 * record's true origin, route, category and verdict is decided by the generator. The call-rate rule
 * is also recounted in SQL by DuckDB straight from the CDR file.
 */
class SyntheticLogsTest {
  @TempDir Path dir;

  static DeriveReturns.Options options(
      List<DeriveReturns.Input> inputs, Map<EvidenceKind, LogLayout> layouts, Integer callsPerDay) {
    return new DeriveReturns.Options(
        new Operator("KE-TEST", "Test Mobile", "KEN"),
        inputs,
        PeriodScope.only(SyntheticLogs.PERIOD),
        Map.of("sms", 1_000_000L, "voice", 1_000_000L, "email", 1000L),
        true,
        MailOptions.trap(NetworkList.none()),
        layouts,
        callsPerDay,
        10,
        EvidenceDataForTests.ipData(),
        CarrierNames.none());
  }

  /** Counts of a tally by "category|country|route" (summed over source networks). */
  static Map<String, Long> byKey(Tally t, boolean blocked) {
    Map<String, Long> m = new TreeMap<>();
    t.rows()
        .forEach(
            (k, r) -> {
              long n = blocked ? r.blocked() : r.detected();
              if (n > 0) {
                m.merge(
                    k.contentCategory() + "|" + k.sourceCountry() + "|" + k.entryRoute(),
                    n,
                    Long::sum);
              }
            });
    return m;
  }

  @Test
  void smsFirewallLogGivesTheKnownAnswer() throws Exception {
    Path log = dir.resolve("sms.csv");
    SyntheticLogs.Expected x = new SyntheticLogs(7).smsLog(log, 5_000);
    DeriveReturns.Result r =
        new DeriveReturns(
                options(
                    List.of(new DeriveReturns.Input(EvidenceKind.SMS, log.toString())),
                    Map.of(),
                    null))
            .run(dir.resolve("out"));
    Tally.Inputs in = r.tally().inputs().get(EvidenceKind.SMS);
    assertThat(in.read()).isEqualTo(x.records);
    assertThat(in.read()).isEqualTo(in.used() + in.unusable());
    assertThat(in.clean()).isEqualTo(x.clean);
    assertThat(in.byReason()).isEqualTo(x.unusable);
    assertThat(byKey(r.tally(), false)).isEqualTo(x.detected);
    assertThat(byKey(r.tally(), true)).isEqualTo(x.blocked);
    // Every grey-route record was an international number over a domestic path, and every
    // unusable record is listed with its line.
    assertThat(x.detected.keySet()).anyMatch(k -> k.endsWith("|grey_route"));
    List<String> unusable = Files.readAllLines(dir.resolve("out").resolve(ReturnFiles.UNUSABLE));
    assertThat(unusable).hasSize(1 + (int) in.unusable());
    assertThat(unusable.get(1)).startsWith("sms," + log + ",line ");
    // total_traffic: every record of the period (spam and clean) of the complete log.
    List<String> ret = Files.readAllLines(dir.resolve("out").resolve(ReturnFiles.RETURN));
    long inPeriod = in.spam() + in.clean();
    assertThat(ret.get(1)).contains("," + inPeriod + ",");
  }

  @Test
  void cdrsInAnOperatorLayoutGiveTheKnownAnswerAndDuckDbAgrees() throws Exception {
    Path cdrs = dir.resolve("cdrs.csv");
    int threshold = 50;
    SyntheticLogs.Expected x = new SyntheticLogs(11).cdrs(cdrs, 3_000, 12, 80, threshold);
    Path layout = SyntheticLogs.voiceLayout(dir.resolve("voice-layout.json"));
    DeriveReturns.Result r =
        new DeriveReturns(
                options(
                    List.of(new DeriveReturns.Input(EvidenceKind.VOICE, cdrs.toString())),
                    Map.of(EvidenceKind.VOICE, LogLayout.read(layout)),
                    threshold))
            .run(dir.resolve("out"));
    Tally.Inputs in = r.tally().inputs().get(EvidenceKind.VOICE);
    assertThat(in.read()).isEqualTo(x.records);
    assertThat(in.clean()).isEqualTo(x.clean);
    assertThat(in.byReason()).isEqualTo(x.unusable);
    assertThat(byKey(r.tally(), false)).isEqualTo(x.detected);
    assertThat(x.detected.keySet()).anyMatch(k -> k.contains("|unknown|")); // spoofed callers
    assertThat(x.detected.keySet()).anyMatch(k -> k.endsWith("|grey_route"));

    // The same rule in SQL, from the file alone: short calls of caller-days at the threshold.
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      ResultSet rs =
          s.executeQuery(
              "WITH calls AS (SELECT A_NUMBER AS caller,"
                  + " CAST(strptime(START, '%d/%m/%Y %H:%M:%S') AS DATE) AS day,"
                  + " TRY_CAST(DUR AS INTEGER) AS dur FROM read_csv('"
                  + cdrs
                  + "', delim=';', header=true, all_varchar=true)"
                  + " WHERE try_strptime(START, '%d/%m/%Y %H:%M:%S') IS NOT NULL AND TRY_CAST(DUR AS INTEGER) IS NOT NULL),"
                  + " busy AS (SELECT caller, day FROM calls GROUP BY caller, day HAVING count(*) >= "
                  + threshold
                  + ")"
                  + " SELECT count(*) FROM calls JOIN busy USING (caller, day) WHERE dur <= 10");
      rs.next();
      assertThat(in.spam()).isEqualTo(rs.getLong(1));
    }
  }
}
