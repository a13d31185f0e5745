package org.spamtraffic.evidence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchParseTest {
  @Test
  void run() throws Exception {
    List<byte[]> msgs = new ArrayList<>();
    for (String g : List.of("spam-1", "spam-2")) {
      try (var files = Files.list(EvidenceDataForTests.corpus().resolve(g))) {
        for (Path f : files.toList()) {
          msgs.add(Files.readAllBytes(f));
        }
      }
    }
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      int n = 0;
      for (byte[] b : msgs) {
        var facts = org.spamtraffic.evidence.mail.MessageFacts.read(b, b.length, 100000);
        n += facts.received().size();
      }
      System.out.println("parse " + (System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      for (byte[] b : msgs) {
        var s =
            new org.apache.james.mime4j.stream.MimeTokenStream(
                org.apache.james.mime4j.stream.MimeConfig.PERMISSIVE);
        s.parse(new java.io.ByteArrayInputStream(b));
        for (var st = s.getState();
            st != org.apache.james.mime4j.stream.EntityState.T_END_OF_STREAM;
            st = s.next()) {}
      }
      System.out.println("bare " + (System.nanoTime() - t0) / 1e9);
    }
  }
}
