package org.spamtraffic.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads small tables of the warehouse without Spark, with Iceberg's own reader: for a process that
 * has no Spark session (the upload portal shows each stored file's batch status from {@code
 * submissions}). Like {@link Warehouse}, it reads a table at the snapshot the latest study commit
 * names, never the table's own latest state.
 */
public final class WarehouseReader {
  private final String root;
  private final StudyLog log;
  private final Catalog catalog;

  private WarehouseReader(String root, Catalog catalog) {
    this.root = root;
    this.catalog = catalog;
    this.log = catalog == null ? null : new StudyLog(catalog);
  }

  /**
   * The warehouse at {@code uri} (its embedded catalog), or an empty one if nothing was ever
   * committed there: opening never creates a warehouse.
   */
  public static WarehouseReader at(String uri, Configuration conf) {
    WarehouseCatalog c = WarehouseCatalog.embedded(uri, conf);
    Path marker =
        c.properties().getOrDefault("uri", "").startsWith("jdbc:sqlite:")
            ? new Path(c.location(), WarehouseCatalog.SQLITE_FILE)
            : new Path(c.location(), WarehouseCatalog.NAMESPACE);
    try {
      if (!marker.getFileSystem(conf).exists(marker)) {
        return new WarehouseReader(c.location(), null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the warehouse " + uri, e);
    }
    return new WarehouseReader(c.location(), c.open(conf));
  }

  /** Whether there was a warehouse to open. */
  public boolean exists() {
    return catalog != null;
  }

  /** Where the warehouse is, as {@link Warehouse#root()} names it. */
  public String root() {
    return root;
  }

  /** Every commit, oldest first, as {@link Warehouse#history()} gives them. */
  public List<Warehouse.Commit> history() {
    return log == null ? List.of() : log.history();
  }

  /** The latest commit (commit 0 for a warehouse with none). */
  public Warehouse.Commit head() {
    return log == null ? Warehouse.Commit.EMPTY : log.head().commit();
  }

  /** Commit {@code number}, if the study log has it. */
  public Optional<Warehouse.Commit> commit(long number) {
    return log == null ? Optional.empty() : log.commit(number);
  }

  /**
   * A table as commit {@code commit} names it: its Iceberg snapshot's schema and row count (from
   * the snapshot's summary), for a caller that decides whether to read it here or with Spark.
   *
   * @param schema the columns the snapshot was written with (a later column is absent)
   * @param rows the rows of the snapshot from its summary, or {@link Long#MAX_VALUE} when the
   *     summary cannot tell: no count, or delete files (a merge-on-read table) whose rows the
   *     summary does not subtract
   */
  public record TableSnapshot(String table, long snapshotId, Schema schema, long rows) {}

  /** {@code table} at commit {@code commit}, or empty when the commit has no such table. */
  public Optional<TableSnapshot> snapshot(Warehouse.Commit commit, String table) {
    Long id = commit.tables().get(table);
    if (id == null) {
      return Optional.empty();
    }
    Table t = catalog.loadTable(TableIdentifier.of(WarehouseCatalog.NAMESPACE, table));
    Snapshot s = t.snapshot(id);
    Schema schema = s.schemaId() == null ? t.schema() : t.schemas().get(s.schemaId());
    return Optional.of(new TableSnapshot(table, id, schema, liveRows(s.summary())));
  }

  /**
   * The live rows of a snapshot from its summary, or {@link Long#MAX_VALUE} when it cannot tell: no
   * count, or delete files (a merge-on-read write) whose rows {@code total-records} still holds.
   */
  static long liveRows(Map<String, String> summary) {
    String rows = summary.get("total-records");
    String deletes = summary.getOrDefault("total-delete-files", "0");
    return rows == null || !deletes.equals("0") ? Long.MAX_VALUE : Long.parseLong(rows);
  }

  /**
   * Every row of {@code snapshot}, with the {@code columns} of its schema, in Iceberg's generic
   * representation (strings, longs, {@code LocalDate}, {@code OffsetDateTime}, lists). Meant for
   * small tables: every row is held in memory.
   */
  public List<Record> records(TableSnapshot snapshot, List<String> columns) {
    Table t = catalog.loadTable(TableIdentifier.of(WarehouseCatalog.NAMESPACE, snapshot.table()));
    List<Record> out = new ArrayList<>();
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(t).useSnapshot(snapshot.snapshotId()).select(columns).build()) {
      for (Record r : rows) {
        out.add(r.copy());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + snapshot.table(), e);
    }
    return out;
  }

  /**
   * The rows of {@code table} at commit {@code commit}, each as column → value (strings, longs,
   * ...; null where empty). Meant for small tables: every row is held in memory.
   */
  public List<Map<String, Object>> rows(
      Warehouse.Commit commit, String table, List<String> columns) {
    Long snapshot = commit.tables().get(table);
    if (snapshot == null) {
      return List.of();
    }
    Table t = catalog.loadTable(TableIdentifier.of(WarehouseCatalog.NAMESPACE, table));
    List<Map<String, Object>> out = new ArrayList<>();
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(t).useSnapshot(snapshot).select(columns).build()) {
      for (Record r : rows) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String c : columns) {
          row.put(c, r.getField(c));
        }
        out.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + table, e);
    }
    return out;
  }
}
