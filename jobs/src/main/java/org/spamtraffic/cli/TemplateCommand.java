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
 * country) or its XLSForm for a collection tool, and, when no questionnaire option is given, the
 * operators' return template.
 */
@Command(
    name = "template",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a template to fill in. By default the operators' return template: instructions, an"
          + " operator sheet and the data sheet with dropdowns for every coded column, generated"
          + " from schemas/return-v1.schema.json.",
      "With --questionnaire, the Member States' questionnaire as an offline Excel form, in one"
          + " language, for one country or several; with --questionnaire --xlsform, the"
          + " questionnaire as an XLSForm to load into KoboToolbox, ODK Central or SurveyCTO."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/spamtraffic template --out return.xlsx --lang fr",
      "  bin/spamtraffic template --questionnaire --lang fr --country SEN \\",
      "      --out SEN.xlsx",
      "  bin/spamtraffic template --questionnaire --xlsform --out questionnaire.xlsx"
    })
final class TemplateCommand implements Callable<Integer> {
  /** Which template: the questionnaire, or (when not given) the return template. */
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
      paramLabel = "LANG",
      defaultValue = "en",
      description =
          "Language of labels and instructions: en, fr, es, ar, zh or ru for the return template;"
              + " a language of the questionnaire (or its label column) for the questionnaire"
              + " (default: ${DEFAULT-VALUE}).")
  String lang;

  @Option(
      names = "--country",
      paramLabel = "XXX",
      split = ",",
      description =
          "ISO alpha-3 code(s) to fill in: one workbook per country. With more than one, --out is"
              + " a folder and each file is <CODE>-questionnaire-<lang>.xlsx")
  List<String> countries = new ArrayList<>();

  @Option(names = "--xlsform", description = "Write the XLSForm itself instead of the offline form")
  boolean xlsform;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "The .xlsx file to write (a folder with several --country).")
  Path out;

  @Spec CommandSpec spec;

  /** The operators' return template, generated from the return format. */
  int returnTemplate() {
    org.spamtraffic.intake.template.ReturnTemplate template;
    try {
      template =
          org.spamtraffic.intake.template.ReturnTemplate.of(
              org.spamtraffic.schema.ReturnFormat.v1(), lang);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    createParentQuietly(out);
    template.write(out);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(java.util.Locale.ROOT, "template         wrote %s (return, %s)%n", out, lang);
    if (!template.hasLabels()) {
      stdout.printf(
          java.util.Locale.ROOT,
          "  the return format has no column labels in '%s' yet: they are in English%n",
          lang);
    }
    stdout.flush();
    return 0;
  }

  private static void createParentQuietly(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      try {
        Files.createDirectories(parent);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("Cannot create " + parent, e);
      }
    }
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (out == null) {
      err.println("spamtraffic template: --out is needed: the .xlsx file to write");
      err.flush();
      return 2;
    }
    if (kind == null || !kind.questionnaire) {
      return returnTemplate();
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
