package org.spamtraffic.intake;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Workbooks need random access (ZIP central directory, OLE2 sectors): a local file is used as is, a
 * remote one (HDFS, S3...) is copied to a temporary file first. {@link #release} deletes only the
 * temporary copies this class made, never a caller's file.
 */
public final class LocalCopy {
  private static final Set<String> TEMPORARY = Collections.newSetFromMap(new ConcurrentHashMap<>());

  private LocalCopy() {}

  static File of(FileSystem fs, Path path) throws IOException {
    if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
      return LandingFolder.localPath(fs.makeQualified(path)).toFile();
    }
    File temp = File.createTempFile("spamtraffic-", "-" + path.getName());
    TEMPORARY.add(temp.getAbsolutePath());
    try (InputStream in = fs.open(path)) {
      Files.copy(in, temp.toPath(), StandardCopyOption.REPLACE_EXISTING);
    }
    return temp;
  }

  /**
   * A temporary copy of a local workbook with its ISO date cells typed so that the streaming reader
   * reads them ({@link WorkbookScan#withoutIsoDateCells}); {@link #release} deletes it.
   */
  public static File withoutIsoDateCells(File local) throws IOException {
    File temp = File.createTempFile("spamtraffic-dates-", ".xlsx");
    TEMPORARY.add(temp.getAbsolutePath());
    try {
      WorkbookScan.withoutIsoDateCells(local, temp);
    } catch (IOException | RuntimeException e) {
      release(temp);
      throw e;
    }
    return temp;
  }

  /** Deletes {@code local} if this class made it (a temporary copy); never a caller's file. */
  public static void release(File local) {
    if (local != null && TEMPORARY.remove(local.getAbsolutePath())) {
      try {
        Files.deleteIfExists(local.toPath());
      } catch (IOException e) {
        // A leftover temporary file is harmless; the OS cleans its temp folder.
      }
    }
  }
}
