package org.spamtraffic.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.spamtraffic.language.Catalogue;
import org.spamtraffic.language.Language;
import org.spamtraffic.survey.form.ChoiceList;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.FormCheck;
import org.spamtraffic.survey.form.FormFinding;
import org.spamtraffic.survey.form.FormReader;
import org.spamtraffic.survey.form.FormReading;
import org.spamtraffic.survey.form.Group;
import org.spamtraffic.survey.form.Question;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Checks XLSForms made anywhere, before they are used to collect answers: one form in detail, or a
 * batch (several files, or folders of them) with one line each and a summary. No Spark: a plain JVM
 * that reads the forms one after the other.
 */
@Command(
    name = "check-form",
    mixinStandardHelpOptions = true,
    description = {
      "Checks XLSForms (.xlsx or .xls, or a folder with survey.csv, choices.csv, settings.csv) as"
          + " KoboToolbox, ODK Central and SurveyCTO take them, and says what those tools would do"
          + " with each (accept, accept with a warning, or refuse).",
      "One form: what was understood (groups, questions, choice lists, languages) and every"
          + " finding with its sheet, row, column and code. Several files or a folder of forms:"
          + " one line per form and a summary; --details lists every finding too.",
      "Exit code: 0 when every form is accepted, 1 when one is refused."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/spamtraffic check-form some-form.xlsx",
      "  bin/spamtraffic check-form forms/ --json",
      "  bin/spamtraffic check-form some-form.xlsx --lang fr"
    })
final class CheckFormCommand implements Callable<Integer> {
  @Option(
      names = "--lang",
      paramLabel = "LANG",
      defaultValue = "en",
      converter = LanguageOption.class,
      description =
          "The language of the lines and the findings: en, fr, es, ar, zh or ru (default:"
              + " ${DEFAULT-VALUE}). --json keeps English messages; codes stay as they are.")
  Language lang = Language.ENGLISH;

  /** check-form's own lines in the language asked for. */
  private Catalogue texts() {
    return Catalogue.of("spamtraffic.survey.messages.check-form", lang);
  }

  @Parameters(
      arity = "1..*",
      paramLabel = "FORM",
      description = "XLSForm files, or folders (of XLSForms, or one form as CSV files).")
  List<Path> forms;

  @Option(names = "--json", description = "Print JSON: every finding with a machine code.")
  boolean json;

  @Option(names = "--details", description = "In a batch, list every finding of every form.")
  boolean details;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<Path> files = new ArrayList<>();
    for (Path p : forms) {
      files.addAll(expand(p));
    }
    List<FormReading> readings = new ArrayList<>();
    for (Path f : files) {
      readings.add(read(f, texts()));
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean batch = files.size() != 1;
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      List<Object> list = new ArrayList<>();
      readings.forEach(r -> list.add(asJson(r)));
      m.put("forms", list);
      m.put("summary", summary(readings));
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
    } else if (!batch) {
      FormReading r = readings.get(0);
      if (r.form() != null) {
        describe(r.form(), out);
      }
      line(r, out);
      findings(r, out);
    } else {
      for (FormReading r : readings) {
        line(r, out);
        if (details) {
          findings(r, out);
        }
      }
      Map<String, Object> s = summary(readings);
      out.println(
          texts()
              .text(
                  "summary",
                  s.get("forms"),
                  s.get("accepted"),
                  s.get("with_warnings"),
                  s.get("refused")));
    }
    out.flush();
    return readings.stream().allMatch(FormReading::ok) ? 0 : 1;
  }

  /** A file, or the forms of a folder (a folder holding survey.csv is one form). */
  private static List<Path> expand(Path p) {
    if (!Files.isDirectory(p) || Files.exists(p.resolve("survey.csv"))) {
      return List.of(p);
    }
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(
              f -> {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(f)
                    && !n.startsWith("~$")
                    && !n.startsWith(".")
                    && (n.endsWith(".xlsx") || n.endsWith(".xls"));
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + p, e);
    }
  }

  /** Reads one form; a failure of ours is a finding on that form, not a stack trace. */
  private static FormReading read(Path f, Catalogue texts) {
    try {
      return FormReader.read(f);
    } catch (RuntimeException e) {
      return new FormReading(
          f.toString(),
          null,
          List.of(
              new FormFinding(
                  FormCheck.UNREADABLE_FILE,
                  null,
                  null,
                  null,
                  texts.text("internal-error", String.valueOf(e.getMessage())))));
    }
  }

  private void line(FormReading r, PrintWriter out) {
    Catalogue texts = texts();
    int errors = r.errors().size();
    int warnings = r.warnings().size();
    if (r.ok()) {
      out.println(
          texts.text(
              warnings == 0 ? "line.accepted" : "line.accepted-with-warnings",
              r.source(),
              r.form().questions().size(),
              warnings));
    } else {
      FormFinding first = r.errors().get(0);
      out.println(
          texts.text("line.refused", r.source(), errors, first.toString(lang), first.code()));
    }
  }

  private void findings(FormReading r, PrintWriter out) {
    Catalogue texts = texts();
    List<FormFinding> all = new ArrayList<>(r.errors());
    all.addAll(r.warnings());
    String verdict = null;
    for (FormFinding f : all) {
      out.printf(
          Locale.ROOT,
          "  %-7s %s [%s]%n",
          f.isError() ? texts.text("level.error") : texts.text("level.warning"),
          f.toString(lang),
          f.code());
      if (verdict == null) {
        verdict = f.verdict(lang);
      }
    }
    if (verdict != null) {
      out.println("  " + texts.text("what-tools-do", verdict));
    }
  }

  private static Map<String, Object> summary(List<FormReading> readings) {
    Map<String, Object> m = new LinkedHashMap<>();
    long accepted = readings.stream().filter(FormReading::ok).count();
    m.put("forms", readings.size());
    m.put("accepted", accepted);
    m.put(
        "with_warnings", readings.stream().filter(r -> r.ok() && !r.warnings().isEmpty()).count());
    m.put("refused", readings.size() - accepted);
    return m;
  }

  private void describe(Form f, PrintWriter out) {
    Catalogue texts = texts();
    out.println(texts.text("describe.form", f.id(), f.version(), f.title()));
    out.println(
        texts.text("describe.languages", String.join(", ", f.languages()), f.defaultLanguage()));
    out.println(texts.text("describe.groups", f.groups().size()));
    for (Group g : f.groups()) {
      out.printf(
          Locale.ROOT,
          "  %-40s %s%s%n",
          g.path(),
          g.repeat() ? "repeat" : "group",
          g.relevant() == null ? "" : "  relevant: " + g.relevant().text());
    }
    out.println(texts.text("describe.questions", f.questions().size()));
    for (Question q : f.questions()) {
      StringBuilder b = new StringBuilder();
      b.append(q.type().xlsformName());
      if (q.listName() != null) {
        b.append(' ').append(q.listName());
      }
      if (q.orOther()) {
        b.append(" or_other");
      }
      if (q.required() != null) {
        b.append("  required");
      }
      if (q.relevant() != null) {
        b.append("  relevant: ").append(q.relevant().text());
      }
      if (q.constraint() != null) {
        b.append("  constraint: ").append(q.constraint().text());
      }
      if (q.calculation() != null) {
        b.append("  calculation: ").append(q.calculation().text());
      }
      if (q.logic().choiceFilter() != null) {
        b.append("  choice_filter: ").append(q.logic().choiceFilter().text());
      }
      out.printf(Locale.ROOT, "  row %-4d %-45s %s%n", q.row(), q.path(), b);
    }
    out.println(texts.text("describe.lists", f.choiceLists().size()));
    for (ChoiceList l : f.choiceLists().values()) {
      List<String> names = l.choices().stream().map(c -> c.name()).toList();
      String shown =
          names.size() <= 8
              ? String.join(", ", names)
              : String.join(", ", names.subList(0, 8)) + ", ...";
      out.printf(Locale.ROOT, "  %-20s %3d: %s%n", l.name(), names.size(), shown);
    }
  }

  private static Map<String, Object> asJson(FormReading reading) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", reading.source());
    m.put("ok", reading.ok());
    m.put("verdict", reading.ok() ? "accept" : "refuse");
    m.put("errors", findingsJson(reading.errors()));
    m.put("warnings", findingsJson(reading.warnings()));
    Form f = reading.form();
    if (f == null) {
      return m;
    }
    m.put("form_id", f.id());
    m.put("version", f.version());
    m.put("title", f.title());
    m.put("languages", f.languages());
    m.put("default_language", f.defaultLanguage());
    List<Map<String, Object>> groups = new ArrayList<>();
    for (Group g : f.groups()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("path", g.path());
      x.put("repeat", g.repeat());
      x.put("relevant", g.relevant() == null ? null : g.relevant().text());
      x.put("repeat_count", g.repeatCount() == null ? null : g.repeatCount().text());
      x.put("row", g.row());
      groups.add(x);
    }
    m.put("groups", groups);
    List<Map<String, Object>> questions = new ArrayList<>();
    for (Question q : f.questions()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("name", q.name());
      x.put("path", q.path());
      x.put("type", q.type().xlsformName());
      x.put("type_as_written", q.typeText());
      x.put("list", q.listName());
      x.put("or_other", q.orOther());
      x.put("required", q.required() == null ? null : q.required().text());
      x.put("relevant", q.relevant() == null ? null : q.relevant().text());
      x.put("constraint", q.constraint() == null ? null : q.constraint().text());
      x.put("calculation", q.calculation() == null ? null : q.calculation().text());
      x.put(
          "choice_filter",
          q.logic().choiceFilter() == null ? null : q.logic().choiceFilter().text());
      x.put("repeat", q.repeat() == null ? null : q.repeat().path());
      x.put("labels", q.labels());
      x.put("other_columns", q.otherColumns());
      x.put("row", q.row());
      questions.add(x);
    }
    m.put("questions", questions);
    Map<String, Object> lists = new LinkedHashMap<>();
    f.choiceLists()
        .forEach((k, v) -> lists.put(k, v.choices().stream().map(c -> c.name()).toList()));
    m.put("choice_lists", lists);
    return m;
  }

  private static List<Map<String, Object>> findingsJson(List<FormFinding> findings) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (FormFinding e : findings) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("code", e.code());
      x.put("level", e.isError() ? "error" : "warning");
      x.put("sheet", e.sheet());
      x.put("row", e.row());
      x.put("column", e.column());
      x.put("message", e.message());
      x.put("tools", e.verdict());
      out.add(x);
    }
    return out;
  }
}
