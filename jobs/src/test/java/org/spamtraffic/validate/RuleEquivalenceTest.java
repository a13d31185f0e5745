package org.spamtraffic.validate;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spamtraffic.intake.IngestReturns;
import org.spamtraffic.intake.RawRow;
import org.spamtraffic.intake.ReadTask;
import org.spamtraffic.schema.Field;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.spark.SparkSessions;

/**
 * The two evaluators of the return rules (plain Java for validate and the portal, Spark column
 * expressions for ingest-returns) must give the same typed value and the same rule for every value.
 * This runs both over a battery of awkward values for every column, and over whole rows for the row
 * rules.
 */
public class RuleEquivalenceTest {
  private static SparkSession spark;

  /** Values tried in every column: valid and invalid for every kind, and whitespace traps. */
  public static final List<String> VALUES =
      List.of(
          "",
          " ",
          "\t",
          "\u00A0",
          "unknown",
          "UNKNOWN",
          " Unknown ",
          "KEN",
          "ken",
          " KEN ",
          "KE",
          "XXX",
          "2025-Q1",
          "2025q2",
          "Q3 2025",
          "2025-T4",
          "2025-03",
          "2025-3",
          "202511",
          "2025-03-31",
          "03/2025",
          "45717",
          "45717.0",
          "2025-Q5",
          "sms",
          "SMS",
          " Sms ",
          "Voice",
          "voice calls",
          "Appels vocaux",
          "ip-messaging",
          "IP Messaging",
          "Fraud / Scam",
          "fraud_scam",
          "grey route",
          "Grey route (SIM box, bypass)",
          "mms",
          "AS9829",
          "as9829",
          "404-45",
          "+9198*",
          "+1",
          "12",
          "0",
          "+5",
          "-5",
          "-0",
          "1250000",
          "1,250,000",
          "1.250.000",
          "1 250 000",
          "1\u00A0250\u00A0000",
          "1'250'000",
          "1,234.00",
          "1.234,00",
          "1234.0",
          "12.0",
          "1.500",
          "1,500",
          "1.5",
          "1e3",
          "99999999999999999999",
          "9223372036854775807",
          "9223372036854775808",
          "KE-KILIMA",
          "k",
          "Kilima Mobile",
          "x".repeat(201),
          "\u0663",
          " 7 ");

  @BeforeAll
  static void start() {
    spark = SparkSessions.forTests("rule-equivalence");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void everyCellVerdictIsTheSameInJavaAndSpark() {
    List<Field> fields = ReturnFormat.v1().fields();
    List<Row> rows = new ArrayList<>();
    for (String v : VALUES) {
      rows.add(row(fields.stream().map(f -> v).toArray(String[]::new), -1));
    }
    Dataset<Row> checked =
        IngestReturns.check(spark.createDataFrame(rows, ReadTask.SCHEMA)).orderBy(col("row"));
    List<Row> out = checked.collectAsList();
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < VALUES.size(); i++) {
      Row r = out.get(i);
      for (Field f : fields) {
        CellCheck.Verdict java = CellCheck.check(f, VALUES.get(i));
        Object sparkValue = r.get(r.fieldIndex(f.name()));
        String sparkRule = r.getString(r.fieldIndex("_e_" + f.name()));
        if (!Objects.equals(java.value(), sparkValue) || !Objects.equals(java.rule(), sparkRule)) {
          mismatches.add(
              f.name()
                  + " '"
                  + VALUES.get(i)
                  + "': java "
                  + java
                  + ", spark ("
                  + sparkValue
                  + ", "
                  + sparkRule
                  + ")");
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void rowRulesAndProblemListsAreTheSame() {
    String[][] cases = {
      {
        "OP-1",
        "Op",
        "KEN",
        "2025-Q1",
        "sms",
        "phishing",
        "IND",
        "AS1",
        "internet",
        "KEN",
        "10",
        "100",
        "50",
        "60",
        "",
        "",
        ""
      },
      {
        "OP-1",
        "Op",
        "KEN",
        "2025-Q1",
        "sms",
        "phishing",
        "IND",
        "AS1",
        "internet",
        "KEN",
        "10",
        "40",
        "50",
        "10",
        "",
        "",
        ""
      },
      {
        "OP-1",
        "",
        "KEN",
        "2025-Q9",
        "mms",
        "phishing",
        "IND",
        "AS1",
        "internet",
        "KEN",
        "10",
        "100",
        "1.500",
        "60",
        "",
        "",
        ""
      },
      {
        "OP-1",
        "Op",
        "KEN",
        "2025-Q1",
        "sms",
        "phishing",
        "IND",
        "AS1",
        "internet",
        "KEN",
        "10",
        "100",
        "50",
        "40",
        "",
        "",
        ""
      }
    };
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < cases.length; i++) {
      cases[i] = readerText(cases[i]);
      rows.add(row(cases[i], i == 3 ? 19 : -1));
    }
    List<Row> out =
        IngestReturns.check(spark.createDataFrame(rows, ReadTask.SCHEMA))
            .orderBy(col("row"))
            .collectAsList();
    for (int i = 0; i < cases.length; i++) {
      RowCheck.Checked java = RowCheck.check(cases[i], i == 3 ? 19 : -1, 16);
      List<String> sparkProblems = new ArrayList<>();
      List<Row> problems = out.get(i).getList(out.get(i).fieldIndex("_problems"));
      if (problems != null) {
        for (Row p : problems) {
          sparkProblems.add(
              p.getString(0) + "/" + p.getString(1) + "/" + p.getString(2) + "/" + p.getString(3));
        }
      }
      List<String> javaProblems =
          java.problems().stream()
              .map(p -> p.column() + "/" + p.rule() + "/" + p.value() + "/" + p.other())
              .toList();
      assertThat(sparkProblems).as("row %d", i).isEqualTo(javaProblems);
      assertThat(out.get(i).getBoolean(out.get(i).fieldIndex("_valid"))).isEqualTo(java.valid());
    }
    assertThat(RowCheck.check(cases[0], -1, 16).problems())
        .extracting(Problem::rule)
        .containsExactly("blocked_le_detected");
    assertThat(RowCheck.check(cases[1], -1, 16).problems())
        .extracting(Problem::rule)
        .containsExactly("detected_le_total");
  }

  private static int counter = 0;

  private static Row row(String[] cells, int fieldCount) {
    List<Object> values = new ArrayList<>();
    values.add("S");
    values.add("file:/S.csv");
    values.add(null);
    values.add((long) counter++);
    values.add("DATA");
    values.add(fieldCount);
    values.add(16);
    values.add(0);
    values.add(null);
    values.addAll(Arrays.asList(readerText(cells)));
    return RowFactory.create(values.toArray());
  }

  /** Cells as every reader hands them to both evaluators: through {@link RawRow}, stripped. */
  private static String[] readerText(String[] cells) {
    return new RawRow(null, 0, RawRow.Kind.DATA, cells.clone(), -1, 0).cells();
  }
}
