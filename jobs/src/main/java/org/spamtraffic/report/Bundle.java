package org.spamtraffic.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The folder a report is written to ({@code <out>/reports/<study-id>/}), on any Hadoop file system,
 * and the record of every file written to it, with its SHA-256, for the manifest.
 */
final class Bundle implements AutoCloseable {
  /**
   * One file of the bundle.
   *
   * @param path path relative to the bundle folder
   * @param kind chart-png, chart-svg, chart-data, table-csv, workbook, document
   * @param bytes size
   * @param sha256 hex SHA-256 of the bytes
   * @param shows what it shows, for people
   * @param tables the published tables it was made from
   */
  record Output(
      String path, String kind, long bytes, String sha256, String shows, List<String> tables) {}

  private final FileSystem fs;
  private final Path dir;
  private final List<Output> outputs = new ArrayList<>();

  private Bundle(FileSystem fs, Path dir) {
    this.fs = fs;
    this.dir = dir;
  }

  /**
   * Opens {@code dir} afresh: a previous bundle there is removed first, so that no chart of an
   * earlier run is left behind to be mistaken for a current one.
   */
  static Bundle create(String dir, Configuration conf) {
    Path path = new Path(dir);
    try {
      // An instance of our own (not the shared cached one), so that turning off checksum files
      // (.crc files beside every output on the local file system, noise for report writers) does
      // not change how Spark writes the warehouse.
      FileSystem fs = FileSystem.newInstance(path.toUri(), conf);
      fs.setWriteChecksum(false);
      if (fs.exists(path)) {
        fs.delete(path, true);
      }
      fs.mkdirs(path);
      return new Bundle(fs, fs.makeQualified(path));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the report folder " + dir, e);
    }
  }

  /** Writes {@code bytes} to {@code relative} and records it. */
  void write(String relative, byte[] bytes, String kind, String shows, List<String> tables) {
    writeUnrecorded(relative, bytes);
    outputs.add(
        new Output(relative, kind, bytes.length, sha256(bytes), shows, List.copyOf(tables)));
  }

  /** Writes {@code bytes} to {@code relative} without recording it (the manifest itself). */
  void writeUnrecorded(String relative, byte[] bytes) {
    Path target = new Path(dir, relative);
    try (OutputStream out = fs.create(target, true)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target, e);
    }
  }

  @Override
  public void close() {
    try {
      fs.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close the file system of " + dir, e);
    }
  }

  /** The bundle folder. */
  Path dir() {
    return dir;
  }

  /** Every file written, in order. */
  List<Output> outputs() {
    return List.copyOf(outputs);
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /** SHA-256 of a file on any Hadoop file system, streamed. */
  static String sha256(FileSystem fs, Path file) {
    MessageDigest md = digest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = fs.open(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        md.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
