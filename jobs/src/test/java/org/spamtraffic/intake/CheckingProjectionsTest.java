package org.spamtraffic.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.spark.ProjectionChain;
import org.spamtraffic.spark.RowView;
import org.spamtraffic.validate.RuleEquivalenceTest;

/**
 * The checking pass runs the checks' planned projections itself ({@link ProjectionChain}) instead
 * of letting Spark execute the frame. Every column of every row must come out exactly as Spark's
 * own execution of the same frame gives it: here over the rule battery's awkward values in every
 * column, malformed lines, blank and header lines, and a read error row.
 */
class CheckingProjectionsTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = org.spamtraffic.spark.SparkSessions.forTests("checking-projections");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static final String[] GOOD = {
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
    "10",
    "3",
    "0"
  };

  @Test
  void theChainGivesWhatSparkGives() {
    List<Row> raw = new ArrayList<>();
    int fields = ReturnFormat.v1().fields().size();
    raw.add(row(GOOD, "DATA", -1, null));
    for (String v : RuleEquivalenceTest.VALUES) {
      for (int c = 0; c < fields; c++) {
        String[] cells = GOOD.clone();
        cells[c] = v;
        raw.add(row(cells, "DATA", -1, null));
      }
    }
    raw.add(row(GOOD, "DATA", 19, null)); // malformed line
    raw.add(row(new String[fields], "BLANK", -1, null));
    raw.add(row(GOOD, "HEADER", -1, null));
    raw.add(row(new String[fields], "ERROR", -1, "The file ends inside a quoted field"));

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Dataset<Row> bySpark =
        IngestReturns.passFrame(
            IngestReturns.check(spark.createDataFrame(jsc.parallelize(raw, 2), ReadTask.SCHEMA)));
    List<Row> expected = bySpark.collectAsList();

    Dataset<Row> template =
        IngestReturns.passFrame(
            IngestReturns.check(spark.createDataFrame(jsc.<Row>emptyRDD(), ReadTask.SCHEMA)));
    assertThat(template.schema()).isEqualTo(bySpark.schema());
    ProjectionChain.Compiled chain = ProjectionChain.of(template).compile(0);
    scala.Function1<Object, Object> toInternal =
        CatalystTypeConverters.createToCatalystConverter(ReadTask.SCHEMA);
    scala.Function1<Object, Object> toRow =
        CatalystTypeConverters.createToScalaConverter(template.schema());
    List<Row> actual = new ArrayList<>();
    for (Row r : raw) {
      RowView v = chain.apply((InternalRow) toInternal.apply(r));
      actual.add((Row) toRow.apply(v.copy()));
    }
    assertThat(actual).hasSize(expected.size());
    for (int i = 0; i < actual.size(); i++) {
      assertThat(actual.get(i)).as("row %d: %s", i, raw.get(i)).isEqualTo(expected.get(i));
    }
    // Not vacuous: both valid and rejected rows, with problems, came through.
    int valid = template.schema().fieldIndex("_valid");
    assertThat(actual.stream().filter(r -> r.getBoolean(valid)).count()).isGreaterThan(100);
    assertThat(actual.stream().filter(r -> !r.getBoolean(valid)).count()).isGreaterThan(100);
  }

  @Test
  void aFrameThatIsNotOnlyProjectionsIsRefused() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Dataset<Row> filtered =
        spark
            .createDataFrame(jsc.<Row>emptyRDD(), new StructType().add("a", "string"))
            .filter("a = 'x'");
    assertThatThrownBy(() -> ProjectionChain.of(filtered))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Filter");
  }

  private static long line = 2;

  private static Row row(String[] cells, String kind, int fieldCount, String error) {
    List<Object> values = new ArrayList<>();
    values.add("S-1");
    values.add("file:/landing/S-1.csv");
    values.add(null);
    values.add(line++);
    values.add(kind);
    values.add(fieldCount);
    values.add(17);
    values.add(0);
    values.add(error);
    for (String c : new RawRow(null, 0, RawRow.Kind.DATA, cells.clone(), -1, 0).cells()) {
      values.add(c == null || c.isEmpty() ? null : c);
    }
    return RowFactory.create(values.toArray());
  }
}
