package org.spamtraffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;
import org.spamtraffic.warehouse.WarehouseReader;

/**
 * show reads a small table without Spark and prints it exactly as the Spark path does: every table
 * of a study on the samples (three countries' operators, every questionnaire sample), in every
 * format, whole and cut to a few columns and rows.
 */
class ShowBothWaysTest {
  @TempDir static Path temp;
  private static SparkSession spark;
  private static Warehouse warehouse;
  private static WarehouseReader reader;

  @BeforeAll
  static void study() throws IOException {
    Path samples = Path.of("..", "data-samples").toAbsolutePath().normalize();
    for (String operator : List.of("KE-KILIMA", "KE-SAVANNA", "KE-TAIFA", "NG-DELTA", "NG-SAHEL")) {
      Path to = Files.createDirectories(temp.resolve("landing").resolve(operator));
      try (var files = Files.list(samples.resolve("returns").resolve(operator))) {
        for (Path f : files.sorted().toList()) {
          Files.copy(f, to.resolve(f.getFileName()));
        }
      }
    }
    Path out = temp.resolve("out");
    CommandRun study =
        CommandRun.of(
            "study",
            "--landing",
            temp.resolve("landing").toString(),
            "--survey-landing",
            samples.resolve("survey").toString(),
            "--out",
            out.toString());
    assertThat(study.exit()).as(study.err()).isZero();
    spark = SparkSessions.forTests("ShowBothWaysTest");
    warehouse = Warehouse.at(spark, out.resolve("warehouse").toString());
    reader = WarehouseReader.at(out.resolve("warehouse").toString(), new Configuration());
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void everyTableIsPrintedTheSameByIcebergAsBySparkInEveryFormat() {
    Set<String> tables = new TreeSet<>(reader.head().tables().keySet());
    assertThat(tables).contains("returns", "survey_answers", "investment", "published_sources");
    Set<String> kinds = new HashSet<>();
    for (String table : tables) {
      TableContract contract = TableContract.load(table);
      List<String> columns = contract.columns().stream().map(TableContract.Column::name).toList();
      for (ShowCommand.Format format : ShowCommand.Format.values()) {
        ShownRows bySpark = SparkRows.read(warehouse.read(table), null, format);
        ShownRows byIceberg = iceberg(table, contract, columns, null, format);
        assertThat(printed(byIceberg, format))
            .as(table + " " + format)
            .isEqualTo(printed(bySpark, format));
        assertThat(byIceberg.count()).isEqualTo(warehouse.read(table).count());
        byIceberg.rows().forEach(r -> r.forEach(v -> kinds.add(kind(v))));
      }
      // The last columns first, and only three rows: the order is by the printed columns.
      List<String> some =
          new ArrayList<>(columns.subList(Math.max(0, columns.size() - 3), columns.size()));
      java.util.Collections.reverse(some);
      ShownRows bySpark =
          SparkRows.read(
              warehouse.read(table).selectExpr(some.toArray(String[]::new)),
              3,
              ShowCommand.Format.csv);
      ShownRows byIceberg = iceberg(table, contract, some, 3, ShowCommand.Format.csv);
      assertThat(printed(byIceberg, ShowCommand.Format.csv))
          .as(table + " " + some)
          .isEqualTo(printed(bySpark, ShowCommand.Format.csv));
    }
    // The samples hold every kind of value a contract has.
    assertThat(kinds)
        .contains(
            "null",
            "String",
            "Integer",
            "Long",
            "Double",
            "Boolean",
            "LocalDate",
            "Instant",
            "ArrayList");
  }

  @Test
  void jsonOfEveryTableReadsBackToExactlyTheTable() {
    for (String table : new TreeSet<>(reader.head().tables().keySet())) {
      TableContract contract = TableContract.load(table);
      List<String> columns = contract.columns().stream().map(TableContract.Column::name).toList();
      String json =
          printed(
              iceberg(table, contract, columns, null, ShowCommand.Format.json),
              ShowCommand.Format.json);
      Dataset<Row> original = warehouse.read(table);
      Dataset<Row> back =
          spark
              .read()
              .schema(original.schema())
              .json(spark.createDataset(json.lines().toList(), Encoders.STRING()));
      assertThat(back.count()).as(table).isEqualTo(original.count());
      assertThat(back.exceptAll(original).count()).as(table).isZero();
      assertThat(original.exceptAll(back).count()).as(table).isZero();
    }
  }

  private static ShownRows iceberg(
      String table,
      TableContract contract,
      List<String> columns,
      Integer limit,
      ShowCommand.Format format) {
    WarehouseReader.TableSnapshot snapshot = reader.snapshot(reader.head(), table).orElseThrow();
    return IcebergRows.read(reader, snapshot, contract, columns, limit, format)
        .orElseThrow(() -> new AssertionError(table + " was not read without Spark"));
  }

  private static String printed(ShownRows rows, ShowCommand.Format format) {
    StringWriter text = new StringWriter();
    RowPrinter.print(rows, format, new PrintWriter(text));
    return text.toString();
  }

  private static String kind(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName();
  }
}
