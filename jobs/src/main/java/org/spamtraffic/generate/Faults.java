package org.spamtraffic.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The deliberate faults of the sample set, each a mistake operators really make, placed in named
 * files so that {@code data-samples/README.md} and the tests can point at them. Row faults are
 * applied here; the file-level ones (an identical copy, a PDF renamed .xlsx, a month eight times
 * the one before) are written by {@link SampleSet} and listed here too, so that this is the one
 * list.
 */
public final class Faults {
  /**
   * One deliberate fault.
   *
   * @param operator the operator whose return holds it
   * @param period the period of that return
   * @param rule the rule of the return format that catches it
   * @param what what is wrong, in words
   */
  public record Fault(String operator, String period, String rule, String what) {}

  private record Edit(Fault fault, Consumer<List<List<String>>> edit) {}

  private static final int SOURCE_COUNTRY = ReturnGenerator.HEADER.indexOf("source_country");
  private static final int DETECTED = ReturnGenerator.HEADER.indexOf("spam_detected");
  private static final int BLOCKED = ReturnGenerator.HEADER.indexOf("spam_blocked");
  private static final int TYPE = ReturnGenerator.HEADER.indexOf("spam_type");
  private static final int PERIOD = ReturnGenerator.HEADER.indexOf("period");
  private static final int ROUTE = ReturnGenerator.HEADER.indexOf("entry_route");
  private static final int NETWORK = ReturnGenerator.HEADER.indexOf("source_network");

  private static final List<Edit> ROWS =
      List.of(
          edit(
              "KE-KILIMA",
              "2025-Q1",
              "country_code",
              "source country `XXX`",
              r -> set(r, sibling(r, 0), SOURCE_COUNTRY, "XXX")),
          edit(
              "KE-SAVANNA",
              "2025-Q2",
              "blocked_le_detected",
              "spam blocked above spam detected",
              r -> {
                int i = sibling(r, 0);
                set(r, i, BLOCKED, Long.toString(Long.parseLong(r.get(i).get(DETECTED)) + 10));
              }),
          edit(
              "NG-NAIJANET",
              "2025-Q2",
              "code",
              "spam type `mms`",
              r -> set(r, sibling(r, 0), TYPE, "mms")),
          edit(
              "NG-NAIJANET",
              "2025-Q2",
              "negative",
              "a negative count",
              r -> set(r, sibling(r, 2), DETECTED, "-120")),
          edit(
              "NG-DELTA",
              "2025-Q3",
              "duplicate_key",
              "the same breakdown on two rows",
              r -> r.add(new ArrayList<>(r.get(sibling(r, 0))))),
          edit(
              "BR-IPE",
              "2025-Q1",
              "ambiguous_number",
              "`1.500` (decimal or thousands?)",
              r -> set(r, sibling(r, 0), DETECTED, "1.500")),
          edit(
              "US-MAILRIVER",
              "2025-Q4",
              "period",
              "period `2025-Q5`",
              r -> set(r, sibling(r, 0), PERIOD, "2025-Q5")),
          edit(
              "IN-DECCAN",
              "2025-Q3",
              "required",
              "entry route left empty",
              r -> set(r, sibling(r, 0), ROUTE, "")),
          edit(
              "FR-AZUR",
              "2025-Q2",
              "country_code",
              "`FR` instead of `FRA` (the message suggests `FRA`)",
              r -> set(r, sibling(r, 0), SOURCE_COUNTRY, "FR")));

  /** The faults {@link SampleSet} makes in whole files. */
  static final Fault PERIOD_JUMP =
      new Fault(
          "KZ-STEPPE",
          "2025-07",
          "period_jump",
          "spam eight times June's (a warning: the rows are accepted)");

  static final Fault COPY =
      new Fault(
          "KE-KILIMA",
          "2025-Q3",
          "file.duplicate",
          "the same bytes sent twice (not counted again)");

  static final Fault NOT_A_TABLE =
      new Fault(
          "ZA-PROTEA",
          "2025-Q4",
          "file.not_a_table",
          "a PDF renamed `.xlsx` (the file fails, the run goes on)");

  private Faults() {}

  /** Every deliberate fault of the sample set, row faults first. */
  public static List<Fault> all() {
    List<Fault> out = new ArrayList<>();
    ROWS.forEach(e -> out.add(e.fault()));
    out.add(PERIOD_JUMP);
    out.add(COPY);
    out.add(NOT_A_TABLE);
    return List.copyOf(out);
  }

  static List<List<String>> apply(String operator, String period, List<List<String>> rows) {
    List<List<String>> out = new ArrayList<>(rows);
    for (Edit e : ROWS) {
      if (e.fault().operator().equals(operator) && e.fault().period().equals(period)) {
        e.edit().accept(out);
      }
    }
    return out;
  }

  private static Edit edit(
      String operator, String period, String rule, String what, Consumer<List<List<String>>> e) {
    return new Edit(new Fault(operator, period, rule, what), e);
  }

  /**
   * The {@code n}-th row (from 0) whose breakdown the return also gives under another content
   * category. Row faults go there: the row is rejected, yet the flow it belongs to still has every
   * operator of the country, so the fault shows in the rejects, not as a withheld table cell.
   */
  private static int sibling(List<List<String>> rows, int n) {
    Map<List<String>, Integer> seen = new HashMap<>();
    for (List<String> r : rows) {
      seen.merge(breakdown(r), 1, Integer::sum);
    }
    int found = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (seen.get(breakdown(rows.get(i))) > 1 && found++ == n) {
        return i;
      }
    }
    throw new IllegalStateException("A fault needs a breakdown given under two categories");
  }

  private static List<String> breakdown(List<String> row) {
    return List.of(row.get(TYPE), row.get(SOURCE_COUNTRY), row.get(NETWORK), row.get(ROUTE));
  }

  private static void set(List<List<String>> rows, int row, int column, String value) {
    if (row >= rows.size()) {
      throw new IllegalStateException(
          "A fault needs row " + row + " but the return has " + rows.size() + " rows");
    }
    List<String> copy = new ArrayList<>(rows.get(row));
    copy.set(column, value);
    rows.set(row, copy);
  }
}
