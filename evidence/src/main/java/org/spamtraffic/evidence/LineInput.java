package org.spamtraffic.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Lines of bytes (each with its {@code \n}, if any) with the file position each starts at. Bytes
 * stay bytes: mail is decoded later, part by part, in the charset each part declares.
 */
public final class LineInput {
  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private long filePosOfBuf;
  private int lineStart;
  private int lineLength;
  private boolean eof;

  /** Lines of {@code in}, whose next byte is byte {@code position} of the file. */
  public LineInput(InputStream in, long position) {
    this.in = in;
    this.filePosOfBuf = position;
  }

  /** Reads the next line; false at the end of the stream. */
  public boolean next() throws IOException {
    int from = pos;
    while (true) {
      for (int i = pos; i < limit; i++) {
        if (buf[i] == '\n') {
          lineStart = from;
          lineLength = i + 1 - from;
          pos = i + 1;
          return true;
        }
      }
      pos = limit;
      if (eof) {
        if (limit > from) {
          lineStart = from;
          lineLength = limit - from;
          return true;
        }
        return false;
      }
      // Keep the partial line: move it to the front (or grow the buffer) and read more.
      if (from > 0) {
        System.arraycopy(buf, from, buf, 0, limit - from);
        filePosOfBuf += from;
        limit -= from;
        pos = limit;
        from = 0;
      } else if (limit == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        eof = true;
      } else {
        limit += n;
      }
    }
  }

  /** The buffer holding the current line. */
  public byte[] bytes() {
    return buf;
  }

  /** Where the current line starts in {@link #bytes()}. */
  public int start() {
    return lineStart;
  }

  /** Length of the current line, its newline included. */
  public int length() {
    return lineLength;
  }

  /** The file position of the current line's first byte. */
  public long position() {
    return filePosOfBuf + lineStart;
  }

  /** Whether the current line starts with the ASCII text {@code prefix}. */
  public boolean startsWith(String prefix) {
    if (lineLength < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (buf[lineStart + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
