package org.spamtraffic.intake;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.validate.Finding;
import org.spamtraffic.validate.ReturnValidator;
import org.spamtraffic.validate.ValidationReport;
import org.spamtraffic.warehouse.Warehouse;

/**
 * Every kind of bad file gets a clear finding, in validate and in ingest-returns alike, and the
 * good file in the same landing folder goes through.
 */
class BadInputTest {
  @TempDir static Path temp;
  private static Path landing;
  private static Path secret;
  private static SparkSession spark;
  private static Map<String, Row> submissions;
  private static Warehouse warehouse;

  /** File name → the rule expected among its findings. */
  static final Map<String, String> EXPECTED = new TreeMap<>();

  @BeforeAll
  static void build() throws Exception {
    landing = Files.createDirectories(temp.resolve("landing"));
    secret = Files.writeString(temp.resolve("secret.txt"), "TOP-SECRET-CONTENT");
    String h = BadFiles.HEADER;
    String g = BadFiles.GOOD_ROW;
    // Its own operator: the workbooks below all carry OP-1, whose latest file wins Q1.
    BadFiles.text(landing, "good.csv", h + "\n" + g.replace("OP-1,Op One", "OP-GOOD,Good") + "\n");
    BadFiles.text(landing, "empty.csv", "");
    BadFiles.text(landing, "header-only.csv", h + "\r\n");
    BadFiles.text(
        landing, "missing-columns.csv", "operator_id,period,spam_detected\nOP-2,2025-Q1,5\n");
    BadFiles.text(landing, "not-a-return.csv", "name,age\nann,3\n");
    Files.write(
        landing.resolve("scan.xlsx"), "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
    Files.write(landing.resolve("random.bin"), new byte[] {1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11, 12});
    BadFiles.passwordProtected(landing);
    BadFiles.macroEnabled(landing);
    BadFiles.withFormulas(landing);
    BadFiles.withMergedCells(landing);
    BadFiles.withHiddenSheet(landing);
    BadFiles.zipBomb(landing);
    BadFiles.externalEntity(landing, secret);
    EXPECTED.put("empty.csv", "file.empty");
    EXPECTED.put("header-only.csv", "file.header_only");
    EXPECTED.put("missing-columns.csv", "file.missing_columns");
    EXPECTED.put("not-a-return.csv", "file.not_a_table");
    EXPECTED.put("scan.xlsx", "file.not_a_table");
    EXPECTED.put("random.bin", "file.not_a_table");
    EXPECTED.put("protected.xlsx", "file.encrypted");
    EXPECTED.put("macro.xlsm", "file.macro_enabled");
    EXPECTED.put("formulas.xlsx", "file.formulas");
    EXPECTED.put("merged.xlsx", "file.merged_cells");
    EXPECTED.put("hidden.xlsx", "file.hidden_sheets");
    EXPECTED.put("bomb.xlsx", "file.zip_bomb");

    spark = SparkSessions.forTests("bad-input");
    warehouse = Warehouse.at(spark, temp.resolve("warehouse").toString());
    new IngestReturns(spark, warehouse).run(IngestReturns.Options.of(landing.toString()));
    submissions = new TreeMap<>();
    warehouse
        .read("submissions")
        .collectAsList()
        .forEach(r -> submissions.put(r.getAs("file_name"), r));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void validateGivesEachBadFileAClearFinding() {
    ReturnValidator v = new ReturnValidator(new Configuration(), ReturnValidator.Options.DEFAULT);
    EXPECTED.forEach(
        (file, rule) -> {
          ValidationReport r = v.validate(landing.resolve(file).toString());
          assertThat(r.findings()).as(file).extracting(Finding::rule).contains(rule);
          assertThat(r.findings())
              .as(file)
              .allSatisfy(f -> assertThat(f.message()).isNotBlank().doesNotContain("Exception"));
          assertThat(r.rowsRead()).isEqualTo(r.rowsAccepted() + r.rowsRejected());
        });
  }

  @Test
  void ingestRecordsEveryFileAndTheGoodOnesGoThrough() {
    assertThat(submissions).hasSize(EXPECTED.size() + 2); // + good.csv and xxe.xlsx
    assertThat(submissions.get("good.csv").<String>getAs("status")).isEqualTo("accepted");
    assertThat(submissions.get("formulas.xlsx").<Long>getAs("rows_accepted")).isEqualTo(1);
    for (String failed :
        List.of(
            "empty.csv",
            "missing-columns.csv",
            "not-a-return.csv",
            "scan.xlsx",
            "random.bin",
            "protected.xlsx",
            "bomb.xlsx")) {
      assertThat(submissions.get(failed).<String>getAs("status")).as(failed).isEqualTo("failed");
      assertThat(submissions.get(failed).<String>getAs("message")).as(failed).isNotBlank();
    }
    assertThat(submissions.get("header-only.csv").<String>getAs("status")).isEqualTo("rejected");
    for (Row s : submissions.values()) {
      assertThat(s.<Long>getAs("rows_read"))
          .isEqualTo(s.<Long>getAs("rows_accepted") + s.<Long>getAs("rows_rejected"));
    }
    EXPECTED.forEach(
        (file, rule) ->
            assertThat(
                    warehouse
                        .read("rejects")
                        .filter(col("file").endsWith("/" + file).and(col("rule").equalTo(rule)))
                        .count())
                .as("%s in rejects", rule)
                .isEqualTo(1));
  }

  @Test
  void anExternalEntityIsNeverResolved() {
    String everything =
        warehouse.read("returns").toJSON().collectAsList()
            + ""
            + warehouse.read("rejects").toJSON().collectAsList();
    assertThat(everything).doesNotContain("TOP-SECRET-CONTENT");
    ValidationReport r =
        new ReturnValidator(new Configuration(), ReturnValidator.Options.DEFAULT)
            .validate(landing.resolve("xxe.xlsx").toString());
    assertThat(r.findings().toString()).doesNotContain("TOP-SECRET-CONTENT");
    assertThat(submissions.get("xxe.xlsx").<String>getAs("status")).isIn("failed", "rejected");
  }
}
