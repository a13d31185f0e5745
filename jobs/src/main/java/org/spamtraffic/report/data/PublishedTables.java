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
 * The tables a report may read, collected from the warehouse. Nothing else leaves the warehouse:
 *
 * <ul>
 *   <li>every table whose contract says {@code x-published} (disclosure-controlled by the publish
 *       step, or public reference data);
 *   <li>tables with a {@code publishable} flag per row (investment estimates), of which only rows
 *       flagged publishable are kept: the estimate decides it under the disclosure policy, rollups
 *       included (a rollup minus its published countries could give a withheld one back);
 *   <li>the tables listed in {@link #ALSO_PUBLISHABLE}, whose rows carry no operator's figures:
 *       Member States' own questionnaire answers (latest submission only).
 * </ul>
 */
public final class PublishedTables {
  /** The row-level flag of tables that are published row by row. */
  public static final String PUBLISHABLE = "publishable";

  /**
   * Tables without {@code x-published} or a {@code publishable} flag that a report may still show,
   * and why: survey_indicators and survey_distributions are Member States' questionnaire answers
   * and their regional counts, which ITU studies publish per country; no operator's figure is in
   * them.
   */
  public static final java.util.Set<String> ALSO_PUBLISHABLE =
      java.util.Set.of("survey_indicators", "survey_distributions");

  private final Map<String, ReportTable> tables;
  private final Map<String, String> versions;

  private PublishedTables(Map<String, ReportTable> tables, Map<String, String> versions) {
    this.tables = tables;
    this.versions = versions;
  }

  /**
   * Tables given directly (tests, notebooks), restricted as {@link #read} restricts them: a table
   * that may not be published is left out, unpublishable rows are dropped.
   */
  public static PublishedTables of(List<ReportTable> tables) {
    Map<String, ReportTable> map = new TreeMap<>();
    tables.forEach(t -> publishableView(t).ifPresent(v -> map.put(v.name(), v)));
    return new PublishedTables(map, Map.of());
  }

  /** What a report may show of {@code table}: nothing, some rows or all of it. */
  static Optional<ReportTable> publishableView(ReportTable table) {
    TableContract contract = table.contract();
    boolean rowByRow = table.has(PUBLISHABLE);
    if (!contract.published() && !rowByRow && !ALSO_PUBLISHABLE.contains(contract.name())) {
      return Optional.empty();
    }
    ReportTable view = table;
    if (!contract.published()) {
      view = rowByRow ? view.withholding(publishableRow(view)) : view.filter(notCountryLevel(view));
    }
    if (view.has("is_latest")) {
      // Earlier questionnaire submissions stay in the warehouse's history, not in reports.
      view = view.filter(view.where("is_latest", true));
    }
    return Optional.of(view);
  }

  /**
   * Whether a report may read the table of {@code contract} at all (published, published row by
   * row, or {@link #ALSO_PUBLISHABLE}): the tables whose texts a report's reader may meet.
   */
  public static boolean mayRead(TableContract contract) {
    return contract.published()
        || ALSO_PUBLISHABLE.contains(contract.name())
        || contract.columns().stream().anyMatch(c -> c.name().equals(PUBLISHABLE));
  }

  /** Reads every publishable table of the warehouse's current commit. */
  public static PublishedTables read(Warehouse warehouse) {
    Map<String, ReportTable> tables = new TreeMap<>();
    Map<String, String> versions = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : warehouse.head().tables().entrySet()) {
      String name = e.getKey();
      Optional<TableContract> contract = contract(name);
      if (contract.isEmpty()) {
        continue;
      }
      if (!mayRead(contract.get())) {
        continue;
      }
      Dataset<Row> data = Contracts.conform(contract.get(), warehouse.read(name));
      ReportTable table = publishableView(collect(contract.get(), data)).orElseThrow();
      tables.put(name, table);
      versions.put(name, Long.toString(e.getValue()));
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

  /** A row of a row-by-row table may be shown only when it is flagged publishable. */
  static java.util.function.Predicate<List<Object>> publishableRow(ReportTable table) {
    int flag = table.index(PUBLISHABLE);
    return row -> Boolean.TRUE.equals(row.get(flag));
  }

  /** Drops any country-level row of a table meant to hold rollups only (a safety net). */
  static java.util.function.Predicate<List<Object>> notCountryLevel(ReportTable table) {
    if (!table.has("level")) {
      return row -> true;
    }
    int level = table.index("level");
    return row -> !"country".equals(row.get(level));
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
