package org.spamtraffic.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spamtraffic.schema.ReturnFormat;

/** Whose return a file is: the sender's when known, never what the rows say. */
class FileOwnerTest {
  @Test
  void theFirstFolderBelowTheLandingFolderNamesItsOperator() {
    String root = "file:/data/landing";
    assertThat(FileOwner.senderInLanding(root, root + "/KE-KILIMA/20250415T091500Z_q1.csv"))
        .isEqualTo("KE-KILIMA");
    assertThat(FileOwner.senderInLanding(root + "/", root + "/KE-KILIMA/q1.csv"))
        .isEqualTo("KE-KILIMA");
    // An operator's own sub-folders below its folder are its own: "2025" is no operator.
    assertThat(FileOwner.senderInLanding(root, root + "/KE-KILIMA/2025/q1.csv"))
        .isEqualTo("KE-KILIMA");
    assertThat(FileOwner.senderInLanding(root, root + "/KE-KILIMA/2025/q1/late.csv"))
        .isEqualTo("KE-KILIMA");
    // A first folder that is no operator id names no sender, whatever lies deeper.
    assertThat(FileOwner.senderInLanding(root, root + "/hostile+corpus/FR-AZUR/q1.csv")).isNull();
    // A file directly in the landing folder has no known sender; nor has a folder that is no id.
    assertThat(FileOwner.senderInLanding(root, root + "/q1.csv")).isNull();
    assertThat(FileOwner.senderInLanding(root, root + "/my returns/q1.csv")).isNull();
    assertThat(FileOwner.senderInLanding(root, "file:/elsewhere/KE-KILIMA/q1.csv")).isNull();
    assertThat(FileOwner.senderInLanding(root, "file:/data/landing-2/KE-KILIMA/q1.csv"))
        .isEqualTo(null);
  }

  @Test
  void theSenderOwnsTheFileWhateverItsRowsSay() {
    FileOwner owner = FileOwner.of("FR-AZUR", "KE-KILIMA");
    assertThat(owner).isEqualTo(new FileOwner("FR-AZUR", true));
    assertThat(owner.problemOf("FR-AZUR")).isNull();
    Problem p = owner.problemOf("KE-KILIMA");
    assertThat(p.rule()).isEqualTo("operator_is_sender");
    assertThat(p.level().code()).isEqualTo("error");
    assertThat(p.message())
        .isEqualTo(
            "operator_id 'KE-KILIMA' is not the operator that sent this file ('FR-AZUR'); an"
                + " operator sends only its own figures: write 'FR-AZUR' on every row, or ask the"
                + " study team to load another operator's figures.");
    // Ids are compared exactly: another spelling is another operator.
    assertThat(owner.problemOf("fr-azur")).isNotNull();

    FileOwner unknown = FileOwner.of(null, "KE-KILIMA");
    assertThat(unknown.rule()).isEqualTo("one_operator_per_file");
    assertThat(unknown.problemOf("FR-AZUR").rule()).isEqualTo("one_operator_per_file");
    assertThat(ReturnFormat.v1().rule(FileOwner.SENDER_RULE)).isNotNull();
  }

  @Test
  void theReturnChecksRejectEveryRowOfAnotherOperatorThanTheSender() {
    List<ReturnChecks.ValidRow> rows =
        List.of(
            valid(2, "KE-KILIMA", "AS1"), valid(3, "FR-AZUR", "AS2"), valid(4, "KE-KILIMA", "AS3"));
    Map<Long, List<Problem>> bySender = ReturnChecks.check(rows, "FR-AZUR");
    assertThat(bySender.keySet()).containsExactly(2L, 4L);
    assertThat(bySender.get(2L)).extracting(Problem::rule).containsExactly("operator_is_sender");
    // Without a sender, the first valid row decides and the FR-AZUR row is the odd one out.
    Map<Long, List<Problem>> byFirstRow = ReturnChecks.check(rows);
    assertThat(byFirstRow.keySet()).containsExactly(3L);
    assertThat(byFirstRow.get(3L))
        .extracting(Problem::rule)
        .containsExactly("one_operator_per_file");
  }

  private static ReturnChecks.ValidRow valid(long row, String operator, String network) {
    String[] cells = {
      operator,
      "Op",
      "KEN",
      "2025-Q1",
      "sms",
      "phishing",
      "IND",
      network,
      "international_gateway",
      "KEN",
      "1000",
      "100000",
      "500",
      "400",
      "100",
      "3"
    };
    String[] ordered = new String[ReturnFormat.v1().fields().size()];
    List<String> header = org.spamtraffic.generate.ReturnGenerator.HEADER;
    for (int i = 0; i < header.size(); i++) {
      ordered[RowCheck.index(header.get(i))] = cells[i];
    }
    RowCheck.Checked checked = RowCheck.check(ordered, -1, ordered.length);
    assertThat(checked.valid()).as(String.join(",", cells)).isTrue();
    return new ReturnChecks.ValidRow(row, checked);
  }
}
