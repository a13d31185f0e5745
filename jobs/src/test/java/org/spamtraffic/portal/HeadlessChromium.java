package org.spamtraffic.portal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Selenium, for the portal's browser tests. A test that needs
 * it fails when it is missing (never skips): CI installs it ({@code .ci/run}), and a developer
 * installs it with {@code apt-get install chromium chromium-driver}.
 */
final class HeadlessChromium {
  private static final Path DRIVER = Paths.get("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

  private HeadlessChromium() {}

  /** A new browser with its own empty profile under {@code profile}; quit it when done. */
  static WebDriver start(Path profile) throws Exception {
    return start(profile, DRIVER, CHROMIUM);
  }

  /** The same with these executables (a test shows that a missing one fails, not skips). */
  static WebDriver start(Path profile, Path driver, Path chromium) throws Exception {
    for (Path tool : new Path[] {driver, chromium}) {
      if (!Files.isExecutable(tool)) {
        throw new IllegalStateException(
            tool
                + " is missing: the portal's browser tests need Debian's chromium and"
                + " chromium-driver (apt-get install chromium chromium-driver; .ci/run installs"
                + " them)");
      }
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + Files.createDirectories(profile));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
    WebDriver browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(2));
    // A laptop screen.
    browser.manage().window().setSize(new Dimension(1366, 768));
    return browser;
  }
}
