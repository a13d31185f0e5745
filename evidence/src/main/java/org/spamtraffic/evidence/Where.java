package org.spamtraffic.evidence;

import java.io.Serializable;

/**
 * Where an input was found: its file, and its line counted from a byte offset of that file. A
 * reader that starts at the beginning of a file gives offset 0 and the line number in the file; a
 * reader of one part of a large file (a Spark task) gives the part's first byte and the line within
 * the part, which is just as exact. Messages of an mbox file are located by the line of their
 * {@code From } line.
 *
 * @param file the file's path or URI
 * @param offset the byte the line count starts from (0: the start of the file)
 * @param line the line, 1-based, counted from {@code offset}; 0 when the input is a whole file
 */
public record Where(String file, long offset, long line) implements Serializable {
  /** A whole file (a Maildir or .eml message, or a file that could not be read). */
  public static Where file(String file) {
    return new Where(file, 0, 0);
  }

  /** The position as people read it: {@code line 12}, or {@code line 3 after byte 67108864}. */
  public String position() {
    if (line == 0) {
      return "";
    }
    return offset == 0 ? "line " + line : "line " + line + " after byte " + offset;
  }
}
