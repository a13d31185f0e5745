package org.spamtraffic.intake;

import java.util.Map;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Counts merged ranges of an XLSX sheet. The streaming reader does not expose them, so {@link
 * WorkbookScan} counts the {@code <mergeCell>} elements of every part as it inflates the workbook
 * (no second pass over the sheet).
 */
final class MergedCells {
  private MergedCells() {}

  /** The merged ranges of {@code sheet}, from the scan's count per part. */
  static int inXlsx(Map<String, Integer> rangesByPart, Sheet sheet) {
    // Sheet parts are named sheetN.xml after their position in most writers; fall back to
    // counting in every worksheet when the name does not match.
    String guess = "xl/worksheets/sheet" + (sheet.getIndex() + 1) + ".xml";
    Integer exact = rangesByPart.get(guess);
    if (exact != null) {
      return exact;
    }
    return rangesByPart.entrySet().stream()
        .filter(e -> e.getKey().startsWith("xl/worksheets/"))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }
}
