package org.spamtraffic.surveyingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.spamtraffic.language.Language;
import org.spamtraffic.stage.StageResult;
import org.spamtraffic.survey.form.Choice;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.Question;
import org.spamtraffic.survey.form.Questionnaire;
import org.spamtraffic.survey.money.ExchangeRates;
import org.spamtraffic.survey.response.Answer;
import org.spamtraffic.survey.response.CheckedSubmission;
import org.spamtraffic.survey.response.Finding;
import org.spamtraffic.survey.response.Message;
import org.spamtraffic.survey.response.ResponseFile;
import org.spamtraffic.survey.response.SurveyIntake;
import org.spamtraffic.survey.scoring.ScoringRules;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The {@code ingest-survey} job: reads every questionnaire response file of a landing folder
 * (KoboToolbox, ODK Central or SurveyCTO exports as CSV, XLSX, ZIP or JSON, with their repeat
 * sheets and files, and filled-in offline forms), checks every answer against the form, and commits
 * in one warehouse transaction:
 *
 * <ul>
 *   <li>{@code survey_responses}: every submission, accepted or rejected, with its counts;
 *   <li>{@code survey_answers}: every accepted answer, typed;
 *   <li>{@code survey_rejects}: every problem, file-, submission- or answer-level;
 *   <li>{@code survey_indicators}: readiness per WSIS pillar and Resolution 45 area;
 *   <li>{@code survey_distributions}: answers per choice question by ITU-D region;
 *   <li>{@code survey_country_facts}: what the latest answer of each country says, typed.
 * </ul>
 *
 * <p>Reading and checking are plain Java (module {@code survey}); Spark builds the tables, the
 * distributions, and writes.
 */
public final class IngestSurvey {
  /** The tables this job writes. */
  public static final List<String> TABLES =
      List.of(
          "survey_responses",
          "survey_answers",
          "survey_rejects",
          "survey_indicators",
          "survey_distributions",
          "survey_country_facts");

  /** Region label of the all-countries rows of {@code survey_distributions}. */
  public static final String WORLD = "World";

  private IngestSurvey() {}

  /**
   * What to ingest.
   *
   * @param landing folder of response files (any Hadoop file system URI), read recursively
   * @param form the questionnaire the responses answer
   * @param countryQuestion the question that says which country answers
   * @param scoring the readiness scoring rules
   * @param regions ITU-D region by ISO alpha-3 code
   * @param rates exchange rates to USD
   * @param language the language of {@code survey_rejects.message} (each row also keeps its
   *     message's key and arguments, so that it can be said again in any language)
   */
  public record Options(
      String landing,
      Form form,
      String countryQuestion,
      ScoringRules scoring,
      Map<String, String> regions,
      ExchangeRates rates,
      Language language) {

    /** The study's questionnaire, scoring rules and reference tables, on {@code landing}. */
    public static Options of(String landing) {
      Form form = Questionnaire.form();
      return new Options(
          landing,
          form,
          "country",
          ScoringRules.reference(form),
          Regions.reference(),
          ExchangeRates.reference(),
          Language.ENGLISH);
    }

    /** The same, its findings written in {@code language}. */
    public Options in(Language language) {
      return new Options(landing, form, countryQuestion, scoring, regions, rates, language);
    }
  }

  /**
   * What the job read and wrote. Counts add up: {@code submissions = accepted + rejected}, and
   * {@code answersRead = answersAccepted + answersRejected + answersIgnored}.
   *
   * @param files response files read
   * @param skippedFiles other files of the landing folder (READMEs, lock files)
   * @param submissions submissions read
   * @param accepted submissions accepted
   * @param rejected submissions rejected
   * @param countries countries with an accepted submission
   * @param answersRead answers with a value
   * @param answersAccepted answers written to survey_answers
   * @param answersRejected answers not kept
   * @param answersIgnored answers to questions the skip logic hides
   * @param errors findings of level error
   * @param warnings findings of level warning
   * @param commit the warehouse commit number
   */
  public record Result(
      int files,
      int skippedFiles,
      int submissions,
      int accepted,
      int rejected,
      int countries,
      long answersRead,
      long answersAccepted,
      long answersRejected,
      long answersIgnored,
      long errors,
      long warnings,
      long commit)
      implements StageResult {
    @Override
    public String summary() {
      return String.format(
          Locale.ROOT,
          "read %d files, %d submissions → %d accepted, %d rejected; %d countries; answers %d ="
              + " %d accepted + %d rejected + %d ignored; survey_rejects %d errors, %d warnings"
              + " (commit %d)",
          files,
          submissions,
          accepted,
          rejected,
          countries,
          answersRead,
          answersAccepted,
          answersRejected,
          answersIgnored,
          errors,
          warnings,
          commit);
    }
  }

  /** Runs the job on {@code spark}, writing to {@code warehouse}. */
  public static Result run(SparkSession spark, Warehouse warehouse, Options options) {
    List<SurveyIntake.InputFile> files = new ArrayList<>();
    int skipped = listFiles(spark, options.landing(), files);
    SurveyIntake.Batch batch =
        new SurveyIntake(options.form(), options.countryQuestion(), options.language()).run(files);

    List<Finding> findings = new ArrayList<>(batch.findings());
    List<Map<String, Object>> responses = new ArrayList<>();
    List<Map<String, Object>> answers = new ArrayList<>();
    List<Map<String, Object>> indicators = new ArrayList<>();
    List<Map<String, Object>> facts = new ArrayList<>();
    Form form = options.form();
    for (CheckedSubmission s : batch.submissions()) {
      boolean latest = s.accepted() && s.id().equals(batch.latestByCountry().get(s.countryCode()));
      String region = s.countryCode() == null ? null : options.regions().get(s.countryCode());
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("submission_id", s.id());
      r.put("country_code", s.countryCode());
      r.put("itu_region", region);
      r.put("status", s.accepted() ? "accepted" : "rejected");
      r.put("is_latest", latest);
      r.put("superseded_by", batch.supersededBy().get(s.id()));
      r.put("source_format", s.raw().format().id());
      r.put("file", s.raw().file());
      r.put("sheet", s.raw().sheet());
      r.put("row", s.raw().row());
      r.put("submitted_at", s.submittedAt());
      r.put("form_id", form.id());
      r.put("form_version", form.version());
      r.put("organisation", s.answer("organisation").map(Answer::value).orElse(null));
      r.put("answers_read", s.answersRead());
      r.put("answers_accepted", s.answersAccepted());
      r.put("answers_rejected", s.answersRejected());
      r.put("answers_ignored", s.answersIgnored());
      Investment money = investment(s, options.rates(), options.language(), findings);
      r.put("investment_currency", money.currency);
      r.put("fx_units_per_usd", money.rate == null ? null : money.rate.unitsPerUsd());
      r.put("fx_rate_source", money.rate == null ? null : money.rate.source());
      r.put("investment_current_annual_usd", money.currentUsd);
      r.put("investment_planned_annual_usd", money.plannedUsd);
      responses.add(r);
      if (!s.accepted()) {
        continue;
      }
      for (Answer a : s.answers()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("submission_id", s.id());
        m.put("country_code", s.countryCode());
        m.put("question", a.question());
        m.put("question_path", a.path());
        m.put("question_type", a.type().xlsformName());
        m.put("value", a.value());
        m.put("value_number", a.number());
        m.put("value_date", a.date());
        m.put("value_choices", a.choices());
        m.put("file", a.file() == null ? s.raw().file() : a.file());
        m.put("row", a.row());
        m.put("column", a.column());
        m.put("repeat_path", a.repeatPath());
        m.put("repeat_index", a.repeatIndex());
        m.put("sheet", a.sheet());
        answers.add(m);
      }
      List<ScoringRules.Score> scores = options.scoring().score(s.values());
      for (ScoringRules.Score sc : scores) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("submission_id", s.id());
        m.put("country_code", s.countryCode());
        m.put("itu_region", region);
        m.put("is_latest", latest);
        m.put("kind", sc.kind());
        m.put("indicator", sc.indicator());
        m.put("score", sc.score());
        m.put("points", sc.points());
        m.put("max_points", sc.maxPoints());
        m.put("rules_matched", sc.rulesMatched());
        m.put("rules_total", sc.rulesTotal());
        indicators.add(m);
      }
      if (latest) {
        facts.add(facts(s, scores, money));
      }
    }
    List<Map<String, Object>> rejects = new ArrayList<>();
    for (Finding f : findings) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("submission_id", f.submissionId());
      m.put("country_code", f.countryCode());
      m.put("file", f.file());
      m.put("sheet", f.sheet());
      m.put("row", f.row());
      m.put("column", f.column());
      m.put("question", f.question());
      m.put("value", f.value());
      m.put("rule", f.rule());
      m.put("level", f.level());
      m.put("message", f.message());
      m.put("message_key", f.said().key());
      m.put("message_arguments", f.said().storedArguments(options.language()));
      m.put("language", options.language().code());
      rejects.add(m);
    }

    Dataset<Row> responsesDf = Frames.of(spark, "survey_responses", responses);
    Dataset<Row> answersDf = Frames.of(spark, "survey_answers", answers);
    Dataset<Row> distributions =
        distributions(spark, form, options.countryQuestion(), responsesDf, answersDf);
    Warehouse.Transaction tx =
        warehouse
            .begin("ingest-survey")
            .write("survey_responses", responsesDf)
            .rows("survey_responses", responses.size())
            .write("survey_answers", answersDf)
            .rows("survey_answers", answers.size())
            .write("survey_rejects", Frames.of(spark, "survey_rejects", rejects))
            .rows("survey_rejects", rejects.size())
            .write("survey_indicators", Frames.of(spark, "survey_indicators", indicators))
            .rows("survey_indicators", indicators.size())
            .write("survey_distributions", distributions)
            .write("survey_country_facts", Frames.of(spark, "survey_country_facts", facts))
            .rows("survey_country_facts", facts.size());
    long commit = tx.commit().number();

    int accepted = batch.accepted().size();
    return new Result(
        files.size(),
        skipped,
        batch.submissions().size(),
        accepted,
        batch.submissions().size() - accepted,
        batch.latestByCountry().size(),
        batch.submissions().stream().mapToLong(CheckedSubmission::answersRead).sum(),
        batch.submissions().stream().mapToLong(CheckedSubmission::answersAccepted).sum(),
        batch.submissions().stream().mapToLong(CheckedSubmission::answersRejected).sum(),
        batch.submissions().stream().mapToLong(CheckedSubmission::answersIgnored).sum(),
        findings.stream().filter(f -> f.level().equals(Finding.ERROR)).count(),
        findings.stream().filter(f -> f.level().equals(Finding.WARNING)).count(),
        commit);
  }

  /**
   * Reads every response file under {@code landing}, in path order; returns how many it skipped.
   */
  private static int listFiles(
      SparkSession spark, String landing, List<SurveyIntake.InputFile> out) {
    Path root = new Path(landing);
    int skipped = 0;
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        throw new IllegalArgumentException(
            "The survey landing folder " + landing + " does not exist");
      }
      List<Path> paths = new ArrayList<>();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        paths.add(it.next().getPath());
      }
      paths.sort(java.util.Comparator.comparing(Path::toString));
      for (Path p : paths) {
        if (!ResponseFile.isResponseFile(p.getName())) {
          skipped++;
          continue;
        }
        try (InputStream in = fs.open(p)) {
          out.add(new SurveyIntake.InputFile(p.toString(), in.readAllBytes()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the survey landing folder " + landing, e);
    }
    return skipped;
  }

  /** A submission's investment amounts in USD, and the rate used. */
  private record Investment(
      String currency, ExchangeRates.Rate rate, Double currentUsd, Double plannedUsd) {}

  private static Investment investment(
      CheckedSubmission s, ExchangeRates rates, Language language, List<Finding> findings) {
    Optional<Answer> currency = s.answer("investment_currency");
    if (!s.accepted() || currency.isEmpty()) {
      return new Investment(null, null, null, null);
    }
    Optional<ExchangeRates.Rate> rate = rates.rate(currency.get().value());
    if (rate.isEmpty()) {
      findings.add(
          new Finding(
              s.id(),
              s.countryCode(),
              s.raw().file(),
              s.raw().sheet(),
              currency.get().row(),
              currency.get().column(),
              "investment_currency",
              currency.get().value(),
              Finding.Rule.NO_FX_RATE,
              Finding.WARNING,
              Message.of(language, "no-fx-rate", currency.get().value(), ExchangeRates.FILE)));
      return new Investment(currency.get().value(), null, null, null);
    }
    Double current =
        s.answer("investment_current").map(a -> rate.get().toUsd(a.number())).orElse(null);
    Double planned =
        s.answer("investment_planned").map(a -> rate.get().toUsd(a.number())).orElse(null);
    return new Investment(currency.get().value(), rate.get(), current, planned);
  }

  private static Map<String, Object> facts(
      CheckedSubmission s, List<ScoringRules.Score> scores, Investment money) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("country_code", s.countryCode());
    m.put("submission_id", s.id());
    m.put("submitted_at", s.submittedAt());
    m.put("market_mobile_subscriptions", number(s, "mobile_subscriptions"));
    m.put("market_email_mailboxes", number(s, "email_mailboxes"));
    m.put("market_internet_users", number(s, "internet_users"));
    Boolean law = yesNo(s, "has_antispam_law");
    m.put("has_antispam_law", law);
    // No law, nothing to enforce: the form does not ask, and the answer is no.
    Boolean authority = yesNo(s, "has_enforcement_authority");
    m.put("has_enforcement_authority", Boolean.FALSE.equals(law) ? Boolean.FALSE : authority);
    m.put("has_national_contact_point", yesNo(s, "has_national_contact_point"));
    m.put("has_incident_response", yesNo(s, "has_incident_response"));
    m.put("has_awareness_programme", yesNo(s, "has_awareness_programme"));
    m.put("has_training_programme", yesNo(s, "has_training_programme"));
    m.put("investment_current_annual_usd", money.currentUsd);
    m.put("investment_planned_annual_usd", money.plannedUsd);
    m.put("investment_currency", money.currency);
    double sum = 0;
    int n = 0;
    for (ScoringRules.Score sc : scores) {
      if (sc.kind().equals(ScoringRules.WSIS_PILLAR)) {
        m.put("readiness_" + sc.indicator(), sc.score());
        if (sc.score() != null) {
          sum += sc.score();
          n++;
        }
      }
    }
    m.put("readiness_overall", n == 0 ? null : sum / n);
    return m;
  }

  private static Long number(CheckedSubmission s, String question) {
    return s.answer(question).map(a -> a.number().longValue()).orElse(null);
  }

  private static Boolean yesNo(CheckedSubmission s, String question) {
    String v = s.answer(question).map(Answer::value).orElse(null);
    return "yes".equals(v) ? Boolean.TRUE : "no".equals(v) ? Boolean.FALSE : null;
  }

  /**
   * Answers per choice of every choice question (but the country), by ITU-D region and for the
   * world, from each country's latest submission. Choices nobody picked get a 0.
   */
  private static Dataset<Row> distributions(
      SparkSession spark,
      Form form,
      String countryQuestion,
      Dataset<Row> responses,
      Dataset<Row> answers) {
    List<Map<String, Object>> catalogue = new ArrayList<>();
    for (Question q : form.questions()) {
      if (!q.type().isSelect() || q.name().equals(countryQuestion) || q.repeat() != null) {
        continue;
      }
      List<Choice> choices = new ArrayList<>(form.choices(q).choices());
      if (q.orOther()) {
        choices.add(new Choice("other", Map.of(form.defaultLanguage(), "Other"), 0));
      }
      int order = 1;
      for (Choice c : choices) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("question", q.name());
        m.put("question_type", q.type().xlsformName());
        m.put("choice", c.name());
        m.put("choice_label", c.label(form.defaultLanguage()));
        m.put("choice_order", order++);
        catalogue.add(m);
      }
    }
    StructType catalogueSchema =
        new StructType()
            .add("question", DataTypes.StringType, false)
            .add("question_type", DataTypes.StringType, false)
            .add("choice", DataTypes.StringType, false)
            .add("choice_label", DataTypes.StringType, false)
            .add("choice_order", DataTypes.IntegerType, false);
    List<Row> catalogueRows = new ArrayList<>();
    for (Map<String, Object> m : catalogue) {
      catalogueRows.add(RowFactory.create(m.values().toArray()));
    }
    Dataset<Row> choices = spark.createDataFrame(catalogueRows, catalogueSchema);
    Dataset<Row> latest =
        responses.filter(col("is_latest")).select(col("submission_id"), col("itu_region"));
    Dataset<Row> chosen =
        answers
            .join(latest, "submission_id")
            .filter(col("value_choices").isNotNull())
            .select(col("question"), col("country_code"), col("itu_region"), col("value_choices"));
    Dataset<Row> byRegion =
        chosen
            .withColumn("itu_region", coalesce(col("itu_region"), lit("unknown")))
            .unionByName(chosen.withColumn("itu_region", lit(WORLD)));
    Dataset<Row> respondents =
        byRegion
            .groupBy("question", "itu_region")
            .agg(countDistinct("country_code").as("respondents"));
    Dataset<Row> counts =
        byRegion
            .select(
                col("question"),
                col("itu_region"),
                col("country_code"),
                explode(col("value_choices")).as("choice"))
            .groupBy("question", "itu_region", "choice")
            .agg(countDistinct("country_code").as("count"));
    return respondents
        .join(choices, "question")
        .join(
            counts,
            scala.jdk.javaapi.CollectionConverters.asScala(
                    List.of("question", "itu_region", "choice"))
                .toSeq(),
            "left")
        .withColumn("count", coalesce(col("count"), lit(0L)))
        .withColumn(
            "share", when(col("respondents").gt(0), col("count").divide(col("respondents"))))
        .select(
            "question",
            "question_type",
            "choice",
            "choice_label",
            "choice_order",
            "itu_region",
            "respondents",
            "count",
            "share");
  }
}
