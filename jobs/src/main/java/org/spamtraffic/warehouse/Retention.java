package org.spamtraffic.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.actions.ExpireSnapshots;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.stage.StageResult;

/**
 * Retention: what the warehouse keeps. Every table's snapshot in every study commit carries the tag
 * {@code study-<n>}, and tagged snapshots are kept for good, so {@code --as-of n} always works.
 * Everything else older than the retention period goes, with Iceberg's own actions: untagged
 * snapshots ({@link ExpireSnapshots}: the intermediate snapshots of jobs, and those of jobs that
 * died), the branches dead jobs left, the files no snapshot references ({@link DeleteOrphanFiles}:
 * what a killed job had written), and scratch folders. A run known to be alive on this machine
 * ({@link DeadRuns#knownAlive}) keeps its branches, its scratch folder and every file newer than
 * its start, however long it has run: expiring under a live job would make its commit fail or lose
 * its files. A run on another host cannot be known alive; what it left goes after the retention
 * period, with its record.
 */
public final class Retention {
  /** The warehouse folder where jobs keep intermediate files. */
  static final String SCRATCH = "_scratch";

  /**
   * What was removed.
   *
   * @param tables tables maintained
   * @param tagsAdded study tags that were missing (a job that died after its commit)
   * @param branchesRemoved branches of jobs that never committed
   * @param snapshotsExpired untagged snapshots expired
   * @param filesDeleted data and metadata files of expired snapshots deleted
   * @param orphansDeleted files no snapshot references, deleted
   */
  public record Result(
      int tables,
      int tagsAdded,
      int branchesRemoved,
      long snapshotsExpired,
      long filesDeleted,
      long orphansDeleted)
      implements StageResult {
    @Override
    public String summary() {
      return String.format(
          Locale.ROOT,
          "%d tables: %d study tags restored, %d dead branches removed, %d snapshots expired"
              + " (%d files), %d orphan files deleted",
          tables,
          tagsAdded,
          branchesRemoved,
          snapshotsExpired,
          filesDeleted,
          orphansDeleted);
    }
  }

  private final SparkSession spark;
  private final Catalog catalog;
  private final StudyLog log;
  private final Supplier<List<String>> tables;
  private final String warehouse;
  private final DeadRuns runs;

  /**
   * Retention over the tables {@code tables} lists; {@code warehouse} is the catalog's warehouse
   * location (scratch folders are there), or null.
   */
  Retention(
      SparkSession spark,
      Catalog catalog,
      StudyLog log,
      Supplier<List<String>> tables,
      String warehouse,
      DeadRuns runs) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.catalog = catalog;
    this.log = log;
    this.tables = tables;
    this.runs = runs;
  }

  Result run(Duration olderThan) {
    long cutoff = System.currentTimeMillis() - olderThan.toMillis();
    Set<String> liveBranches = new HashSet<>();
    long filesCutoff = cutoff;
    for (DeadRuns.Run r : runs.recorded()) {
      if (DeadRuns.knownAlive(r)) {
        liveBranches.add(r.branch());
        filesCutoff = Math.min(filesCutoff, r.started().toEpochMilli());
      } else if (r.started().toEpochMilli() < cutoff) {
        runs.forget(r);
      }
    }
    List<Warehouse.Commit> history = log.history();
    int tags = 0;
    int branches = 0;
    long expired = 0;
    long files = 0;
    long orphans = 0;
    List<String> names = tables.get();
    for (String name : names) {
      Table t = catalog.loadTable(TableIdentifier.of(WarehouseCatalog.NAMESPACE, name));
      // Never expire a snapshot a commit names, even if its tag was lost.
      int[] counts = new int[2];
      Refs.update(
          t,
          (table, update) -> {
            counts[0] = 0;
            counts[1] = 0;
            for (Warehouse.Commit c : history) {
              if (c.changed().contains(name)
                  && !table.refs().containsKey(Warehouse.tag(c.number()))) {
                update.createTag(Warehouse.tag(c.number()), c.tables().get(name));
                counts[0]++;
              }
            }
            for (Map.Entry<String, SnapshotRef> ref : table.refs().entrySet()) {
              if (ref.getValue().isBranch()
                  && ref.getKey().startsWith("job_")
                  && !liveBranches.contains(ref.getKey())) {
                Snapshot head = table.snapshot(ref.getValue().snapshotId());
                if (head == null || head.timestampMillis() < cutoff) {
                  update.removeBranch(ref.getKey());
                  counts[1]++;
                }
              }
            }
          });
      tags += counts[0];
      branches += counts[1];
      int before = count(t.snapshots());
      ExpireSnapshots.Result e =
          SparkActions.get(spark).expireSnapshots(t).expireOlderThan(cutoff).execute();
      t.refresh();
      expired += before - count(t.snapshots());
      files +=
          e.deletedDataFilesCount() + e.deletedManifestsCount() + e.deletedManifestListsCount();
      DeleteOrphanFiles.Result o =
          SparkActions.get(spark).deleteOrphanFiles(t).olderThan(filesCutoff).execute();
      for (var ignored : o.orphanFileLocations()) {
        orphans++;
      }
    }
    orphans += removeScratch(cutoff, liveBranches);
    return new Result(names.size(), tags, branches, expired, files, orphans);
  }

  private static int count(Iterable<Snapshot> snapshots) {
    int n = 0;
    for (Snapshot ignored : snapshots) {
      n++;
    }
    return n;
  }

  private long removeScratch(long cutoff, Set<String> liveBranches) {
    if (warehouse == null) {
      return 0;
    }
    Path scratch = new Path(warehouse, SCRATCH);
    long removed = 0;
    try {
      FileSystem fs = scratch.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(scratch)) {
        return 0;
      }
      for (FileStatus s : fs.listStatus(scratch)) {
        if (s.getModificationTime() < cutoff && !liveBranches.contains(s.getPath().getName())) {
          fs.delete(s.getPath(), true);
          removed++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean " + scratch, e);
    }
    return removed;
  }
}
