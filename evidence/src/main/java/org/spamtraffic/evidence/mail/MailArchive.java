package org.spamtraffic.evidence.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.spamtraffic.evidence.FilePart;
import org.spamtraffic.evidence.LineInput;
import org.spamtraffic.evidence.PartInput;
import org.spamtraffic.evidence.Where;

/**
 * Reads the messages of one part of a mail file. A file whose first line is an mbox {@code From }
 * line is an mbox: a new message starts at every line that begins with {@code From } and carries a
 * date (so a body line such as "From the desk of..." does not cut a message), and a message belongs
 * to the part its {@code From } line starts in. Any other file (Maildir, .eml, RFC 822) is one
 * message, read by the file's first part. Mime4j's own mbox iterator maps a whole file in memory
 * and cannot start in the middle, which the parts of a Spark job need.
 */
public final class MailArchive implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final byte[] FROM = {'F', 'r', 'o', 'm', ' '};

  private final int maxMessageBytes;

  /** Reads messages of at most {@code maxMessageBytes} (longer ones are cut and marked so). */
  public MailArchive(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  /** Whether a file starting with {@code head} is an mbox (its first line is a From line). */
  public static boolean isMbox(byte[] head, int length) {
    if (length < FROM.length) {
      return false;
    }
    for (int i = 0; i < FROM.length; i++) {
      if (head[i] != FROM[i]) {
        return false;
      }
    }
    int end = 0;
    while (end < length && head[end] != '\n') {
      end++;
    }
    return EnvelopeTimes.fromLine(head, 0, end).isPresent();
  }

  /**
   * Reads the messages of {@code part}.
   *
   * @param part the part
   * @param mbox whether the file is an mbox ({@link #isMbox})
   * @param in the file's bytes from {@link PartInput#seekPosition(FilePart)}, buffered
   * @param out receives each message
   */
  public void read(FilePart part, boolean mbox, InputStream in, Consumer<RawMessage> out)
      throws IOException {
    if (!mbox) {
      if (part.first()) {
        out.accept(single(part, in));
      }
      return;
    }
    // A message runs on past the part's end to the next From line: only where messages start is
    // bounded by the part. The stream starts at the byte before the part (see PartInput), so a
    // line that starts exactly at the part's start is seen as starting there.
    long seek = PartInput.seekPosition(part);
    LineInput lines = new LineInput(in, seek);
    Builder current = null;
    long lineNo = 0;
    boolean started = false;
    while (lines.next()) {
      long at = lines.position();
      if (!started) {
        if (at < part.start() || (at == seek && seek > 0)) {
          continue; // the tail of a line (or message) that started in the previous part
        }
        started = true;
      }
      lineNo++;
      Optional<Instant> from =
          lines.startsWith("From ")
              ? EnvelopeTimes.fromLine(lines.bytes(), lines.start(), lines.length())
              : Optional.empty();
      if (from.isPresent()) {
        if (current != null) {
          out.accept(current.build());
          current = null;
        }
        if (at >= part.end()) {
          return; // the next part's message
        }
        current = new Builder(new Where(part.file(), part.start(), lineNo), from.get());
        continue;
      }
      if (current != null) {
        current.add(lines.bytes(), lines.start(), lines.length());
      }
      // Lines before the part's first From line belong to the message of the previous part.
    }
    if (current != null) {
      out.accept(current.build());
    }
  }

  private RawMessage single(FilePart part, InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream((int) Math.min(part.length(), 1 << 20));
    byte[] buf = new byte[1 << 16];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      int keep = (int) Math.max(0, Math.min(n, maxMessageBytes - total));
      b.write(buf, 0, keep);
      total += n;
    }
    String name = part.file().substring(part.file().lastIndexOf('/') + 1);
    Optional<Instant> maildir = EnvelopeTimes.maildirName(name);
    return new RawMessage(
        Where.file(part.file()),
        b.toByteArray(),
        b.size(),
        total > maxMessageBytes,
        maildir.orElse(null),
        maildir.isPresent() ? EnvelopeTimes.MAILDIR_NAME : null);
  }

  private final class Builder {
    private final Where where;
    private final Instant deliveredAt;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
    private boolean truncated;

    Builder(Where where, Instant deliveredAt) {
      this.where = where;
      this.deliveredAt = deliveredAt;
    }

    void add(byte[] b, int off, int len) {
      int keep = Math.min(len, maxMessageBytes - bytes.size());
      if (keep < len) {
        truncated = true;
      }
      if (keep > 0) {
        bytes.write(b, off, keep);
      }
    }

    RawMessage build() {
      return new RawMessage(
          where,
          bytes.toByteArray(),
          bytes.size(),
          truncated,
          deliveredAt,
          EnvelopeTimes.FROM_LINE);
    }
  }
}
