package org.spamtraffic.report.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.warehouse.Contracts;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The tables a report may read, collected from the warehouse: every table whose contract says
 * {@code x-published}, and the country-level tables that carry a {@code publishable} flag per row
 * (investment estimates, questionnaire indicators), of which only publishable rows and rollups are
 * kept. Nothing else leaves the warehouse.
 */
public final class PublishedTables {
  /** The row-level flag of tables that are published row by row. */
  public static final String PUBLISHABLE = "publishable";

  private final Map<String, ReportTable> tables;
  private final Map<String, String> versions;

  private PublishedTables(Map<String, ReportTable> tables, Map<String, String> versions) {
    this.tables = tables;
    this.versions = versions;
  }

  /** Tables given directly (tests, notebooks). */
  public static PublishedTables of(List<ReportTable> tables) {
    Map<String, ReportTable> map = new TreeMap<>();
    tables.forEach(t -> map.put(t.name(), t));
    return new PublishedTables(map, Map.of());
  }

  /** Reads every publishable table of the warehouse's current commit. */
  public static PublishedTables read(Warehouse warehouse) {
    Map<String, ReportTable> tables = new TreeMap<>();
    Map<String, String> versions = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : warehouse.head().tables().entrySet()) {
      String name = e.getKey();
      Optional<TableContract> contract = contract(name);
      if (contract.isEmpty()) {
        continue;
      }
      boolean rowByRow =
          contract.get().columns().stream().anyMatch(c -> c.name().equals(PUBLISHABLE));
      if (!contract.get().published() && !rowByRow) {
        continue;
      }
      Dataset<Row> data = Contracts.conform(contract.get(), warehouse.read(name));
      ReportTable table = collect(contract.get(), data);
      if (!contract.get().published()) {
        table = table.filter(publishableRow(table));
      }
      tables.put(name, table);
      versions.put(name, e.getValue());
    }
    return new PublishedTables(tables, versions);
  }

  /** Collects a (small, aggregated) frame conforming to {@code contract}. */
  public static ReportTable collect(TableContract contract, Dataset<Row> data) {
    List<List<Object>> rows = new ArrayList<>();
    int width = contract.columns().size();
    for (Row r : data.collectAsList()) {
      List<Object> row = new ArrayList<>(width);
      for (int i = 0; i < width; i++) {
        row.add(ReportTable.javaValue(r.isNullAt(i) ? null : r.get(i)));
      }
      rows.add(row);
    }
    return ReportTable.of(contract, rows);
  }

  /**
   * A row of a row-by-row table may be shown when it is flagged publishable, or when it is not a
   * single country's row (regional and group rollups are always shown).
   */
  static java.util.function.Predicate<List<Object>> publishableRow(ReportTable table) {
    int flag = table.index(PUBLISHABLE);
    int level = table.has("level") ? table.index("level") : -1;
    int country = table.has("country_code") ? table.index("country_code") : -1;
    return row -> {
      if (Boolean.TRUE.equals(row.get(flag))) {
        return true;
      }
      if (level >= 0) {
        return row.get(level) != null && !"country".equals(row.get(level));
      }
      return country >= 0 && row.get(country) == null;
    };
  }

  private static Optional<TableContract> contract(String name) {
    try {
      return Optional.of(TableContract.load(name));
    } catch (IllegalArgumentException e) {
      // A warehouse table with no contract on this classpath (a newer job's table): not ours.
      return Optional.empty();
    }
  }

  /** The table called {@code name}, if the warehouse has it. */
  public Optional<ReportTable> get(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  /** Every table read, by name. */
  public Map<String, ReportTable> all() {
    return tables;
  }

  /** The warehouse version folder each table was read from (relative to the warehouse root). */
  public Map<String, String> versions() {
    return versions;
  }
}
