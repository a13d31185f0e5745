package org.spamtraffic.evidence.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spamtraffic.evidence.EvidenceKind;
import org.spamtraffic.evidence.FilePart;
import org.spamtraffic.evidence.PartInput;

class MailArchiveTest {
  static final String MBOX =
      "From a@example.com  Thu Aug 22 13:17:22 2002\n"
          + "Subject: one\n\nFrom the desk of nobody: not a separator (no date).\n>From escaped\n\n"
          + "From b@example.com Fri Aug 23 01:02:03 2002\n"
          + "Subject: two\r\n\r\nbody two\r\n\n"
          + "From MAILER-DAEMON Sat Aug 24 10:00:00 2002 +0200\n"
          + "Subject: three\n\nbody three\n";

  static List<RawMessage> read(byte[] file, long cut) throws Exception {
    List<RawMessage> all = new ArrayList<>();
    List<FilePart> parts = FilePart.cut(EvidenceKind.EMAIL, "box", file.length, cut, true);
    for (FilePart p : parts) {
      InputStream in = new ByteArrayInputStream(file);
      in.skip(PartInput.seekPosition(p));
      new MailArchive(1 << 20).read(p, true, in, all::add);
    }
    return all;
  }

  @Test
  void everyMessageIsReadOnceWhereverTheFileIsCut() throws Exception {
    byte[] file = MBOX.getBytes(StandardCharsets.ISO_8859_1);
    List<RawMessage> whole = read(file, file.length);
    assertThat(whole).hasSize(3);
    assertThat(new String(whole.get(0).bytes(), StandardCharsets.ISO_8859_1))
        .contains("From the desk of nobody");
    assertThat(whole.get(0).deliveredAt()).hasToString("2002-08-22T13:17:22Z");
    assertThat(whole.get(2).deliveredAt()).hasToString("2002-08-24T08:00:00Z");
    assertThat(whole.get(1).where().line()).isEqualTo(7);
    for (int cut = 1; cut < file.length; cut++) {
      List<RawMessage> parts = read(file, cut);
      assertThat(parts).as("cut every %d bytes", cut).hasSize(3);
      for (int i = 0; i < 3; i++) {
        assertThat(parts.get(i).bytes())
            .as("cut %d message %d", cut, i)
            .isEqualTo(whole.get(i).bytes());
        assertThat(parts.get(i).deliveredAt()).isEqualTo(whole.get(i).deliveredAt());
      }
    }
  }

  @Test
  void aFileWithoutFromLineIsOneMessageAndLongOnesAreCut() throws Exception {
    byte[] eml =
        "Received: from x by y; Thu, 22 Aug 2002 08:17:21 -0400\nSubject: hi\n\nbody\n"
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(MailArchive.isMbox(eml, eml.length)).isFalse();
    assertThat(MailArchive.isMbox(MBOX.getBytes(StandardCharsets.US_ASCII), 60)).isTrue();
    List<RawMessage> out = new ArrayList<>();
    new MailArchive(20)
        .read(
            FilePart.whole(EvidenceKind.EMAIL, "cur/1030020000.M1P2.host:2,S", eml.length),
            false,
            new ByteArrayInputStream(eml),
            out::add);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).truncated()).isTrue();
    assertThat(out.get(0).length()).isEqualTo(20);
    assertThat(out.get(0).deliveredBy()).isEqualTo(EnvelopeTimes.MAILDIR_NAME);
    assertThat(out.get(0).deliveredAt()).hasToString("2002-08-22T12:40:00Z");
  }
}
