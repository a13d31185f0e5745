package org.spamtraffic.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.types.Types;

/**
 * The study log: one row per job commit in the Iceberg table {@code spamtraffic.study_snapshots},
 * naming the Iceberg snapshot of every table the study consists of at that commit. Readers take one
 * row and read every table at the snapshots it names, so they see one consistent set of tables;
 * writers append the next row, and that append is the moment their tables become the study's.
 *
 * <p>The append is a compare-and-swap done by Iceberg: it adds the row with an overwrite that
 * validates that no data was added to the log since the snapshot the writer started from ({@link
 * OverwriteFiles#validateNoConflictingData}). Of two jobs that started from commit N, the first to
 * append N+1 wins and the other's append fails; it never overwrites. Plain Iceberg API, no Spark:
 * the portal reads the log this way too.
 */
final class StudyLog {
  static final String TABLE = "study_snapshots";

  /** Snapshot summary property with the number of the commit a log snapshot appended. */
  private static final String NUMBER_PROPERTY = "spamtraffic.study-commit";

  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "number", Types.LongType.get()),
          Types.NestedField.required(2, "committed_at", Types.TimestampType.withZone()),
          Types.NestedField.required(3, "job", Types.StringType.get()),
          Types.NestedField.required(
              4,
              "tables",
              Types.MapType.ofRequired(5, 6, Types.StringType.get(), Types.LongType.get())),
          Types.NestedField.required(
              7, "changed", Types.ListType.ofRequired(8, Types.StringType.get())),
          Types.NestedField.required(
              9,
              "row_counts",
              Types.MapType.ofRequired(10, 11, Types.StringType.get(), Types.LongType.get())));

  /**
   * The latest commit and the log snapshot that holds it (null for an empty log): a writer's
   * compare-and-swap starts from that snapshot.
   */
  record Head(Warehouse.Commit commit, Long logSnapshot) {
    static final Head EMPTY = new Head(Warehouse.Commit.EMPTY, null);
  }

  private final Catalog catalog;
  private final TableIdentifier id = TableIdentifier.of(WarehouseCatalog.NAMESPACE, TABLE);
  private Table table;

  /** The log in {@code catalog}; created on first use by a writer. */
  StudyLog(Catalog catalog) {
    this.catalog = catalog;
  }

  private Optional<Table> table() {
    if (table == null) {
      try {
        table = catalog.loadTable(id);
      } catch (NoSuchTableException e) {
        return Optional.empty();
      }
    } else {
      table.refresh();
    }
    return Optional.of(table);
  }

  private Table createdTable() {
    Optional<Table> t = table();
    if (t.isPresent()) {
      return t.get();
    }
    try {
      table =
          catalog
              .buildTable(id, SCHEMA)
              .withPartitionSpec(PartitionSpec.unpartitioned())
              .withProperties(Tables.PROPERTIES)
              .create();
    } catch (AlreadyExistsException e) {
      table = catalog.loadTable(id); // another job created it at the same moment
    }
    return table;
  }

  /** The latest commit, or an empty commit 0 for a new warehouse. */
  Head head() {
    Optional<Table> t = table();
    if (t.isEmpty() || t.get().currentSnapshot() == null) {
      return Head.EMPTY;
    }
    Snapshot s = t.get().currentSnapshot();
    long number = Long.parseLong(s.summary().get(NUMBER_PROPERTY));
    Warehouse.Commit c = read(t.get(), s.snapshotId(), number).orElseThrow();
    return new Head(c, s.snapshotId());
  }

  /** Commit {@code number}, if there is one. */
  Optional<Warehouse.Commit> commit(long number) {
    Optional<Table> t = table();
    if (number == 0) {
      return Optional.of(Warehouse.Commit.EMPTY);
    }
    if (t.isEmpty() || t.get().currentSnapshot() == null) {
      return Optional.empty();
    }
    return read(t.get(), t.get().currentSnapshot().snapshotId(), number);
  }

  /** Every commit, oldest first. */
  List<Warehouse.Commit> history() {
    Optional<Table> t = table();
    if (t.isEmpty() || t.get().currentSnapshot() == null) {
      return List.of();
    }
    List<Warehouse.Commit> out = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(t.get()).build()) {
      rows.forEach(r -> out.add(commitOf(r)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the study log", e);
    }
    out.sort(Comparator.comparingLong(Warehouse.Commit::number));
    return out;
  }

  private static Optional<Warehouse.Commit> read(Table t, long snapshot, long number) {
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(t)
            .useSnapshot(snapshot)
            .where(Expressions.equal("number", number))
            .build()) {
      for (Record r : rows) {
        return Optional.of(commitOf(r));
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the study log", e);
    }
  }

  /**
   * Appends {@code next} if the log is still at {@code base}; returns false, having changed
   * nothing, if another job appended since.
   */
  boolean append(Head base, Warehouse.Commit next) {
    Table t = createdTable();
    DataFile file = write(t, next);
    OverwriteFiles op =
        t.newOverwrite()
            .addFile(file)
            .conflictDetectionFilter(Expressions.alwaysTrue())
            .validateNoConflictingData()
            .set(NUMBER_PROPERTY, Long.toString(next.number()))
            .set("spamtraffic.job", next.job());
    if (base.logSnapshot() != null) {
      op.validateFromSnapshot(base.logSnapshot());
    }
    try {
      op.commit();
      return true;
    } catch (ValidationException e) {
      t.io().deleteFile(file.location());
      return false;
    }
  }

  private static DataFile write(Table t, Warehouse.Commit c) {
    // The table's own schema: creating a table assigns its field ids afresh.
    Record r = GenericRecord.create(t.schema());
    r.setField("number", c.number());
    r.setField("committed_at", OffsetDateTime.ofInstant(c.committedAt(), ZoneOffset.UTC));
    r.setField("job", c.job());
    r.setField("tables", new TreeMap<>(c.tables()));
    r.setField("changed", new ArrayList<>(c.changed()));
    r.setField("row_counts", new TreeMap<>(c.rowCounts()));
    String name =
        String.format(
            java.util.Locale.ROOT, "commit-%08d-%s.parquet", c.number(), UUID.randomUUID());
    OutputFile out = t.io().newOutputFile(t.locationProvider().newDataLocation(name));
    FileAppender<Record> appender =
        new GenericAppenderFactory(t.schema()).newAppender(out, FileFormat.PARQUET);
    try (appender) {
      appender.add(r);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the study log entry " + c.number(), e);
    }
    return DataFiles.builder(PartitionSpec.unpartitioned())
        .withPath(out.location())
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(appender.length())
        .withMetrics(appender.metrics())
        .build();
  }

  @SuppressWarnings("unchecked")
  private static Warehouse.Commit commitOf(Record r) {
    Map<String, Long> tables = new TreeMap<>((Map<String, Long>) r.getField("tables"));
    Map<String, Long> rows = new LinkedHashMap<>((Map<String, Long>) r.getField("row_counts"));
    Instant at = ((OffsetDateTime) r.getField("committed_at")).toInstant();
    return new Warehouse.Commit(
        (Long) r.getField("number"),
        at,
        (String) r.getField("job"),
        tables,
        new LinkedHashSet<>((List<String>) r.getField("changed")),
        rows);
  }
}
