package org.spamtraffic.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file under a folder with the SHA-256 of its bytes, to show that an attack changed nothing
 * (two snapshots are equal exactly when no file was added, removed or changed).
 */
final class FolderSnapshot {
  private FolderSnapshot() {}

  /** Relative path → hex SHA-256, for every regular file under {@code root} (empty if absent). */
  static Map<String, String> of(Path root) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(root)) {
      return out;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        out.put(
            root.relativize(p).toString(),
            HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
