package org.spamtraffic.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.FormWorkbook;
import org.spamtraffic.survey.form.Questionnaire;
import org.spamtraffic.survey.offline.OfflineForm;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes templates people fill in: the questionnaire's offline Excel form (one workbook per
 * country) or its XLSForm for a collection tool. The operators' return template is to come to the
 * same command, as the default when no questionnaire option is given.
 */
@Command(
    name = "template",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a template to fill in.",
      "--questionnaire: the questionnaire's offline Excel form, in one language, for one country.",
      "--questionnaire --xlsform: the questionnaire as an XLSForm, to load into KoboToolbox, ODK"
          + " Central or SurveyCTO.",
      "(The operators' return template, without --questionnaire, is not there yet.)"
    })
final class TemplateCommand implements Callable<Integer> {
  /** Which template; room for the return template to join as another choice. */
  static final class Kind {
    @Option(
        names = "--questionnaire",
        required = true,
        description = "The Member States questionnaire (offline form, or XLSForm with --xlsform)")
    boolean questionnaire;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Kind kind;

  @Option(
      names = "--lang",
      defaultValue = "en",
      description =
          "Label language of the offline form: en, fr, or a column name (default: ${DEFAULT-VALUE})")
  String lang;

  @Option(
      names = "--country",
      split = ",",
      description =
          "ISO alpha-3 code(s) to fill in: one workbook per country. With more than one, --out is"
              + " a folder and each file is <CODE>-questionnaire-<lang>.xlsx")
  List<String> countries = new ArrayList<>();

  @Option(names = "--xlsform", description = "Write the XLSForm itself instead of the offline form")
  boolean xlsform;

  @Option(
      names = "--out",
      description = "The .xlsx file to write (a folder with several --country)")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (kind == null || !kind.questionnaire) {
      err.println(
          "spamtraffic template: the operators' return template is not there yet; use"
              + " --questionnaire for the Member States questionnaire");
      err.flush();
      return 2;
    }
    if (out == null) {
      err.println("spamtraffic template: --out is needed: the .xlsx file to write");
      err.flush();
      return 2;
    }
    Form form = Questionnaire.form();
    if (xlsform) {
      createParent(out);
      try (OutputStream o = Files.newOutputStream(out)) {
        FormWorkbook.write(Questionnaire.sheets(), o);
      }
      spec.commandLine()
          .getOut()
          .println("XLSForm " + form.id() + " " + form.version() + " → " + out);
      return 0;
    }
    String language =
        form.language(lang)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "The questionnaire has no labels in '"
                            + lang
                            + "' (it has "
                            + String.join(", ", form.languages())
                            + ")"));
    List<String> codes = new ArrayList<>();
    countries.forEach(c -> codes.add(c.trim().toUpperCase(Locale.ROOT)));
    if (codes.size() <= 1) {
      write(form, language, codes.isEmpty() ? null : codes.get(0), out);
      return 0;
    }
    Files.createDirectories(out);
    for (String code : codes) {
      write(
          form,
          language,
          code,
          out.resolve(code + "-questionnaire-" + lang.toLowerCase(Locale.ROOT) + ".xlsx"));
    }
    return 0;
  }

  private void write(Form form, String language, String code, Path file) throws IOException {
    createParent(file);
    try (OutputStream o = Files.newOutputStream(file)) {
      OfflineForm.write(form, new OfflineForm.Options(language, code, null), o);
    }
    spec.commandLine()
        .getOut()
        .println(
            "Offline form "
                + form.id()
                + " "
                + form.version()
                + " in "
                + language
                + (code == null ? "" : " for " + code)
                + " → "
                + file);
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
