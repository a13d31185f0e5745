package org.spamtraffic.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The landing folder that {@code ingest-returns} reads, as the portal writes it: one folder per
 * operator, each upload stored as {@code <operator>/<yyyyMMddTHHmmssZ>_<sanitised name>} (the time
 * stamp orders resubmissions), created new, never overwritten. Nothing is ever written outside the
 * landing folder: every path is checked after normalisation.
 */
public final class Landing {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** A stored file name: time stamp, underscore, then sanitised characters only. */
  static final Pattern STORED_NAME = Pattern.compile("^\\d{8}T\\d{6}Z_[A-Za-z0-9][A-Za-z0-9._-]*$");

  private static final int MAX_NAME = 100;

  private final Path root;

  /** The landing folder at {@code root} (created if needed). */
  public Landing(Path root) {
    try {
      this.root = Files.createDirectories(root).toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot use the landing folder " + root, e);
    }
  }

  /** The landing folder, absolute and real. */
  public Path root() {
    return root;
  }

  /**
   * A file name made safe: the last segment of whatever path the browser sent, letters, digits,
   * dots, dashes and underscores only (others become {@code _}), no leading dot or underscore (the
   * batch job skips those), at most 100 characters.
   */
  public static String sanitise(String submitted) {
    String name = submitted == null ? "" : submitted;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD);
    name = name.replaceAll("\\p{M}", "");
    name = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("_{2,}", "_");
    name = name.replaceAll("^[._-]+", "");
    name = name.replaceAll("\\.{2,}", ".");
    if (name.length() > MAX_NAME) {
      int dot = name.lastIndexOf('.');
      String ext = dot > 0 && name.length() - dot <= 6 ? name.substring(dot) : "";
      name = name.substring(0, MAX_NAME - ext.length()) + ext;
    }
    return name.isEmpty() ? "return" : name;
  }

  /**
   * Moves {@code upload} into the operator's folder under a new, time-stamped name; never replaces
   * a file (a second upload in the same second gets {@code -2}, {@code -3}...).
   */
  public Path store(String operator, String submittedName, Instant receivedAt, Path upload) {
    Path folder = operatorFolder(operator);
    String base = STAMP.format(receivedAt) + "_" + sanitise(submittedName);
    try {
      Files.createDirectories(folder);
      for (int n = 1; ; n++) {
        String name = n == 1 ? base : withSuffix(base, n);
        Path target = inside(folder.resolve(name));
        try {
          // Copy to a new file (fails if it exists), so that nothing is ever overwritten.
          Files.copy(upload, target);
          return target;
        } catch (FileAlreadyExistsException e) {
          // Another upload took this name in the same second: try the next suffix.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store the upload in " + folder, e);
    }
  }

  private static String withSuffix(String name, int n) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
  }

  /** The operator's folder; the id is checked, so it cannot climb out of the landing folder. */
  Path operatorFolder(String operator) {
    if (!Credentials.OPERATOR_ID.matcher(operator).matches()) {
      throw new IllegalArgumentException("Not an operator id: '" + operator + "'");
    }
    return inside(root.resolve(operator));
  }

  /** A stored file of {@code operator}, if the name is a stored name and the file exists. */
  public Optional<Path> find(String operator, String storedName) {
    if (!Credentials.OPERATOR_ID.matcher(operator).matches()
        || !STORED_NAME.matcher(storedName).matches()) {
      return Optional.empty();
    }
    Path p = inside(operatorFolder(operator).resolve(storedName));
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /** One stored upload. */
  public record Stored(String operator, String name, long sizeBytes, Path path) {}

  /**
   * The operator's stored uploads, newest first; every operator's when {@code operator} is null.
   */
  public List<Stored> list(String operator) {
    List<Stored> out = new ArrayList<>();
    try {
      List<Path> folders = new ArrayList<>();
      if (operator != null) {
        folders.add(operatorFolder(operator));
      } else {
        try (DirectoryStream<Path> all = Files.newDirectoryStream(root, Files::isDirectory)) {
          all.forEach(folders::add);
        }
      }
      for (Path folder : folders) {
        if (!Files.isDirectory(folder)) {
          continue;
        }
        String op = folder.getFileName().toString();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
          for (Path f : files) {
            String name = f.getFileName().toString();
            if (Files.isRegularFile(f) && STORED_NAME.matcher(name).matches()) {
              out.add(new Stored(op, name, Files.size(f), f));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the landing folder " + root, e);
    }
    out.sort(Comparator.comparing(Stored::name).reversed().thenComparing(Stored::operator));
    return out;
  }

  /** {@code p} if it lies inside the landing folder after normalisation; otherwise an error. */
  private Path inside(Path p) {
    Path n = p.toAbsolutePath().normalize();
    if (!n.startsWith(root) || n.equals(root)) {
      throw new IllegalArgumentException("Refused: a path outside the landing folder");
    }
    return n;
  }
}
