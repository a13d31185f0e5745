package org.spamtraffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.portal.Credentials;
import org.spamtraffic.schema.ReturnFormat;

/** The intake commands from the command line: validate --annotate, return-template, tokens. */
class IntakeCommandsTest {
  @TempDir Path temp;

  private static final Path KILIMA_Q1 =
      Paths.get(
              "..",
              "data-samples",
              "returns",
              "KE-KILIMA",
              "20250415T091500Z_KE-KILIMA_2025-Q1.csv")
          .toAbsolutePath()
          .normalize();

  @Test
  void validateAnnotateWritesTheMarkedWorkbook() throws Exception {
    Path out = temp.resolve("checked.xlsx");
    int exit = SpamTraffic.execute("validate", KILIMA_Q1.toString(), "--annotate", out.toString());
    assertThat(exit).isEqualTo(1);
    try (InputStream in = Files.newInputStream(out);
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("Checks");
      assertThat(wb.getSheetAt(1).getCellComments()).hasSize(1);
      assertThat(
              wb.getSheetAt(1).getCellComments().values().iterator().next().getString().getString())
          .startsWith("Error: source_country 'XXX' is not an ISO 3166-1 alpha-3 code");
    }
  }

  @Test
  void returnTemplateWritesSpanishLabels() throws Exception {
    Path out = temp.resolve("plantilla.xlsx");
    assertThat(SpamTraffic.execute("return-template", "--out", out.toString(), "--lang", "es"))
        .isZero();
    try (InputStream in = Files.newInputStream(out);
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      // The sheets are named in Spanish too (Return is Declaración).
      assertThat(wb.getSheet("Declaración").getRow(0).getCell(0).getStringCellValue())
          .isEqualTo(ReturnFormat.v1().field("operator_id").label("es"))
          .isEqualTo("ID del operador");
    }
    assertThat(SpamTraffic.execute("return-template", "--out", out.toString(), "--lang", "de"))
        .isEqualTo(2);
  }

  @Test
  void tokensAreCreatedListedAndRevoked() {
    Path users = temp.resolve("users.json");
    assertThat(
            SpamTraffic.execute(
                "tokens", "create", "--operator", "KE-KILIMA", "--users", users.toString()))
        .isZero();
    Credentials.Entry entry = Credentials.at(users).list().get(0);
    assertThat(entry.operator()).isEqualTo("KE-KILIMA");
    assertThat(entry.role()).isEqualTo("operator");
    assertThat(SpamTraffic.execute("tokens", "list", "--users", users.toString())).isZero();
    assertThat(SpamTraffic.execute("tokens", "revoke", entry.id(), "--users", users.toString()))
        .isZero();
    assertThat(Credentials.at(users).list().get(0).active()).isFalse();
    assertThat(SpamTraffic.execute("tokens", "revoke", entry.id(), "--users", users.toString()))
        .isEqualTo(1);
    assertThat(
            SpamTraffic.execute(
                "tokens", "create", "--operator", "../etc", "--users", users.toString()))
        .isEqualTo(2);
  }
}
