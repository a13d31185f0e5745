package org.spamtraffic.surveyingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.generate.Operator;
import org.spamtraffic.generate.SampleSet;
import org.spamtraffic.language.Language;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.survey.response.Message;
import org.spamtraffic.warehouse.Warehouse;

class IngestSurveyTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSessions.forTests("IngestSurveyTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static final String KOBO =
      String.join(
              "\n",
              "_uuid,_submission_time,respondent/country,respondent/organisation,"
                  + "legislation/has_antispam_law,legislation/law_regime,"
                  + "legislation/has_enforcement_authority,legislation/enforcement_actions,"
                  + "technical/technical_measures,technical/operators_with_sms_firewall,"
                  + "technical/has_monitoring,education/has_awareness_programme,"
                  + "education/has_training_programme,cooperation/has_national_contact_point,"
                  + "cooperation/has_incident_response,cooperation/agreements,"
                  + "investment/investment_current,investment/investment_currency,"
                  + "market/mobile_subscriptions",
              // The worked example of survey/README.md.
              "k1,2026-03-01T00:00:00,KEN,CA,yes,opt_in,yes,0,filtering network,some,no,yes,no,yes,no,"
                  + "london_action_plan regional,1348000,KES,66000000",
              "f1,2026-03-02T00:00:00,FRA,Arcep,yes,opt_in,yes,40,filtering network service,all,yes,"
                  + "yes,yes,yes,yes,london_action_plan,2000000,EUR,82000000",
              "b1,2026-03-03T00:00:00,BRA,Anatel,maybe,,,,filtering,most,yes,yes,yes,yes,yes,regional,"
                  + ",,250000000",
              "x1,2026-03-04T00:00:00,,Nobody,yes,,,,,,,,,,,,,,")
          + "\n";

  private static final String LATER =
      String.join(
              "\n",
              "_uuid,_submission_time,country,organisation,has_antispam_law",
              "k0,2026-02-01T00:00:00,KEN,CA (old answer),no",
              "b2,2026-04-01T00:00:00,BRA,Anatel,yes")
          + "\n";

  private static Path landing(Path dir) throws Exception {
    Path landing = dir.resolve("landing");
    Files.createDirectories(landing.resolve("sub"));
    Files.writeString(landing.resolve("a-kobo.csv"), KOBO, StandardCharsets.UTF_8);
    Files.writeString(landing.resolve("sub/b-later.csv"), LATER, StandardCharsets.UTF_8);
    Files.writeString(landing.resolve("README.md"), "not a response", StandardCharsets.UTF_8);
    return landing;
  }

  @Test
  void writesTablesThatAddUpAndAgreeWithDuckDb(@TempDir Path dir) throws Exception {
    Warehouse warehouse = Warehouse.at(spark, dir.resolve("warehouse").toString());
    IngestSurvey.Result result =
        IngestSurvey.run(spark, warehouse, IngestSurvey.Options.of(landing(dir).toString()));

    assertThat(result.files()).isEqualTo(2);
    assertThat(result.skippedFiles()).isEqualTo(1);
    assertThat(result.submissions()).isEqualTo(6);
    assertThat(result.accepted()).isEqualTo(5);
    assertThat(result.rejected()).isEqualTo(1);
    assertThat(result.countries()).isEqualTo(3);
    assertThat(result.answersRead())
        .isEqualTo(result.answersAccepted() + result.answersRejected() + result.answersIgnored());
    assertThat(result.summary()).startsWith("read 2 files, 6 submissions → 5 accepted, 1 rejected");
    assertThat(warehouse.head().changed()).containsExactlyInAnyOrderElementsOf(IngestSurvey.TABLES);

    Map<String, Row> responses = new HashMap<>();
    for (Row r : warehouse.read("survey_responses").collectAsList()) {
      responses.put(r.getAs("submission_id"), r);
    }
    assertThat(responses.get("k1").<Boolean>getAs("is_latest")).isTrue();
    assertThat(responses.get("k0").<Boolean>getAs("is_latest")).isFalse();
    assertThat(responses.get("k0").<String>getAs("superseded_by")).isEqualTo("k1");
    assertThat(responses.get("b1").<String>getAs("superseded_by")).isEqualTo("b2");
    assertThat(responses.get("b2").<Boolean>getAs("is_latest")).isTrue();
    assertThat(responses.get("x1").<String>getAs("status")).isEqualTo("rejected");
    assertThat(responses.get("k1").<String>getAs("itu_region")).isEqualTo("Africa");
    assertThat(responses.get("k1").<Double>getAs("fx_units_per_usd")).isEqualTo(134.8);

    List<String> rejects = new ArrayList<>();
    for (Row r : warehouse.read("survey_rejects").collectAsList()) {
      rejects.add(r.getAs("submission_id") + " " + r.getAs("question") + " " + r.getAs("rule"));
    }
    assertThat(rejects)
        .contains(
            "b1 has_antispam_law unknown-choice", "x1 country required", "x1 country no-country");

    // The worked example: KEN's latest answer.
    Row ken =
        warehouse
            .read("survey_country_facts")
            .filter("country_code = 'KEN'")
            .collectAsList()
            .get(0);
    assertThat(ken.<String>getAs("submission_id")).isEqualTo("k1");
    assertThat(ken.<Double>getAs("investment_current_annual_usd")).isCloseTo(10_000, within(1e-6));
    assertThat(ken.<Long>getAs("market_mobile_subscriptions")).isEqualTo(66_000_000L);
    assertThat(ken.<Boolean>getAs("has_antispam_law")).isTrue();
    assertThat(ken.<Boolean>getAs("has_training_programme")).isFalse();
    assertThat(ken.<Double>getAs("readiness_legislation")).isCloseTo(5.0 / 6, within(1e-12));
    assertThat(ken.<Double>getAs("readiness_technical")).isCloseTo(2.0 / 7, within(1e-12));
    assertThat(ken.<Double>getAs("readiness_partnerships")).isNull();
    assertThat(ken.<Double>getAs("readiness_overall"))
        .isCloseTo((5.0 / 6 + 2.0 / 7 + 2.0 / 5 + 3.0 / 5) / 4, within(1e-12));
    // BRA: the later, shorter answer counts; the law is no longer unknown.
    Row bra =
        warehouse
            .read("survey_country_facts")
            .filter("country_code = 'BRA'")
            .collectAsList()
            .get(0);
    assertThat(bra.<Boolean>getAs("has_antispam_law")).isTrue();
    assertThat(bra.<Long>getAs("market_mobile_subscriptions")).isNull();

    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duck.createStatement()) {
      for (String t : IngestSurvey.TABLES) {
        s.execute(
            "create view "
                + t
                + " as select * from "
                + org.spamtraffic.warehouse.DuckDbTables.source(warehouse, t));
      }
      // Every accepted answer is in survey_answers, and the counts add up per submission.
      assertThat(
              longs(
                  s,
                  "select (select count(*) from survey_answers),"
                      + " sum(answers_accepted), sum(answers_read) - sum(answers_accepted)"
                      + " - sum(answers_rejected) - sum(answers_ignored) from survey_responses"))
          .containsExactly(result.answersAccepted(), result.answersAccepted(), 0L);
      assertThat(
              longs(
                  s,
                  "select count(*) from survey_responses r left join (select submission_id,"
                      + " count(*) n from survey_answers group by 1) a using (submission_id)"
                      + " where coalesce(a.n, 0) <> r.answers_accepted"))
          .containsExactly(0L);
      // Distributions recomputed independently: every non-zero Spark row, and nothing else.
      TreeSet<String> duckRows = new TreeSet<>();
      String perRegion =
          "select a.question, r.itu_region as region, c.choice, count(distinct a.country_code) n"
              + " from survey_answers a join survey_responses r using (submission_id),"
              + " unnest(a.value_choices) as c(choice) where r.is_latest and a.question <> 'country'"
              + " group by all";
      String world = perRegion.replace("r.itu_region as region", "'World' as region");
      try (ResultSet rs = s.executeQuery(perRegion + " union all " + world)) {
        while (rs.next()) {
          duckRows.add(
              rs.getString(1)
                  + "|"
                  + rs.getString(2)
                  + "|"
                  + rs.getString(3)
                  + "|"
                  + rs.getLong(4));
        }
      }
      TreeSet<String> sparkRows = new TreeSet<>();
      for (Row r : warehouse.read("survey_distributions").filter("count > 0").collectAsList()) {
        sparkRows.add(
            r.getAs("question")
                + "|"
                + r.getAs("itu_region")
                + "|"
                + r.getAs("choice")
                + "|"
                + r.<Long>getAs("count"));
      }
      assertThat(sparkRows).isNotEmpty().isEqualTo(duckRows);
      assertThat(
              longs(
                  s,
                  "select count(*) from survey_distributions where abs(share - count::double /"
                      + " respondents) > 1e-12 or count > respondents"))
          .containsExactly(0L);
      // The overall readiness is the mean of the pillar scores that are known.
      assertThat(
              longs(
                  s,
                  "select count(*) from survey_country_facts f join (select submission_id,"
                      + " avg(score) m from survey_indicators where kind = 'wsis_pillar' group by 1)"
                      + " i using (submission_id) where abs(f.readiness_overall - i.m) > 1e-12"))
          .containsExactly(0L);
    }
  }

  @Test
  void writesTheRejectsInTheLanguageAskedWithTheKeyAndArgumentsToSayThemAgain(@TempDir Path dir)
      throws Exception {
    Path landing = landing(dir);
    Map<String, Map<String, Row>> byLanguage = new HashMap<>();
    for (Language language : List.of(Language.ENGLISH, Language.FRENCH, Language.ARABIC)) {
      Warehouse warehouse =
          Warehouse.at(spark, dir.resolve("warehouse-" + language.code()).toString());
      IngestSurvey.run(spark, warehouse, IngestSurvey.Options.of(landing.toString()).in(language));
      Map<String, Row> rows = new HashMap<>();
      for (Row r : warehouse.read("survey_rejects").collectAsList()) {
        rows.put(r.getAs("submission_id") + " " + r.getAs("question") + " " + r.getAs("rule"), r);
      }
      byLanguage.put(language.code(), rows);
    }
    assertThat(byLanguage.get("fr").keySet()).isEqualTo(byLanguage.get("en").keySet());
    assertThat(byLanguage.get("ar").keySet()).isEqualTo(byLanguage.get("en").keySet());

    Row en = byLanguage.get("en").get("b1 has_antispam_law unknown-choice");
    Row fr = byLanguage.get("fr").get("b1 has_antispam_law unknown-choice");
    Row ar = byLanguage.get("ar").get("b1 has_antispam_law unknown-choice");
    assertThat(en.<String>getAs("message")).startsWith("'maybe' is not a choice of list");
    assertThat(fr.<String>getAs("message")).startsWith("« maybe » n’est pas un choix de la liste");
    assertThat(ar.<String>getAs("message")).startsWith("«maybe» ليس خياراً في القائمة");
    assertThat(fr.<String>getAs("language")).isEqualTo("fr");
    assertThat(ar.<String>getAs("language")).isEqualTo("ar");
    assertThat(byLanguage.get("fr").get("x1 country no-country").<String>getAs("message"))
        .startsWith("La soumission");

    for (String code : List.of("en", "fr", "ar")) {
      for (Map.Entry<String, Row> e : byLanguage.get(code).entrySet()) {
        Row r = e.getValue();
        Message stored =
            new Message(
                r.getAs("message_key"),
                List.copyOf(r.<Object>getList(r.fieldIndex("message_arguments"))),
                r.getAs("message"));
        // The stored key and arguments say the message again, in its language and in another.
        assertThat(stored.in(Language.of(code))).as(e.getKey()).isEqualTo(r.getAs("message"));
        if (!e.getKey().endsWith(" required") && !e.getKey().endsWith(" constraint")) {
          // (Those two quote the form's own label or message, kept in the row's language.)
          for (String other : List.of("en", "fr", "ar")) {
            assertThat(stored.in(Language.of(other)))
                .as(e.getKey() + " " + code + " -> " + other)
                .isEqualTo(byLanguage.get(other).get(e.getKey()).getAs("message"));
          }
        }
      }
    }
  }

  @Test
  void theBundledSamplesGoThroughWithCountsThatAddUp(@TempDir Path dir) {
    Path samples = Path.of("").toAbsolutePath().getParent().resolve("data-samples/survey");
    Warehouse warehouse = Warehouse.at(spark, dir.resolve("warehouse").toString());
    IngestSurvey.Result result =
        IngestSurvey.run(spark, warehouse, IngestSurvey.Options.of(samples.toString()));
    assertThat(result.files()).isEqualTo(9);
    assertThat(result.submissions()).isEqualTo(result.accepted() + result.rejected());
    assertThat(result.rejected()).isEqualTo(1);
    assertThat(result.countries()).isGreaterThanOrEqualTo(20);
    assertThat(result.answersRead())
        .isEqualTo(result.answersAccepted() + result.answersRejected() + result.answersIgnored());
    List<Row> regions =
        warehouse
            .read("survey_responses")
            .filter("is_latest")
            .select("itu_region")
            .distinct()
            .collectAsList();
    assertThat(regions)
        .extracting(r -> r.getString(0))
        .containsExactlyInAnyOrder(
            "Africa", "Americas", "Arab States", "Asia & Pacific", "CIS", "Europe");
    assertThat(warehouse.read("survey_responses").filter("source_format = 'offline_form'").count())
        .isEqualTo(4);
    List<String> rules =
        warehouse.read("survey_rejects").select("rule").distinct().collectAsList().stream()
            .map(r -> r.getString(0))
            .toList();
    assertThat(rules)
        .contains(
            "unknown-choice",
            "wrong-type",
            "constraint",
            "required",
            "not-relevant",
            "unknown-column",
            "no-country",
            "sheet-not-read",
            "orphan-repeat");
    assertThat(warehouse.read("survey_country_facts").count()).isEqualTo(result.countries());
    // Every country with operators in the sample returns answered, and others did too.
    List<String> answered =
        warehouse.read("survey_country_facts").select("country_code").collectAsList().stream()
            .map(r -> r.getString(0))
            .toList();
    List<String> reporting =
        SampleSet.operators().stream().map(Operator::country).distinct().toList();
    assertThat(answered).containsAll(reporting).hasSizeGreaterThan(reporting.size());
    // Repeat data of the Kobo XLSX, the ODK Central CSVs and the SurveyCTO XLSX reach
    // survey_answers, each row linked to its submission and instance.
    List<Row> repeats =
        warehouse
            .read("survey_answers")
            .filter("repeat_path = 'cooperation/bilateral_agreement'")
            .join(
                warehouse.read("survey_responses").select("submission_id", "source_format"),
                "submission_id")
            .select("source_format", "file")
            .distinct()
            .collectAsList();
    assertThat(repeats)
        .extracting(r -> r.getString(1).replaceAll(".*/", ""))
        .contains(
            "kobo-export-2026-05.xlsx",
            "itu_spam_questionnaire-bilateral_agreement.csv",
            "surveycto-export-2026-04.xlsx");
    Row kor =
        warehouse
            .read("survey_answers")
            .filter("country_code = 'KOR' and question = 'partner_country' and repeat_index = '2'")
            .first();
    assertThat(kor.getAs("value").toString()).isEqualTo("KEN");
    // CHL's agreement with itself breaks the constraint; TUN's year 1985 too.
    assertThat(
            warehouse
                .read("survey_rejects")
                .filter("rule = 'constraint' and question in ('partner_country', 'agreement_year')")
                .select("country_code")
                .collectAsList())
        .extracting(r -> r.getString(0))
        .contains("CHL", "TUN");
  }

  @Test
  void saysWhenTheLandingFolderIsMissing(@TempDir Path dir) {
    Warehouse warehouse = Warehouse.at(spark, dir.resolve("warehouse").toString());
    String missing = dir.resolve("nowhere").toString();
    assertThatThrownBy(() -> IngestSurvey.run(spark, warehouse, IngestSurvey.Options.of(missing)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The survey landing folder " + missing + " does not exist");
  }

  private static List<Long> longs(Statement s, String sql) throws Exception {
    List<Long> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        out.add(rs.getLong(i));
      }
    }
    return out;
  }
}
