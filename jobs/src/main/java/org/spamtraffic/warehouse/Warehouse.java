package org.spamtraffic.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.spamtraffic.schema.TableContract;

/**
 * The Parquet warehouse: every table is a folder of immutable versions ({@code
 * <table>/v-00000012/}), and a commit log ({@code _commits/00000012.json}) says which version of
 * every table is current. A job writes new versions first, then commits them all at once by
 * creating the next commit file with an atomic rename that fails if it exists. A job that dies
 * half-way leaves only unreferenced folders: readers keep seeing the previous commit.
 *
 * <p>Plain Parquet folders rather than Iceberg or Delta: DuckDB (our cross-check engine) and any
 * Parquet reader open a table version directly, with no catalog and no extension download (this
 * project's machines have no internet), while this log still gives atomic multi-table commits and
 * history. {@link #location(String)} gives the folder of a table's current version.
 */
public final class Warehouse {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMMITS = "_commits";
  private static final String SCRATCH = "_scratch";

  private final SparkSession spark;
  private final Path root;

  private Warehouse(SparkSession spark, Path root) {
    this.spark = spark;
    this.root = root;
  }

  /** Opens (or prepares to create) the warehouse at {@code uri}, any Hadoop file system URI. */
  public static Warehouse at(SparkSession spark, String uri) {
    Path root = new Path(uri);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try {
      FileSystem fs = root.getFileSystem(conf);
      return new Warehouse(spark, fs.makeQualified(root));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open warehouse " + uri, e);
    }
  }

  /** The warehouse root, fully qualified. */
  public Path root() {
    return root;
  }

  /** The Spark session tables are read with. */
  public SparkSession spark() {
    return spark;
  }

  /** Whether the current commit has {@code table}. */
  public boolean has(String table) {
    return head().tables().containsKey(table);
  }

  /** Reads the current version of {@code table}. */
  public Dataset<Row> read(String table) {
    // With the contract's schema, partition values are never guessed (period=2025-01 would
    // otherwise be read as a date) and an empty version reads as an empty table.
    StructType schema = contractSchema(table);
    return schema == null
        ? spark.read().parquet(location(table))
        : spark.read().schema(schema).parquet(location(table));
  }

  private static StructType contractSchema(String table) {
    try {
      return Contracts.sparkSchema(TableContract.load(table));
    } catch (RuntimeException e) {
      return null; // a table without a contract (none today): Spark infers its schema
    }
  }

  /** Folder (URI string) of the current version of {@code table}, for Spark, DuckDB or people. */
  public String location(String table) {
    String relative = head().tables().get(table);
    if (relative == null) {
      throw new IllegalStateException(
          "The warehouse at "
              + root
              + " has no table '"
              + table
              + "' yet; run the job that writes it first (bin/spamtraffic study runs them all)");
    }
    return new Path(root, relative).toString();
  }

  /** The latest commit, or an empty commit 0 for a new warehouse. */
  public Commit head() {
    return latestCommitNumber().map(this::readCommit).orElse(Commit.EMPTY);
  }

  /** Every commit, oldest first. */
  public List<Commit> history() {
    List<Commit> out = new ArrayList<>();
    for (long n : commitNumbers()) {
      out.add(readCommit(n));
    }
    return out;
  }

  /**
   * Starts writing new table versions on behalf of {@code job}. Nothing is visible before commit.
   */
  public Transaction begin(String job) {
    return new Transaction(job);
  }

  /**
   * A set of table versions written together and made visible together.
   *
   * <p>Not thread-safe: one job, one transaction.
   */
  public final class Transaction {
    private final String job;
    private final long base;
    private final String versionName;
    private final Map<String, String> written = new LinkedHashMap<>();
    private final Map<String, Long> rowCounts = new LinkedHashMap<>();

    private Transaction(String job) {
      this.job = job;
      this.base = latestCommitNumber().orElse(0L);
      // The version folder carries the commit number it is meant for plus a time stamp, so that a
      // retried job never writes into a folder a dead attempt left behind.
      this.versionName =
          String.format(Locale.ROOT, "v-%08d-%d", base + 1, System.currentTimeMillis());
    }

    /**
     * Writes {@code data} as the next version of {@code table}, conforming it to the table's
     * contract in {@code schemas/tables/} (column order and types; missing nullable columns are
     * added as nulls, unknown columns are an error).
     */
    public Transaction write(String table, Dataset<Row> data) {
      TableContract contract = TableContract.load(table);
      Dataset<Row> conformed = Contracts.conform(contract, data);
      String relative = table + "/" + versionName;
      var writer = conformed.write().mode(SaveMode.ErrorIfExists);
      if (!contract.partitionBy().isEmpty()) {
        writer = writer.partitionBy(contract.partitionBy().toArray(String[]::new));
      }
      writer.parquet(new Path(root, relative).toString());
      written.put(table, relative);
      return this;
    }

    /**
     * The new version folder of {@code table}, for a job whose own tasks write the files (the
     * ingest writes {@code returns} from its checking pass). It becomes current on {@link #commit},
     * like a version written with {@link #write}; the files must follow the table's contract.
     */
    public String stage(String table) {
      String relative = table + "/" + versionName;
      written.put(table, relative);
      return new Path(root, relative).toString();
    }

    /**
     * A scratch folder for this transaction's intermediate files, under {@code _scratch/} (never
     * read as a table); {@link #commit} removes it. A job that dies leaves it behind, harmlessly.
     */
    public String scratch() {
      return new Path(root, SCRATCH + "/" + versionName).toString();
    }

    /** Records how many rows {@code table} got, for the commit's summary (optional). */
    public Transaction rows(String table, long rows) {
      rowCounts.put(table, rows);
      return this;
    }

    /** Makes every version written so far current, atomically. */
    public Commit commit() {
      Commit previous = base == 0 ? Commit.EMPTY : readCommit(base);
      Map<String, String> tables = new TreeMap<>(previous.tables());
      tables.putAll(written);
      Commit next = new Commit(base + 1, Instant.now(), job, tables, written.keySet(), rowCounts);
      writeCommit(next);
      try {
        fs().delete(new Path(root, SCRATCH + "/" + versionName), true);
      } catch (IOException e) {
        // Committed already; a scratch folder left behind is only untidy.
      }
      return next;
    }
  }

  /**
   * One commit of the warehouse.
   *
   * @param number commit number, 1 for the first
   * @param committedAt when it was committed
   * @param job the job that committed it
   * @param tables every current table and its version folder, relative to the root
   * @param changed the tables this commit wrote
   * @param rowCounts row counts the job recorded, by table
   */
  public record Commit(
      long number,
      Instant committedAt,
      String job,
      Map<String, String> tables,
      java.util.Set<String> changed,
      Map<String, Long> rowCounts) {
    static final Commit EMPTY =
        new Commit(0, Instant.EPOCH, "none", Map.of(), java.util.Set.of(), Map.of());
  }

  private FileSystem fs() {
    try {
      return root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Long> commitNumbers() {
    Path dir = new Path(root, COMMITS);
    List<Long> numbers = new ArrayList<>();
    try {
      if (!fs().exists(dir)) {
        return numbers;
      }
      for (FileStatus s : fs().listStatus(dir)) {
        String name = s.getPath().getName();
        if (name.matches("[0-9]{8}\\.json")) {
          numbers.add(Long.parseLong(name.substring(0, 8)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list commits of warehouse " + root, e);
    }
    numbers.sort(Comparator.naturalOrder());
    return numbers;
  }

  private Optional<Long> latestCommitNumber() {
    List<Long> numbers = commitNumbers();
    return numbers.isEmpty() ? Optional.empty() : Optional.of(numbers.get(numbers.size() - 1));
  }

  private Path commitPath(long number) {
    return new Path(root, String.format(Locale.ROOT, "%s/%08d.json", COMMITS, number));
  }

  private Commit readCommit(long number) {
    try (InputStream in = fs().open(commitPath(number))) {
      JsonNode n = JSON.readTree(in);
      Map<String, String> tables = new TreeMap<>();
      n.path("tables").properties().forEach(e -> tables.put(e.getKey(), e.getValue().asText()));
      java.util.Set<String> changed = new java.util.LinkedHashSet<>();
      n.path("changed").forEach(c -> changed.add(c.asText()));
      Map<String, Long> rows = new LinkedHashMap<>();
      n.path("rows").properties().forEach(e -> rows.put(e.getKey(), e.getValue().asLong()));
      return new Commit(
          number,
          Instant.parse(n.path("committed_at").asText()),
          n.path("job").asText(),
          tables,
          changed,
          rows);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read commit " + commitPath(number), e);
    }
  }

  private void writeCommit(Commit c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("number", c.number());
    n.put("committed_at", c.committedAt().toString());
    n.put("job", c.job());
    ObjectNode tables = n.putObject("tables");
    c.tables().forEach(tables::put);
    var changed = n.putArray("changed");
    c.changed().forEach(changed::add);
    ObjectNode rows = n.putObject("rows");
    c.rowCounts().forEach(rows::put);
    Path target = commitPath(c.number());
    Path temp = new Path(root, COMMITS + "/." + c.number() + "-" + System.nanoTime() + ".tmp");
    FileSystem fs = fs();
    try {
      try (OutputStream out = fs.create(temp, false)) {
        JSON.writerWithDefaultPrettyPrinter().writeValue(out, n);
      }
      // rename() refuses an existing target on HDFS and the local file system alike: the first
      // job to commit number N wins, a concurrent one fails loudly instead of overwriting.
      if (fs.exists(target) || !fs.rename(temp, target)) {
        fs.delete(temp, false);
        throw new IllegalStateException(
            "Another job committed to warehouse "
                + root
                + " while "
                + c.job()
                + " ran (commit "
                + c.number()
                + " exists); run "
                + c.job()
                + " again");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write commit " + target, e);
    }
  }
}
