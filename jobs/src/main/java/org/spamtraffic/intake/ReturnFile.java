package org.spamtraffic.intake;

import java.io.Serializable;
import java.util.List;

/**
 * What inspection learned about one submitted file, before its rows are read: where it is, what it
 * is, how to read it, and any file-level findings. Serializable, so that Spark tasks can read the
 * rows where the file is.
 *
 * @param uri the file's Hadoop file system URI
 * @param fileName the file's name
 * @param format the format found from the content
 * @param sizeBytes size in bytes
 * @param sha256 hex SHA-256 of the bytes
 * @param receivedAtMillis when the file was received (epoch milliseconds)
 * @param charset for CSV, the character set to decode with
 * @param delimiter for CSV, the field separator
 * @param sheet for workbooks, the sheet holding the return
 * @param headerRow 1-based row number of the header row
 * @param mapping how the header maps to the return format, or null when no header was found
 * @param findings file-level findings, in the order found
 * @param chunks for a big UTF-8 CSV, byte ranges cut at line ends that can be read in parallel:
 *     {start, end, line number of the first line}; empty otherwise (the file is read whole)
 */
public record ReturnFile(
    String uri,
    String fileName,
    FileFormat format,
    long sizeBytes,
    String sha256,
    long receivedAtMillis,
    String charset,
    char delimiter,
    String sheet,
    int headerRow,
    HeaderMapping mapping,
    List<FileFinding> findings,
    List<long[]> chunks)
    implements Serializable {

  /** A file read whole. */
  public ReturnFile(
      String uri,
      String fileName,
      FileFormat format,
      long sizeBytes,
      String sha256,
      long receivedAtMillis,
      String charset,
      char delimiter,
      String sheet,
      int headerRow,
      HeaderMapping mapping,
      List<FileFinding> findings) {
    this(
        uri,
        fileName,
        format,
        sizeBytes,
        sha256,
        receivedAtMillis,
        charset,
        delimiter,
        sheet,
        headerRow,
        mapping,
        findings,
        List.of());
  }

  /** The same file, to be read in the given chunks. */
  public ReturnFile withChunks(List<long[]> byteRanges) {
    return new ReturnFile(
        uri,
        fileName,
        format,
        sizeBytes,
        sha256,
        receivedAtMillis,
        charset,
        delimiter,
        sheet,
        headerRow,
        mapping,
        findings,
        List.copyOf(byteRanges));
  }

  /** The same file with one more finding (a failure while its rows were read). */
  public ReturnFile withFinding(FileFinding finding) {
    List<FileFinding> more = new java.util.ArrayList<>(findings);
    more.add(finding);
    return new ReturnFile(
        uri,
        fileName,
        format,
        sizeBytes,
        sha256,
        receivedAtMillis,
        charset,
        delimiter,
        sheet,
        headerRow,
        mapping,
        List.copyOf(more),
        chunks);
  }

  /** Whether no finding stops the rows from being read. */
  public boolean readable() {
    return mapping != null
        && findings.stream().noneMatch(f -> f.level() == org.spamtraffic.schema.Rule.Level.ERROR);
  }

  /** The submission id of the first copy of these bytes: 16 hex digits of the SHA-256. */
  public String contentId() {
    return sha256.substring(0, 16);
  }
}
