package org.spamtraffic.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spamtraffic.intake.template.ReturnTemplate;
import org.spamtraffic.schema.ReturnFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes the operators' return template (XLSX), generated from the return format. */
@Command(
    name = "return-template",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the return template for operators: instructions, an operator sheet, the data",
      "sheet with dropdowns, input hints and a protected header row, generated from",
      "schemas/return-v1.schema.json."
    })
final class ReturnTemplateCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "The XLSX file to write")
  Path out;

  @Option(
      names = "--lang",
      defaultValue = "en",
      description = "Language of labels and instructions: en, fr, es, ar, zh, ru (default: en)")
  String lang;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ReturnTemplate template;
    try {
      template = ReturnTemplate.of(ReturnFormat.v1(), lang);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    template.write(out);
    var stdout = spec.commandLine().getOut();
    stdout.printf(Locale.ROOT, "return-template  wrote %s (%s)%n", out, lang);
    if (!template.hasLabels()) {
      stdout.printf(
          Locale.ROOT,
          "  the return format has no column labels in '%s' yet: they are in English%n",
          lang);
    }
    stdout.flush();
    return 0;
  }
}
