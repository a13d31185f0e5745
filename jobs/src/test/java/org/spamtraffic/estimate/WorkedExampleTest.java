package org.spamtraffic.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The worked example of {@code docs/investment-model.md} (section 10), computed there by hand
 * component by component, against what the {@code estimate} job writes for Exampleland from its
 * {@code country_profile} rows: the document and the job cannot drift apart.
 */
class WorkedExampleTest {
  @TempDir static Path dir;
  private static SparkSession spark;
  private static Warehouse warehouse;
  private static EstimateJob.Result result;

  @BeforeAll
  static void estimate() {
    spark = SparkSessions.forTests("WorkedExampleTest");
    warehouse = Warehouse.at(spark, dir.resolve("warehouse").toUri().toString());
    TableRows profile = new TableRows("country_profile");
    // Three quarters of returns: too few for a trend (2 degrees of freedom are needed), so the
    // forecast keeps the prior growth, 5% a year at base.
    String[] quarters = {"2025-Q4", "2026-Q1", "2026-Q2"};
    double[] email = {700e6, 900e6, 800e6};
    double[] sms = {250e6, 280e6, 300e6};
    for (int q = 0; q < quarters.length; q++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("country_code", "XXA");
      row.put("country_name", "Exampleland");
      row.put("quarter", quarters[q]);
      row.put("itu_region", "Africa");
      row.put("m49_region", "Africa");
      row.put("ldc", false);
      row.put("lldc", false);
      row.put("sids", false);
      row.put("development_status", "developing");
      row.put("reporting_operators", 4);
      row.put("has_questionnaire", true);
      row.put("has_returns", true);
      row.put("population", 10_000_000L);
      row.put("market_email_mailboxes", 2_000_000L);
      row.put("market_mobile_subscriptions", 8_000_000L);
      row.put("email_market_size", 2_000_000L);
      row.put("email_service_size", 1_500_000L);
      row.put("email_spam_detected", (long) (email[q] * 0.75));
      row.put("email_spam_national_estimate", email[q]);
      row.put("email_estimate_method", "extrapolated");
      row.put("sms_market_size", 8_000_000L);
      row.put("sms_service_size", 6_000_000L);
      row.put("sms_spam_detected", (long) (sms[q] * 0.75));
      row.put("sms_spam_national_estimate", sms[q]);
      row.put("sms_estimate_method", "extrapolated");
      row.put("voice_market_size", 8_000_000L);
      row.put("has_antispam_law", true);
      row.put("has_enforcement_authority", false);
      row.put("has_national_contact_point", true);
      row.put("has_incident_response", true);
      row.put("has_awareness_programme", false);
      row.put("has_training_programme", true);
      row.put("investment_current_annual_usd", 500_000.0);
      profile.add(row);
    }
    warehouse.begin("test").write("country_profile", profile.frame(spark)).commit();
    result = EstimateJob.run(warehouse, EstimateJob.Options.defaults().withDraws(50, 52));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void theJobWritesTheDocumentsFiguresComponentByComponent() throws IOException {
    Map<String, double[]> documented = InvestmentModelTest.workedExampleTable();
    Map<String, Row> written = new LinkedHashMap<>();
    for (Row r :
        warehouse
            .read("investment")
            .where("country_code = 'XXA' and scenario = 'base'")
            .collectAsList()) {
      written.put(r.getAs("component"), r);
    }
    List<String> components = new ArrayList<>();
    for (String name : documented.keySet()) {
      if (!List.of("technical", "institutional", "need", "existing", "gap").contains(name)) {
        components.add(name);
      }
    }
    assertThat(written.keySet()).containsExactlyInAnyOrderElementsOf(components);
    for (String name : components) {
      double[] doc = documented.get(name);
      Row r = written.get(name);
      assertThat((double) r.getAs("capex_usd"))
          .as(name + " capital")
          .isCloseTo(doc[0], within(0.005));
      assertThat((double) r.getAs("opex_annual_usd"))
          .as(name + " yearly")
          .isCloseTo(doc[1], within(0.005));
      assertThat((double) r.getAs("present_value_usd"))
          .as(name + " PV")
          .isCloseTo(doc[2], within(0.005));
    }
    Row t =
        warehouse
            .read("investment_totals")
            .where("level = 'country' and area = 'XXA' and scenario = 'base'")
            .first();
    assertThat((double) t.getAs("technical_usd"))
        .isCloseTo(documented.get("technical")[2], within(0.005));
    assertThat((double) t.getAs("institutional_usd"))
        .isCloseTo(documented.get("institutional")[2], within(0.005));
    assertThat((double) t.getAs("need_usd")).isCloseTo(documented.get("need")[2], within(0.005));
    assertThat((double) t.getAs("existing_usd"))
        .isCloseTo(documented.get("existing")[2], within(0.005));
    assertThat((double) t.getAs("gap_usd")).isCloseTo(documented.get("gap")[2], within(0.005));
  }

  @Test
  void theInputsAreThoseTheDocumentStates() {
    Row voice =
        warehouse
            .read("investment")
            .where("country_code = 'XXA' and component = 'voice.equipment' and scenario = 'base'")
            .first();
    // 8,000,000 subscriptions x 42 spam calls a quarter (the published rate, base).
    assertThat((double) voice.getAs("spam_peak_quarter")).isCloseTo(336e6, within(1e-6));
    assertThat(voice.<String>getAs("method")).startsWith("external_rate");
    Row email =
        warehouse
            .read("investment")
            .where("country_code = 'XXA' and component = 'email.equipment' and scenario = 'base'")
            .first();
    assertThat((double) email.getAs("spam_peak_quarter")).isEqualTo(900e6);
    assertThat(email.<String>getAs("method")).isEqualTo("extrapolated; peak quarter 2026-Q1");
    assertThat(result.typesNotEstimated()).containsExactly("XXA:ip_messaging", "XXA:ip_multimedia");
    Row growth =
        warehouse
            .read("investment_forecast")
            .where("country_code = 'XXA' and spam_type = 'email' and year_offset = 5")
            .first();
    assertThat(growth.<String>getAs("forecast_method")).isEqualTo("prior only");
    assertThat((double) growth.getAs("volume_quarter"))
        .isCloseTo(900e6 * Math.pow(1.05, 5), within(1e-3));
  }
}
