package org.spamtraffic.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Office files (DOCX, XLSX) with fixed entry times. POI stamps every entry of the zip with the
 * clock, so the same document made twice differed in its bytes; with the warehouse commit's time
 * instead, the bundle of a commit is the same file for file whenever it is made.
 */
final class Zips {
  private Zips() {}

  /** {@code zip} with every entry dated {@code time} (UTC, so the time zone does not matter). */
  static byte[] withEntryTimes(byte[] zip, Instant time) {
    LocalDateTime at = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(zip.length);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTimeLocal(at);
        out.putNextEntry(copy);
        in.transferTo(out);
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot rewrite an office file's zip entries", e);
    }
    return bytes.toByteArray();
  }
}
