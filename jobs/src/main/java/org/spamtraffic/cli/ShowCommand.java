package org.spamtraffic.cli;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a warehouse table, or lists the tables of the current commit. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Prints rows of a warehouse table (its current version), or, without a table, lists the",
      "tables of the current commit with their version folders."
    })
final class ShowCommand extends SparkCommand {
  @Parameters(arity = "0..1", paramLabel = "TABLE", description = "Table to print")
  String table;

  @Option(names = "--where", description = "A Spark SQL filter, e.g. \"rule = 'code'\"")
  String where;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "Rows to print (default: ${DEFAULT-VALUE})")
  int limit;

  @Override
  protected int run(SparkSession spark, Warehouse warehouse) {
    var out = spec.commandLine().getOut();
    if (table == null) {
      Warehouse.Commit head = warehouse.head();
      out.printf(
          Locale.ROOT,
          "warehouse %s, commit %d by %s at %s%n",
          warehouse.root(),
          head.number(),
          head.job(),
          head.committedAt());
      head.tables().forEach((t, v) -> out.printf(Locale.ROOT, "  %-26s %s%n", t, v));
      out.flush();
      return 0;
    }
    Dataset<Row> rows = warehouse.read(table);
    if (where != null) {
      rows = rows.where(where);
    }
    out.printf(Locale.ROOT, "%s: %,d rows%n", table, rows.count());
    out.flush();
    rows.show(limit, 60, false);
    return 0;
  }
}
