package org.spamtraffic.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.stage.PrintedLocation;
import org.spamtraffic.warehouse.Warehouse;
import org.spamtraffic.warehouse.WarehouseCatalog;
import org.spamtraffic.warehouse.WarehouseReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a warehouse table, or lists the tables and commits of the study. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Prints rows of a warehouse table as the latest commit (or --as-of) has it, or, without a"
          + " table, lists the study's tables (their Spark SQL names, snapshots and rows) and"
          + " commits.",
      "Values are printed whole, rows ordered by the printed columns in turn (ascending, nulls"
          + " first). --format csv and json are for scripts: only the rows go to stdout (json: one"
          + " object per line, every column, which Spark's JSON reader reads back to the same"
          + " table); the row count goes to stderr.",
      "A small table of the embedded warehouse on this machine, and the list, are read without"
          + " starting Spark; --where, a site's catalog (--conf) and large tables are read with"
          + " Spark, and print the same."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/spamtraffic show",
      "  bin/spamtraffic show rejects --where \"rule = 'code'\" --limit 5",
      "  bin/spamtraffic show volumes --columns area,quarter --format csv",
      "  bin/spamtraffic show volumes --as-of 3 --format json"
    })
final class ShowCommand extends SparkCommand {
  /** How rows are printed. */
  enum Format {
    table,
    csv,
    json
  }

  @Parameters(arity = "0..1", paramLabel = "TABLE", description = "Table to print.")
  String table;

  @Option(
      names = "--where",
      paramLabel = "FILTER",
      description = "A Spark SQL filter, e.g. \"rule = 'code'\".")
  String where;

  @Option(
      names = "--columns",
      paramLabel = "COLUMN",
      split = ",",
      description = "Columns to print, in this order (default: all).")
  List<String> columns;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Rows to print (default: 20 as a table, every row as csv or json).")
  Integer limit;

  @Mixin AsOfOption asOf;

  @Override
  protected void checkOptions() {
    if (limit != null && limit < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--limit must be 0 or more, not " + limit);
    }
  }

  /**
   * A table of the embedded catalog on the local file system, without --where, is read with
   * Iceberg's generic reader when it is small ({@link IcebergRows}); Spark's start-up was most of
   * the time of such a show. Anything else (a site's catalog, HDFS, spark-submit, a filter, a large
   * table) goes to Spark.
   */
  @Override
  protected OptionalInt runWithoutSpark() {
    if (where != null || !embeddedOnLocalDisk()) {
      return OptionalInt.empty();
    }
    WarehouseReader reader = WarehouseReader.at(sparkOptions.warehouseUri(), new Configuration());
    if (!reader.exists()) {
      return OptionalInt.empty();
    }
    Optional<Warehouse.Commit> commit =
        asOf.commit == null ? Optional.of(reader.head()) : reader.commit(asOf.commit);
    if (commit.isEmpty()) {
      return OptionalInt.empty(); // Spark's path says which commits there are
    }
    if (table == null) {
      return listWithoutSpark(reader, commit.get());
    }
    checkTable(commit.get().tables().keySet(), commit.get().number());
    TableContract contract;
    try {
      contract = TableContract.load(table);
    } catch (RuntimeException e) {
      return OptionalInt.empty(); // a table without a contract is read as Spark finds it
    }
    List<String> printed =
        checkedColumns(contract.columns().stream().map(TableContract.Column::name).toList());
    WarehouseReader.TableSnapshot snapshot = reader.snapshot(commit.get(), table).orElseThrow();
    Optional<ShownRows> rows = IcebergRows.read(reader, snapshot, contract, printed, limit, format);
    if (rows.isEmpty()) {
      return OptionalInt.empty();
    }
    print(sparkOptions.catalog() + "." + WarehouseCatalog.NAMESPACE + "." + table, rows.get());
    return OptionalInt.of(0);
  }

  /** The list with each table's rows from its snapshot's summary, when every summary tells. */
  private OptionalInt listWithoutSpark(WarehouseReader reader, Warehouse.Commit commit) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String t : commit.tables().keySet()) {
      long n = reader.snapshot(commit, t).orElseThrow().rows();
      if (n == Long.MAX_VALUE) {
        return OptionalInt.empty(); // Spark counts what the summary cannot
      }
      rows.put(t, n);
    }
    String prefix = sparkOptions.catalog() + "." + WarehouseCatalog.NAMESPACE + ".";
    list(reader.root(), commit, t -> prefix + t, rows::get, reader.history());
    return OptionalInt.of(0);
  }

  private boolean embeddedOnLocalDisk() {
    if (System.getProperty("spark.master") != null) {
      return false; // under spark-submit: the cluster's settings and default file system
    }
    String site = "spark.sql.catalog." + sparkOptions.catalog();
    for (String key : sparkOptions.conf().keySet()) {
      if (key.equals(site) || key.startsWith(site + ".") || key.startsWith("spark.hadoop.")) {
        return false;
      }
    }
    if (System.getProperty(site) != null) {
      return false;
    }
    Path root = new Path(sparkOptions.warehouseUri());
    Configuration conf = new Configuration();
    try {
      return "file".equals(root.getFileSystem(conf).makeQualified(root).toUri().getScheme());
    } catch (IOException | IllegalArgumentException e) {
      return false; // Spark's path reports what is wrong with the location
    }
  }

  @Override
  protected int run(SparkSession spark, Warehouse latest) {
    Warehouse warehouse = asOf.apply(latest);
    if (table == null) {
      list(
          warehouse.root(),
          warehouse.head(),
          warehouse::tableName,
          t -> warehouse.read(t).count(),
          latest.history());
      return 0;
    }
    checkTable(warehouse.head().tables().keySet(), warehouse.head().number());
    Dataset<Row> rows = warehouse.read(table);
    List<String> printed = checkedColumns(Arrays.asList(rows.columns()));
    rows = rows.select(printed.stream().map(functions::col).toArray(Column[]::new));
    if (where != null) {
      rows = rows.where(where);
    }
    print(warehouse.tableName(table), SparkRows.read(rows, limit, format));
    return 0;
  }

  /** Rows to print of {@code count}: --limit, else 20 as a table and every row as csv or json. */
  static int rowsToPrint(Integer limit, Format format, long count) {
    if (limit != null) {
      return limit;
    }
    return format == Format.table ? 20 : (int) Math.min(count, Integer.MAX_VALUE);
  }

  private void checkTable(Collection<String> tables, long commit) {
    if (!tables.contains(table)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), unknown("table", table, tables) + " (commit " + commit + ")");
    }
  }

  /** The columns asked for, each checked against {@code known}, or every known column. */
  private List<String> checkedColumns(List<String> known) {
    if (columns == null) {
      return known;
    }
    for (String c : columns) {
      if (!known.contains(c)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), unknown("column of " + table, c, known));
      }
    }
    return columns;
  }

  private void print(String tableName, ShownRows rows) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter note = format == Format.table ? out : spec.commandLine().getErr();
    note.printf(
        Locale.ROOT, "%s: %,d %s%n", tableName, rows.count(), rows.count() == 1 ? "row" : "rows");
    note.flush();
    RowPrinter.print(rows, format, out);
  }

  /** "No table 'volumnes'; did you mean 'volumes'? Tables: ..." */
  static String unknown(String what, String name, Collection<String> names) {
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    String nearest =
        names.stream()
            .min(
                Comparator.comparingInt((String t) -> distance.apply(t, name))
                    .thenComparing(t -> t))
            .orElse(null);
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(null);
    return "No "
        + what
        + " '"
        + name
        + "'"
        + (nearest == null ? "" : "; did you mean '" + nearest + "'?")
        + " There are: "
        + String.join(", ", sorted);
  }

  /**
   * The list: the warehouse, commit {@code head} and its tables with their rows, then every commit
   * of {@code history}. One printer for Spark's counts and the snapshot summaries'.
   */
  private void list(
      String root,
      Warehouse.Commit head,
      UnaryOperator<String> tableName,
      ToLongFunction<String> rows,
      List<Warehouse.Commit> history) {
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "warehouse %s, commit %d by %s at %s%n",
        PrintedLocation.of(root),
        head.number(),
        head.job(),
        head.committedAt());
    head.tables()
        .forEach(
            (t, snapshot) ->
                out.printf(
                    Locale.ROOT,
                    "  %-44s snapshot %-20d %,d rows%n",
                    tableName.apply(t),
                    snapshot,
                    rows.applyAsLong(t)));
    out.println("commits:");
    for (Warehouse.Commit c : history) {
      out.printf(
          Locale.ROOT,
          "  %4d  %s  %-16s %s%n",
          c.number(),
          c.committedAt(),
          c.job(),
          String.join(", ", c.changed()));
    }
    out.flush();
  }
}
