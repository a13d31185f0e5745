package org.spamtraffic.cli;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.warehouse.WarehouseReader;

/**
 * {@code show}'s rows read with Iceberg's generic reader, without Spark: for a small table whose
 * columns the snapshot stores with exactly the contract's types. Columns are the contract's, as
 * {@code Warehouse.read} gives them to Spark: one the snapshot predates reads as nulls.
 */
final class IcebergRows {
  /**
   * Above this many rows Spark reads the table: every row is held and sorted in this process, and
   * at a few seconds per 100,000 rows Spark's start-up no longer dominates.
   */
  static final long MOST_ROWS = 100_000;

  private IcebergRows() {}

  /**
   * The first rows of {@code table} at {@code snapshot}, or empty when Spark must read it (too
   * large, or a column stored with another type than the contract's, which Spark would cast).
   */
  static Optional<ShownRows> read(
      WarehouseReader reader,
      WarehouseReader.TableSnapshot snapshot,
      TableContract contract,
      List<String> columns,
      Integer limit,
      ShowCommand.Format format) {
    if (snapshot.rows() > MOST_ROWS) {
      return Optional.empty();
    }
    List<String> stored = new ArrayList<>();
    for (String c : columns) {
      Types.NestedField field = snapshot.schema().findField(c);
      if (field != null) {
        if (!stores(field.type(), contract.column(c).type())) {
          return Optional.empty();
        }
        stored.add(c);
      }
    }
    List<List<Object>> rows = new ArrayList<>();
    for (Record r : reader.records(snapshot, stored)) {
      List<Object> row = new ArrayList<>(columns.size());
      for (String c : columns) {
        row.add(stored.contains(c) ? value(r.getField(c)) : null);
      }
      rows.add(row);
    }
    int n = ShowCommand.rowsToPrint(limit, format, rows.size());
    return Optional.of(ShownRows.sorted(columns, rows, n));
  }

  /** Whether {@code stored} is the Iceberg type Spark's write of a contract type stores. */
  private static boolean stores(Type stored, TableContract.ColumnType type) {
    Type expected =
        switch (type) {
          case STRING -> Types.StringType.get();
          case INT -> Types.IntegerType.get();
          case LONG -> Types.LongType.get();
          case DOUBLE -> Types.DoubleType.get();
          case BOOLEAN -> Types.BooleanType.get();
          case DATE -> Types.DateType.get();
          case TIMESTAMP -> Types.TimestampType.withZone();
          case STRING_ARRAY -> null;
        };
    if (expected == null) {
      return stored.isListType()
          && stored.asListType().elementType().equals(Types.StringType.get());
    }
    return stored.equals(expected);
  }

  private static Object value(Object v) {
    if (v instanceof CharSequence s) {
      return s.toString();
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (v instanceof List<?> list) {
      List<Object> items = new ArrayList<>();
      for (Object item : list) {
        items.add(value(item));
      }
      return items;
    }
    return v; // Integer, Long, Double, Boolean, LocalDate, null
  }
}
