package org.spamtraffic.intake;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Rows of a CSV file: UTF-8 (with or without BOM, bytes that are not UTF-8 read as Windows-1252:
 * {@link TextDecoding}) or UTF-16, any separator, RFC 4180 quoting. FastCSV's own limits bound what
 * one line may cost (16,384 fields, 16 Mi characters per field); a line beyond them fails the file
 * with the line's number.
 */
final class CsvRows extends LookaheadRows {
  private final ReturnFile file;
  private final long firstLine;
  private final CsvReader<CsvRecord> reader;
  private final Iterator<CsvRecord> records;

  /**
   * Rows of the whole file ({@code range} null) or of one chunk {start, end, first line number} cut
   * at line ends by {@link FileInspector}.
   */
  CsvRows(ReturnFile file, Configuration conf, long[] range) throws IOException {
    this.file = file;
    this.firstLine = range == null ? 1 : range[2];
    Path path = new Path(file.uri());
    org.apache.hadoop.fs.FSDataInputStream raw = LandingFolder.fileSystem(path, conf).open(path);
    InputStream in;
    if (range == null) {
      in = new BufferedInputStream(raw, 1 << 16);
    } else {
      raw.seek(range[0]);
      in = new BufferedInputStream(new Bounded(raw, range[1] - range[0]), 1 << 16);
    }
    if (range == null || range[0] == 0) {
      skipBom(in);
    }
    this.reader =
        builder(file.delimiter())
            .ofCsvRecord(TextDecoding.reader(in, Charset.forName(file.charset())));
    this.records = reader.iterator();
  }

  static CsvReader.CsvReaderBuilder builder(char delimiter) {
    return CsvReader.builder()
        .fieldSeparator(delimiter)
        .quoteCharacter('"')
        .commentStrategy(CommentStrategy.NONE)
        .skipEmptyLines(false)
        .allowExtraFields(true)
        .allowMissingFields(true)
        .allowExtraCharsAfterClosingQuote(true);
  }

  /** Splits one line (the header) with CSV quoting rules. */
  static List<String> parseLine(String line, char delimiter) {
    return builder(delimiter).ofSingleCsvRecord(line).getFields();
  }

  private static void skipBom(InputStream in) throws IOException {
    in.mark(4);
    int a = in.read();
    int b = in.read();
    int c = in.read();
    if (a == 0xEF && b == 0xBB && c == 0xBF) {
      return;
    }
    in.reset();
    if ((a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF)) {
      in.skip(2);
    }
  }

  @Override
  protected RawRow fetch() {
    try {
      return nextRow();
    } catch (de.siegmar.fastcsv.reader.CsvParseException e) {
      throw firstLine == 1 ? e : inFile(e);
    }
  }

  /** The reader's error with the line numbers of the whole file, not of the chunk. */
  private RuntimeException inFile(RuntimeException e) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("line (\\d+)")
            .matcher(e.getMessage() == null ? "" : e.getMessage());
    StringBuilder s = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(s, "line " + (firstLine + Long.parseLong(m.group(1)) - 1));
    }
    m.appendTail(s);
    Throwable cause = e.getCause() instanceof RuntimeException c ? inFile(c) : e.getCause();
    return new de.siegmar.fastcsv.reader.CsvParseException(s.toString(), cause);
  }

  private RawRow nextRow() {
    HeaderMapping mapping = file.mapping();
    while (records.hasNext()) {
      CsvRecord r = records.next();
      long line = firstLine + r.getStartingLineNumber() - 1;
      if (line <= file.headerRow()) {
        continue;
      }
      List<String> fields = r.getFields();
      String[] cells = mapping.pick(fields);
      RawRow.Kind kind = RowSource.kindOf(cells, mapping);
      int count = fields.size();
      boolean malformed = count < mapping.width() && !(count == 1 && fields.get(0).isEmpty());
      for (int i = mapping.width(); i < count && !malformed; i++) {
        malformed = !fields.get(i).isBlank();
      }
      return new RawRow(null, line, kind, cells, malformed ? count : -1, 0);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  /** Reads at most {@code remaining} bytes of the underlying stream. */
  private static final class Bounded extends InputStream {
    private final InputStream in;
    private long remaining;

    Bounded(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
