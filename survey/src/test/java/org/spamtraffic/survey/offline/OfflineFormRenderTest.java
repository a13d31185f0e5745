package org.spamtraffic.survey.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.Questionnaire;

/**
 * The offline form in Arabic and Chinese as a focal point sees it: written, converted to PDF by
 * LibreOffice (headless) and its first pages to PNG with poppler ({@code
 * survey/target/screenshots/offline-form-<lang>-<page>.png}, for a person to look at). The PDF must
 * use the Noto font of the script (so glyphs are drawn, not boxes), hold the question texts in the
 * language, and the Arabic sheet must run right to left. Fails, never skips, when soffice or
 * poppler is missing ({@code .ci/run} installs them).
 */
class OfflineFormRenderTest {
  private static final Path OUT = Path.of("target", "screenshots");

  @ParameterizedTest
  @ValueSource(strings = {"ar", "zh"})
  void rendersWithTheScriptsFontAndDirection(String code) throws Exception {
    Form form = Questionnaire.form();
    String language = form.language(code).orElseThrow();
    Files.createDirectories(OUT);
    Path xlsx = OUT.resolve("offline-form-" + code + ".xlsx");
    try (OutputStream o = Files.newOutputStream(xlsx)) {
      OfflineForm.write(form, new OfflineForm.Options(language, "EGY", "render-test"), o);
    }
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx))) {
      assertThat(wb.getSheetAt(0).isRightToLeft()).isEqualTo(code.equals("ar"));
    }
    Path profile = Files.createTempDirectory("lo-profile");
    run(
        "soffice",
        "--headless",
        "-env:UserInstallation=" + profile.toUri(),
        "--convert-to",
        "pdf",
        "--outdir",
        OUT.toString(),
        xlsx.toString());
    Path pdf = OUT.resolve("offline-form-" + code + ".pdf");
    assertThat(pdf).exists();
    run(
        "pdftoppm",
        "-r",
        "70",
        "-l",
        "2",
        "-png",
        pdf.toString(),
        OUT.resolve("offline-form-" + code).toString());
    String fonts = run("pdffonts", pdf.toString());
    assertThat(fonts).contains(code.equals("ar") ? "NotoSansArabic" : "NotoSansCJK");
    Path txt = OUT.resolve("offline-form-" + code + ".txt");
    run("pdftotext", pdf.toString(), txt.toString());
    // pdftotext writes Arabic in presentation forms and may break lines anywhere: compare
    // normalised words of four letters or more.
    String text =
        Normalizer.normalize(Files.readString(txt, StandardCharsets.UTF_8), Normalizer.Form.NFKC);
    String question = form.question("has_antispam_law").orElseThrow().label(language);
    List<String> words =
        Arrays.stream(question.split("[\\s؟？、，：（）()]+")).filter(w -> w.length() >= 4).toList();
    assertThat(words).isNotEmpty();
    assertThat(words.stream().filter(text::contains).count())
        .as("words of '%s' in the PDF", question)
        .isPositive();
    assertThat(text).as("the title in the language").doesNotContain("ITU questionnaire");
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          command[0]
              + " is missing: apt-get install -y libreoffice-calc-nogui poppler-utils"
              + " fonts-noto-core fonts-noto-cjk ("
              + e.getMessage()
              + ")",
          e);
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(command[0] + " finished").isTrue();
    assertThat(p.exitValue()).as(command[0] + ": " + output).isZero();
    return output;
  }
}
