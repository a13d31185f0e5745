package org.spamtraffic.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.spamtraffic.stage.PrintedLocation;
import org.spamtraffic.warehouse.Warehouse;
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
      "Values are printed whole. --format csv and json are for scripts: only the rows go to"
          + " stdout (json: one object per line, Spark's own JSON of the row, which reads back to"
          + " the same table); the row count goes to stderr."
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
  protected int run(SparkSession spark, Warehouse latest) {
    PrintWriter out = spec.commandLine().getOut();
    Warehouse warehouse = asOf.apply(latest);
    if (table == null) {
      list(warehouse, latest, out);
      return 0;
    }
    Collection<String> tables = warehouse.head().tables().keySet();
    if (!tables.contains(table)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          unknown("table", table, tables) + " (commit " + warehouse.head().number() + ")");
    }
    Dataset<Row> rows = warehouse.read(table);
    if (columns != null) {
      List<String> known = Arrays.asList(rows.columns());
      for (String c : columns) {
        if (!known.contains(c)) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), unknown("column of " + table, c, known));
        }
      }
      rows = rows.select(columns.stream().map(functions::col).toArray(Column[]::new));
    }
    if (where != null) {
      rows = rows.where(where);
    }
    long count = rows.count();
    PrintWriter note = format == Format.table ? out : spec.commandLine().getErr();
    note.printf(
        Locale.ROOT,
        "%s: %,d %s%n",
        warehouse.tableName(table),
        count,
        count == 1 ? "row" : "rows");
    note.flush();
    int n =
        limit != null
            ? limit
            : format == Format.table ? 20 : (int) Math.min(count, Integer.MAX_VALUE);
    switch (format) {
      case table -> rows.show(n, 0, false);
      case json -> {
        for (String line : rows.toJSON().takeAsList(n)) {
          out.println(line);
        }
      }
      case csv -> csv(rows, n, out);
    }
    out.flush();
    return 0;
  }

  private static void csv(Dataset<Row> rows, int n, PrintWriter out) {
    // Spark's own text of each value (dates ISO, decimals as written), quoted as RFC 4180 asks.
    Dataset<Row> text =
        rows.select(
            Arrays.stream(rows.columns())
                .map(c -> functions.col(c).cast("string").as(c))
                .toArray(Column[]::new));
    CsvWriter csv =
        CsvWriter.builder().lineDelimiter(de.siegmar.fastcsv.writer.LineDelimiter.LF).build(out);
    csv.writeRecord(text.columns());
    // Text a spreadsheet would run is neutralised by the one rule; numbers stay numbers.
    org.apache.spark.sql.types.StructField[] fields = rows.schema().fields();
    for (Row r : text.takeAsList(n)) {
      String[] values = new String[r.size()];
      for (int i = 0; i < values.length; i++) {
        boolean number = fields[i].dataType() instanceof org.apache.spark.sql.types.NumericType;
        String value = r.isNullAt(i) ? "" : r.getString(i);
        values[i] = number ? value : org.spamtraffic.output.SpreadsheetText.neutralised(value);
      }
      csv.writeRecord(values);
    }
    try {
      csv.flush();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot write to stdout", e);
    }
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

  private static void list(Warehouse warehouse, Warehouse latest, PrintWriter out) {
    Warehouse.Commit head = warehouse.head();
    out.printf(
        Locale.ROOT,
        "warehouse %s, commit %d by %s at %s%n",
        PrintedLocation.of(warehouse.root()),
        head.number(),
        head.job(),
        head.committedAt());
    head.tables()
        .forEach(
            (t, snapshot) ->
                out.printf(
                    Locale.ROOT,
                    "  %-44s snapshot %-20d %,d rows%n",
                    warehouse.tableName(t),
                    snapshot,
                    warehouse.read(t).count()));
    out.println("commits:");
    for (Warehouse.Commit c : latest.history()) {
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
