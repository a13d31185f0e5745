package org.spamtraffic.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.spamtraffic.validate.Finding;
import org.spamtraffic.validate.ReturnValidator;
import org.spamtraffic.validate.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks one return file with the exact rules of ingest-returns, without Spark. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks one return file (CSV, XLSX or XLS) with the rules of ingest-returns, without a",
      "cluster: prints a summary and the first findings.",
      "Exit code: 0 when every row is accepted, 1 when rows or the file are rejected."
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "The return file (path or Hadoop URI)")
  String file;

  @Option(names = "--json", description = "Print the whole result as JSON, for machines")
  boolean json;

  @Option(
      names = "--first",
      defaultValue = "20",
      description = "How many findings to print (default: ${DEFAULT-VALUE})")
  int first;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ValidationReport report =
        new ReturnValidator(new Configuration(), ReturnValidator.Options.DEFAULT).validate(file);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(asJson(report)));
    } else {
      print(report, out);
    }
    out.flush();
    return report.clean() ? 0 : 1;
  }

  /** The JSON shape of a report (also served by the portal's API). */
  static Map<String, Object> asJson(ValidationReport r) {
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

  private void print(ValidationReport r, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "%s (%s): %s%n  rows read %,d = accepted %,d + rejected %,d; warnings %,d%n",
        r.file().fileName(),
        r.file().format().code(),
        r.status(),
        r.rowsRead(),
        r.rowsAccepted(),
        r.rowsRejected(),
        r.warnings());
    if (!r.byRule().isEmpty()) {
      out.println("  by rule:");
      r.byRule().forEach((rule, n) -> out.printf(Locale.ROOT, "    %-28s %,d%n", rule, n));
    }
    int shown = 0;
    for (Finding f : r.findings()) {
      if (shown++ >= first) {
        out.printf(
            Locale.ROOT,
            "  ... and more: run with --json or --first %d to see them all%n",
            r.findings().size());
        break;
      }
      String where =
          f.row() == null
              ? "file"
              : (f.sheet() != null ? f.sheet() + "!" : "")
                  + "row "
                  + f.row()
                  + (f.column() != null ? ", " + f.column() : "");
      out.printf(Locale.ROOT, "  %-7s %s: %s [%s]%n", f.level(), where, f.message(), f.rule());
    }
  }
}
