package org.spamtraffic.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.warehouse.Contracts;

/**
 * Small tables computed on the driver, turned into frames of their contract's schema: each row is
 * given by column name, so that rows and contracts cannot drift apart silently (an unknown name
 * fails fast).
 */
final class TableRows {
  private static final int ROWS_PER_SLICE = 4000;

  private final TableContract contract;
  private final List<Row> rows = new ArrayList<>();

  TableRows(String table) {
    this.contract = TableContract.load(table);
  }

  void add(Map<String, Object> values) {
    for (String name : values.keySet()) {
      contract.column(name); // throws, naming the column, if the contract has no such column
    }
    Object[] cells = new Object[contract.columns().size()];
    for (int i = 0; i < cells.length; i++) {
      Object v = values.get(contract.columns().get(i).name());
      // An array column takes a Scala sequence in an external row.
      cells[i] =
          v instanceof List<?> l ? scala.jdk.javaapi.CollectionConverters.asScala(l).toSeq() : v;
    }
    rows.add(RowFactory.create(cells));
  }

  int size() {
    return rows.size();
  }

  Dataset<Row> frame(SparkSession spark) {
    // Slices of a few thousand rows: one local relation of every row would ship as one task of
    // several MB, which Spark warns about.
    int slices = Math.max(1, rows.size() / ROWS_PER_SLICE);
    return spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, slices),
        Contracts.sparkSchema(contract));
  }
}
