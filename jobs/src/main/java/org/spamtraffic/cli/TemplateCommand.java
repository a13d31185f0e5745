package org.spamtraffic.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
      description = "ISO alpha-3 code to fill in (one workbook per country)")
  String country;

  @Option(names = "--xlsform", description = "Write the XLSForm itself instead of the offline form")
  boolean xlsform;

  @Option(names = "--out", required = true, description = "The .xlsx file to write")
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
    Form form = Questionnaire.form();
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    if (xlsform) {
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
    String code = country == null ? null : country.trim().toUpperCase(java.util.Locale.ROOT);
    try (OutputStream o = Files.newOutputStream(out)) {
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
                + out);
    return 0;
  }
}
