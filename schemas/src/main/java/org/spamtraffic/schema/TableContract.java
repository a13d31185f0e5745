package org.spamtraffic.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The contract of one warehouse table, read from {@code schemas/tables/<name>.schema.json}: a JSON
 * Schema of one row, with {@code x-row} (what one row means), {@code x-partition-by} and {@code
 * x-published} (whether the table leaves the warehouse for reports, after disclosure control).
 *
 * @param name table name, as used in the warehouse
 * @param description what the table holds
 * @param row what one row means
 * @param partitionBy columns the table is partitioned by, in order
 * @param published whether reports may read it
 * @param columns the columns, in order
 */
public record TableContract(
    String name,
    String description,
    String row,
    List<String> partitionBy,
    boolean published,
    List<Column> columns) {

  /**
   * One column.
   *
   * @param name column name
   * @param type logical type
   * @param nullable whether nulls are allowed
   * @param description what the column holds, with its unit
   */
  public record Column(String name, ColumnType type, boolean nullable, String description) {}

  /** Logical column types, mapped from JSON Schema {@code type} and {@code format}. */
  public enum ColumnType {
    STRING,
    INT,
    LONG,
    DOUBLE,
    BOOLEAN,
    DATE,
    TIMESTAMP,
    STRING_ARRAY
  }

  /** Loads {@code schemas/tables/<name>.schema.json}. */
  public static TableContract load(String name) {
    return parse(Schemas.json("tables/" + name + ".schema.json"));
  }

  /** The column called {@code column}. */
  public Column column(String column) {
    return columns.stream()
        .filter(c -> c.name().equals(column))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("Table " + name + " has no column " + column));
  }

  static TableContract parse(JsonNode root) {
    Set<String> required = new HashSet<>();
    root.path("required").forEach(n -> required.add(n.asText()));
    List<Column> columns = new ArrayList<>();
    root.path("properties")
        .properties()
        .forEach(
            e ->
                columns.add(
                    new Column(
                        e.getKey(),
                        type(e.getKey(), e.getValue()),
                        !required.contains(e.getKey()),
                        e.getValue().path("description").asText())));
    List<String> partitionBy = new ArrayList<>();
    root.path("x-partition-by").forEach(n -> partitionBy.add(n.asText()));
    return new TableContract(
        root.path("title").asText(),
        root.path("description").asText(),
        root.path("x-row").asText(),
        partitionBy,
        root.path("x-published").asBoolean(false),
        columns);
  }

  private static ColumnType type(String column, JsonNode n) {
    String type =
        n.path("type").isArray() ? n.path("type").get(0).asText() : n.path("type").asText();
    String format = n.path("format").asText("");
    switch (type) {
      case "string":
        if (format.equals("date")) {
          return ColumnType.DATE;
        }
        return format.equals("date-time") ? ColumnType.TIMESTAMP : ColumnType.STRING;
      case "integer":
        return format.equals("int32") ? ColumnType.INT : ColumnType.LONG;
      case "number":
        return ColumnType.DOUBLE;
      case "boolean":
        return ColumnType.BOOLEAN;
      case "array":
        return ColumnType.STRING_ARRAY;
      default:
        throw new IllegalArgumentException(
            "Column " + column + " has an unsupported type '" + type + "'");
    }
  }
}
