package org.spamtraffic.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.evidence.ip.NetworkList;
import org.spamtraffic.evidence.log.LogLayout;
import org.spamtraffic.evidence.mail.MailOptions;
import org.spamtraffic.evidence.phone.CarrierNames;
import org.spamtraffic.evidence.synthetic.SyntheticLogs;
import org.spamtraffic.evidence.synthetic.SyntheticMail;

/**
 * Privacy by construction, checked: evidence of every kind, full of addresses, numbers, subjects
 * and texts, is derived, and every file written is searched for each of them (numbers also in
 * national form and without the plus). None may appear: the outputs hold counts and codes only.
 */
class PrivacyTest {
  @TempDir Path dir;

  @Test
  void noAddressNumberSubjectOrTextReachesTheOutputs() throws Exception {
    SyntheticMail mail = new SyntheticMail(3, true);
    Path mbox = dir.resolve("trap.mbox");
    mail.mbox(mbox, 400);
    SyntheticLogs logs = new SyntheticLogs(5);
    Path sms = dir.resolve("sms.csv");
    Path reports = dir.resolve("7726.csv");
    Path cdrs = dir.resolve("cdrs.csv");
    Set<String> secrets = new LinkedHashSet<>(mail.secrets());
    secrets.addAll(logs.smsLog(sms, 2_000).secrets);
    secrets.addAll(logs.reports(reports, 300).secrets);
    secrets.addAll(logs.cdrs(cdrs, 500, 4, 60, 40).secrets);
    Path out = dir.resolve("out");
    DeriveReturns.Options o =
        new DeriveReturns.Options(
            new Operator("KE-TEST", "Test Mobile", "KEN"),
            List.of(
                new DeriveReturns.Input(EvidenceKind.EMAIL, mbox.toString()),
                new DeriveReturns.Input(EvidenceKind.SMS, sms.toString()),
                new DeriveReturns.Input(EvidenceKind.SMS_REPORTS, reports.toString()),
                new DeriveReturns.Input(EvidenceKind.VOICE, cdrs.toString())),
            PeriodScope.only(SyntheticLogs.PERIOD),
            Map.of("email", 5_000L, "sms", 1_000_000L, "voice", 1_000_000L),
            true,
            MailOptions.trap(NetworkList.of(List.of(SyntheticMail.TRUSTED))),
            Map.of(
                EvidenceKind.VOICE,
                LogLayout.read(SyntheticLogs.voiceLayout(dir.resolve("v.json")))),
            40,
            10,
            EvidenceDataForTests.ipData(),
            CarrierNames.debian());
    DeriveReturns.Result r = new DeriveReturns(o).run(out);
    assertThat(r.rows()).isGreaterThan(20);
    assertThat(r.tally().inputs()).hasSize(4);

    // The needles are real: each one is in the evidence (so the search below could find it).
    StringBuilder evidence = new StringBuilder();
    for (Path in : List.of(mbox, sms, reports, cdrs)) {
      evidence.append(new String(Files.readAllBytes(in), StandardCharsets.ISO_8859_1));
    }
    String all = evidence.toString();
    for (String s : secrets) {
      assertThat(all.contains(s)).as("'%s' is in the evidence", s).isTrue();
    }
    List<String> needles = new ArrayList<>();
    for (String s : secrets) {
      needles.add(s);
      if (s.startsWith("+")) {
        needles.add(s.substring(1)); // 254712345678
        if (s.startsWith("+254")) {
          needles.add("0" + s.substring(4)); // 0712345678
        }
      }
    }
    assertThat(needles).hasSizeGreaterThan(3_000);
    List<Path> written;
    try (Stream<Path> files = Files.list(out)) {
      written = files.toList();
    }
    assertThat(written)
        .extracting(p -> p.getFileName().toString())
        .contains(
            ReturnFiles.RETURN, ReturnFiles.DERIVATION, ReturnFiles.UNUSABLE, ReturnFiles.SUMMARY);
    for (Path f : written) {
      String content = Files.readString(f, StandardCharsets.UTF_8);
      assertThat(content).isNotEmpty();
      for (String needle : needles) {
        assertThat(content.contains(needle)).as("%s holds '%s'", f.getFileName(), needle).isFalse();
      }
    }
  }
}
