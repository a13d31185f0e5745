package org.spamtraffic.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.spamtraffic.intake.annotate.Annotator;
import org.spamtraffic.language.Catalogue;
import org.spamtraffic.language.Language;
import org.spamtraffic.language.LocalFormats;
import org.spamtraffic.validate.ColumnLetters;
import org.spamtraffic.validate.FileOwner;
import org.spamtraffic.validate.Finding;
import org.spamtraffic.validate.Messages;
import org.spamtraffic.validate.ReturnValidator;
import org.spamtraffic.validate.ValidationJson;
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
      "Checks one return file (CSV, XLSX or XLS) with the rules of ingest-returns, without a"
          + " cluster: prints a summary and the first findings, each with its row, column letter"
          + " and column name as the portal shows them.",
      "Exit code: 0 when every row is accepted, 1 when rows or the file are rejected, 2 when the"
          + " command could not run."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/spamtraffic validate my-return.xlsx",
      "  bin/spamtraffic validate my-return.csv --json",
      "  bin/spamtraffic validate my-return.xlsx --annotate checked.xlsx --lang fr"
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "The return file (path or Hadoop URI).")
  String file;

  @Option(names = "--json", description = "Print the whole result as JSON, for machines.")
  boolean json;

  @Option(
      names = "--first",
      paramLabel = "N",
      defaultValue = "20",
      description = "How many findings to print (default: ${DEFAULT-VALUE}).")
  int first;

  @Option(
      names = "--annotate",
      paramLabel = "FILE",
      description =
          "Also write a copy of the file with every problem marked on its cell (red: error,"
              + " yellow: warning, with a comment) and a summary sheet; CSV and XLS become XLSX.")
  java.nio.file.Path annotate;

  @Option(
      names = "--operator",
      paramLabel = "ID",
      description =
          "Check the file as sent by this operator (the id ITU gave you): rows that name another"
              + " operator are rejected (rule operator_is_sender), as the portal and"
              + " ingest-returns do.")
  String operator;

  @Option(
      names = "--lang",
      paramLabel = "LANG",
      defaultValue = "en",
      converter = LanguageOption.class,
      description =
          "The language of the summary, the messages and the marked copy: en, fr, es, ar, zh or"
              + " ru (default: ${DEFAULT-VALUE}). --json keeps English messages; rule ids and"
              + " codes stay.")
  Language lang;

  @Option(
      names = {"-v", "--verbose"},
      description = "Also log, on stderr, the technical detail of a file that cannot be read.")
  boolean verbose; // read by SpamTraffic.execute before the command runs (Logging)

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (operator != null && !FileOwner.isOperatorId(operator)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--operator '"
              + operator
              + "' is not an operator id: 2 to 40 letters, digits, dots, dashes or underscores");
    }
    ValidationReport report = validate(file, operator);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(asJson(report)));
    } else {
      print(report, out);
    }
    if (annotate != null) {
      Annotator.Result a =
          new Annotator(Annotator.Options.DEFAULT.in(lang)).annotate(report, annotate);
      // With --json, stdout is the JSON document alone; the note goes to stderr.
      PrintWriter note = json ? spec.commandLine().getErr() : out;
      note.println("  " + words().text("summary.annotated", a.out().toString(), a.markedCells()));
      note.flush();
    }
    out.flush();
    return report.clean() ? 0 : 1;
  }

  /**
   * The report on {@code file}. The validator reports bad content as findings; should it fail all
   * the same, the failure is this file's finding too, so that {@code --json} always prints a
   * document (with {@code status} "failed", as ingest-returns would say).
   */
  static ValidationReport validate(String file, String operator) {
    // A path is taken as a path: "my return (v2).csv" is not a URI, and Hadoop's Path quotes it.
    String uri = file.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:/.*") ? file : localUri(file);
    try {
      return new ReturnValidator(new Configuration(), ReturnValidator.Options.DEFAULT)
          .validate(uri, operator);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      org.spamtraffic.intake.FileFinding f =
          org.spamtraffic.intake.ReadFailure.finding(
              file, org.spamtraffic.intake.FileFormat.UNKNOWN, e);
      org.spamtraffic.intake.ReturnFile unread =
          new org.spamtraffic.intake.ReturnFile(
              uri,
              new org.apache.hadoop.fs.Path(uri).getName(),
              org.spamtraffic.intake.FileFormat.UNKNOWN,
              0,
              "0".repeat(64),
              0,
              null,
              ',',
              null,
              0,
              null,
              java.util.List.of(f));
      return new ValidationReport(
          unread, 0, 0, 0, 0, 0, 0, Map.of(f.rule(), 1L), java.util.List.of(Finding.of(f)), false);
    }
  }

  private static String localUri(String file) {
    return new org.apache.hadoop.fs.Path(
            java.nio.file.Paths.get(file).toAbsolutePath().normalize().toUri())
        .toString();
  }

  /** The JSON shape of a report (also served by the portal's API). */
  static Map<String, Object> asJson(ValidationReport r) {
    return ValidationJson.of(r);
  }

  private Catalogue words() {
    return Messages.catalogue(lang);
  }

  private void print(ValidationReport r, PrintWriter out) {
    Catalogue words = words();
    out.printf(
        Locale.ROOT,
        "%s (%s): %s%n  %s%n",
        r.file().fileName(),
        r.file().format().code(),
        words.text("status." + r.status()),
        words.text(
            "summary.counts", r.rowsRead(), r.rowsAccepted(), r.rowsRejected(), r.warnings()));
    if (!r.byRule().isEmpty()) {
      out.println("  " + words.text("summary.by_rule"));
      r.byRule()
          .forEach(
              (rule, n) ->
                  out.printf(Locale.ROOT, "    %-28s %s%n", rule, LocalFormats.of(lang).number(n)));
    }
    Map<String, String> letters = ColumnLetters.of(r);
    int shown = 0;
    for (Finding f : r.findings()) {
      if (shown++ >= first) {
        out.println("  " + words.text("summary.more", r.findings().size()));
        break;
      }
      String where =
          f.row() == null
              ? words.text("summary.file")
              : (f.sheet() != null ? f.sheet() + "!" : "")
                  + words.text("summary.row", f.row())
                  + (f.column() != null ? ", " + ColumnLetters.describe(letters, f.column()) : "");
      out.printf(
          Locale.ROOT,
          "  %-7s %s: %s [%s]%n",
          words.text("level." + f.level()),
          where,
          f.message(lang),
          f.rule());
    }
  }
}
