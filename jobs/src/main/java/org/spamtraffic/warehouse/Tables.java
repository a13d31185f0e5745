package org.spamtraffic.warehouse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdatePartitionSpec;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.spamtraffic.schema.TableContract;

/**
 * The warehouse's Iceberg tables as their contracts in {@code schemas/tables/} say: created on
 * first write, and brought to the contract (new columns, dropped columns, partitioning) when it
 * changed. Older snapshots keep the schema they were written with, so reading a study as of an
 * earlier commit still sees its columns.
 */
final class Tables {
  private Tables() {}

  /**
   * Properties of every table. Format v2 with copy-on-write row-level changes, so that a snapshot
   * is exactly its data files (no delete files): DuckDB, and any Parquet reader, reads a snapshot
   * from its file list. Rows are written as tasks produce them, a file per partition and task
   * ({@code none} distribution, fanout writers), as Spark's own Parquet writer does: no shuffle or
   * sort before a write. Snappy like Spark's Parquet default.
   */
  static final Map<String, String> PROPERTIES =
      Map.of(
          "format-version", "2",
          "write.delete.mode", "copy-on-write",
          "write.update.mode", "copy-on-write",
          "write.merge.mode", "copy-on-write",
          "write.distribution-mode", "none",
          "write.spark.fanout.enabled", "true",
          "write.parquet.compression-codec", "snappy",
          "write.metadata.delete-after-commit.enabled", "true",
          "write.metadata.previous-versions-max", "20");

  /** The table {@code name}, created from its contract or brought to it. */
  static Table prepare(Catalog catalog, String name) {
    TableContract contract = TableContract.load(name);
    TableIdentifier id = TableIdentifier.of(WarehouseCatalog.NAMESPACE, name);
    Schema schema = schema(contract);
    Table table;
    try {
      table = catalog.loadTable(id);
    } catch (NoSuchTableException e) {
      try {
        table =
            catalog
                .buildTable(id, schema)
                .withPartitionSpec(spec(schema, contract))
                .withProperties(PROPERTIES)
                .create();
        // Every table has a snapshot from the start, so that a job's branch can fork from it.
        table.newAppend().set("spamtraffic.created", "true").commit();
      } catch (AlreadyExistsException raced) {
        table = catalog.loadTable(id);
      }
    }
    evolve(table, schema, contract);
    return table;
  }

  /**
   * The Iceberg schema of a contract. Every column optional: required columns are the contract's
   * promise, checked by the jobs and tests, and Spark's own writer never declared them either.
   */
  static Schema schema(TableContract contract) {
    StructType spark = Contracts.sparkSchema(contract);
    List<StructField> nullable = new ArrayList<>();
    for (StructField f : spark.fields()) {
      nullable.add(DataTypes.createStructField(f.name(), f.dataType(), true));
    }
    return SparkSchemaUtil.convert(DataTypes.createStructType(nullable));
  }

  private static PartitionSpec spec(Schema schema, TableContract contract) {
    PartitionSpec.Builder b = PartitionSpec.builderFor(schema);
    contract.partitionBy().forEach(b::identity);
    return b.build();
  }

  private static void evolve(Table table, Schema wanted, TableContract contract) {
    Set<String> have = new HashSet<>();
    table.schema().columns().forEach(c -> have.add(c.name()));
    Set<String> want = new HashSet<>();
    wanted.columns().forEach(c -> want.add(c.name()));
    boolean typesDiffer = false;
    for (Types.NestedField c : wanted.columns()) {
      Types.NestedField existing = table.schema().findField(c.name());
      if (existing != null && !existing.type().equals(c.type())) {
        typesDiffer = true;
      }
    }
    if (!have.equals(want) || typesDiffer) {
      UpdateSchema update = table.updateSchema().unionByNameWith(wanted);
      for (String c : have) {
        if (!want.contains(c)) {
          update.deleteColumn(c);
        }
      }
      update.commit();
    }
    List<String> partitioned = new ArrayList<>();
    for (PartitionField f : table.spec().fields()) {
      partitioned.add(table.schema().findColumnName(f.sourceId()));
    }
    if (!partitioned.equals(contract.partitionBy())) {
      UpdatePartitionSpec spec = table.updateSpec();
      for (PartitionField f : table.spec().fields()) {
        if (!contract.partitionBy().contains(table.schema().findColumnName(f.sourceId()))) {
          spec.removeField(f.name());
        }
      }
      for (String c : contract.partitionBy()) {
        if (!partitioned.contains(c)) {
          spec.addField(Expressions.ref(c));
        }
      }
      spec.commit();
    }
  }
}
