package org.spamtraffic.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** {@code show}'s rows read with Spark: any table, any catalog, any {@code --where}. */
final class SparkRows {
  private SparkRows() {}

  /** The first {@code limit} rows of {@code rows} in {@link ShownRows#ORDER}, and their count. */
  static ShownRows read(Dataset<Row> rows, Integer limit, ShowCommand.Format format) {
    long count = rows.count();
    int n = ShowCommand.rowsToPrint(limit, format, count);
    List<String> columns = Arrays.asList(rows.columns());
    // ORDER BY every column ascending (nulls first, Spark's default): ShownRows.ORDER's rule.
    Dataset<Row> ordered =
        rows.orderBy(
            columns.stream().map(c -> functions.col(c).asc_nulls_first()).toArray(Column[]::new));
    List<List<Object>> values = new ArrayList<>();
    for (Row r : ordered.takeAsList(n)) {
      List<Object> row = new ArrayList<>(r.size());
      for (int i = 0; i < r.size(); i++) {
        row.add(value(r.get(i)));
      }
      values.add(row);
    }
    return new ShownRows(columns, values, count);
  }

  private static Object value(Object v) {
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate(); // Spark makes the Date so that its local date is the day stored
    }
    if (v instanceof scala.collection.Seq<?> seq) {
      List<Object> items = new ArrayList<>();
      for (Object item : scala.jdk.javaapi.CollectionConverters.asJava(seq)) {
        items.add(value(item));
      }
      return items;
    }
    if (v instanceof String || v instanceof Number || v instanceof Boolean || v == null) {
      return v;
    }
    if (v instanceof java.time.Instant || v instanceof java.time.LocalDate) {
      return v; // with spark.sql.datetime.java8API.enabled
    }
    throw new IllegalStateException("show cannot print a value of " + v.getClass().getName());
  }
}
