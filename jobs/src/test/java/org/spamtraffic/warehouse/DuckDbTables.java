package org.spamtraffic.warehouse;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A warehouse table for DuckDB, the independent engine of the cross-checks: the Parquet files of
 * the table's snapshot at the warehouse's commit, as the warehouse lists them ({@link
 * Warehouse#dataFiles}); DuckDB reads them with no Iceberg extension.
 */
public final class DuckDbTables {
  private DuckDbTables() {}

  /** {@code read_parquet([...])} over the table's files at the warehouse's commit. */
  public static String source(Warehouse warehouse, String table) {
    List<String> files = warehouse.dataFiles(table);
    if (files.isEmpty()) {
      throw new IllegalStateException(
          table + " has no rows at commit " + warehouse.head().number());
    }
    return files.stream()
        .map(f -> "'" + URI.create(f).getPath().replace("'", "''") + "'")
        .collect(Collectors.joining(", ", "read_parquet([", "])"));
  }
}
