package org.spamtraffic.evidence.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spamtraffic.evidence.EvidenceKind;
import org.spamtraffic.evidence.FilePart;
import org.spamtraffic.evidence.Outcome;
import org.spamtraffic.evidence.PartInput;

class LogReaderTest {
  static final String LOG =
      "\uFEFFTime,Sender,Recipient,Verdict,Route\n"
          + "2025-01-05T10:00:00Z,+254712000001,+254722000001,blocked,domestic\n"
          + "\n"
          + "2025-01-05 11:00:00,BANK,+254722000002,\"spam, tagged\",a2p\n"
          + "2025-01-05T12:00:00+03:00,+919810000001,+254722000003,clean,international,extra\n"
          + "1736071200,40404,+254722000004,spam,a2p\n";

  @Test
  void recordsAreReadOnceWhereverTheFileIsCut() throws Exception {
    byte[] file = LOG.getBytes(StandardCharsets.UTF_8);
    LogReader reader = new LogReader(EvidenceKind.SMS, LogLayout.documented());
    int newline = LOG.getBytes(StandardCharsets.UTF_8).length;
    LogReader.Header header = reader.header(java.util.Arrays.copyOf(file, LOG.indexOf('\n') + 3));
    assertThat(header.missing()).isEmpty();
    assertThat(header.width()).isEqualTo(5);
    for (int cut = 1; cut <= newline; cut++) {
      List<String> senders = new ArrayList<>();
      List<String> bad = new ArrayList<>();
      for (FilePart p : FilePart.cut(EvidenceKind.SMS, "log.csv", file.length, cut, true)) {
        InputStream in = new ByteArrayInputStream(file);
        in.skip(PartInput.seekPosition(p));
        reader.read(
            p,
            header,
            in,
            r -> senders.add(r.get(LogLayout.Column.SENDER)),
            (Outcome.Unusable u) -> bad.add(u.reason()));
      }
      assertThat(senders).as("cut %d", cut).containsExactly("+254712000001", "BANK", "40404");
      assertThat(bad).as("cut %d", cut).containsExactly("log.malformed_row");
    }
  }

  @Test
  void headersAreMatchedByNameOrAliasAndMissingOnesNamed() {
    LogReader reader = new LogReader(EvidenceKind.SMS, LogLayout.documented());
    LogReader.Header h = reader.header("A_Number;x".getBytes(StandardCharsets.UTF_8));
    assertThat(h.missing()).containsExactly("sender", "time", "verdict");
    LogReader.Header h2 =
        reader.header("timestamp,from,to,action".getBytes(StandardCharsets.UTF_8));
    assertThat(h2.missing()).isEmpty();
  }

  @Test
  void timesInEachDocumentedForm() {
    TimeReader t = LogLayout.documented().times();
    Instant ten = Instant.parse("2025-01-05T10:00:00Z");
    assertThat(t.read("2025-01-05T10:00:00Z")).contains(ten);
    assertThat(t.read("2025-01-05 10:00:00")).contains(ten);
    assertThat(t.read("2025-01-05T13:00:00+03:00")).contains(ten);
    assertThat(t.read("1736071200")).contains(ten);
    assertThat(t.read("1736071200000")).contains(ten);
    assertThat(t.read("2025-02-30 10:00:00")).isEmpty();
    assertThat(t.read("yesterday")).isEmpty();
    TimeReader nairobi =
        new TimeReader("dd/MM/yyyy HH:mm:ss", java.time.ZoneId.of("Africa/Nairobi"));
    assertThat(nairobi.read("05/01/2025 13:00:00")).contains(ten);
    assertThat(nairobi.read("31/02/2025 13:00:00")).isEmpty();
  }
}
