package org.spamtraffic.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.actions.ExpireSnapshots;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the next run cleans of the runs that died: every transaction says, in the warehouse's {@code
 * _runs/} folder, which process runs it (host, process id, the process's start time) from before
 * its first write until it commits or gives up. After each commit, a run whose process is known
 * dead (same host, that process gone) is cleaned at once: its branches, the snapshots only they
 * had, its scratch folder, and, in every table (a run may have written where it left no branch),
 * the files no snapshot references (Iceberg's {@link DeleteOrphanFiles}) that are older than the
 * start of every run still alive, so that nothing a live run is writing can go. A run on another
 * host cannot be told dead from alive: it counts as alive here, and {@code bin/spamtraffic expire}
 * removes what it left after the retention period.
 */
final class DeadRuns {
  private static final Logger LOG = LoggerFactory.getLogger(DeadRuns.class);

  /** The warehouse folder where live transactions are listed. */
  static final String RUNS = "_runs";

  /**
   * What a clean-up removed.
   *
   * @param runs dead runs cleaned
   * @param branches their branches removed
   * @param snapshots snapshots only their branches had, expired
   * @param orphans files no snapshot references, deleted
   * @param scratch their scratch folders removed
   */
  record Cleaned(int runs, int branches, long snapshots, long orphans, int scratch) {}

  /** One run as its file says. */
  record Run(String branch, String host, long pid, Instant processStart, Instant started) {}

  private final SparkSession spark;
  private final Catalog catalog;
  private final Supplier<List<String>> tables;
  private final Path runs;
  private final Path scratch;

  /** Runs of the warehouse at {@code warehouse} (its location; null: none are recorded). */
  DeadRuns(SparkSession spark, Catalog catalog, Supplier<List<String>> tables, String warehouse) {
    this.spark = spark;
    this.catalog = catalog;
    this.tables = tables;
    String root = warehouse == null ? null : warehouse.replaceAll("/+$", "");
    this.runs = root == null ? null : new Path(root + "/" + RUNS);
    this.scratch = root == null ? null : new Path(root + "/" + Retention.SCRATCH);
  }

  /** Records that this process runs the transaction of {@code branch}, before it writes. */
  void started(String branch) {
    if (runs == null) {
      return;
    }
    ProcessHandle self = ProcessHandle.current();
    Properties p = new Properties();
    p.setProperty("host", host());
    p.setProperty("pid", Long.toString(self.pid()));
    p.setProperty("process_start", self.info().startInstant().orElse(Instant.EPOCH).toString());
    p.setProperty("started", Instant.now().toString());
    Path file = new Path(runs, branch);
    try (FSDataOutputStream out = fs().create(file, true)) {
      p.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), "a live transaction");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot record the run in " + file, e);
    }
  }

  /** The transaction of {@code branch} committed or gave up. */
  void finished(String branch) {
    if (runs == null) {
      return;
    }
    try {
      fs().delete(new Path(runs, branch), false);
    } catch (IOException e) {
      LOG.warn("Could not remove {}: {}", new Path(runs, branch), e.getMessage());
    }
  }

  /** Every run recorded, oldest first. */
  List<Run> recorded() {
    List<Run> out = new ArrayList<>();
    if (runs == null) {
      return out;
    }
    try {
      if (!fs().exists(runs)) {
        return out;
      }
      for (FileStatus s : fs().listStatus(runs)) {
        read(s.getPath()).ifPresent(out::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + runs, e);
    }
    out.sort(java.util.Comparator.comparing(Run::started));
    return out;
  }

  private Optional<Run> read(Path file) throws IOException {
    Properties p = new Properties();
    try (FSDataInputStream in = fs().open(file)) {
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    try {
      return Optional.of(
          new Run(
              file.getName(),
              p.getProperty("host"),
              Long.parseLong(p.getProperty("pid")),
              Instant.parse(p.getProperty("process_start")),
              Instant.parse(p.getProperty("started"))));
    } catch (RuntimeException e) {
      // Being written, or half written by a run killed while recording itself: taken as alive
      // (never cleaned here; expire removes it after the retention period).
      Instant written = Instant.ofEpochMilli(fs().getFileStatus(file).getModificationTime());
      return Optional.of(new Run(file.getName(), "unknown", -1, written, written));
    }
  }

  /** Whether {@code run}'s process is known to be gone: same host, no such process now. */
  static boolean dead(Run run) {
    if (!run.host().equals(host())) {
      return false;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(run.pid());
    if (p.isEmpty() || !p.get().isAlive()) {
      return true;
    }
    // The process id was reused by another process since.
    Optional<Instant> start = p.get().info().startInstant();
    return start.isPresent() && !start.get().equals(run.processStart());
  }

  /**
   * Whether {@code run}'s process is known to be running: same host, the same process (id and start
   * time). A run on another host is never known alive here.
   */
  static boolean knownAlive(Run run) {
    return run.host().equals(host()) && run.pid() >= 0 && !dead(run);
  }

  /** Removes the record of {@code run}, which is dead or past retention. */
  void forget(Run run) {
    finished(run.branch());
  }

  /** Cleans what the dead runs left; see the class comment. */
  Cleaned clean() {
    List<Run> all = recorded();
    List<Run> deadRuns = all.stream().filter(DeadRuns::dead).toList();
    if (deadRuns.isEmpty()) {
      return new Cleaned(0, 0, 0, 0, 0);
    }
    Instant now = Instant.now();
    // Files of a live run are younger than its start: older unreferenced files are no one's.
    long cutoff =
        all.stream()
            .filter(r -> !dead(r))
            .map(Run::started)
            .min(Instant::compareTo)
            .orElse(now)
            .toEpochMilli();
    Set<String> deadBranches = new HashSet<>();
    deadRuns.forEach(r -> deadBranches.add(r.branch()));
    int branches = 0;
    long snapshots = 0;
    long orphans = 0;
    for (String name : tables.get()) {
      Table t = catalog.loadTable(TableIdentifier.of(WarehouseCatalog.NAMESPACE, name));
      Set<Long> theirs = new HashSet<>();
      for (String b : deadBranches) {
        if (t.refs().containsKey(b) && t.refs().get(b).isBranch()) {
          theirs.addAll(ownSnapshots(t, t.refs().get(b).snapshotId()));
        }
      }
      boolean had = deadBranches.stream().anyMatch(t.refs()::containsKey);
      if (!had) {
        // No branch left to say so, yet the run may have written here: killed while giving up,
        // after dropping its branches and before removing its run file.
        orphans += deleteOrphans(t, cutoff);
        continue;
      }
      int[] removed = {0};
      Refs.update(
          t,
          (table, m) -> {
            removed[0] = 0;
            for (String b : deadBranches) {
              if (table.refs().containsKey(b)) {
                m.removeBranch(b);
                removed[0]++;
              }
            }
          });
      branches += removed[0];
      t.refresh();
      // Only their own snapshots, and only where no tag or branch still holds them: a run killed
      // right after its study commit has its last snapshot tagged study-<n>, which stays.
      Set<Long> held = new HashSet<>();
      t.refs().values().forEach(ref -> held.add(ref.snapshotId()));
      theirs.removeAll(held);
      if (!theirs.isEmpty()) {
        // Iceberg also expires, as it always does, untagged snapshots older than the table's
        // history.expire.max-snapshot-age-ms (5 days by default): no study commit needs them.
        ExpireSnapshots expire = SparkActions.get(spark).expireSnapshots(t);
        theirs.forEach(expire::expireSnapshotId);
        expire.execute();
        snapshots += theirs.size();
        t.refresh();
      }
      orphans += deleteOrphans(t, cutoff);
    }
    int scratchRemoved = 0;
    try {
      for (String b : deadBranches) {
        Path folder = new Path(scratch, b);
        if (fs().exists(folder)) {
          fs().delete(folder, true);
          scratchRemoved++;
        }
        fs().delete(new Path(runs, b), false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean " + scratch, e);
    }
    return new Cleaned(deadRuns.size(), branches, snapshots, orphans, scratchRemoved);
  }

  /** Deletes the files of {@code t} that no snapshot references, older than {@code cutoff}. */
  private long deleteOrphans(Table t, long cutoff) {
    DeleteOrphanFiles.Result o =
        SparkActions.get(spark).deleteOrphanFiles(t).olderThan(cutoff).execute();
    long n = 0;
    for (var ignored : o.orphanFileLocations()) {
      n++;
    }
    return n;
  }

  /**
   * The snapshots a branch made itself: from its head back to the first snapshot that is an
   * ancestor of {@code main} or carries a tag (the commit it forked from).
   */
  private static Set<Long> ownSnapshots(Table t, long head) {
    Set<Long> shared = new HashSet<>();
    t.refs()
        .forEach(
            (name, ref) -> {
              if (!ref.isBranch() || name.equals("main")) {
                shared.add(ref.snapshotId());
              }
            });
    Set<Long> own = new HashSet<>();
    Snapshot s = t.snapshot(head);
    while (s != null && !shared.contains(s.snapshotId()) && !onMain(t, s.snapshotId())) {
      own.add(s.snapshotId());
      s = s.parentId() == null ? null : t.snapshot(s.parentId());
    }
    return own;
  }

  private static boolean onMain(Table t, long snapshot) {
    Snapshot main = t.currentSnapshot();
    return main != null
        && org.apache.iceberg.util.SnapshotUtil.isAncestorOf(t, main.snapshotId(), snapshot);
  }

  private FileSystem fs() throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    return runs.getFileSystem(conf);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      return "unknown";
    }
  }
}
