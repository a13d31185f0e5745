package org.spamtraffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** {@code validate --operator}: the file is checked as sent by that operator. */
class ValidateOperatorTest {
  private static final Path KILIMA_Q1 =
      Paths.get(
              "..",
              "data-samples",
              "returns",
              "KE-KILIMA",
              "20250415T091500Z_KE-KILIMA_2025-Q1.csv")
          .toAbsolutePath()
          .normalize();

  private record Output(int code, String out, String err) {}

  @Test
  void aFileOfAnotherOperatorIsRefusedRowByRow() throws Exception {
    Output own = run("validate", KILIMA_Q1.toString(), "--json", "--operator", "KE-KILIMA");
    Output plain = run("validate", KILIMA_Q1.toString(), "--json");
    assertThat(own.out()).isEqualTo(plain.out());
    JsonNode ownJson = new ObjectMapper().readTree(own.out());
    assertThat(ownJson.path("rows_accepted").asLong()).isPositive();

    Output other = run("validate", KILIMA_Q1.toString(), "--json", "--operator", "FR-AZUR");
    assertThat(other.code()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(other.out());
    assertThat(json.path("status").asText()).isEqualTo("rejected");
    assertThat(json.path("rows_accepted").asLong()).isZero();
    // Every row that passed the cell rules as KE-KILIMA's is now refused as not FR-AZUR's.
    assertThat(json.path("by_rule").path("operator_is_sender").asLong())
        .isEqualTo(ownJson.path("rows_accepted").asLong());
    assertThat(json.path("rows_read").asLong())
        .isEqualTo(json.path("rows_accepted").asLong() + json.path("rows_rejected").asLong());

    Output human = run("validate", KILIMA_Q1.toString(), "--operator", "FR-AZUR");
    assertThat(human.out())
        .contains("operator_id 'KE-KILIMA' is not the operator that sent this file ('FR-AZUR')")
        .contains("[operator_is_sender]");
  }

  @Test
  void anOperatorIdThatIsNotOneIsAUsageError() {
    Output bad = run("validate", KILIMA_Q1.toString(), "--operator", "../KE");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err())
        .contains(
            "--operator '../KE' is not an operator id: 2 to 40 letters, digits, dots, dashes or"
                + " underscores");
  }

  private static Output run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = SpamTraffic.execute(args);
      return new Output(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
