package org.spamtraffic.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.spamtraffic.schema.TableContract;

/** Maps table contracts from {@code schemas/tables/} to Spark schemas and conforms data to them. */
public final class Contracts {
  private Contracts() {}

  /** The Spark type of a contract column type. */
  public static DataType sparkType(TableContract.ColumnType type) {
    switch (type) {
      case STRING:
        return DataTypes.StringType;
      case INT:
        return DataTypes.IntegerType;
      case LONG:
        return DataTypes.LongType;
      case DOUBLE:
        return DataTypes.DoubleType;
      case BOOLEAN:
        return DataTypes.BooleanType;
      case DATE:
        return DataTypes.DateType;
      case TIMESTAMP:
        return DataTypes.TimestampType;
      case STRING_ARRAY:
        return DataTypes.createArrayType(DataTypes.StringType);
    }
    throw new AssertionError(type);
  }

  /** The Spark schema of a table, in contract order. */
  public static StructType sparkSchema(TableContract contract) {
    List<StructField> fields = new ArrayList<>();
    for (TableContract.Column c : contract.columns()) {
      fields.add(DataTypes.createStructField(c.name(), sparkType(c.type()), c.nullable()));
    }
    return DataTypes.createStructType(fields);
  }

  /**
   * Selects the contract's columns in order, cast to their types. Missing nullable columns become
   * nulls; a missing required column or a column the contract does not know is a programming error
   * and fails fast with both names.
   */
  public static Dataset<Row> conform(TableContract contract, Dataset<Row> data) {
    Set<String> present = new HashSet<>(Arrays.asList(data.columns()));
    Set<String> known = new HashSet<>();
    List<Column> select = new ArrayList<>();
    for (TableContract.Column c : contract.columns()) {
      known.add(c.name());
      DataType type = sparkType(c.type());
      if (present.contains(c.name())) {
        select.add(col(c.name()).cast(type).as(c.name()));
      } else if (c.nullable()) {
        select.add(lit(null).cast(type).as(c.name()));
      } else {
        throw new IllegalArgumentException(
            "Table " + contract.name() + ": required column " + c.name() + " is missing");
      }
    }
    present.removeAll(known);
    if (!present.isEmpty()) {
      throw new IllegalArgumentException(
          "Table "
              + contract.name()
              + ": columns not in schemas/tables/"
              + contract.name()
              + ".schema.json: "
              + present);
    }
    return data.select(select.toArray(Column[]::new));
  }

  /**
   * The contract's columns of {@code data}, in contract order, cast to their types, for reading: a
   * column the data lacks (an older snapshot, before the column was added) reads as nulls, and a
   * column the contract no longer has is left out.
   */
  public static Dataset<Row> project(TableContract contract, Dataset<Row> data) {
    Set<String> present = new HashSet<>(Arrays.asList(data.columns()));
    List<Column> select = new ArrayList<>();
    for (TableContract.Column c : contract.columns()) {
      DataType type = sparkType(c.type());
      Column value = present.contains(c.name()) ? col(c.name()).cast(type) : lit(null).cast(type);
      select.add(value.as(c.name()));
    }
    return data.select(select.toArray(Column[]::new));
  }
}
