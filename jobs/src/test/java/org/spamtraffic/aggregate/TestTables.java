package org.spamtraffic.aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.warehouse.Contracts;

/** Small helpers for test tables: rows from column maps, and reading rows back by key. */
final class TestTables {
  private TestTables() {}

  /** A frame of {@code table}'s contract from rows given as column → value (others null). */
  static Dataset<Row> of(SparkSession spark, String table, List<Map<String, Object>> rows) {
    TableContract contract = TableContract.load(table);
    List<Row> out = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      Object[] values = new Object[contract.columns().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = r.get(contract.columns().get(i).name());
      }
      out.add(RowFactory.create(values));
    }
    return spark.createDataFrame(out, Contracts.sparkSchema(contract));
  }

  /** Every row of {@code data} as a column → value map. */
  static List<Map<String, Object>> maps(Dataset<Row> data) {
    List<Map<String, Object>> out = new ArrayList<>();
    String[] columns = data.columns();
    for (Row r : data.collectAsList()) {
      Map<String, Object> m = new HashMap<>();
      for (int i = 0; i < columns.length; i++) {
        m.put(columns[i], r.get(i));
      }
      out.add(m);
    }
    return out;
  }

  /** The one row whose columns have the given values; fails when there is not exactly one. */
  static Map<String, Object> one(List<Map<String, Object>> rows, Object... columnValuePairs) {
    List<Map<String, Object>> hits = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      boolean match = true;
      for (int i = 0; i < columnValuePairs.length; i += 2) {
        if (!java.util.Objects.equals(
            r.get((String) columnValuePairs[i]), columnValuePairs[i + 1])) {
          match = false;
          break;
        }
      }
      if (match) {
        hits.add(r);
      }
    }
    if (hits.size() != 1) {
      throw new AssertionError(
          "Expected one row with "
              + java.util.Arrays.toString(columnValuePairs)
              + ", found "
              + hits.size());
    }
    return hits.get(0);
  }
}
