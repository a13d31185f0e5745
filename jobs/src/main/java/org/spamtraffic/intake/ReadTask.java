package org.spamtraffic.intake;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.spamtraffic.schema.Field;
import org.spamtraffic.schema.ReturnFormat;

/**
 * Reading one file's rows inside a Spark task, as Spark's internal rows of {@link #SCHEMA} (built
 * here directly: no conversion from external rows). A file that fails half way does not fail the
 * job: the failure comes out as one row of kind {@code ERROR}, and the job marks that submission
 * failed.
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

  /**
   * Opens the file and streams its rows; closes the file when they run out. A workbook is read
   * ahead on a thread of its own ({@link PrefetchingRows}), stopped if the task ends first.
   */
  public Iterator<InternalRow> rows() {
    RowSource source;
    try {
      source = RowSource.open(file, Executor.CONF, range);
    } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // A file that cannot be opened, whatever the cause, is its own failure, not the batch's.
      return List.of(error(e, 0)).iterator();
    }
    Iterator<InternalRow> rows = rows(source);
    if (file.format() == FileFormat.CSV) {
      return rows;
    }
    PrefetchingRows<InternalRow> ahead = new PrefetchingRows<>(rows, file.fileName());
    org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener(
          (org.apache.spark.util.TaskCompletionListener)
              context -> {
                ahead.close();
                try {
                  source.close(); // again, if the rows ran out: closing twice is harmless
                } catch (IOException | RuntimeException ignored) {
                  // The task is over; nothing more is read from the file.
                }
              });
    }
    return ahead;
  }

  private Iterator<InternalRow> rows(RowSource source) {
    return new Iterator<>() {
      private InternalRow next = advance();

      private InternalRow advance() {
        try {
          if (source.hasNext()) {
            return toRow(source.next());
          }
          source.close();
          return null;
        } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
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
      public InternalRow next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        InternalRow r = next;
        next = r.getUTF8String(KIND).equals(ERROR) ? null : advance();
        return r;
      }
    };
  }

  private static final int KIND = 4;
  private static final UTF8String ERROR = UTF8String.fromString("ERROR");
  private static final int CELLS = 9;

  private InternalRow toRow(RawRow r) {
    String[] cells = r.cells();
    Object[] values = new Object[CELLS + cells.length];
    values[0] = UTF8String.fromString(submissionId);
    values[1] = UTF8String.fromString(file.uri());
    values[2] = UTF8String.fromString(r.sheet());
    values[3] = r.row();
    values[KIND] = UTF8String.fromString(r.kind().name());
    values[5] = r.fieldCount();
    values[6] = file.mapping().width();
    values[7] = r.formulaCells();
    for (int i = 0; i < cells.length; i++) {
      values[CELLS + i] = UTF8String.fromString(cells[i]);
    }
    return new GenericInternalRow(values);
  }

  private InternalRow error(Throwable e, long row) {
    ReadFailure.log(file.fileName(), e);
    Object[] values = new Object[CELLS + ReturnFormat.v1().fields().size()];
    values[0] = UTF8String.fromString(submissionId);
    values[1] = UTF8String.fromString(file.uri());
    values[2] = UTF8String.fromString(file.sheet());
    values[3] = row;
    values[KIND] = ERROR;
    values[5] = -1;
    values[6] = 0;
    values[7] = 0;
    values[8] = UTF8String.fromString(FileInspector.describe(e));
    return new GenericInternalRow(values);
  }

  private static StructType schema() {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("submission_id", DataTypes.StringType, false));
    fields.add(DataTypes.createStructField("file", DataTypes.StringType, false));
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
