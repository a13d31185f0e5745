package org.spamtraffic.intake;

import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;

/**
 * Reading one file's lines inside a Spark task, with the same readers {@code validate} uses. A file
 * that fails half way does not fail the job: the failure comes out as one last {@link Line} with an
 * error, and the job marks that submission failed.
 *
 * @param submissionId the submission the rows belong to
 * @param file the inspected file
 * @param range the chunk {start, end, first line} of a big CSV, or null for the whole file
 */
public record ReadTask(String submissionId, ReturnFile file, long[] range) implements Serializable {

  /**
   * One line of the file, or the reason it could not be read on.
   *
   * @param row the line, or null for an error
   * @param error why the file could not be read to its end, or null
   * @param errorRow the row the error is placed at: 0 when the file could not be opened, -1 after
   *     the last line read
   */
  public record Line(RawRow row, String error, long errorRow) {}

  /** Every task that reads {@code file}: one per chunk, or one for the whole file. */
  public static List<ReadTask> of(String submissionId, ReturnFile file) {
    if (file.chunks().isEmpty()) {
      return List.of(new ReadTask(submissionId, file, null));
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

  /** The Hadoop configuration of this executor (see {@code Executor}). */
  static Configuration executorConf() {
    return Executor.CONF;
  }

  /** Input bytes this task reads, for grouping tasks into Spark partitions. */
  long bytes() {
    return range != null ? range[1] - range[0] : Math.max(1, file.sizeBytes());
  }

  /**
   * Opens the file and streams its lines; closes the file when they run out. A workbook is read
   * ahead on a thread of its own ({@link PrefetchingRows}), stopped if the task ends first.
   */
  public Iterator<Line> lines() {
    RowSource source;
    try {
      source = RowSource.open(file, Executor.CONF, range);
    } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // A file that cannot be opened, whatever the cause, is its own failure, not the batch's.
      return List.of(error(file, e, 0)).iterator();
    }
    Iterator<Line> lines = lines(source);
    if (file.format() == FileFormat.CSV) {
      return lines;
    }
    PrefetchingRows<Line> ahead = new PrefetchingRows<>(lines, file.fileName());
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

  private static Line error(ReturnFile file, Throwable e, long row) {
    ReadFailure.log(file.fileName(), e);
    return new Line(null, FileInspector.describe(e), row);
  }

  private Iterator<Line> lines(RowSource source) {
    return new Iterator<>() {
      private Line next = advance();

      private Line advance() {
        try {
          if (source.hasNext()) {
            return new Line(source.next(), null, 0);
          }
          source.close();
          return null;
        } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
          try {
            source.close();
          } catch (IOException | RuntimeException ignored) {
            // The read already failed; the error line says why.
          }
          return error(file, e, -1);
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Line next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Line l = next;
        next = l.error() != null ? null : advance();
        return l;
      }
    };
  }
}
