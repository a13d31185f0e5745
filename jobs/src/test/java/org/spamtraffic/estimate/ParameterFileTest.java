package org.spamtraffic.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spamtraffic.schema.Schemas;

/** Parameter files: the default, analysts' overrides, and the messages bad files get. */
class ParameterFileTest {

  private static ParameterSet read(String json) {
    return ParameterFile.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "my.json");
  }

  @Test
  void theDefaultFileIsCompleteAndAgreesWithTheSchemaAndTheModel() {
    ParameterSet d = ParameterFile.defaults();
    assertThat(d.name()).isEqualTo("default");
    assertThat(d.horizonYears()).isEqualTo(5);
    assertThat(d.discountRate()).isEqualTo(0.06);
    assertThat(d.priceYear()).isEqualTo(2025);

    List<String> model = new ArrayList<>();
    for (Parameter p : Parameter.values()) {
      if (!p.derived()) {
        model.add(p.key());
      }
    }
    List<String> schema = new ArrayList<>();
    Schemas.json("investment-parameters.schema.json")
        .path("properties")
        .path("parameters")
        .path("properties")
        .fieldNames()
        .forEachRemaining(schema::add);
    List<String> file = new ArrayList<>();
    JsonNode defaults = Schemas.json(ParameterFile.DEFAULT).path("parameters");
    defaults.fieldNames().forEachRemaining(file::add);
    assertThat(schema).containsExactlyElementsOf(model);
    assertThat(file).containsExactlyElementsOf(model);
    for (Parameter p : Parameter.values()) {
      assertThat(d.units().get(p)).isNotBlank();
      assertThat(d.sources().get(p)).as(p.key()).isNotBlank();
      if (d.units().get(p).contains("USD")) {
        assertThat(defaults.path(p.key()).path("currency").asText()).isEqualTo("USD");
      }
    }
  }

  @Test
  void aSetRecordsTheSha256OfEveryFileItWasReadFrom() throws Exception {
    String defaults;
    try (java.io.InputStream in = Schemas.open(ParameterFile.DEFAULT)) {
      defaults = sha256(in.readAllBytes());
    }
    assertThat(ParameterFile.defaults().sha256()).isEqualTo(defaults);
    String json = "{\"name\": \"same-as-default\", \"price_year\": 2025, \"parameters\": {}}";
    assertThat(read(json).sha256())
        .isEqualTo(defaults + " + " + sha256(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void anAnalystsFileReplacesOnlyWhatItGives() {
    ParameterSet p =
        read(
            """
            {"name": "cheaper-staff", "price_year": 2025,
             "settings": {"discount_rate": {"unit": "fraction per year", "value": 0.03,
                                            "source": "treasury",
                                            "reasoning": "The finance ministry's rate."}},
             "parameters": {"staff_cost_usd_per_fte_year": {"unit": "USD per FTE-year",
                "currency": "USD", "price_year": 2025, "low": 40000, "base": 50000,
                "high": 70000, "source": "assumption",
                "reasoning": "Local salaries of the regulator, 2025."}}}
            """);
    ParameterSet d = ParameterFile.defaults();
    assertThat(p.name()).isEqualTo("cheaper-staff");
    assertThat(p.source()).isEqualTo("schemas/investment-parameters-default.json + my.json");
    assertThat(p.discountRate()).isEqualTo(0.03);
    assertThat(p.horizonYears()).isEqualTo(5);
    assertThat(p.range(Parameter.STAFF_COST_USD_PER_FTE_YEAR))
        .isEqualTo(new Range(40000, 50000, 70000));
    for (Parameter q : Parameter.values()) {
      if (q != Parameter.STAFF_COST_USD_PER_FTE_YEAR) {
        assertThat(p.range(q)).isEqualTo(d.range(q));
      }
    }
  }

  @Test
  void anUnknownParameterIsNamed() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"name": "x", "price_year": 2025, "parameters": {"spam_filter_capex":
                      {"unit": "USD", "currency": "USD", "price_year": 2025, "low": 1,
                       "base": 2, "high": 3, "source": "assumption",
                       "reasoning": "x."}}}
                    """))
        .isInstanceOf(ParameterFileException.class)
        .hasMessage(
            "Parameter file my.json: parameter 'spam_filter_capex' is unknown to the model (the 34"
                + " known names are in schemas/investment-parameters.schema.json and"
                + " docs/investment-model.md)");
  }

  @Test
  void lowAboveHighIsRefused() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"name": "x", "price_year": 2025, "parameters": {"peak_day_factor":
                      {"unit": "ratio of peak-day to average-day spam", "low": 3, "base": 2,
                       "high": 1.5, "source": "assumption",
                       "reasoning": "x."}}}
                    """))
        .isInstanceOf(ParameterFileException.class)
        .hasMessage(
            "Parameter file my.json: parameter 'peak_day_factor': low 3, base 2, high 1.5 are"
                + " not in order (need low <= base <= high)");
  }

  @Test
  void aMissingUnitSaysWhichUnitTheModelExpects() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"name": "x", "price_year": 2025, "parameters": {"peak_day_factor":
                      {"low": 1, "base": 2, "high": 3, "source": "assumption",
                       "reasoning": "x."}}}
                    """))
        .isInstanceOf(ParameterFileException.class)
        .hasMessage(
            "Parameter file my.json: parameter 'peak_day_factor': unit is missing (the model"
                + " expects 'ratio of peak-day to average-day spam')");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"price_year": 2025, "parameters": {
                      "cirt_fte": {"unit": "people", "low": 1, "base": 2, "high": 3},
                      "spam_growth_rate.sms": {"unit": "fraction per year", "low": 0,
                        "base": 0.1, "high": 0.2, "source": "a", "reasoning": "b."},
                      "capacity_capex_usd.sms": {"unit": "USD per spam item/day of peak-day capacity",
                        "currency": "EUR", "price_year": 2020, "low": -1, "base": 0.01, "high": 0.02,
                        "source": "vendor quote"}}}
                    """))
        .isInstanceOf(ParameterFileException.class)
        .satisfies(
            e ->
                assertThat(((ParameterFileException) e).problems())
                    .containsExactly(
                        "'name' is missing: give the parameter set a name (it is written into every"
                            + " output row)",
                        "parameter 'cirt_fte': unit 'people' is not the model's unit 'FTE per"
                            + " country'; convert the values to it",
                        "parameter 'cirt_fte': source is missing (cite where the values come from,"
                            + " or write 'assumption')",
                        "parameter 'cirt_fte': reasoning is missing (say how the values follow"
                            + " from the source)",
                        "parameter 'spam_growth_rate.sms' is derived by the volume forecast from"
                            + " the measured trend and the prior spam_growth_rate: give"
                            + " spam_growth_rate instead",
                        "parameter 'capacity_capex_usd.sms': currency must be USD (got EUR)",
                        "parameter 'capacity_capex_usd.sms': price_year 2020 differs from the"
                            + " file's price_year 2025; convert the values to 2025 prices",
                        "parameter 'capacity_capex_usd.sms': reasoning is missing (say how the"
                            + " values follow from the source)",
                        "parameter 'capacity_capex_usd.sms': low -1 must not be negative"))
        .hasMessageStartingWith("Parameter file my.json: 9 problems:");
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"name": "x", "price_year": 2025, "parameters": {}, "settings": {
                      "planning_horizon_years": {"unit": "years", "value": 2.5, "source": "a",
                        "reasoning": "b."},
                      "inflation": {"unit": "fraction", "value": 0.02, "source": "a",
                        "reasoning": "b."}}}
                    """))
        .isInstanceOf(ParameterFileException.class)
        .satisfies(
            e ->
                assertThat(((ParameterFileException) e).problems())
                    .containsExactly(
                        "setting 'planning_horizon_years': value 2.5 must be a whole number of"
                            + " years, 1 to 50",
                        "setting 'inflation' is unknown: the model's settings are"
                            + " planning_horizon_years and discount_rate"));
  }

  @Test
  void anAssumptionWithoutItsJustificationIsRefused() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"name": "x", "price_year": 2025, "parameters": {"peak_day_factor":
                      {"unit": "ratio of peak-day to average-day spam", "low": 1, "base": 2,
                       "high": 3, "source": "assumption"}}}
                    """))
        .isInstanceOf(ParameterFileException.class)
        .hasMessage(
            "Parameter file my.json: parameter 'peak_day_factor': reasoning is missing (say in a"
                + " sentence why the assumed values are reasonable)");
  }

  @Test
  void notJsonGetsLineAndColumn() {
    assertThatThrownBy(() -> read("{\"name\": \"x\",\n \"price_year\": 2025,,}"))
        .isInstanceOf(ParameterFileException.class)
        .hasMessageStartingWith("Parameter file my.json: not valid JSON at line 2, column");
  }

  @Test
  void anotherPriceYearNeedsEveryMoneyParameter() {
    assertThatThrownBy(() -> read("{\"name\": \"x\", \"price_year\": 2020, \"parameters\": {}}"))
        .isInstanceOf(ParameterFileException.class)
        .hasMessageStartingWith(
            "Parameter file my.json: price_year 2020 differs from the defaults' 2025, so every USD"
                + " parameter must be given in 2020 prices; missing: staff_cost_usd_per_fte_year,"
                + " feedback_channel_setup_usd");
  }
}
