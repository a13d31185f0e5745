package org.spamtraffic.validate;

import java.util.List;
import java.util.Map;
import org.spamtraffic.intake.ReturnFile;

/**
 * The result of checking one file outside Spark, with the exact rules of {@code ingest-returns}.
 * Counts are exact; {@link #findings} keeps the first {@code maxFindings} in file order.
 *
 * @param file what inspection learned about the file
 * @param rowsRead data rows read (blank lines and repeated headers excluded)
 * @param rowsAccepted rows that passed every rule
 * @param rowsRejected rows that broke at least one rule; read = accepted + rejected
 * @param warnings warnings raised (rows and file)
 * @param skippedLines blank lines and repeated header rows skipped
 * @param formulaCells cells whose formulas' saved results were used
 * @param byRule how many findings each rule raised
 * @param findings the findings, file-level first, then by row
 * @param truncated whether more findings exist than were kept
 */
public record ValidationReport(
    ReturnFile file,
    long rowsRead,
    long rowsAccepted,
    long rowsRejected,
    long warnings,
    long skippedLines,
    long formulaCells,
    Map<String, Long> byRule,
    List<Finding> findings,
    boolean truncated) {

  /** Whether the file was read at all. */
  public boolean readable() {
    return file.readable();
  }

  /** Whether everything in the file can be accepted as is. */
  public boolean clean() {
    return file.readable() && rowsRejected == 0 && rowsRead > 0;
  }

  /** The status {@code submissions} would give the file. */
  public String status() {
    if (!file.readable()) {
      return "failed";
    }
    if (rowsRead == 0 || rowsAccepted == 0) {
      return "rejected";
    }
    return rowsRejected == 0 ? "accepted" : "accepted_with_rejects";
  }
}
