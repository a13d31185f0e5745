package org.spamtraffic.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spamtraffic.portal.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Creates, revokes and lists the portal's access tokens. */
@Command(
    name = "tokens",
    mixinStandardHelpOptions = true,
    description = "Creates, revokes and lists the portal's access tokens (stored hashed).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/spamtraffic tokens create --operator KE-KILIMA",
      "  bin/spamtraffic tokens list"
    },
    subcommands = {
      TokensCommand.Create.class,
      TokensCommand.Revoke.class,
      TokensCommand.ListTokens.class
    })
final class TokensCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The credentials file option, shared by the subcommands. */
  static final class UsersFile {
    @Option(
        names = "--users",
        paramLabel = "FILE",
        defaultValue = "portal-users.json",
        description = "Credentials file (default: ./${DEFAULT-VALUE}).")
    Path users;
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Creates a token and prints it once: send it to the operator securely.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  bin/spamtraffic tokens create --operator KE-KILIMA",
        "  bin/spamtraffic tokens create --operator itu-analyst --role analyst"
      })
  static final class Create implements Callable<Integer> {
    @Option(
        names = "--operator",
        paramLabel = "ID",
        required = true,
        description = "Operator id, e.g. KE-KILIMA.")
    String operator;

    @Option(
        names = "--role",
        paramLabel = "ROLE",
        defaultValue = "operator",
        description = "operator (uploads, sees its own files) or analyst (sees all).")
    String role;

    @picocli.CommandLine.Mixin UsersFile file;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      String token = Credentials.at(file.users).create(operator, Credentials.Role.of(role));
      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "token for %s (%s), shown only now:%n%s%n", operator, role, token);
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revokes a token by its id (the part before the dot; see tokens list).",
      footerHeading = "%nExamples:%n",
      footer = "  bin/spamtraffic tokens revoke 3f9a2c7e1b04")
  static final class Revoke implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "Token id.")
    String id;

    @picocli.CommandLine.Mixin UsersFile file;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      boolean done = Credentials.at(file.users).revoke(id);
      PrintWriter out = spec.commandLine().getOut();
      out.println(done ? "revoked " + id : "no active token " + id);
      out.flush();
      return done ? 0 : 1;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the tokens.",
      footerHeading = "%nExamples:%n",
      footer = "  bin/spamtraffic tokens list --users portal-users.json")
  static final class ListTokens implements Callable<Integer> {
    @picocli.CommandLine.Mixin UsersFile file;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT,
          "%-14s %-20s %-9s %-28s %s%n",
          "id",
          "operator",
          "role",
          "created",
          "revoked");
      for (Credentials.Entry e : Credentials.at(file.users).list()) {
        out.printf(
            Locale.ROOT,
            "%-14s %-20s %-9s %-28s %s%n",
            e.id(),
            e.operator(),
            e.role(),
            e.created(),
            e.revoked() == null ? "-" : e.revoked());
      }
      out.flush();
      return 0;
    }
  }
}
