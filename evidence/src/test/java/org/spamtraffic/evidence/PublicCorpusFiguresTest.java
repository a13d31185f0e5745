package org.spamtraffic.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.evidence.ip.NetworkList;
import org.spamtraffic.evidence.mail.MailOptions;
import org.spamtraffic.evidence.phone.CarrierNames;

/**
 * The figures docs/derive-returns.md states for the SpamAssassin public corpus (the output of
 * {@code evidence/public-corpus}), derived again: messages per month, categories, top origin
 * countries and networks. A change to the rules or the data that moves them fails here first.
 */
class PublicCorpusFiguresTest {
  @TempDir Path dir;

  @Test
  void theCorpusGivesTheFiguresTheDocsState() {
    DeriveReturns.Options o =
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
                NetworkList.of(
                    org.spamtraffic.evidence.mail.OriginAgainstSpamAssassinTestAccess.trusted())),
            Map.of(),
            null,
            10,
            EvidenceDataForTests.ipData(),
            CarrierNames.none());
    DeriveReturns.Result r = new DeriveReturns(o).run(dir);
    Tally.Inputs in = r.tally().allInputs();
    assertThat(in.read()).isEqualTo(1896);
    assertThat(in.unusable()).isZero();
    assertThat(r.rows()).isEqualTo(833);

    assertThat(sum(r.tally(), ReturnKey::period))
        .containsExactly(
            entry("2001-06", 34L),
            entry("2001-07", 52L),
            entry("2001-08", 47L),
            entry("2002-06", 502L),
            entry("2002-07", 573L),
            entry("2002-08", 325L),
            entry("2002-09", 321L),
            entry("2002-10", 6L),
            entry("2002-11", 7L),
            entry("2002-12", 29L));
    assertThat(sum(r.tally(), ReturnKey::contentCategory))
        .containsOnly(
            entry("commercial", 1467L),
            entry("unknown", 345L),
            entry("fraud_scam", 66L),
            entry("phishing", 18L));
    assertThat(top(sum(r.tally(), ReturnKey::sourceCountry), 5))
        .containsExactly(
            entry("USA", 835L),
            entry("CHN", 168L),
            entry("KOR", 135L),
            entry("CAN", 101L),
            entry("IRL", 79L));
    assertThat(top(sum(r.tally(), ReturnKey::sourceNetwork), 5))
        .containsExactly(
            entry("AS7018", 148L),
            entry("AS701", 123L),
            entry("AS401884", 88L),
            entry("AS4766", 81L),
            entry("AS5466", 74L));
  }

  static Map<String, Long> sum(Tally t, java.util.function.Function<ReturnKey, String> by) {
    Map<String, Long> m = new TreeMap<>();
    t.rows().forEach((k, row) -> m.merge(by.apply(k), row.detected(), Long::sum));
    return m;
  }

  static Map<String, Long> top(Map<String, Long> m, int n) {
    return m.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }
}
