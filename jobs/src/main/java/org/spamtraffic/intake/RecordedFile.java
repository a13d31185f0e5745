package org.spamtraffic.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A file an earlier ingest run recorded in {@code submissions}: what an incremental run knows of it
 * without reading it again. Its rows, rejects and counts stay as they are; only what depends on the
 * other files (which of its periods are live, its status, its period-jump warnings) is decided
 * again.
 *
 * @param id submission id
 * @param operator the operator of the file
 * @param periods periods its accepted rows cover
 * @param uri the file's URI
 * @param fileName its name
 * @param format csv, xlsx, xls or unknown
 * @param sha256 SHA-256 of its bytes (for an unreadable file, a hash of its place)
 * @param sizeBytes size in bytes
 * @param receivedAtMillis when it was received
 * @param modifiedAtMillis its modification time when read, or null
 * @param rowsRead data rows read
 * @param rowsAccepted rows accepted
 * @param rowsRejected rows rejected
 * @param warnings warnings raised
 * @param status its status
 * @param message the message recorded with it
 * @param duplicateOf the submission it is a copy of, or null
 * @param formatVersion the return format version it was read with
 */
record RecordedFile(
    String id,
    String operator,
    List<String> periods,
    String uri,
    String fileName,
    String format,
    String sha256,
    long sizeBytes,
    long receivedAtMillis,
    Long modifiedAtMillis,
    long rowsRead,
    long rowsAccepted,
    long rowsRejected,
    long warnings,
    String status,
    String message,
    String duplicateOf,
    int formatVersion) {

  /** Every file {@code submissions} holds (a small table: one row per file). */
  static List<RecordedFile> of(Dataset<Row> submissions) {
    List<RecordedFile> out = new ArrayList<>();
    for (Row r : submissions.collectAsList()) {
      List<String> periods =
          r.isNullAt(r.fieldIndex("periods")) ? List.of() : r.getList(r.fieldIndex("periods"));
      out.add(
          new RecordedFile(
              r.getAs("submission_id"),
              r.getAs("operator_id"),
              List.copyOf(periods),
              r.getAs("file"),
              r.getAs("file_name"),
              r.getAs("format"),
              r.getAs("sha256"),
              r.<Long>getAs("size_bytes"),
              millis(r.getAs("received_at")),
              r.isNullAt(r.fieldIndex("file_modified_at"))
                  ? null
                  : millis(r.getAs("file_modified_at")),
              r.<Long>getAs("rows_read"),
              r.<Long>getAs("rows_accepted"),
              r.<Long>getAs("rows_rejected"),
              r.<Long>getAs("warnings"),
              r.getAs("status"),
              r.getAs("message"),
              r.getAs("duplicate_of"),
              r.<Integer>getAs("format_version")));
    }
    return out;
  }

  private static long millis(Object time) {
    return time instanceof Instant i ? i.toEpochMilli() : ((Timestamp) time).getTime();
  }

  /** Whether the file was unreadable or failed while its rows were read. */
  boolean failed() {
    return "failed".equals(status);
  }

  /** The file as {@link Submissions} orders and describes it (no reading instructions). */
  ReturnFile asReturnFile() {
    return new ReturnFile(
        uri,
        fileName,
        FileFormat.valueOf(format.toUpperCase(Locale.ROOT)),
        sizeBytes,
        sha256,
        receivedAtMillis,
        null,
        ',',
        null,
        0,
        null,
        List.of());
  }
}
