package org.spamtraffic.intake;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Workbooks need random access (ZIP central directory, OLE2 sectors): a local file is used as is, a
 * remote one (HDFS, S3...) is copied to a temporary file first and deleted after.
 */
final class LocalCopy {
  private LocalCopy() {}

  static File of(FileSystem fs, Path path) throws IOException {
    if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
      return new File(fs.makeQualified(path).toUri());
    }
    File temp = File.createTempFile("spamtraffic-", "-" + path.getName());
    try (InputStream in = fs.open(path)) {
      Files.copy(in, temp.toPath(), StandardCopyOption.REPLACE_EXISTING);
    }
    return temp;
  }

  static void release(File local, Path original) {
    if (local != null && !local.getAbsolutePath().equals(original.toUri().getPath())) {
      try {
        Files.deleteIfExists(local.toPath());
      } catch (IOException e) {
        // A leftover temporary file is harmless; the OS cleans its temp folder.
      }
    }
  }
}
