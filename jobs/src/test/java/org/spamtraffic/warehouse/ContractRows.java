package org.spamtraffic.warehouse;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.schema.TableContract;

/**
 * Rows for any warehouse table, made from its contract: every column gets a value of its type
 * derived from a label and the row's number, so that two writers' rows differ and a test can tell
 * whose rows a table holds.
 */
final class ContractRows {
  private ContractRows() {}

  static Dataset<Row> of(SparkSession spark, String table, String label, int rows) {
    TableContract contract = TableContract.load(table);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      List<Object> values = new ArrayList<>();
      for (TableContract.Column c : contract.columns()) {
        values.add(
            switch (c.type()) {
              case STRING -> label + "-" + i;
              case INT -> i;
              case LONG -> (long) i;
              case DOUBLE -> i / 2.0;
              case BOOLEAN -> i % 2 == 0;
              case DATE -> Date.valueOf("2025-01-01");
              case TIMESTAMP -> new Timestamp(1_700_000_000_000L + i);
              case STRING_ARRAY -> new String[] {label};
            });
      }
      out.add(RowFactory.create(values.toArray()));
    }
    return spark.createDataFrame(out, Contracts.sparkSchema(contract));
  }

  /** The label of the rows of {@code table} in {@code warehouse} (its first string column). */
  static List<String> labels(Warehouse warehouse, String table) {
    String first =
        TableContract.load(table).columns().stream()
            .filter(c -> c.type() == TableContract.ColumnType.STRING)
            .findFirst()
            .orElseThrow()
            .name();
    List<String> out = new ArrayList<>();
    for (Row r : warehouse.read(table).select(first).collectAsList()) {
      String v = r.getString(0);
      String label = v.substring(0, v.lastIndexOf('-'));
      if (!out.contains(label)) {
        out.add(label);
      }
    }
    return out;
  }
}
