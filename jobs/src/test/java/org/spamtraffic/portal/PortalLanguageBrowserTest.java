package org.spamtraffic.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.spamtraffic.language.Language;

/**
 * An operator's visit in Arabic and in Chinese, in a real browser (Debian's headless Chromium): the
 * language switch, the upload page and the result of a file with an error, each saved as a
 * screenshot under {@code target/screenshots/} for a person to look at, and no English left in what
 * the browser shows. Fails when Chromium is missing ({@link HeadlessChromium}).
 */
class PortalLanguageBrowserTest {
  @org.junit.jupiter.api.io.TempDir static Path temp;
  private static Portal portal;
  private static WebDriver browser;
  private static String base;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    Path users = temp.resolve("users.json");
    token = Credentials.at(users).create("EG-NILE", Credentials.Role.OPERATOR);
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
                100),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    base = "http://127.0.0.1:" + portal.port();
    browser = HeadlessChromium.start(temp.resolve("chromium-profile"));
    browser.get(base + "/signin");
    browser.findElement(By.id("token")).sendKeys(token);
    browser.findElement(By.id("signin")).click();
    await(By.id("file"));
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

  @ParameterizedTest
  @EnumSource(
      value = Language.class,
      names = {"ARABIC", "CHINESE"})
  void theUploadAndResultPagesInTheLanguageChosen(Language language) throws Exception {
    browser.get(base + "/upload");
    // The switch, as a person uses it: the link with the language's own name.
    browser.findElement(By.linkText(language.nativeName())).click();
    new WebDriverWait(browser, Duration.ofSeconds(60))
        .until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", language.tag()));
    WebElement html = browser.findElement(By.tagName("html"));
    assertThat(html.getAttribute("dir")).isEqualTo(language.rightToLeft() ? "rtl" : "ltr");
    String upload = browser.findElement(By.tagName("body")).getText();
    assertThat(EnglishLeft.in(upload, language, "EG-NILE")).as("upload page").isEmpty();
    screenshot("portal-upload-" + language.code() + ".png");

    // The choice is remembered: the next page, reached without ?lang=, is in the same language.
    String name = "return-" + language.code() + ".csv";
    File file = Files.write(temp.resolve(name), Uploads.badCsv("EG-NILE")).toFile();
    browser.get(base + "/upload");
    browser.findElement(By.id("file")).sendKeys(file.getAbsolutePath());
    browser.findElement(By.id("send")).click();
    String verdict = await(By.id("verdict")).getText();
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang"))
        .isEqualTo(language.tag());
    String findings = browser.findElement(By.id("findings")).getText();
    if (language == Language.ARABIC) {
      assertThat(verdict).startsWith("صف واحد صحيح، وصف واحد فيه أخطاء.");
      assertThat(findings).contains("القيمة «XXX» في source_country ليست رمز ISO 3166-1 alpha-3");
    } else {
      assertThat(verdict).startsWith("1 行正确，1 行有错误。");
      assertThat(findings).contains("source_country“XXX”不是 ISO 3166-1 alpha-3 代码");
    }
    String result = browser.findElement(By.tagName("body")).getText();
    assertThat(EnglishLeft.in(result, language, "EG-NILE", name)).as("result page").isEmpty();
    screenshot("portal-result-" + language.code() + ".png");
  }

  private static void screenshot(String name) throws Exception {
    Path shot = Paths.get("target", "screenshots", name);
    Files.createDirectories(shot.getParent());
    Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  private static WebElement await(By locator) {
    return new WebDriverWait(browser, Duration.ofSeconds(60))
        .until(ExpectedConditions.presenceOfElementLocated(locator));
  }
}
