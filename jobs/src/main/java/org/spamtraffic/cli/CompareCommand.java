package org.spamtraffic.cli;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Compares the current tables of two warehouses, row for row. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compares every table two warehouses share (or --tables) at their latest commits (or"
          + " --as-of, --other-as-of), row for row, ignoring order.",
      "Exit code: 0 when all are equal, 1 when one differs."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/spamtraffic compare --other hdfs:///spam/warehouse",
      "  bin/spamtraffic compare --other old/warehouse --tables volumes,routes"
    })
final class CompareCommand extends SparkCommand {
  @Option(
      names = "--other",
      paramLabel = "URI",
      required = true,
      description = "The other warehouse, any Hadoop file system URI.")
  String other;

  @Option(
      names = "--tables",
      paramLabel = "TABLE",
      split = ",",
      description = "Tables to compare (default: all shared).")
  List<String> tables;

  @picocli.CommandLine.Mixin AsOfOption asOf;

  @Option(
      names = "--other-as-of",
      paramLabel = "COMMIT",
      description = "Read the other warehouse as of this commit (default: its latest).")
  Long otherAsOf;

  @Override
  protected int run(SparkSession spark, Warehouse latest) {
    Warehouse warehouse = asOf.apply(latest);
    Warehouse that = Warehouse.at(spark, other);
    if (otherAsOf != null) {
      that = that.asOf(otherAsOf);
    }
    TreeSet<String> names = new TreeSet<>(warehouse.head().tables().keySet());
    names.retainAll(that.head().tables().keySet());
    if (tables != null) {
      names.retainAll(tables);
      if (names.size() != tables.size()) {
        throw new IllegalArgumentException(
            "Not in both warehouses: " + tables.stream().filter(t -> !names.contains(t)).toList());
      }
    }
    var out = spec.commandLine().getOut();
    boolean equal = !names.isEmpty();
    for (String table : names) {
      Dataset<Row> a = warehouse.read(table);
      Dataset<Row> b = that.read(table);
      long onlyHere = a.exceptAll(b).count();
      long onlyThere = b.exceptAll(a).count();
      boolean same = onlyHere == 0 && onlyThere == 0;
      equal &= same;
      out.printf(
          Locale.ROOT,
          "%-28s %s (%,d rows; %,d only here, %,d only there)%n",
          table,
          same ? "equal" : "DIFFERENT",
          a.count(),
          onlyHere,
          onlyThere);
    }
    out.flush();
    return equal ? 0 : 1;
  }
}
