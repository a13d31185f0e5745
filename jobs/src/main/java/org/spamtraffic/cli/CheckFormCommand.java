package org.spamtraffic.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spamtraffic.survey.form.ChoiceList;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.FormError;
import org.spamtraffic.survey.form.FormReader;
import org.spamtraffic.survey.form.FormReading;
import org.spamtraffic.survey.form.Group;
import org.spamtraffic.survey.form.Question;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks an XLSForm made anywhere, before it is used to collect answers. */
@Command(
    name = "check-form",
    mixinStandardHelpOptions = true,
    description = {
      "Reads an XLSForm (.xlsx or .xls, or a folder with survey.csv, choices.csv, settings.csv)"
          + " and prints the groups, questions, types, choice lists and languages it understood,"
          + " or every error with its sheet and row.",
      "Exit code: 0 when the form is good, 1 when it has errors."
    })
final class CheckFormCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FORM", description = "The XLSForm file or folder")
  Path form;

  @Option(names = "--json", description = "Print JSON instead of text")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    FormReading reading = FormReader.read(form);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(asJson(reading)));
    } else if (reading.ok()) {
      text(reading.form(), out);
    } else {
      out.println(reading.source() + ": " + reading.errors().size() + " error(s)");
      for (FormError e : reading.errors()) {
        out.println("  " + e);
      }
    }
    out.flush();
    return reading.ok() ? 0 : 1;
  }

  private static void text(Form f, PrintWriter out) {
    out.printf(
        java.util.Locale.ROOT, "Form %s, version %s: \"%s\"%n", f.id(), f.version(), f.title());
    out.println(
        "Languages: "
            + String.join(", ", f.languages())
            + " (default "
            + f.defaultLanguage()
            + ")");
    out.println("Groups (" + f.groups().size() + "):");
    for (Group g : f.groups()) {
      out.printf(
          java.util.Locale.ROOT,
          "  %-40s %s%s%n",
          g.path(),
          g.repeat() ? "repeat" : "group",
          g.relevant() == null ? "" : "  relevant: " + g.relevant().text());
    }
    out.println("Questions (" + f.questions().size() + "):");
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
      out.printf(java.util.Locale.ROOT, "  row %-4d %-45s %s%n", q.row(), q.path(), b);
    }
    out.println("Choice lists (" + f.choiceLists().size() + "):");
    for (ChoiceList l : f.choiceLists().values()) {
      List<String> names = l.choices().stream().map(c -> c.name()).toList();
      String shown =
          names.size() <= 8
              ? String.join(", ", names)
              : String.join(", ", names.subList(0, 8)) + ", ...";
      out.printf(java.util.Locale.ROOT, "  %-20s %3d: %s%n", l.name(), names.size(), shown);
    }
  }

  private static Map<String, Object> asJson(FormReading reading) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", reading.source());
    m.put("ok", reading.ok());
    List<Map<String, Object>> errors = new ArrayList<>();
    for (FormError e : reading.errors()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("sheet", e.sheet());
      x.put("row", e.row());
      x.put("column", e.column());
      x.put("message", e.message());
      errors.add(x);
    }
    m.put("errors", errors);
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
      x.put("list", q.listName());
      x.put("or_other", q.orOther());
      x.put("required", q.required() == null ? null : q.required().text());
      x.put("relevant", q.relevant() == null ? null : q.relevant().text());
      x.put("constraint", q.constraint() == null ? null : q.constraint().text());
      x.put("repeat", q.repeat() == null ? null : q.repeat().path());
      x.put("labels", q.labels());
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
}
