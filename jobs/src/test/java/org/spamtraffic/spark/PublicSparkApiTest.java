package org.spamtraffic.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jobs use Spark's public API only: no code of the project (main sources of every module) names
 * Spark's internal packages (Catalyst, the execution engine, the classic session's internals),
 * which change between Spark releases and tied the ingest to one of them. A class that must would
 * be a small documented adapter listed here; there is none.
 */
class PublicSparkApiTest {
  private static final Pattern INTERNAL =
      Pattern.compile(
          "org\\.apache\\.spark\\.sql\\.(catalyst|execution|classic|internal)\\b|SQLExecution");

  /** Adapters allowed to reach Spark's internals (path under the repository root). */
  private static final List<String> ADAPTERS = List.of();

  @Test
  void noMainSourceNamesSparkInternals() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    if (!Files.isDirectory(root.resolve("src/main"))) {
      throw new IllegalStateException("Run from the jobs module: " + root);
    }
    Path repository = root.getParent();
    List<String> offenders = new ArrayList<>();
    int scanned = 0;
    for (String module : List.of("jobs", "evidence", "survey", "schemas")) {
      Path main = repository.resolve(module).resolve("src/main/java");
      if (!Files.isDirectory(main)) {
        continue;
      }
      List<Path> sources;
      try (Stream<Path> walk = Files.walk(main)) {
        sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
      }
      for (Path p : sources) {
        scanned++;
        String relative = repository.relativize(p).toString();
        if (ADAPTERS.contains(relative)) {
          continue;
        }
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = INTERNAL.matcher(lines.get(i));
          if (m.find()) {
            offenders.add(relative + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertThat(scanned).as("main sources scanned").isGreaterThan(100);
    assertThat(offenders).as("uses of Spark's internal packages").isEmpty();
  }
}
