package org.spamtraffic.surveyingest;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.warehouse.Contracts;

/**
 * Builds a Spark frame of a warehouse table from rows given as column-to-value maps, in the table's
 * contract order and types, so that the job names columns once (in the map) and the contract
 * decides their order.
 */
final class Frames {
  private Frames() {}

  static Dataset<Row> of(SparkSession spark, String table, List<Map<String, Object>> rows) {
    TableContract contract = TableContract.load(table);
    List<Row> out = new ArrayList<>(rows.size());
    for (Map<String, Object> m : rows) {
      for (String key : m.keySet()) {
        contract.column(key); // fails fast, naming the table and column, on a typo
      }
      Object[] values = new Object[contract.columns().size()];
      for (int i = 0; i < values.length; i++) {
        TableContract.Column c = contract.columns().get(i);
        values[i] = convert(m.get(c.name()), c);
      }
      out.add(RowFactory.create(values));
    }
    return spark.createDataFrame(out, Contracts.sparkSchema(contract));
  }

  private static Object convert(Object v, TableContract.Column c) {
    if (v == null) {
      return null;
    }
    switch (c.type()) {
      case TIMESTAMP:
        return v instanceof Instant i ? Timestamp.from(i) : v;
      case DATE:
        return v instanceof LocalDate d ? Date.valueOf(d) : v;
      case LONG:
        return ((Number) v).longValue();
      case INT:
        return ((Number) v).intValue();
      case DOUBLE:
        return ((Number) v).doubleValue();
      case STRING:
        return v.toString();
      case BOOLEAN:
      case STRING_ARRAY:
        return v;
    }
    throw new AssertionError(c.type());
  }
}
