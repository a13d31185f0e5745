package org.spamtraffic.intake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.spamtraffic.schema.ReturnFormat;

/**
 * What changed in the landing folder since the files {@code submissions} records: which files are
 * new, and whether the recorded ones are all still there with the same bytes.
 *
 * <p>A recorded file at the same path with the same size and modification time is taken as
 * unchanged without reading it (as {@code git status} and {@code rsync} do); one whose size or time
 * differs is hashed again, and if its SHA-256 is still the recorded one it is unchanged too (its
 * new time is recorded). The landing folder is the source of truth, so an incremental run is only
 * allowed where it gives what a run over the whole folder gives: when a recorded file is gone or
 * has other bytes, when the return format's version changed, or when a new file is an earlier copy
 * of a recorded one (it would be the original, and the recorded file its duplicate), the run
 * rebuilds everything from the landing folder and says why ({@link #rebuildReason}).
 */
final class LandingChanges {
  private final List<RecordedFile> kept = new ArrayList<>();
  private final List<String> added = new ArrayList<>();
  private final Map<String, Long> modifiedAt = new HashMap<>();
  private final Map<String, ReturnFile> inspected = new LinkedHashMap<>();
  private final List<String> gone = new ArrayList<>();
  private final List<String> changed = new ArrayList<>();
  private String rebuildReason;

  private LandingChanges() {}

  /**
   * Compares the landing folder's files {@code uris} (as {@link LandingFolder#list} gives them)
   * with {@code recorded}; hashes again, with {@code inspector}, the recorded files whose size or
   * time changed.
   */
  static LandingChanges of(
      Configuration conf, List<String> uris, List<RecordedFile> recorded, FileInspector inspector) {
    LandingChanges c = new LandingChanges();
    Map<String, RecordedFile> byUri = new HashMap<>();
    recorded.forEach(r -> byUri.put(r.uri(), r));
    for (String uri : uris) {
      Path path = new Path(uri);
      String qualified = uri;
      FileStatus status = null;
      try {
        FileSystem fs = LandingFolder.fileSystem(path, conf);
        qualified = fs.makeQualified(path).toString();
        status = fs.getFileStatus(path);
      } catch (IOException e) {
        // No status (a dangling link, say): inspection says what the file is.
      }
      if (status != null) {
        c.modifiedAt.put(qualified, status.getModificationTime());
      }
      RecordedFile r = byUri.remove(qualified);
      if (r == null) {
        r = byUri.remove(uri);
      }
      if (r == null) {
        c.added.add(uri);
      } else if (status != null
          && r.sizeBytes() == status.getLen()
          && Objects.equals(r.modifiedAtMillis(), status.getModificationTime())) {
        c.kept.add(r);
      } else {
        ReturnFile again = inspector.inspect(uri);
        c.inspected.put(uri, again);
        if (again.sha256().equals(r.sha256())) {
          c.kept.add(r);
        } else {
          c.changed.add(r.fileName());
        }
      }
    }
    byUri.values().forEach(r -> c.gone.add(r.fileName()));
    c.gone.sort(String::compareTo);
    List<String> reasons = new ArrayList<>();
    if (!c.gone.isEmpty()) {
      reasons.add(c.gone.size() + " recorded file(s) no longer in the landing folder " + c.gone);
    }
    if (!c.changed.isEmpty()) {
      reasons.add(c.changed.size() + " recorded file(s) with other bytes " + c.changed);
    }
    int version = ReturnFormat.v1().version();
    recorded.stream()
        .filter(r -> r.formatVersion() != version)
        .findFirst()
        .ifPresent(
            r ->
                reasons.add(
                    "files recorded with return format v"
                        + r.formatVersion()
                        + ", now v"
                        + version));
    c.rebuildReason = reasons.isEmpty() ? null : String.join("; ", reasons);
    return c;
  }

  /**
   * After the new files are inspected: a new file that is a copy of a recorded file's bytes but
   * received before it would change that file's fate, so the run rebuilds.
   */
  void checkOrder(List<ReturnFile> newFiles) {
    if (rebuildReason != null) {
      return;
    }
    Map<String, RecordedFile> latestByContent = new HashMap<>();
    for (RecordedFile r : kept) {
      latestByContent.merge(
          r.sha256().substring(0, 16),
          r,
          (a, b) -> compare(a.receivedAtMillis(), a.uri(), b) >= 0 ? a : b);
    }
    for (ReturnFile f : newFiles) {
      RecordedFile r = latestByContent.get(f.contentId());
      if (r != null && compare(f.receivedAtMillis(), f.uri(), r) < 0) {
        rebuildReason =
            f.fileName() + " has the bytes of recorded " + r.fileName() + " but was received first";
        return;
      }
    }
  }

  // The order files are taken in (as Submissions takes them): time received, then URI.
  private static int compare(long at, String uri, RecordedFile r) {
    int byTime = Long.compare(at, r.receivedAtMillis());
    return byTime != 0 ? byTime : uri.compareTo(r.uri());
  }

  /** Why the run must rebuild from the whole landing folder, or null when it need not. */
  String rebuildReason() {
    return rebuildReason;
  }

  /** The recorded files still in the landing folder with their recorded bytes. */
  List<RecordedFile> kept() {
    return kept;
  }

  /** The files no run has recorded. */
  List<String> added() {
    return added;
  }

  /** Every listed file's modification time, by URI (as inspection names files). */
  Map<String, Long> modifiedAt() {
    return modifiedAt;
  }

  /** A file this comparison inspected already, or null. */
  ReturnFile inspected(String uri) {
    return inspected.get(uri);
  }
}
