package org.spamtraffic.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spamtraffic.schema.Field;
import org.spamtraffic.schema.ReturnFormat;

/**
 * The files a derivation writes, all counts and codes: {@code return.csv} (the v1 return, for the
 * operator to review and submit), {@code derivation.csv} (for each return row, how many inputs each
 * derivation rule applied to), {@code unusable.csv} (every input that could not be used, where it
 * is and why) and {@code summary.json} (inputs read = used + unusable per kind, the data and rules
 * used, the options).
 */
public final class ReturnFiles {
  /** The return. */
  public static final String RETURN = "return.csv";

  /** How each row was derived. */
  public static final String DERIVATION = "derivation.csv";

  /** Every unusable input. */
  public static final String UNUSABLE = "unusable.csv";

  /** Counts, data sources and options. */
  public static final String SUMMARY = "summary.json";

  /** The columns of {@link #UNUSABLE}. */
  public static final List<String> UNUSABLE_HEADER =
      List.of("kind", "file", "position", "reason", "message");

  /** The columns of {@link #DERIVATION} (the key columns of the return row, then how). */
  public static final List<String> DERIVATION_HEADER =
      List.of(
          "return_line",
          "period",
          "spam_type",
          "content_category",
          "source_country",
          "source_network",
          "entry_route",
          "spam_detected",
          "user_reports",
          "derivation");

  /**
   * What the return needs beyond the counts.
   *
   * @param operator the operator
   * @param serviceSizes subscribers or mailboxes per spam type
   * @param completeLogs whether the firewall logs and CDRs hold all traffic of the period (then
   *     their records give total_traffic)
   * @param reportedTypes spam types whose evidence includes user reports (else user_reports is left
   *     empty: not measured, rather than zero)
   * @param about data sources, rules and options, for the summary
   */
  public record Settings(
      Operator operator,
      Map<String, Long> serviceSizes,
      boolean completeLogs,
      Set<String> reportedTypes,
      Map<String, Object> about) {}

  private ReturnFiles() {}

  /** A CSV writer on {@code out}: UTF-8, comma, CRLF as spreadsheets expect. */
  public static CsvWriter csv(OutputStream out) {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    return CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(w);
  }

  /** The row of {@link #UNUSABLE} for {@code u}. */
  public static List<String> unusableRow(Outcome.Unusable u) {
    return List.of(
        u.kind().code(),
        u.where().file(),
        u.where().position(),
        u.reason(),
        EvidenceText.unusable(u.reason(), u.detail()));
  }

  /** Writes the return; returns the number of rows. */
  public static int writeReturn(Settings s, Tally t, OutputStream out) throws IOException {
    List<Field> fields = ReturnFormat.v1().fields();
    try (CsvWriter w = csv(out)) {
      w.writeRecord(fields.stream().map(Field::name).toList());
      int n = 0;
      for (Map.Entry<ReturnKey, Tally.Row> e : t.rows().entrySet()) {
        Map<String, String> v = values(s, t, e.getKey(), e.getValue());
        List<String> row = new ArrayList<>(fields.size());
        for (Field f : fields) {
          row.add(v.getOrDefault(f.name(), ""));
        }
        w.writeRecord(row);
        n++;
      }
      return n;
    }
  }

  private static Map<String, String> values(Settings s, Tally t, ReturnKey k, Tally.Row r) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("operator_id", s.operator().id());
    v.put("operator_name", s.operator().name());
    v.put("reporting_country", s.operator().country());
    v.put("period", k.period());
    v.put("spam_type", k.spamType());
    v.put("content_category", k.contentCategory());
    v.put("source_country", k.sourceCountry());
    v.put("source_network", k.sourceNetwork());
    v.put("entry_route", k.entryRoute());
    v.put("destination_country", s.operator().country());
    Long size = s.serviceSizes().get(k.spamType());
    v.put("service_size", size == null ? "" : Long.toString(size));
    long traffic = t.traffic(k.period(), k.spamType());
    if (s.completeLogs() && traffic > 0) {
      v.put("total_traffic", Long.toString(traffic));
    }
    v.put("spam_detected", Long.toString(r.detected()));
    v.put("spam_blocked", Long.toString(r.blocked()));
    v.put("spam_delivered", Long.toString(r.delivered()));
    if (s.reportedTypes().contains(k.spamType())) {
      v.put("user_reports", Long.toString(r.userReports()));
    }
    return v;
  }

  /** Writes how each row was derived, in the return's row order. */
  public static void writeDerivation(Tally t, OutputStream out) throws IOException {
    try (CsvWriter w = csv(out)) {
      w.writeRecord(DERIVATION_HEADER);
      int line = 1;
      for (Map.Entry<ReturnKey, Tally.Row> e : t.rows().entrySet()) {
        line++;
        ReturnKey k = e.getKey();
        Tally.Row r = e.getValue();
        w.writeRecord(
            List.of(
                Integer.toString(line),
                k.period(),
                k.spamType(),
                k.contentCategory(),
                k.sourceCountry(),
                k.sourceNetwork(),
                k.entryRoute(),
                Long.toString(r.detected()),
                Long.toString(r.userReports()),
                describe(r.notes())));
      }
    }
  }

  /** The notes of a row in words, most frequent first: {@code phrase (count); ...}. */
  public static String describe(Map<String, Long> notes) {
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(notes.entrySet());
    sorted.sort(
        Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Long> e : sorted) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append(EvidenceText.note(e.getKey())).append(" (").append(e.getValue()).append(')');
    }
    return b.toString();
  }

  /** The summary's content. */
  public static Map<String, Object> summary(Settings s, Tally t, int rows) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("operator", s.operator());
    Map<String, Object> inputs = new LinkedHashMap<>();
    t.inputs().forEach((kind, in) -> inputs.put(kind.code(), counts(in)));
    m.put("inputs", inputs);
    Tally.Inputs all = t.allInputs();
    m.put("all_inputs", counts(all));
    m.put("inputs_add_up", all.read() == all.used() + all.unusable());
    m.put("return_rows", rows);
    m.putAll(s.about());
    return m;
  }

  private static Map<String, Object> counts(Tally.Inputs in) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("read", in.read());
    c.put("used", in.used());
    c.put("spam", in.spam());
    c.put("clean", in.clean());
    c.put("unusable", in.unusable());
    c.put("unusable_by_reason", in.byReason());
    return c;
  }

  /** Writes the summary as JSON. */
  public static void writeSummary(Map<String, Object> summary, OutputStream out)
      throws IOException {
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .writeValue(out, summary);
    out.close();
  }
}
