package org.spamtraffic.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.report.ReportJob;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the report bundle from the published tables. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Writes the report bundle to <out>/reports/<study-id>/ from the published"
            + " (disclosure-controlled) tables: charts (PNG, SVG, CSV), tables.xlsx and CSV, the"
            + " TSAG report draft report.docx, and manifest.json.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/spamtraffic report",
      "  bin/spamtraffic report --lang fr --country KEN --country SEN --study-id 2026"
    })
final class ReportCommand extends SparkCommand {
  @Option(
      names = "--study-id",
      paramLabel = "ID",
      defaultValue = "sample",
      description =
          "Name of the study run; the report goes to <out>/reports/<study-id> (default:"
              + " ${DEFAULT-VALUE}).")
  String studyId;

  @Option(
      names = "--lang",
      paramLabel = "LANG",
      defaultValue = "en",
      description =
          "Language of headings, captions and labels, one of the six ITU languages the report"
              + " has labels in; another is refused, naming them (default: ${DEFAULT-VALUE}).")
  String language;

  @Option(
      names = "--country",
      paramLabel = "XXX",
      description = "Add a profile section for this country (ISO alpha-3), repeatable.")
  List<String> countries = new ArrayList<>();

  @picocli.CommandLine.Mixin AsOfOption asOf;

  @Override
  protected int run(SparkSession spark, Warehouse warehouse) {
    ReportJob.Options options =
        new ReportJob.Options(sparkOptions.outUri(), studyId, language, countries);
    Warehouse study = asOf.apply(warehouse);
    stageRunner().run("report", () -> new ReportJob(study).run(options));
    return 0;
  }
}
