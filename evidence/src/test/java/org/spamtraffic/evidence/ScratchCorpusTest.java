package org.spamtraffic.evidence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spamtraffic.evidence.ip.NetworkList;
import org.spamtraffic.evidence.mail.MailOptions;
import org.spamtraffic.evidence.phone.CarrierNames;

class ScratchCorpusTest {
  @Test
  void run() throws Exception {
    Path out = Path.of("target/scratch-corpus");
    var o =
        new DeriveReturns.Options(
            new Operator("SA-CORPUS", "SpamAssassin public corpus", "IRL"),
            List.of(
                new DeriveReturns.Input(
                    EvidenceKind.EMAIL, EvidenceDataForTests.corpus().resolve("spam-1").toString()),
                new DeriveReturns.Input(
                    EvidenceKind.EMAIL,
                    EvidenceDataForTests.corpus().resolve("spam-2").toString())),
            PeriodScope.every(PeriodScope.Granularity.MONTH),
            Map.of("email", 1L),
            false,
            MailOptions.trap(
                NetworkList.of(List.of("212.17.35.15", "213.105.180.140", "193.120.211.219"))),
            Map.of(),
            null,
            10,
            EvidenceDataForTests.ipData(),
            CarrierNames.none());
    long t0 = System.nanoTime();
    var ip = org.spamtraffic.evidence.ip.IpLocation.load(EvidenceDataForTests.ipData());
    System.out.println("ip load " + (System.nanoTime() - t0) / 1e9);
    t0 = System.nanoTime();
    var rules = org.spamtraffic.evidence.content.ContentRules.standard();
    int n = 0;
    for (String g : List.of("spam-1", "spam-2")) {
      try (var files = Files.list(EvidenceDataForTests.corpus().resolve(g))) {
        for (Path f : files.toList()) {
          byte[] b = Files.readAllBytes(f);
          var facts = org.spamtraffic.evidence.mail.MessageFacts.read(b, b.length, 100000);
          n += facts.received().size();
        }
      }
    }
    System.out.println("parse " + (System.nanoTime() - t0) / 1e9);
    long t = System.nanoTime();
    var r = new DeriveReturns(o).run(out);
    System.out.println("took " + (System.nanoTime() - t) / 1e9 + " s, rows " + r.rows());
    System.out.println(Files.readString(out.resolve("summary.json")));
  }
}
