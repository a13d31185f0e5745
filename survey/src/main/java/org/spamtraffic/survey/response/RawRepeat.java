package org.spamtraffic.survey.response;

import java.util.List;
import java.util.Map;

/**
 * One instance of a repeat group as read from an export, before any check: a row of a repeat sheet
 * (KoboToolbox XLSX), of a repeat CSV (ODK Central, SurveyCTO long format), or an element of a
 * repeat array (JSON from the tools' APIs).
 *
 * @param table the sheet, file or JSON key it came from (the repeat's name, mostly)
 * @param file the file
 * @param sheet the sheet, or null for CSV and JSON
 * @param row its row (1-based, header is row 1), or its position in a JSON array
 * @param cells header to cell text, in order
 * @param key the row's own key ({@code KEY}, or Kobo's sheet and {@code _index}), or null
 * @param parentKey the key of the submission or repeat row it belongs to, or null
 * @param children the instances of repeats nested in this one (after linking)
 */
public record RawRepeat(
    String table,
    String file,
    String sheet,
    int row,
    Map<String, String> cells,
    String key,
    String parentKey,
    List<RawRepeat> children) {

  /** The same row with {@code children} linked under it. */
  public RawRepeat withChildren(List<RawRepeat> children) {
    return new RawRepeat(table, file, sheet, row, cells, key, parentKey, List.copyOf(children));
  }
}
