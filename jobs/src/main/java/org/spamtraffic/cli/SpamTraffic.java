package org.spamtraffic.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one front door ({@code bin/spamtraffic}). Each subcommand is a job or a tool; {@code study}
 * runs every stage in order on one Spark session.
 */
@Command(
    name = "spamtraffic",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Measures spam traffic from operator returns and Member States' questionnaire answers,"
            + " and estimates the investment needed to counter it (ITU WTSA Resolution 52).",
    subcommands = {
      Study.class,
      IngestReturnsCommand.class,
      ValidateCommand.class,
      DeriveReturnsCommand.class,
      IngestSurveyCommand.class,
      CheckFormCommand.class,
      TemplateCommand.class,
      ShowCommand.class,
      GenerateCommand.class,
      CompareCommand.class,
      AggregateCommand.class,
      PublishCommand.class,
      EstimateCommand.class,
      ReportCommand.class,
      ReturnTemplateCommand.class,
      ServeCommand.class,
      TokensCommand.class,
      NotebooksCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SpamTraffic implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (for tests and notebooks). */
  public static int execute(String... args) {
    boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
    Logging.configure(verbose);
    CommandLine cli = new CommandLine(new SpamTraffic());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          // Configuration and input errors reach people as one readable line, not a stack trace.
          err.println("spamtraffic " + commandLine.getCommandName() + ": " + describe(e));
          if (verbose) {
            e.printStackTrace(err);
          } else {
            err.println("(run again with --verbose for details)");
          }
          return 2;
        });
    return cli.execute(args);
  }

  private static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null
        && (t.getMessage() == null || t instanceof java.io.UncheckedIOException)) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
