package org.spamtraffic.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
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
  private final StudyLog log;
  private final Catalog catalog;

  private WarehouseReader(Catalog catalog) {
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
        return new WarehouseReader(null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the warehouse " + uri, e);
    }
    return new WarehouseReader(c.open(conf));
  }

  /** Whether there was a warehouse to open. */
  public boolean exists() {
    return catalog != null;
  }

  /** The latest commit (commit 0 for a warehouse with none). */
  public Warehouse.Commit head() {
    return log == null ? Warehouse.Commit.EMPTY : log.head().commit();
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
