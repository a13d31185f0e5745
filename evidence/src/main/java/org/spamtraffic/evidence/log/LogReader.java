package org.spamtraffic.evidence.log;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.spamtraffic.evidence.EvidenceKind;
import org.spamtraffic.evidence.FilePart;
import org.spamtraffic.evidence.Outcome;
import org.spamtraffic.evidence.PartInput;
import org.spamtraffic.evidence.Where;

/**
 * Reads the records of one part of a CSV log with FastCSV. One record per line, as firewall and
 * switch logs write them (a quoted field with a line break in it works inside a part but not across
 * the cut between two parts). The header comes from the file's first line, read separately for
 * every part after the first.
 */
public final class LogReader {
  private final EvidenceKind kind;
  private final LogLayout layout;

  /** A reader of {@code kind} logs laid out as {@code layout}. */
  public LogReader(EvidenceKind kind, LogLayout layout) {
    this.kind = kind;
    this.layout = layout;
  }

  /**
   * The file's header, mapped: for each column the kind reads, its index in the record (or -1).
   *
   * @param firstLine the file's first line (or its first bytes)
   * @return the mapping, or the names of the required columns the header lacks
   */
  public Header header(byte[] firstLine) {
    CsvRecord h;
    try (CsvReader<CsvRecord> r =
        builder()
            .ofCsvRecord(
                new InputStreamReader(new ByteArrayInputStream(firstLine), layout.charset()))) {
      var it = r.iterator();
      if (!it.hasNext()) {
        return new Header(Map.of(), 0, new TreeSet<>(headersOf(LogLayout.required(kind))));
      }
      h = it.next();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> names = new ArrayList<>();
    for (String f : h.getFields()) {
      names.add(LogLayout.normalise(f.replace("\uFEFF", "")));
    }
    Map<LogLayout.Column, Integer> index = new EnumMap<>(LogLayout.Column.class);
    for (LogLayout.Column c : LogLayout.read(kind)) {
      for (String spelling : layout.headersOf(c)) {
        int i = names.indexOf(spelling);
        if (i >= 0 && !index.containsValue(i)) {
          index.put(c, i);
          break;
        }
      }
    }
    Set<String> missing = new TreeSet<>();
    for (LogLayout.Column c : LogLayout.required(kind)) {
      if (!index.containsKey(c)) {
        missing.add(layout.headersOf(c).get(0));
      }
    }
    return new Header(index, names.size(), missing);
  }

  private static List<String> headersOf(Set<LogLayout.Column> columns) {
    return columns.stream().map(LogLayout.Column::header).toList();
  }

  /**
   * A mapped header.
   *
   * @param index column → field index
   * @param width number of fields in the header
   * @param missing required columns not found (the file cannot be used when not empty)
   */
  public record Header(Map<LogLayout.Column, Integer> index, int width, Set<String> missing) {}

  /**
   * Reads the records of {@code part}: each well-formed one to {@code rows}, each malformed one
   * (not as many fields as the header) to {@code unusable}.
   *
   * @param in the file's bytes from {@link PartInput#seekPosition(FilePart)}, buffered
   */
  public void read(
      FilePart part,
      Header header,
      InputStream in,
      Consumer<LogRow> rows,
      Consumer<Outcome.Unusable> unusable)
      throws IOException {
    PartInput bounded = new PartInput(in, part);
    try (CsvReader<CsvRecord> r =
        builder().ofCsvRecord(new InputStreamReader(bounded, layout.charset()))) {
      boolean skipHeader = part.first();
      int[] idx = new int[LogLayout.Column.values().length];
      java.util.Arrays.fill(idx, -1);
      header.index().forEach((c, i) -> idx[c.ordinal()] = i);
      for (CsvRecord rec : r) {
        if (skipHeader) {
          skipHeader = false;
          continue;
        }
        Where where = new Where(part.file(), part.start(), rec.getStartingLineNumber());
        if (rec.getFieldCount() == 1 && rec.getField(0).isBlank()) {
          continue; // a blank line is no record
        }
        if (rec.getFieldCount() != header.width()) {
          unusable.accept(
              new Outcome.Unusable(
                  kind, where, "log.malformed_row", rec.getFieldCount() + "/" + header.width()));
          continue;
        }
        String[] values = new String[idx.length];
        for (int c = 0; c < idx.length; c++) {
          if (idx[c] >= 0) {
            values[c] = rec.getField(idx[c]).trim();
          }
        }
        rows.accept(new LogRow(where, values));
      }
    }
  }

  private CsvReader.CsvReaderBuilder builder() {
    return CsvReader.builder()
        .fieldSeparator(layout.delimiter())
        .commentStrategy(CommentStrategy.NONE)
        .skipEmptyLines(true)
        .allowExtraFields(true)
        .allowMissingFields(true)
        .allowExtraCharsAfterClosingQuote(true);
  }
}
