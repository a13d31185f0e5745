package org.spamtraffic.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/**
 * The input locations a command reads, and the one rule for the bundled samples: they are read only
 * when <em>no</em> input location was given, and only into a warehouse on this machine. As soon as
 * one input is given (anywhere but the bundled samples), every other input must be given too, or
 * the command stops before it starts Spark, naming the missing option: a study on a cluster never
 * mixes the synthetic samples into a real warehouse.
 */
final class Inputs {
  /**
   * One input of a command.
   *
   * @param option its option, as people type it ({@code --landing})
   * @param given the location given, or null when the option was not given
   * @param sample the bundled sample folder, relative to the project ({@code data-samples/returns})
   */
  record Input(String option, String given, String sample) {
    /** The bundled sample folder, under {@code $SPAMTRAFFIC_HOME} (the project, or the cwd). */
    String sampleLocation() {
      return home().resolve(sample).normalize().toString();
    }

    boolean isGiven() {
      return given != null;
    }

    /** Whether what was given is a location other than the bundled samples. */
    boolean isElsewhere() {
      return isGiven() && !sameFolder(given, sampleLocation());
    }
  }

  private final CommandLine command;
  private final List<Input> inputs;

  private Inputs(CommandLine command, List<Input> inputs) {
    this.command = command;
    this.inputs = inputs;
  }

  /** The inputs of {@code command}, in the order its help lists them. */
  static Inputs of(CommandLine command, Input... inputs) {
    return new Inputs(command, List.of(inputs));
  }

  /**
   * The location of every input by option, the bundled samples where the rule allows them.
   *
   * @param warehouseUri the warehouse the command writes: samples go only into a local one
   * @throws CommandLine.ParameterException when an input is missing: a usage error, exit code 2
   */
  Map<String, String> locations(String warehouseUri) {
    List<String> elsewhere = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Input input : inputs) {
      if (input.isElsewhere()) {
        elsewhere.add(input.option() + " " + input.given());
      } else if (!input.isGiven()) {
        missing.add(input.option());
      }
    }
    if (!elsewhere.isEmpty() && !missing.isEmpty()) {
      throw new CommandLine.ParameterException(
          command,
          String.join(", ", elsewhere)
              + " was given, so "
              + String.join(" and ", missing)
              + (missing.size() == 1 ? " is" : " are")
              + " needed too: the bundled samples are read only when no input is given,"
              + " and would be mixed into this study");
    }
    boolean noneGiven = inputs.stream().noneMatch(Input::isGiven);
    if (noneGiven && !isOnThisMachine(warehouseUri)) {
      throw new CommandLine.ParameterException(
          command,
          "Give "
              + String.join(" and ", inputs.stream().map(Input::option).toList())
              + ": the bundled samples are read only into a warehouse on this machine, and "
              + warehouseUri
              + " is not");
    }
    Map<String, String> locations = new LinkedHashMap<>();
    for (Input input : inputs) {
      locations.put(input.option(), input.isGiven() ? input.given() : input.sampleLocation());
    }
    return locations;
  }

  /**
   * Stops, naming the option, when a location does not exist (checked with the session's Hadoop
   * settings, so that {@code hdfs://} and object stores are asked as the stages will ask them).
   */
  void checkExist(SparkSession spark, Map<String, String> locations) {
    List<String> problems = new ArrayList<>();
    locations.forEach(
        (option, location) -> {
          org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
          try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.getFileStatus(path);
          } catch (FileNotFoundException e) {
            problems.add(option + " " + location + " does not exist");
          } catch (IOException | RuntimeException e) {
            problems.add(option + " " + location + " cannot be read: " + e.getMessage());
          }
        });
    if (!problems.isEmpty()) {
      throw new CommandLine.ParameterException(
          command, String.join("; ", problems) + " (nothing was read or written)");
    }
  }

  /** Whether a URI is on the local file system (a path, or {@code file:}). */
  static boolean isOnThisMachine(String uri) {
    java.util.regex.Matcher scheme = SCHEME.matcher(uri);
    // One letter is a Windows drive (C:\data), not a scheme.
    return !scheme.find() || scheme.group(1).length() == 1 || scheme.group(1).equals("file");
  }

  private static final java.util.regex.Pattern SCHEME =
      java.util.regex.Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");

  private static Path home() {
    return Path.of(System.getenv().getOrDefault("SPAMTRAFFIC_HOME", ".")).toAbsolutePath();
  }

  private static boolean sameFolder(String given, String sample) {
    if (!isOnThisMachine(given)) {
      return false;
    }
    String path =
        given.startsWith("file:") ? new org.apache.hadoop.fs.Path(given).toUri().getPath() : given;
    return Path.of(path).toAbsolutePath().normalize().equals(Path.of(sample));
  }
}
