package org.spamtraffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Walks every command of the command line through picocli's model ({@link CommandSpec}): help
 * wrapped at the width, whole paragraphs, an example that parses on every command, and one
 * vocabulary of options.
 */
class CommandHelpTest {
  /** The one parameter label each shared option has, on every command that takes it. */
  private static final Map<String, String> VOCABULARY =
      Map.ofEntries(
          Map.entry("--landing", "DIR"),
          Map.entry("--survey-landing", "DIR"),
          Map.entry("--warehouse", "URI"),
          Map.entry("--lang", "LANG"),
          Map.entry("--as-of", "COMMIT"),
          Map.entry("--master", "URL"),
          Map.entry("--conf", "KEY=VALUE"),
          Map.entry("--catalog", "NAME"),
          Map.entry("--study-id", "ID"),
          Map.entry("--operator", "ID"),
          Map.entry("--country", "XXX"),
          Map.entry("--users", "FILE"),
          Map.entry("--policy", "FILE"));

  /** Names that would say again what a vocabulary option says: never a visible option. */
  private static final Map<String, String> SYNONYMS =
      Map.of(
          "--returns", "--landing",
          "--survey", "--survey-landing",
          "--language", "--lang",
          "--output", "--out",
          "--commit", "--as-of",
          "--warehouse-uri", "--warehouse",
          "--spark-master", "--master");

  /** The old spellings kept, hidden, for a release: command → hidden option names. */
  private static final Map<String, Set<String>> OLD_SPELLINGS =
      Map.of(
          "spamtraffic study", Set.of("--returns", "--survey"),
          "spamtraffic ingest-returns", Set.of("--returns"),
          "spamtraffic ingest-survey", Set.of("--landing", "--survey"),
          "spamtraffic estimate", Set.of("--as-of"));

  private static final Set<String> HIDDEN_COMMANDS = Set.of("spamtraffic return-template");

  private static List<CommandSpec> commands() {
    List<CommandSpec> all = new ArrayList<>();
    collect(SpamTraffic.commandLine(false).getCommandSpec(), all);
    return all;
  }

  private static void collect(CommandSpec spec, List<CommandSpec> all) {
    if (!spec.name().equals("help")) {
      all.add(spec);
    }
    spec.subcommands().values().stream()
        .map(CommandLine::getCommandSpec)
        .distinct()
        .forEach(s -> collect(s, all));
  }

  @Test
  void everyCommandIsWalked() {
    Set<String> names = new TreeSet<>();
    commands().forEach(c -> names.add(c.qualifiedName()));
    assertThat(names)
        .contains(
            "spamtraffic study",
            "spamtraffic serve",
            "spamtraffic show",
            "spamtraffic template",
            "spamtraffic tokens create",
            "spamtraffic notebooks run")
        .hasSizeGreaterThan(20);
  }

  @Test
  void helpIsWrappedAtTheWidthInWholeParagraphs() {
    for (int width : new int[] {80, 120}) {
      for (CommandSpec command : commands()) {
        String help = usage(command, width);
        for (String line : help.split("\n", -1)) {
          assertThat(line.length())
              .as("%s --help at width %d: %s", command.qualifiedName(), width, line)
              .isLessThanOrEqualTo(width);
          assertThat(line).as("no ANSI codes").doesNotContain("\u001b[");
        }
      }
    }
    for (CommandSpec command : commands()) {
      // A description element is a paragraph: picocli wraps each on its own, so one that stops
      // mid-sentence shows as a sentence broken across a ragged line.
      for (String paragraph : command.usageMessage().description()) {
        assertThat(paragraph.strip())
            .as("%s: description paragraph", command.qualifiedName())
            .matches("(?s).*[.:)]$");
      }
      for (OptionSpec option : command.options()) {
        assertThat(option.description())
            .as(
                "%s %s: one paragraph of description",
                command.qualifiedName(), option.longestName())
            .hasSize(1);
        assertThat(option.description()[0]).isNotBlank();
      }
    }
  }

  @Test
  void everyCommandHasAnExampleThatParses() {
    for (CommandSpec command : commands()) {
      if (HIDDEN_COMMANDS.contains(command.qualifiedName())) {
        continue;
      }
      String name = command.qualifiedName();
      assertThat(command.usageMessage().footerHeading()).as(name).contains("Examples:");
      List<String> examples = examples(command);
      assertThat(examples).as("%s has an example", name).isNotEmpty();
      for (String example : examples) {
        List<String> args = words(example);
        assertThat(args.get(0)).isEqualTo("bin/spamtraffic");
        assertThat(String.join(" ", args) + " ").as(name).startsWith("bin/" + name + " ");
        if (command.parent() == null && args.size() > 1 && args.get(1).equals("STAGE")) {
          continue;
        }
        CommandLine fresh = SpamTraffic.commandLine(false);
        // Throws, naming the problem, when an example does not parse.
        fresh.parseArgs(args.subList(1, args.size()).toArray(String[]::new));
      }
      for (String line : command.usageMessage().footer()) {
        assertThat(line.length()).as("%s example fits a terminal: %s", name, line).isLessThan(80);
      }
    }
  }

  @Test
  void oneOptionNameAndLabelForOneThingOnEveryCommand() {
    Map<String, Map<String, String>> labels = new TreeMap<>();
    for (CommandSpec command : commands()) {
      Set<String> hidden = new TreeSet<>();
      for (OptionSpec option : command.options()) {
        for (String name : option.names()) {
          if (option.hidden()) {
            hidden.add(name);
            continue;
          }
          assertThat(SYNONYMS)
              .as(
                  "%s %s: the vocabulary's name is %s",
                  command.qualifiedName(), name, SYNONYMS.get(name))
              .doesNotContainKey(name);
          if (option.arity().max() > 0) {
            labels
                .computeIfAbsent(name, n -> new LinkedHashMap<>())
                .put(command.qualifiedName(), option.paramLabel());
          }
        }
      }
      assertThat(hidden)
          .as("%s: hidden options are old spellings kept for a release", command.qualifiedName())
          .isEqualTo(OLD_SPELLINGS.getOrDefault(command.qualifiedName(), Set.of()));
    }
    VOCABULARY.forEach(
        (name, label) ->
            assertThat(labels.get(name))
                .as("%s is taken by some command", name)
                .isNotEmpty()
                .allSatisfy(
                    (command, l) -> assertThat(l).as("%s %s", command, name).isEqualTo(label)));
    // --out is where a command writes: a URI (Spark commands), a FILE or a DIR.
    assertThat(labels.get("--out").values())
        .allMatch(l -> Set.of("URI", "FILE", "DIR").contains(l));
    // Every option that takes a value names it (no picocli default like <landing>).
    labels.forEach(
        (name, byCommand) ->
            byCommand.forEach(
                (command, l) -> assertThat(l).as("%s %s", command, name).doesNotStartWith("<")));
  }

  @Test
  void theReturnTemplateIsTheTemplateCommand() {
    Set<String> visible = new TreeSet<>();
    SpamTraffic.commandLine(false)
        .getSubcommands()
        .forEach(
            (name, c) -> {
              if (!c.getCommandSpec().usageMessage().hidden()) {
                visible.add(name);
              }
            });
    assertThat(visible).contains("template").doesNotContain("return-template");
  }

  private static String usage(CommandSpec command, int width) {
    CommandLine cli = command.commandLine();
    int before = cli.getUsageHelpWidth();
    boolean auto = cli.isUsageHelpAutoWidth();
    try {
      cli.setUsageHelpAutoWidth(false);
      cli.setUsageHelpWidth(width);
      return cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
    } finally {
      cli.setUsageHelpWidth(before);
      cli.setUsageHelpAutoWidth(auto);
    }
  }

  /** The example lines of the footer, continuation lines (ending in a backslash) joined. */
  private static List<String> examples(CommandSpec command) {
    List<String> examples = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : command.usageMessage().footer()) {
      String l = line.strip();
      if (current.length() == 0 && !l.startsWith("bin/spamtraffic")) {
        continue;
      }
      if (l.endsWith("\\")) {
        current.append(l, 0, l.length() - 1).append(' ');
      } else {
        examples.add(current.append(l).toString().replaceAll(" +", " "));
        current.setLength(0);
      }
    }
    return examples;
  }

  /**
   * Splits a command line as a shell does, for the quotes the examples use, up to a redirection.
   */
  private static List<String> words(String line) {
    line = line.replaceFirst(" [>|].*$", "");
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (c == ' ') {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(w.toString());
    }
    return words;
  }
}
