package org.spamtraffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * {@code bin/spamtraffic estimate} as an analyst runs it: with their own parameter file, and with a
 * bad one. Each run builds and stops its own Spark session, as the command line does.
 */
class EstimateCommandTest {
  @TempDir static Path dir;
  private static String warehouseUri;

  @BeforeAll
  static void profile() {
    SparkSession spark = SparkSessions.forTests("EstimateCommandTest");
    warehouseUri = dir.resolve("warehouse").toUri().toString();
    StructType schema =
        new StructType()
            .add("country_code", DataTypes.StringType)
            .add("country_name", DataTypes.StringType)
            .add("quarter", DataTypes.StringType)
            .add("itu_region", DataTypes.StringType)
            .add("ldc", DataTypes.BooleanType)
            .add("lldc", DataTypes.BooleanType)
            .add("sids", DataTypes.BooleanType)
            .add("development_status", DataTypes.StringType)
            .add("reporting_operators", DataTypes.IntegerType)
            .add("has_questionnaire", DataTypes.BooleanType)
            .add("has_returns", DataTypes.BooleanType)
            .add("email_spam_national_estimate", DataTypes.DoubleType)
            .add("email_estimate_method", DataTypes.StringType)
            .add("email_market_size", DataTypes.LongType)
            .add("has_antispam_law", DataTypes.BooleanType);
    List<Row> rows =
        List.of(
            RowFactory.create(
                "XXA",
                "Exampleland",
                "2026-Q2",
                "Africa",
                false,
                false,
                false,
                "developing",
                3,
                true,
                true,
                900e6,
                "extrapolated",
                2_000_000L,
                false),
            RowFactory.create(
                "XXB",
                "Otherland",
                "2026-Q2",
                "Africa",
                true,
                false,
                false,
                "developing",
                0,
                true,
                false,
                null,
                null,
                500_000L,
                true));
    Warehouse.at(spark, warehouseUri)
        .begin("test")
        .write("country_profile", spark.createDataFrame(rows, schema))
        .commit();
    spark.stop();
  }

  @AfterAll
  static void stop() {
    SparkSession.getDefaultSession()
        .foreach(
            s -> {
              s.stop();
              return null;
            });
  }

  @Test
  void anAnalystsParameterFileIsUsed() throws IOException {
    Path file = dir.resolve("my.json");
    Files.writeString(
        file,
        """
        {"name": "analyst-1", "price_year": 2025,
         "settings": {"planning_horizon_years": {"unit": "years", "value": 10, "source": "plan",
                                             "reasoning": "The ten-year national plan."}},
         "parameters": {"filtering_usd_per_user_year.email": {"unit": "USD per user per year",
           "currency": "USD", "price_year": 2025, "low": 0.05, "base": 0.2, "high": 0.6,
           "source": "assumption", "reasoning": "Carrier-scale licences, cheaper."}}}
        """,
        StandardCharsets.UTF_8);
    Output out =
        run(
            "estimate",
            "--warehouse",
            warehouseUri,
            "--parameters",
            file.toString(),
            "--draws",
            "200",
            "--seed",
            "9");
    assertThat(out.code()).as(out.err()).isZero();
    assertThat(out.out()).contains("read country_profile 2026-Q2: 2 countries (");

    SparkSession spark = SparkSessions.forTests("EstimateCommandTest-check");
    try {
      Warehouse w = Warehouse.at(spark, warehouseUri);
      Row filtering =
          w.read("investment")
              .where("country_code = 'XXA' and component = 'email.filtering' and scenario = 'base'")
              .first();
      assertThat((String) filtering.getAs("parameter_set")).isEqualTo("analyst-1");
      assertThat((int) filtering.getAs("horizon_years")).isEqualTo(10);
      assertThat((double) filtering.getAs("opex_annual_usd")).isEqualTo(2_000_000 * 0.2);
      Row intervals = w.read("investment_intervals").where("level = 'reporting'").first();
      assertThat((int) intervals.getAs("draws")).isEqualTo(200);
      assertThat((long) intervals.getAs("seed")).isEqualTo(9);
      // Otherland has no returns: its email is imputed from Africa's rate, and says so.
      Row imputed =
          w.read("investment")
              .where("country_code = 'XXB' and component = 'email.equipment' and scenario = 'base'")
              .first();
      assertThat((boolean) imputed.getAs("imputed")).isTrue();
      assertThat((String) imputed.getAs("method")).startsWith("regional_rate");
      assertThat((double) imputed.getAs("spam_peak_quarter")).isEqualTo(500_000 * 450.0);
    } finally {
      spark.stop();
    }
  }

  @Test
  void aBadParameterFileIsOneClearMessageNotAStackTrace() throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(
        file,
        """
        {"name": "bad", "price_year": 2025, "parameters": {
          "peak_day_factor": {"low": 2, "base": 1.5, "high": 1, "source": "assumption",
            "reasoning": "x."},
          "firewall_cost": {"unit": "USD", "low": 1, "base": 2, "high": 3, "source": "x",
            "reasoning": "y."}}}
        """,
        StandardCharsets.UTF_8);
    Output out = run("estimate", "--warehouse", warehouseUri, "--parameters", file.toString());
    assertThat(out.code()).isEqualTo(2);
    assertThat(out.err())
        .startsWith("spamtraffic estimate: Parameter file " + file + ": 3 problems:")
        .contains(
            "parameter 'peak_day_factor': unit is missing (the model expects 'ratio of peak-day"
                + " to average-day spam')",
            "parameter 'peak_day_factor': low 2, base 1.5, high 1 are not in order (need low <="
                + " base <= high)",
            "parameter 'firewall_cost' is unknown to the model")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  private record Output(int code, String out, String err) {}

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
