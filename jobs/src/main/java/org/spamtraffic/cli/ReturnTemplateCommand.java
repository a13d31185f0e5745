package org.spamtraffic.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The old name of {@code template} without {@code --questionnaire}, kept hidden for a release so
 * that scripts keep working; it writes exactly what {@code template} writes.
 */
@Command(
    name = "return-template",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Replaced by template (the return template is its default); kept for a release.",
    footerHeading = "%nExamples:%n",
    footer = "  bin/spamtraffic template --out return.xlsx --lang fr")
final class ReturnTemplateCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "FILE", required = true, description = "The XLSX file.")
  Path out;

  @Option(
      names = "--lang",
      paramLabel = "LANG",
      defaultValue = "en",
      description = "en, fr, es, ar, zh or ru (default: ${DEFAULT-VALUE}).")
  String lang;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    TemplateCommand template = new TemplateCommand();
    template.out = out;
    template.lang = lang;
    template.spec = spec;
    return template.returnTemplate();
  }
}
