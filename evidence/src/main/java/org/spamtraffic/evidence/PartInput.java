package org.spamtraffic.evidence;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of the lines of a {@link FilePart}: from the first line that starts at or after the
 * part's start to the end of the last line that starts before the part's end. Wraps a stream
 * positioned at byte {@code start - 1} of the file (or 0 for the first part): that byte tells
 * whether the part starts on a line's first byte.
 */
public final class PartInput extends InputStream {
  private final InputStream in;
  private final long end;
  private long pos;
  private boolean lastWasNewline;
  private boolean done;

  /**
   * @param in the file's bytes from {@link #seekPosition(FilePart)}
   * @param part the part to read
   */
  public PartInput(InputStream in, FilePart part) throws IOException {
    this.in = in;
    this.end = part.end();
    if (part.start() == 0) {
      pos = 0;
      lastWasNewline = true;
    } else {
      // Skip the rest of the line that began before the part: it belongs to the previous one.
      pos = part.start() - 1;
      int b;
      while ((b = in.read()) >= 0) {
        pos++;
        if (b == '\n') {
          break;
        }
      }
      if (b < 0) {
        done = true;
      }
      lastWasNewline = true;
    }
    if (pos >= end) {
      done = true;
    }
  }

  /** Where to position the file's stream before wrapping it. */
  public static long seekPosition(FilePart part) {
    return part.start() == 0 ? 0 : part.start() - 1;
  }

  /** The file position of the next byte this stream returns. */
  public long position() {
    return pos;
  }

  @Override
  public int read() throws IOException {
    if (done || (pos >= end && lastWasNewline)) {
      done = true;
      return -1;
    }
    int b = in.read();
    if (b < 0) {
      done = true;
      return -1;
    }
    pos++;
    lastWasNewline = b == '\n';
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (done || (pos >= end && lastWasNewline)) {
      done = true;
      return -1;
    }
    if (pos < end) {
      // Bulk read up to the part's end; past it, byte by byte to the end of the current line.
      int n = in.read(b, off, (int) Math.min(len, end - pos));
      if (n < 0) {
        done = true;
        return -1;
      }
      pos += n;
      lastWasNewline = b[off + n - 1] == '\n';
      return n;
    }
    int i = 0;
    while (i < len) {
      int c = read();
      if (c < 0) {
        break;
      }
      b[off + i++] = (byte) c;
      if (c == '\n') {
        break;
      }
    }
    return i == 0 ? -1 : i;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
