package org.spamtraffic.survey.response;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keys that link repeat rows to their submission: ODK Central's and SurveyCTO's {@code KEY} and
 * {@code PARENT_KEY} ({@code uuid:…}, {@code uuid:…/household[2]}), a submission's {@code
 * instanceID} or {@code _uuid}, and KoboToolbox's {@code _index} within a sheet, named by {@code
 * _parent_table_name} and {@code _parent_index}.
 */
final class Keys {
  private Keys() {}

  /** A key without its {@code uuid:} prefix, so that every tool's spelling meets. */
  static String normal(String key) {
    String k = key == null ? "" : key.trim();
    if (k.isEmpty()) {
      return null;
    }
    return k.toLowerCase(Locale.ROOT).startsWith("uuid:") ? k.substring(5) : k;
  }

  /** Kobo's key of row {@code index} of sheet {@code table}. */
  static String kobo(String table, String index) {
    if (index == null || index.isBlank()) {
      return null;
    }
    return "kobo:" + table.trim() + "#" + index.trim().replaceAll("\\.0+$", "");
  }

  /** The keys of a submission's row: its KEY, instanceID and _uuid values. */
  static List<String> of(Map<String, String> cells) {
    List<String> out = new ArrayList<>();
    cells.forEach(
        (header, value) -> {
          String[] segments = header.split("[/-]");
          String last = segments[segments.length - 1].toLowerCase(Locale.ROOT);
          if ((last.equals("key")
                  || last.equals("instanceid")
                  || last.equals("_uuid")
                  || header.equals("__id"))
              && normal(value) != null) {
            out.add(normal(value));
          }
        });
    return out;
  }

  /**
   * The repeat a key names: the last step of {@code uuid:…/group/household[2]}, or null when the
   * key is no path.
   */
  static String repeatOf(String key) {
    if (key == null || !key.contains("/")) {
      return null;
    }
    String last = key.substring(key.lastIndexOf('/') + 1);
    int bracket = last.indexOf('[');
    return bracket < 0 ? last : last.substring(0, bracket);
  }
}
