package org.spamtraffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate --lang}: the summary, the messages and the marked copy in the language asked. */
class ValidateLanguageTest {
  private static final Path KILIMA_Q1 =
      Paths.get(
              "..",
              "data-samples",
              "returns",
              "KE-KILIMA",
              "20250415T091500Z_KE-KILIMA_2025-Q1.csv")
          .toAbsolutePath()
          .normalize();

  @TempDir Path dir;

  @Test
  void theSummaryAndMessagesAreInTheLanguageAsked() throws Exception {
    String fr = run("validate", KILIMA_Q1.toString(), "--operator", "FR-AZUR", "--lang", "fr");
    assertThat(fr)
        .contains(": rejetée")
        .contains("lignes lues ")
        .contains("par règle :")
        .contains("operator_id « KE-KILIMA » n’est pas l’opérateur qui a envoyé ce fichier")
        .contains("[operator_is_sender]")
        .doesNotContain("rows read")
        .doesNotContain("is not the operator");
    String zh = run("validate", KILIMA_Q1.toString(), "--operator", "FR-AZUR", "--lang", "zh");
    assertThat(zh).contains("已拒绝").contains("读取行数").contains("不是发送本文件的运营商");
    String ar = run("validate", KILIMA_Q1.toString(), "--operator", "FR-AZUR", "--lang", "ar");
    assertThat(ar).contains("مرفوض").contains("ليس المشغّل الذي أرسل هذا الملف");
  }

  @Test
  void anUnknownLanguageIsAUsageErrorNamingTheSix() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = SpamTraffic.execute("validate", KILIMA_Q1.toString(), "--lang", "de");
    } finally {
      System.setErr(old);
    }
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Unknown language 'de'")
        .contains("en, fr, es, ar, zh, ru");
  }

  @Test
  void theMarkedCopyIsInTheLanguageAskedAndArabicRunsRightToLeft() throws Exception {
    Path ar = dir.resolve("ar.xlsx");
    run(
        "validate",
        KILIMA_Q1.toString(),
        "--operator",
        "FR-AZUR",
        "--lang",
        "ar",
        "--annotate",
        ar.toString());
    try (InputStream in = Files.newInputStream(ar);
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet checks = wb.getSheetAt(0);
      assertThat(checks.getSheetName()).isEqualTo("الفحوص");
      assertThat(checks.isRightToLeft()).isTrue();
      assertThat(checks.getRow(0).getCell(0).getStringCellValue()).startsWith("فحوص الملف");
      assertThat(text(checks)).contains("الصفوف المقروءة").doesNotContain("Rows read");
      String comment = firstComment(wb.getSheetAt(1));
      assertThat(comment).startsWith("خطأ: ").contains("ISO 3166-1 alpha-3").doesNotContain(" is ");
    }
    Path fr = dir.resolve("fr.xlsx");
    run(
        "validate",
        KILIMA_Q1.toString(),
        "--operator",
        "FR-AZUR",
        "--lang",
        "fr",
        "--annotate",
        fr.toString());
    try (InputStream in = Files.newInputStream(fr);
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet checks = wb.getSheetAt(0);
      assertThat(checks.getSheetName()).isEqualTo("Contrôles");
      assertThat(checks.isRightToLeft()).isFalse();
      assertThat(text(checks))
          .contains("Lignes rejetées")
          .contains("Ce qu’elle contrôle")
          .contains("Une ligne nomme un autre opérateur");
      assertThat(firstComment(wb.getSheetAt(1)))
          .startsWith("Erreur : source_country « XXX » n’est pas un code ISO 3166-1 alpha-3");
    }
  }

  private static String text(Sheet sheet) {
    StringBuilder s = new StringBuilder();
    for (Row row : sheet) {
      for (Cell c : row) {
        s.append(c.toString()).append('\n');
      }
    }
    return s.toString();
  }

  private static String firstComment(Sheet sheet) {
    for (Row row : sheet) {
      for (Cell c : row) {
        if (c.getCellComment() != null) {
          return c.getCellComment().getString().getString();
        }
      }
    }
    return "";
  }

  private static String run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      SpamTraffic.execute(args);
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      System.setOut(old);
    }
  }
}
