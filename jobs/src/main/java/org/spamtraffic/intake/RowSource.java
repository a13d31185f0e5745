package org.spamtraffic.intake;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;

/**
 * Streams the rows of an inspected file as text, whatever its format, never holding the whole file
 * in memory (legacy XLS excepted: the format caps a sheet at 65,536 rows).
 */
public interface RowSource extends Iterator<RawRow>, Closeable {

  /** Opens the rows of a readable file, after its header row. */
  static RowSource open(ReturnFile file, Configuration conf) throws IOException {
    return open(file, conf, null);
  }

  /**
   * Opens the rows of one chunk of a CSV file ({start, end, first line}), or of the whole file when
   * {@code range} is null.
   */
  static RowSource open(ReturnFile file, Configuration conf, long[] range) throws IOException {
    if (!file.readable()) {
      throw new IllegalArgumentException(file.fileName() + " is not readable: " + file.findings());
    }
    switch (file.format()) {
      case CSV:
        return new CsvRows(file, conf, range);
      case XLSX:
        return new XlsxRows(file, conf);
      case XLS:
        return new XlsRows(file, conf);
      case UNKNOWN:
        break;
    }
    throw new IllegalArgumentException(file.fileName() + " has no readable format");
  }

  /** Classifies a line: blank, a repeated header, or data. */
  static RawRow.Kind kindOf(String[] cells, HeaderMapping mapping) {
    boolean blank = true;
    boolean header = true;
    var fields = org.spamtraffic.schema.ReturnFormat.v1().fields();
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i];
      if (c != null && !c.isBlank()) {
        blank = false;
        if (header
            && !org.spamtraffic.schema.ReturnFormat.v1()
                .columnForHeader(c)
                .map(fields.get(i).name()::equals)
                .orElse(false)) {
          header = false;
        }
      } else if (mapping.positions()[i] >= 0) {
        header = false;
      }
    }
    if (blank) {
      return RawRow.Kind.BLANK;
    }
    return header ? RawRow.Kind.HEADER : RawRow.Kind.DATA;
  }
}
