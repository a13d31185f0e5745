package org.spamtraffic.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;

/**
 * An operator's visit in a real browser (Debian's headless Chromium): sign in, send a good and a
 * bad file, read the result in the page, download the marked workbook and read its comments. Fails
 * when Debian's chromium and chromium-driver are missing ({@link HeadlessChromium}).
 */
class PortalBrowserTest {
  @TempDir static Path temp;
  private static Portal portal;
  private static WebDriver browser;
  private static String base;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    Path users = temp.resolve("users.json");
    token = Credentials.at(users).create("KE-E2E", Credentials.Role.OPERATOR);
    portal =
        Portal.start(
            new Portal.Options(
                "127.0.0.1",
                0,
                temp.resolve("landing"),
                temp.resolve("state"),
                users,
                null,
                5_000_000,
                10),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    base = "http://127.0.0.1:" + portal.port();
    browser = HeadlessChromium.start(temp.resolve("chromium-profile"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (portal != null) {
      portal.close();
    }
  }

  private static File write(String name, byte[] content) throws Exception {
    return Files.write(temp.resolve(name), content).toFile();
  }

  private static String send(File file) {
    browser.get(base + "/upload");
    browser.findElement(By.id("file")).sendKeys(file.getAbsolutePath());
    browser.findElement(By.id("send")).click();
    // The upload is checked before the result page comes back: wait for it, not for a fixed time.
    return await(By.id("verdict")).getText();
  }

  /** Saves what the browser shows under target/, for a person to look at (never committed). */
  private static void screenshot(String name) throws Exception {
    Path shot = Paths.get("target", name);
    Files.createDirectories(shot.getParent());
    Files.write(
        shot, ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void anOperatorSignsInSendsFilesReadsTheChecksAndDownloadsTheMarkedWorkbook() throws Exception {
    browser.get(base + "/");
    assertThat(browser.getCurrentUrl()).endsWith("/signin");
    browser.findElement(By.id("token")).sendKeys(token);
    browser.findElement(By.id("signin")).click();
    new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(60))
        .until(
            org.openqa.selenium.support.ui.ExpectedConditions.textToBe(
                By.tagName("h1"), "Send a return"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Send a return");
    screenshot("portal-upload.png");
    assertThat(browser.findElement(By.tagName("header")).getText()).contains("Signed in as KE-E2E");

    String good = send(write("good-return.csv", Uploads.goodCsv("KE-E2E")));
    assertThat(good)
        .isEqualTo(
            "All 2 rows are correct. The file is kept and will be counted in the next batch run."
                + " Thank you.");

    String bad = send(write("bad-return.csv", Uploads.badCsv("KE-E2E")));
    assertThat(bad)
        .startsWith(
            "1 row is correct and 1 row has errors. The file is kept: the correct rows will be"
                + " used.");
    String findings = browser.findElement(By.id("findings")).getText();
    assertThat(findings)
        .contains("Row 3, column G (source_country)")
        .contains("source_country 'XXX' is not an ISO 3166-1 alpha-3 code");
    Path shot = Paths.get("target", "portal-result.png");
    Files.createDirectories(shot.getParent());
    Files.write(
        shot, ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

    // The download link, fetched with the browser's own session.
    String href = browser.findElement(By.id("annotated")).getAttribute("href");
    String cookie = browser.manage().getCookieNamed("st_session").getValue();
    HttpResponse<byte[]> download =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(href))
                    .header("Cookie", "st_session=" + cookie)
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
      XSSFComment comment = wb.getSheetAt(1).getCellComments().get(new CellAddress("G3"));
      assertThat(comment).isNotNull();
      assertThat(comment.getString().getString())
          .startsWith("Error: source_country 'XXX' is not an ISO 3166-1 alpha-3 code");
      assertThat(wb.getSheetAt(1).getCellComments()).hasSize(1);
    }

    browser.get(base + "/history");
    screenshot("portal-history.png");
    String history = browser.findElement(By.id("history")).getText();
    assertThat(history).contains("good-return.csv").contains("bad-return.csv");
    assertThat(history).contains("rows: 1 accepted, 1 rejected");
    assertThat(history).contains("waiting for the next batch run");
  }

  /** The element once the page that holds it has loaded (at most a minute). */
  private static org.openqa.selenium.WebElement await(By locator) {
    return new org.openqa.selenium.support.ui.WebDriverWait(
            browser, java.time.Duration.ofSeconds(60))
        .until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(locator));
  }
}
