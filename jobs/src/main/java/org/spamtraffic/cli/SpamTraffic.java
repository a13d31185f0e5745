package org.spamtraffic.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one front door ({@code bin/spamtraffic}). Each subcommand is a job or a tool; {@code study}
 * runs every stage in order on one Spark session.
 *
 * <p>Exit codes, on every command: 0 when the work was done and the data had no findings, 1 when it
 * was done and found something in the data (rejected rows, a refused form, tables that differ), 2
 * when it could not be done (a usage error, a missing input, an environment or configuration
 * problem). {@code docs/cli.md} lists them per command.
 */
@Command(
    name = "spamtraffic",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Measures spam traffic from operator returns and Member States' questionnaire answers,"
            + " and estimates the investment needed to counter it (ITU WTSA Resolution 52).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/spamtraffic study",
      "  bin/spamtraffic validate my-return.xlsx",
      "  bin/spamtraffic STAGE --help",
      "",
      "Exit codes: 0 done, and the data clean; 1 done, with findings in the data;",
      "2 not done: a usage, input or environment error (docs/cli.md)."
    },
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
      ExpireCommand.class,
      AutoComplete.GenerateCompletion.class,
      CommandLine.HelpCommand.class
    })
public final class SpamTraffic implements Runnable {
  /** Exit code of a command that did its work and found nothing wrong in the data. */
  public static final int OK = 0;

  /** Exit code of a command that did its work and found problems in the data. */
  public static final int DATA_FINDINGS = 1;

  /** Exit code of a command that could not do its work: usage, input or environment. */
  public static final int USAGE_OR_ENVIRONMENT = 2;

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
    List<String> given = Arrays.asList(args);
    boolean verbose = given.contains("--verbose") || given.contains("-v");
    Logging.configure(verbose);
    return commandLine(verbose).execute(args);
  }

  /**
   * The command line with the project's conventions: help wrapped at the terminal's width, usage
   * errors as one line and a pointer to {@code --help} (not the whole usage), failures as one
   * readable line, exit codes as {@link #OK}, {@link #DATA_FINDINGS} and {@link
   * #USAGE_OR_ENVIRONMENT}.
   */
  static CommandLine commandLine(boolean verbose) {
    CommandLine cli = new CommandLine(new SpamTraffic());
    // picocli's own command, generated from this model; hidden by picocli, shown and explained
    // here.
    cli.getSubcommands()
        .get("generate-completion")
        .getCommandSpec()
        .usageMessage()
        .hidden(false)
        .description(
            "Prints a bash (and zsh) completion script for every command and option, generated"
                + " from the command model: load it with source <(spamtraffic"
                + " generate-completion) with bin/ on the PATH, or save it in"
                + " /etc/bash_completion.d/.")
        .footerHeading("%nExamples:%n")
        .footer("  bin/spamtraffic generate-completion > spamtraffic-completion.bash");
    cli.setUsageHelpAutoWidth(true);
    cli.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine command = e.getCommandLine();
          PrintWriter err = command.getErr();
          err.println(prefix(command) + e.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
          err.println("Try: " + invocation(command) + " --help");
          err.flush();
          return USAGE_OR_ENVIRONMENT;
        });
    cli.setExecutionExceptionHandler(
        (e, command, parseResult) -> {
          PrintWriter err = command.getErr();
          // Configuration and input errors reach people as one readable line, not a stack trace.
          err.println(prefix(command) + describe(e));
          if (verbose) {
            e.printStackTrace(err);
          } else if (command.getCommandSpec().findOption("--verbose") != null) {
            err.println("(run again with --verbose for details)");
          }
          err.flush();
          return USAGE_OR_ENVIRONMENT;
        });
    return cli;
  }

  private static String prefix(CommandLine command) {
    return command.getCommandSpec().qualifiedName() + ": ";
  }

  /** How a person types this command: {@code bin/spamtraffic tokens create}. */
  static String invocation(CommandLine command) {
    return "bin/" + command.getCommandSpec().qualifiedName();
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
