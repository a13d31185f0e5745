package org.spamtraffic.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How the text of a CSV is decoded, the same way wherever it is read (ingest, validate, the
 * annotated copy). UTF-8 is decoded strictly, and a byte sequence that is not UTF-8 is read as
 * Windows-1252 instead of becoming U+FFFD: a file saved part in UTF-8 and part in the Western
 * European code page (rows pasted from another export) keeps "Société" instead of "Soci�t�", and
 * {@link FileInspector} says which line the change starts on ({@code file.mixed_encoding}). For
 * valid UTF-8 the text is exactly the JDK decoder's.
 */
public final class TextDecoding {
  private static final char[] WINDOWS_1252 = windows1252();

  private TextDecoding() {}

  /** A reader of {@code in} in {@code charset}; UTF-8 falls back to Windows-1252 byte by byte. */
  public static Reader reader(InputStream in, Charset charset) {
    if (charset.equals(StandardCharsets.UTF_8)) {
      return new Utf8OrWindows1252(in);
    }
    return new InputStreamReader(in, charset);
  }

  private static char[] windows1252() {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    return new String(all, Charset.forName("windows-1252")).toCharArray();
  }

  /** The JDK's UTF-8 decoder, with each malformed sequence decoded as Windows-1252. */
  private static final class Utf8OrWindows1252 extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private boolean eof;
    private boolean flushed;

    Utf8OrWindows1252(InputStream in) {
      this.in = in;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      CharBuffer out = CharBuffer.wrap(cbuf, off, len);
      while (out.position() == off) {
        CoderResult r = decoder.decode(bytes, out, eof);
        if (r.isMalformed() || r.isUnmappable()) {
          // The bytes that do not fit are decoded next time: the tail of a malformed sequence is
          // continuation bytes, which never start a valid one, so the result is the same.
          int fit = Math.min(r.length(), out.remaining());
          for (int i = 0; i < fit; i++) {
            out.put(WINDOWS_1252[bytes.get() & 0xFF]);
          }
        } else if (r.isOverflow()) {
          break;
        } else if (eof) {
          if (!flushed) {
            decoder.flush(out);
            flushed = true;
          }
          break;
        } else {
          fill();
        }
      }
      int n = out.position() - off;
      return n == 0 && eof ? -1 : n;
    }

    private void fill() throws IOException {
      bytes.compact();
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (n < 0) {
        eof = true;
      } else {
        bytes.position(bytes.position() + n);
      }
      bytes.flip();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
