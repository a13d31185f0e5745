package org.spamtraffic.evidence;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A part of one evidence file: bytes {@code [start, end)} of a file of {@code length} bytes. A
 * record (a log line, an mbox message) belongs to the part its first byte is in, so the parts of a
 * file read every record exactly once, whatever the cuts. Reading a whole file is reading the part
 * {@code [0, length)}.
 *
 * @param kind what the file holds
 * @param file path or URI of the file
 * @param start first byte of the part
 * @param end first byte after the part
 * @param length the file's size
 */
public record FilePart(EvidenceKind kind, String file, long start, long end, long length)
    implements Serializable {

  /** The whole of a file. */
  public static FilePart whole(EvidenceKind kind, String file, long length) {
    return new FilePart(kind, file, 0, length, length);
  }

  /**
   * The file cut into parts of about {@code partBytes} (the last may be shorter); one part when the
   * file is smaller or when {@code splittable} is false.
   */
  public static List<FilePart> cut(
      EvidenceKind kind, String file, long length, long partBytes, boolean splittable) {
    List<FilePart> parts = new ArrayList<>();
    if (!splittable || length <= partBytes) {
      parts.add(whole(kind, file, length));
      return parts;
    }
    for (long s = 0; s < length; s += partBytes) {
      parts.add(new FilePart(kind, file, s, Math.min(length, s + partBytes), length));
    }
    return parts;
  }

  /** Whether the part starts at the beginning of the file. */
  public boolean first() {
    return start == 0;
  }
}
