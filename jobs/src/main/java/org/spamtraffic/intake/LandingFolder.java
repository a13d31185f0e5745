package org.spamtraffic.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The landing folder as intake sees it: which entries are submissions, and the file system that
 * reads them.
 *
 * <p>On a local disk the folder is walked without following links: a symbolic link (to a file or to
 * a folder, dangling or not) and a pipe are listed like files, so that {@link FileInspector}
 * refuses each with a finding ({@code file.not_regular}) instead of reading what it points at or
 * skipping it in silence (Hadoop's own listing follows links into other folders and drops dangling
 * ones).
 */
public final class LandingFolder {
  private LandingFolder() {}

  /**
   * Every entry under {@code landing} that is not a folder, recursively, sorted, skipping hidden
   * and underscore names and READMEs.
   *
   * @throws IllegalArgumentException when the folder does not exist
   */
  public static List<String> list(Configuration conf, String landing) {
    Path root = new Path(landing);
    List<String> out = new ArrayList<>();
    try {
      FileSystem fs = fileSystem(root, conf);
      if (!fs.exists(root)) {
        throw new IllegalArgumentException(
            "The landing folder " + landing + " does not exist; pass an existing folder");
      }
      if (fs instanceof RawLocalFileSystem) {
        java.nio.file.Path start = localPath(fs.makeQualified(root));
        try (Stream<java.nio.file.Path> walk = Files.walk(start)) { // links are not followed
          walk.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
              .filter(p -> kept(p.getFileName().toString()))
              .forEach(p -> out.add(new Path(p.toUri()).toString()));
        }
      } else {
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
          LocatedFileStatus s = it.next();
          if (kept(s.getPath().getName())) {
            out.add(s.getPath().toString());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the landing folder " + landing, e);
    }
    out.sort(String::compareTo);
    return out;
  }

  private static boolean kept(String name) {
    return !name.startsWith(".") && !name.startsWith("_") && !name.equalsIgnoreCase("README.md");
  }

  /**
   * The local path of a {@code file:} Hadoop path. Through the URI's ASCII form: the JDK refuses a
   * URI that holds non-ASCII characters as they are ("réponse été.csv").
   */
  public static java.nio.file.Path localPath(Path path) {
    return java.nio.file.Paths.get(java.net.URI.create(path.toUri().toASCIIString()));
  }

  /**
   * The file system that reads {@code path}: a local one without Hadoop's checksum layer (a landing
   * file has no {@code .crc} beside it; a stray one must not fail it, and a name with a colon
   * breaks the name of the {@code .crc} that layer looks for).
   */
  public static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    if (fs instanceof ChecksumFileSystem checksummed
        && checksummed.getRawFileSystem() instanceof RawLocalFileSystem raw) {
      return raw;
    }
    return fs;
  }
}
