package org.spamtraffic.warehouse;

import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.ManageSnapshots;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spamtraffic.schema.TableContract;

/**
 * The warehouse: every table an Apache Iceberg table in one catalog ({@link WarehouseCatalog}),
 * with a Spark SQL name ({@code spamtraffic.returns}), and a study log ({@link StudyLog}) that says
 * which Iceberg snapshot of every table makes up the study at each job commit.
 *
 * <p>Readers see one commit: {@link #read} reads every table at the snapshot the commit names,
 * {@link #asOf} gives the study as it was at an earlier commit, {@link #dataFiles} gives a
 * snapshot's Parquet files for engines without an Iceberg reader (DuckDB here).
 *
 * <p>A job writes through a {@link Transaction}: each table it writes goes to a branch of its own
 * forked from the commit it started from, invisible to readers; {@link Transaction#commit} appends
 * the next commit to the study log (a compare-and-swap: of two jobs, one wins, the other retries
 * when they touched different tables, or fails with a message, never overwriting), then moves each
 * table's {@code main} to its new snapshot and tags it {@code study-<n>} so that retention keeps
 * it. A job killed at any point leaves at most branches and files no commit names; readers keep the
 * previous study, and a re-run starts from it.
 */
public final class Warehouse {
  private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);

  /** The tag of each table's snapshot in study commit {@code n}. */
  static String tag(long n) {
    return String.format(java.util.Locale.ROOT, "study-%08d", n);
  }

  private final SparkSession spark;
  private final WarehouseCatalog catalog;
  private final Catalog iceberg;
  private final StudyLog log;
  private final boolean pinned;
  private StudyLog.Head current;
  private final Set<String> tablesRead = new HashSet<>();

  private Warehouse(
      SparkSession spark,
      WarehouseCatalog catalog,
      Catalog iceberg,
      StudyLog log,
      StudyLog.Head current,
      boolean pinned) {
    this.spark = spark;
    this.catalog = catalog;
    this.iceberg = iceberg;
    this.log = log;
    this.current = current;
    this.pinned = pinned;
  }

  /**
   * Opens (or prepares to create) the warehouse at {@code uri}, any Hadoop file system URI, in an
   * embedded catalog (see {@link WarehouseCatalog#embedded}).
   */
  public static Warehouse at(SparkSession spark, String uri) {
    return open(spark, WarehouseCatalog.embedded(uri, spark.sparkContext().hadoopConfiguration()));
  }

  /**
   * The catalog a command uses: {@code spark.sql.catalog.<name>} as configured with {@code --conf}
   * (a site's Hive, REST, JDBC or Glue catalog), else an embedded catalog of that name at {@code
   * warehouseUri}.
   */
  public static WarehouseCatalog catalog(SparkSession spark, String name, String warehouseUri) {
    Map<String, String> conf = new LinkedHashMap<>();
    for (scala.Tuple2<String, String> kv : spark.sparkContext().getConf().getAll()) {
      conf.put(kv._1(), kv._2());
    }
    spark.conf().getAll().foreach(kv -> conf.put(kv._1(), kv._2()));
    if (conf.containsKey("spark.sql.catalog." + name)) {
      return WarehouseCatalog.configured(name, conf);
    }
    return WarehouseCatalog.embedded(
        name, warehouseUri, spark.sparkContext().hadoopConfiguration());
  }

  /** Opens the warehouse of {@code catalog} on {@code spark}, registering the catalog if needed. */
  public static Warehouse open(SparkSession spark, WarehouseCatalog catalog) {
    if (catalog.properties().getOrDefault("uri", "").startsWith("jdbc:sqlite:")) {
      WarehouseCatalog.loadSqliteDriver();
      mkdirs(spark, catalog.location());
    }
    if (spark.conf().getOption("spark.sql.catalog." + catalog.name()).isEmpty()) {
      catalog.sparkConf().forEach((k, v) -> spark.conf().set(k, v));
    }
    spark.sql(
        "CREATE NAMESPACE IF NOT EXISTS " + catalog.name() + "." + WarehouseCatalog.NAMESPACE);
    Catalog iceberg = Spark3Util.loadIcebergCatalog(spark, catalog.name());
    StudyLog log = new StudyLog(iceberg);
    Warehouse w = new Warehouse(spark, catalog, iceberg, log, log.head(), false);
    w.publish(w.current.commit());
    return w;
  }

  private static void mkdirs(SparkSession spark, String location) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
    try {
      p.getFileSystem(spark.sparkContext().hadoopConfiguration()).mkdirs(p);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the warehouse folder " + location, e);
    }
  }

  /** Where the warehouse is (its folder, or the catalog's location), for messages and people. */
  public String root() {
    return catalog.location();
  }

  /** The catalog the tables are in. */
  public WarehouseCatalog catalog() {
    return catalog;
  }

  /** The Spark session tables are read with. */
  public SparkSession spark() {
    return spark;
  }

  /**
   * Makes this warehouse's catalog the session's current catalog, so that Spark SQL reaches its
   * tables by their short names ({@code spark.table("spamtraffic.returns")}).
   */
  public Warehouse useAsCurrentCatalog() {
    spark.catalog().setCurrentCatalog(catalog.name());
    return this;
  }

  /** The full Spark SQL name of {@code table}: {@code <catalog>.spamtraffic.<table>}. */
  public String tableName(String table) {
    return catalog.name() + "." + WarehouseCatalog.NAMESPACE + "." + table;
  }

  /** Whether the current commit has {@code table}. */
  public boolean has(String table) {
    return current.commit().tables().containsKey(table);
  }

  /**
   * Reads {@code table} as the current commit has it (its Iceberg snapshot in that commit), with
   * the contract's columns in the contract's order.
   */
  public Dataset<Row> read(String table) {
    long snapshot = snapshotOf(table);
    tablesRead.add(table);
    return conformed(table, readSnapshot(table, snapshot));
  }

  private Dataset<Row> readSnapshot(String table, long snapshot) {
    return spark.read().option("versionAsOf", snapshot).table(tableName(table));
  }

  private static Dataset<Row> conformed(String table, Dataset<Row> data) {
    TableContract contract;
    try {
      contract = TableContract.load(table);
    } catch (RuntimeException e) {
      return data; // a table without a contract (none today)
    }
    return Contracts.project(contract, data);
  }

  private long snapshotOf(String table) {
    Long snapshot = current.commit().tables().get(table);
    if (snapshot == null) {
      throw new IllegalStateException(
          "The warehouse at "
              + root()
              + (current.commit().number() == 0
                  ? ""
                  : " (commit " + current.commit().number() + ")")
              + " has no table '"
              + table
              + "' yet; run the job that writes it first (bin/spamtraffic study runs them all)");
    }
    return snapshot;
  }

  /**
   * The rows of {@code table} at the current commit: from its Iceberg snapshot's summary, without a
   * Spark job, when the summary can tell ({@link WarehouseReader#liveRows}); counted by Spark
   * otherwise.
   */
  public long rows(String table) {
    Snapshot s = iceberg.loadTable(id(table)).snapshot(snapshotOf(table));
    long rows = WarehouseReader.liveRows(s.summary());
    return rows == Long.MAX_VALUE ? read(table).count() : rows;
  }

  /**
   * The Parquet data files of {@code table} at the current commit, as URIs: the whole table, for a
   * reader without Iceberg (DuckDB's {@code read_parquet}). Tables are written copy-on-write, so a
   * snapshot has no delete files; one that had would fail here rather than be read wrong.
   */
  public List<String> dataFiles(String table) {
    long snapshot = snapshotOf(table);
    Table t = iceberg.loadTable(id(table));
    List<String> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = t.newScan().useSnapshot(snapshot).planFiles()) {
      for (FileScanTask task : tasks) {
        if (!task.deletes().isEmpty()) {
          throw new IllegalStateException(
              tableName(table)
                  + " has delete files at snapshot "
                  + snapshot
                  + "; read it with Iceberg");
        }
        files.add(task.file().location());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the files of " + tableName(table), e);
    }
    files.sort(String::compareTo);
    return files;
  }

  /** The commit readers see: the latest when the warehouse was opened, or an earlier one. */
  public Commit head() {
    return current.commit();
  }

  /** Every commit, oldest first. */
  public List<Commit> history() {
    return log.history();
  }

  /**
   * The study as it was at commit {@code number}: a read-only warehouse whose every table reads at
   * the snapshot that commit named.
   */
  public Warehouse asOf(long number) {
    Commit c =
        log.commit(number)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "The warehouse at "
                            + root()
                            + " has no commit "
                            + number
                            + "; its latest is "
                            + log.head().commit().number()
                            + " (bin/spamtraffic show lists the commits)"));
    return new Warehouse(spark, catalog, iceberg, log, new StudyLog.Head(c, null), true);
  }

  /** Reads the latest commit again (another job may have committed since). */
  public Warehouse refresh() {
    if (!pinned) {
      current = log.head();
      tablesRead.clear();
    }
    return this;
  }

  /**
   * Starts writing new table snapshots on behalf of {@code job}, based on the commit this warehouse
   * reads. Nothing is visible before {@link Transaction#commit}.
   */
  public Transaction begin(String job) {
    if (pinned) {
      throw new IllegalStateException(
          "This warehouse is read as of commit " + current.commit().number() + ": read only");
    }
    return new Transaction(job);
  }

  /** Snapshot maintenance: expiry of old snapshots and orphan files (see {@link Retention}). */
  public Retention.Result expire(java.time.Duration olderThan) {
    return new Retention(
            spark, iceberg, log, this::tableNames, catalog.properties().get("warehouse"), runs())
        .run(olderThan);
  }

  /** The live and dead runs of this warehouse (see {@link DeadRuns}). */
  DeadRuns runs() {
    return new DeadRuns(spark, iceberg, this::tableNames, catalog.properties().get("warehouse"));
  }

  List<String> tableNames() {
    List<String> names = new ArrayList<>();
    for (TableIdentifier t :
        iceberg.listTables(org.apache.iceberg.catalog.Namespace.of(WarehouseCatalog.NAMESPACE))) {
      names.add(t.name());
    }
    return names;
  }

  private static TableIdentifier id(String table) {
    return TableIdentifier.of(WarehouseCatalog.NAMESPACE, table);
  }

  /**
   * Makes every table of commit {@code c} that it changed show the commit on {@code main} and carry
   * its tag: done right after the commit, and again by the next opening if a job died in between.
   * Moves {@code main} forward only, so a reader that lags behind never undoes a newer commit.
   */
  private void publish(Commit c) {
    if (pinned || c.number() == 0) {
      return;
    }
    for (String name : c.changed()) {
      long snapshot = c.tables().get(name);
      try {
        Refs.update(
            iceberg.loadTable(id(name)), (t, update) -> publish(t, update, c.number(), snapshot));
      } catch (RuntimeException e) {
        // Readers go by the study log; main and the tag are repaired by the next opening.
        LOG.warn("{}: could not tag commit {}: {}", tableName(name), c.number(), e.getMessage());
      }
    }
  }

  private void publish(Table t, ManageSnapshots update, long number, long snapshot) {
    if (!t.refs().containsKey(tag(number))) {
      update.createTag(tag(number), snapshot);
    }
    Snapshot main = t.currentSnapshot();
    if (main == null || main.snapshotId() == snapshot) {
      if (main == null) {
        update.replaceBranch(SnapshotRef.MAIN_BRANCH, snapshot);
      }
      return;
    }
    if (SnapshotUtil.isAncestorOf(t, snapshot, main.snapshotId())) {
      update.replaceBranch(SnapshotRef.MAIN_BRANCH, snapshot);
    } else if (!SnapshotUtil.isAncestorOf(t, main.snapshotId(), snapshot)) {
      // main holds a snapshot no commit made (written outside the jobs): the study log is what
      // the warehouse is; say what main loses.
      LOG.warn(
          "{}: main was at snapshot {}, which no study commit made; moved to commit {}",
          t.name(),
          main.snapshotId(),
          number);
      update.replaceBranch(SnapshotRef.MAIN_BRANCH, snapshot);
    } // else main is already ahead, at a later commit
  }

  /**
   * A set of table snapshots written together and made the study's together.
   *
   * <p>Not thread-safe: one job, one transaction.
   */
  public final class Transaction {
    private final String job;
    private final StudyLog.Head base;
    private final String branch = "job_" + UUID.randomUUID().toString().replace("-", "");
    private final Map<String, Table> written = new LinkedHashMap<>();
    private final Map<String, Long> rowCounts = new LinkedHashMap<>();
    private String scratch;
    private boolean recorded;

    private Transaction(String job) {
      this.job = job;
      this.base = current;
    }

    /** Lists this transaction among the live runs before it writes anything ({@link DeadRuns}). */
    private void record() {
      if (!recorded) {
        runs().started(branch);
        recorded = true;
      }
    }

    /** No longer a live run; after a commit, cleans what dead runs left. */
    private void finished(boolean committed) {
      if (!recorded) {
        return;
      }
      runs().finished(branch);
      if (committed) {
        try {
          DeadRuns.Cleaned c = runs().clean();
          if (c.runs() > 0) {
            LOG.info(
                "Cleaned {} dead runs: {} branches, {} snapshots, {} orphan files, {} scratch"
                    + " folders",
                c.runs(),
                c.branches(),
                c.snapshots(),
                c.orphans(),
                c.scratch());
          }
        } catch (RuntimeException e) {
          // Committed already; what dead runs left waits for the next run or expire.
          LOG.warn("Could not clean what dead runs left: {}", e.getMessage());
        }
      }
    }

    /**
     * Replaces the contents of {@code table} with {@code data}, conformed to the table's contract
     * in {@code schemas/tables/} (column order and types; missing nullable columns are added as
     * nulls, unknown columns are an error).
     */
    public Transaction write(String table, Dataset<Row> data) {
      TableContract contract = TableContract.load(table);
      Dataset<Row> conformed = Contracts.conform(contract, data);
      branchOf(table);
      try {
        conformed.writeTo(branchName(table)).overwrite(lit(true));
      } catch (Exception e) {
        throw failedWrite(table, e);
      }
      Pause.at("after-write:" + table);
      return this;
    }

    /** Adds {@code data} to the rows {@code table} has, conformed to its contract. */
    public Transaction append(String table, Dataset<Row> data) {
      Dataset<Row> conformed = Contracts.conform(TableContract.load(table), data);
      branchOf(table);
      try {
        conformed.writeTo(branchName(table)).append();
      } catch (Exception e) {
        throw failedWrite(table, e);
      }
      Pause.at("after-write:" + table);
      return this;
    }

    private RuntimeException failedWrite(String table, Exception e) {
      return e instanceof RuntimeException r
          ? r
          : new IllegalStateException(
              "Cannot write " + tableName(table) + ": " + e.getMessage(), e);
    }

    /**
     * Deletes the rows of {@code table} that match {@code condition}, a Spark SQL condition: whole
     * files by their statistics where they match entirely, otherwise by rewriting the files that
     * hold matching rows (copy-on-write).
     */
    public Transaction delete(String table, String condition) {
      branchOf(table);
      spark.sql("DELETE FROM " + branchName(table) + " WHERE " + condition);
      return this;
    }

    /**
     * Deletes the rows {@code t} of {@code table} that match a row {@code k} of {@code keys} by
     * {@code match}, a Spark SQL join condition over the aliases {@code t} and {@code k}: a
     * row-level {@code MERGE ... WHEN MATCHED THEN DELETE} (copy-on-write: only the data files
     * holding a matching row are rewritten). For many keys, where one {@link #delete} condition
     * naming each would grow beyond what Spark compiles; a target row matching several keys is
     * deleted once.
     */
    public Transaction deleteMatching(String table, Dataset<Row> keys, String match) {
      branchOf(table);
      String view = "rows_leaving_" + UUID.randomUUID().toString().replace("-", "");
      keys.createOrReplaceTempView(view);
      try {
        spark.sql(
            "MERGE INTO "
                + branchName(table)
                + " t USING "
                + view
                + " k ON "
                + match
                + " WHEN MATCHED THEN DELETE");
      } finally {
        spark.catalog().dropTempView(view);
      }
      return this;
    }

    /**
     * {@code table} as this transaction has it so far: its own writes, else the snapshot of the
     * commit it started from.
     */
    public Dataset<Row> read(String table) {
      if (written.containsKey(table)) {
        return conformed(table, spark.table(branchName(table)));
      }
      tablesRead.add(table);
      Long snapshot = base.commit().tables().get(table);
      if (snapshot == null) {
        throw new IllegalStateException(
            "No table " + table + " in commit " + base.commit().number());
      }
      return conformed(table, readSnapshot(table, snapshot));
    }

    private String branchName(String table) {
      return tableName(table) + ".branch_" + branch;
    }

    /** Creates the transaction's branch of {@code table}, forked from the base commit. */
    private void branchOf(String table) {
      if (written.containsKey(table)) {
        return;
      }
      record();
      Table t = Tables.prepare(iceberg, table);
      Long from = base.commit().tables().get(table);
      if (from == null) {
        from = t.currentSnapshot().snapshotId();
      }
      long fork = from;
      Refs.update(t, (table1, m) -> m.createBranch(branch, fork));
      written.put(table, t);
    }

    /**
     * A scratch folder for this transaction's intermediate files, under the warehouse's {@code
     * _scratch/} (never read as a table); {@link #commit} removes it, {@link Warehouse#expire}
     * removes those dead jobs left.
     */
    public String scratch() {
      if (scratch == null) {
        String root = catalog.properties().get("warehouse");
        if (root == null) {
          throw new IllegalStateException(
              "The catalog " + catalog.name() + " has no warehouse location for scratch files");
        }
        scratch = root.replaceAll("/+$", "") + "/" + Retention.SCRATCH + "/" + branch;
        record();
      }
      return scratch;
    }

    /** Records how many rows {@code table} got, for the commit's summary (optional). */
    public Transaction rows(String table, long rows) {
      rowCounts.put(table, rows);
      return this;
    }

    /**
     * Makes every table written so far the study's, atomically, as the next commit. If another job
     * committed since this one began: when it changed none of the tables this job read or wrote,
     * this commit goes on top of it; otherwise it fails with {@link CommitConflict} and nothing of
     * this job becomes visible.
     */
    public Commit commit() {
      Map<String, Long> snapshots = new TreeMap<>();
      Map<String, Long> rows = new LinkedHashMap<>();
      for (Map.Entry<String, Table> e : written.entrySet()) {
        Table t = e.getValue();
        t.refresh();
        Snapshot s = t.snapshot(branch);
        snapshots.put(e.getKey(), s.snapshotId());
        String total = s.summary().get("total-records");
        rows.put(
            e.getKey(),
            rowCounts.getOrDefault(e.getKey(), total == null ? 0 : Long.parseLong(total)));
      }
      StudyLog.Head on = base;
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      for (int attempt = 0; ; attempt++) {
        Map<String, Long> tables = new TreeMap<>(on.commit().tables());
        tables.putAll(snapshots);
        Commit next =
            new Commit(
                on.commit().number() + 1,
                now,
                job,
                tables,
                new LinkedHashSet<>(snapshots.keySet()),
                rows);
        Pause.at("before-study-commit");
        if (log.append(on, next)) {
          Pause.at("after-study-commit");
          current = new StudyLog.Head(next, null);
          current = log.head();
          tablesRead.clear();
          publish(next);
          dropBranches();
          removeScratch();
          finished(true);
          return next;
        }
        StudyLog.Head latest = log.head();
        Set<String> touched = new LinkedHashSet<>(snapshots.keySet());
        touched.addAll(tablesRead);
        List<String> conflicts = new ArrayList<>();
        List<String> by = new ArrayList<>();
        for (Commit c : log.history()) {
          if (c.number() > on.commit().number()) {
            by.add(c.job() + " (commit " + c.number() + ")");
            c.changed().stream().filter(touched::contains).forEach(conflicts::add);
          }
        }
        if (!conflicts.isEmpty() || attempt >= 10) {
          dropBranches();
          removeScratch();
          finished(false);
          throw new CommitConflict(
              "Another job committed to the warehouse at "
                  + root()
                  + " while "
                  + job
                  + " ran: "
                  + String.join(", ", by)
                  + " changed "
                  + String.join(", ", new LinkedHashSet<>(conflicts))
                  + ", which "
                  + job
                  + " read or wrote. Nothing of "
                  + job
                  + " was committed; run it again.");
        }
        on = latest; // a concurrent commit of other tables: go on top of it
      }
    }

    /** Gives up: drops the branches written so far. Nothing of the job becomes visible. */
    public void abandon() {
      dropBranches();
      removeScratch();
      finished(false);
    }

    private void dropBranches() {
      for (Table t : written.values()) {
        try {
          Refs.update(
              t,
              (table, m) -> {
                if (table.refs().containsKey(branch)) {
                  m.removeBranch(branch);
                }
              });
        } catch (RuntimeException e) {
          LOG.warn("Could not drop branch {} of {}: {}", branch, t.name(), e.getMessage());
        }
      }
    }

    private void removeScratch() {
      if (scratch == null) {
        return;
      }
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(scratch);
      try {
        p.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(p, true);
      } catch (IOException e) {
        // Committed already; a scratch folder left behind is only untidy (expire removes it).
      }
    }
  }

  /** Two jobs committed at once and the other one won; nothing of this one is visible. */
  public static final class CommitConflict extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    CommitConflict(String message) {
      super(message);
    }
  }

  /**
   * One commit of the warehouse: the study as it was after one job.
   *
   * @param number commit number, 1 for the first
   * @param committedAt when it was committed
   * @param job the job that committed it
   * @param tables every table of the study and its Iceberg snapshot id
   * @param changed the tables this commit wrote
   * @param rowCounts rows of the tables it wrote
   */
  public record Commit(
      long number,
      Instant committedAt,
      String job,
      Map<String, Long> tables,
      Set<String> changed,
      Map<String, Long> rowCounts) {
    static final Commit EMPTY = new Commit(0, Instant.EPOCH, "none", Map.of(), Set.of(), Map.of());
  }
}
