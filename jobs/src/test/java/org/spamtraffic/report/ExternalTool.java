package org.spamtraffic.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs a rendering tool (LibreOffice, poppler) for the report's tests. A missing tool fails the
 * test with the packages to install, never skips it: CI installs them.
 */
final class ExternalTool {
  private static final String PACKAGES =
      "libreoffice-writer-nogui poppler-utils fonts-noto-core fonts-noto-cjk";

  private ExternalTool() {}

  /** Runs {@code command} to completion (at most 5 minutes) and returns what it printed. */
  static String run(String... command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          command[0] + " is missing: apt-get install -y " + PACKAGES + " (" + e.getMessage() + ")",
          e);
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(command[0] + " finished").isTrue();
    assertThat(p.exitValue()).as(command[0] + ": " + output).isZero();
    return output;
  }
}
