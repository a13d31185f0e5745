package org.spamtraffic.intake;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.spamtraffic.schema.Field;
import org.spamtraffic.schema.ReturnFormat;

/**
 * Reading one file's rows inside a Spark task, as rows of {@link #SCHEMA}. A file that fails half
 * way does not fail the job: the failure comes out as one row of kind {@code ERROR}, and the job
 * marks that submission failed.
 *
 * @param submissionId the submission the rows belong to
 * @param file the inspected file
 * @param range the chunk {start, end, first line} of a big CSV, or null for the whole file
 */
public record ReadTask(String submissionId, ReturnFile file, long[] range) implements Serializable {

  /** Every task that reads {@code file}: one per chunk, or one for the whole file. */
  public static java.util.List<ReadTask> of(String submissionId, ReturnFile file) {
    if (file.chunks().isEmpty()) {
      return java.util.List.of(new ReadTask(submissionId, file, null));
    }
    return file.chunks().stream().map(c -> new ReadTask(submissionId, file, c)).toList();
  }

  /**
   * One Hadoop configuration per executor JVM: building one loads and parses Hadoop's default XML
   * files, which cost more than reading a small return (measured: a quarter of the checking pass on
   * 800 small files).
   */
  private static final class Executor {
    static final Configuration CONF = new Configuration();
  }

  /** Columns of the raw frame: where each line came from, what kind it is, and its cells. */
  public static final StructType SCHEMA = schema();

  /** Opens the file and streams its rows; closes the file when they run out. */
  public Iterator<Row> rows() {
    RowSource opened;
    try {
      opened = RowSource.open(file, Executor.CONF, range);
      if (file.format() != FileFormat.CSV) {
        opened = new PrefetchingRows(opened, file.fileName());
      }
    } catch (IOException | RuntimeException e) {
      return List.of(error(e, 0)).iterator();
    }
    RowSource source = opened;
    return new Iterator<>() {
      private Row next = advance();

      private Row advance() {
        try {
          if (source.hasNext()) {
            return toRow(source.next());
          }
          source.close();
          return null;
        } catch (IOException | RuntimeException e) {
          try {
            source.close();
          } catch (IOException | RuntimeException ignored) {
            // The read already failed; the error row says why.
          }
          return error(e, -1);
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Row next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Row r = next;
        next = "ERROR".equals(r.getString(3)) ? null : advance();
        return r;
      }
    };
  }

  private Row toRow(RawRow r) {
    List<Object> values = new ArrayList<>();
    values.add(submissionId);
    values.add(r.sheet());
    values.add(r.row());
    values.add(r.kind().name());
    values.add(r.fieldCount());
    values.add(file.mapping().width());
    values.add(r.formulaCells());
    values.add(null);
    for (String c : r.cells()) {
      values.add(c);
    }
    return RowFactory.create(values.toArray());
  }

  private Row error(Throwable e, long row) {
    List<Object> values = new ArrayList<>();
    values.add(submissionId);
    values.add(file.sheet());
    values.add(row);
    values.add("ERROR");
    values.add(-1);
    values.add(0);
    values.add(0);
    values.add(FileInspector.describe(e));
    for (int i = 0; i < ReturnFormat.v1().fields().size(); i++) {
      values.add(null);
    }
    return RowFactory.create(values.toArray());
  }

  private static StructType schema() {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("submission_id", DataTypes.StringType, false));
    fields.add(DataTypes.createStructField("sheet", DataTypes.StringType, true));
    fields.add(DataTypes.createStructField("row", DataTypes.LongType, true));
    fields.add(DataTypes.createStructField("kind", DataTypes.StringType, false));
    fields.add(DataTypes.createStructField("_field_count", DataTypes.IntegerType, false));
    fields.add(DataTypes.createStructField("_width", DataTypes.IntegerType, false));
    fields.add(DataTypes.createStructField("formula_cells", DataTypes.IntegerType, false));
    fields.add(DataTypes.createStructField("_error", DataTypes.StringType, true));
    for (Field f : ReturnFormat.v1().fields()) {
      fields.add(DataTypes.createStructField("raw_" + f.name(), DataTypes.StringType, true));
    }
    return DataTypes.createStructType(fields);
  }
}
