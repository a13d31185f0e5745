package org.spamtraffic.validate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON shape of a {@link ValidationReport}, one source for {@code validate --json} and the
 * portal's API: file, format, sha256, status, row counts, warnings, findings by rule, the findings
 * themselves and whether they were truncated.
 */
public final class ValidationJson {
  private ValidationJson() {}

  /** The report as an ordered map, ready for Jackson. */
  public static Map<String, Object> of(ValidationReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", r.file().fileName());
    m.put("format", r.file().format().code());
    m.put("sha256", r.file().sha256());
    m.put("status", r.status());
    m.put("rows_read", r.rowsRead());
    m.put("rows_accepted", r.rowsAccepted());
    m.put("rows_rejected", r.rowsRejected());
    m.put("warnings", r.warnings());
    m.put("by_rule", r.byRule());
    m.put("findings", r.findings());
    m.put("findings_truncated", r.truncated());
    return m;
  }
}
