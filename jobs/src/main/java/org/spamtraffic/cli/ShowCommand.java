package org.spamtraffic.cli;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a warehouse table, or lists the tables and commits of the study. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Prints rows of a warehouse table as the latest commit (or --as-of) has it, or, without a"
            + " table, lists the study's tables (their Spark SQL names, snapshots and rows) and"
            + " commits.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/spamtraffic show",
      "  bin/spamtraffic show rejects --where \"rule = 'code'\" --limit 5",
      "  bin/spamtraffic show volumes --as-of 3"
    })
final class ShowCommand extends SparkCommand {
  @Parameters(arity = "0..1", paramLabel = "TABLE", description = "Table to print.")
  String table;

  @Option(
      names = "--where",
      paramLabel = "FILTER",
      description = "A Spark SQL filter, e.g. \"rule = 'code'\".")
  String where;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "Rows to print (default: ${DEFAULT-VALUE}).")
  int limit;

  @Mixin AsOfOption asOf;

  @Override
  protected int run(SparkSession spark, Warehouse latest) {
    var out = spec.commandLine().getOut();
    Warehouse warehouse = asOf.apply(latest);
    if (table == null) {
      Warehouse.Commit head = warehouse.head();
      out.printf(
          Locale.ROOT,
          "warehouse %s, commit %d by %s at %s%n",
          warehouse.root(),
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
      return 0;
    }
    Dataset<Row> rows = warehouse.read(table);
    if (where != null) {
      rows = rows.where(where);
    }
    out.printf(Locale.ROOT, "%s: %,d rows%n", warehouse.tableName(table), rows.count());
    out.flush();
    rows.show(limit, 60, false);
    return 0;
  }
}
