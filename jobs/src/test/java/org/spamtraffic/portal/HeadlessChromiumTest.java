package org.spamtraffic.portal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A browser test without its browser fails with what to install; it is never skipped. */
class HeadlessChromiumTest {
  @TempDir Path temp;

  @Test
  void aMissingBrowserFailsTheTestByName() {
    Path absent = temp.resolve("no-chromedriver");
    assertThatThrownBy(
            () -> HeadlessChromium.start(temp.resolve("profile"), absent, temp.resolve("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            absent
                + " is missing: the portal's browser tests need Debian's chromium and"
                + " chromium-driver (apt-get install chromium chromium-driver; .ci/run installs"
                + " them)");
  }
}
