package org.spamtraffic.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.notebook.NotebookRunner;
import org.spamtraffic.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The analyst notebooks in {@code notebooks/}: {@code notebooks run} executes them headless. */
@Command(
    name = "notebooks",
    mixinStandardHelpOptions = true,
    description = "The analyst notebooks (notebooks/*.ipynb); see notebooks/README.md.",
    footerHeading = "%nExamples:%n",
    footer = "  bin/spamtraffic notebooks run",
    subcommands = {NotebooksCommand.Run.class})
final class NotebooksCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Executes notebooks without Jupyter, the way CI does. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description =
          "Runs the code cells of each notebook in order with JShell, in this JVM and on one Spark"
              + " session, over the warehouse (--warehouse, default <out>/warehouse). Writes each"
              + " executed notebook, with its outputs (text, tables, charts as PNG), to"
              + " <out>/notebooks/. Stops a notebook at its first failing cell and exits 1 naming"
              + " the cell and the error.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  bin/spamtraffic notebooks run",
        "  bin/spamtraffic notebooks run notebooks/02-routes-and-sources.ipynb --as-of 3"
      })
  static final class Run extends SparkCommand {
    @Parameters(
        arity = "0..*",
        paramLabel = "NOTEBOOK",
        description = "Notebooks to run (default: every notebooks/*.ipynb of the project).")
    List<Path> notebooks = new ArrayList<>();

    @picocli.CommandLine.Mixin AsOfOption asOf;

    @Override
    protected int run(SparkSession spark, Warehouse warehouse) {
      PrintWriter out = spec.commandLine().getOut();
      List<Path> toRun = notebooks.isEmpty() ? projectNotebooks() : notebooks;
      Path executed = Path.of(sparkOptions.outUri().replaceFirst("^file:", ""), "notebooks");
      NotebookRunner runner = new NotebookRunner(spark, asOf.apply(warehouse));
      int failed = 0;
      for (Path notebook : toRun) {
        NotebookRunner.Result result = runner.run(notebook);
        Path written = result.writeTo(executed);
        out.println(result.describe());
        out.println("  executed copy: " + written);
        out.flush();
        if (!result.succeeded()) {
          failed++;
        }
      }
      return failed == 0 ? 0 : 1;
    }

    private static List<Path> projectNotebooks() {
      Path folder = Path.of(System.getenv().getOrDefault("SPAMTRAFFIC_HOME", "."), "notebooks");
      try (Stream<Path> files = Files.list(folder)) {
        return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list the notebooks in " + folder, e);
      }
    }
  }
}
