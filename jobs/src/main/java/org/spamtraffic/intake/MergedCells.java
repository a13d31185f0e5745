package org.spamtraffic.intake;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Counts merged ranges of an XLSX sheet. The streaming reader does not expose them, so the sheet's
 * XML is scanned as bytes for {@code <mergeCell } elements (they follow the cell data).
 */
final class MergedCells {
  private static final byte[] TAG = "<mergeCell ".getBytes(StandardCharsets.US_ASCII);

  private MergedCells() {}

  static int countInXlsx(File xlsx, Sheet sheet) throws IOException {
    // Sheet parts are named sheetN.xml after their position in most writers; fall back to
    // counting in every worksheet when the name does not match.
    String guess = "xl/worksheets/sheet" + (sheet.getIndex() + 1) + ".xml";
    try (ZipFile zip = new ZipFile(xlsx)) {
      ZipEntry entry = zip.getEntry(guess);
      if (entry != null) {
        return count(zip, entry);
      }
      int total = 0;
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (e.getName().startsWith("xl/worksheets/") && e.getName().endsWith(".xml")) {
          total += count(zip, e);
        }
      }
      return total;
    }
  }

  private static int count(ZipFile zip, ZipEntry entry) throws IOException {
    int found = 0;
    int matched = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = zip.getInputStream(entry)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          byte b = buffer[i];
          if (b == TAG[matched]) {
            matched++;
            if (matched == TAG.length) {
              found++;
              matched = 0;
            }
          } else {
            matched = b == TAG[0] ? 1 : 0;
          }
        }
      }
    }
    return found;
  }
}
