package org.spamtraffic.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * The deliberate faults of the sample set, each a mistake operators really make, placed in named
 * files so that {@code data-samples/README.md} and the tests can point at them.
 */
final class Faults {
  private Faults() {}

  static List<List<String>> apply(String operator, String quarter, List<List<String>> rows) {
    List<List<String>> out = new ArrayList<>(rows);
    int sourceCountry = ReturnGenerator.HEADER.indexOf("source_country");
    int detected = ReturnGenerator.HEADER.indexOf("spam_detected");
    int blocked = ReturnGenerator.HEADER.indexOf("spam_blocked");
    int type = ReturnGenerator.HEADER.indexOf("spam_type");
    int period = ReturnGenerator.HEADER.indexOf("period");
    int route = ReturnGenerator.HEADER.indexOf("entry_route");
    String at = operator + " " + quarter;
    switch (at) {
      case "KE-KILIMA 2025-Q1":
        set(out, 3, sourceCountry, "XXX"); // not a country code
        break;
      case "KE-SAVANNA 2025-Q2":
        set(out, 2, blocked, Long.toString(Long.parseLong(out.get(2).get(detected)) + 10));
        break;
      case "NG-NAIJANET 2025-Q2":
        set(out, 1, type, "mms"); // not a spam type
        set(out, 4, detected, "-120"); // negative
        break;
      case "NG-DELTA 2025-Q3":
        out.add(new ArrayList<>(out.get(5))); // the same breakdown twice
        break;
      case "BR-IPE 2025-Q1":
        set(out, 6, detected, "1.500"); // ambiguous
        break;
      case "US-MAILRIVER 2025-Q4":
        set(out, 2, period, "2025-Q5"); // not a period
        break;
      case "IN-DECCAN 2025-Q3":
        set(out, 3, route, ""); // required value missing
        break;
      case "FR-AZUR 2025-Q2":
        set(out, 1, sourceCountry, "FR"); // alpha-2 instead of alpha-3
        break;
      default:
        break;
    }
    return out;
  }

  private static void set(List<List<String>> rows, int row, int column, String value) {
    if (row < rows.size()) {
      List<String> copy = new ArrayList<>(rows.get(row));
      copy.set(column, value);
      rows.set(row, copy);
    }
  }
}
