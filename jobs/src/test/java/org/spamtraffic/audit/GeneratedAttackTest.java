package org.spamtraffic.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.aggregate.AggregateStage;
import org.spamtraffic.estimate.EstimateStage;
import org.spamtraffic.generate.Market;
import org.spamtraffic.generate.Operator;
import org.spamtraffic.generate.ReturnGenerator;
import org.spamtraffic.generate.RoundReturns;
import org.spamtraffic.generate.TableFiles;
import org.spamtraffic.intake.IngestReturnsStage;
import org.spamtraffic.publish.DisclosurePolicy;
import org.spamtraffic.publish.PublishStage;
import org.spamtraffic.report.ReportStage;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.stage.TestStudy;
import org.spamtraffic.surveyingest.IngestSurveyStage;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The study on a generated round, attacked from its published files alone, as {@link
 * SamplesAttackTest} attacks the samples: {@value #OPERATORS_TOTAL} operators in {@value
 * #COUNTRIES_TOTAL} countries of every ITU-D region, one quarter, SMS and voice (two blocks of
 * disclosure control, each far larger than a block of the samples). Countries have one, two or
 * eight operators of random sizes, so that every primary rule fires (too few operators, a dominant
 * operator) and complements must be found across countries, regions and routes.
 *
 * <p>Not yet in CI: publish does not finish on this round in reasonable time (one block's audit ran
 * for more than 9 minutes at load 12 without finishing, in linear programs over whole withheld
 * components). Run it with {@code -Dspamtraffic.generated-attack=true}.
 */
@EnabledIfSystemProperty(named = "spamtraffic.generated-attack", matches = "true")
class GeneratedAttackTest {
  static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

  /** Countries of the round: every one has a mobile country code in {@link RoundReturns}. */
  static final List<String> COUNTRIES =
      List.of(
          "ARE", "ARG", "BGD", "BRA", "CIV", "COL", "DEU", "EGY", "ESP", "FRA", "GBR", "GHA", "IDN",
          "IND", "KAZ", "KEN", "MAR", "MEX", "MYS", "NGA", "PAK", "PHL", "POL", "SAU", "SEN", "TUR",
          "UGA", "UKR", "VNM", "ZAF");

  /** Countries that send SMS and voice spam but report nothing. */
  static final List<String> SENDERS = List.of("CHN", "RUS", "USA", "NLD", "UZB", "TGO", "ZWE");

  static final int COUNTRIES_TOTAL = 30;
  static final int OPERATORS_TOTAL = 201;
  static final String QUARTER = "2025-Q1";
  static final long SEED = 14;

  @TempDir static Path dir;
  private static SparkSession spark;
  private static Warehouse warehouse;
  private static Path bundle;

  @BeforeAll
  static void study() {
    Path landing = dir.resolve("landing");
    write(landing);
    spark = SparkSessions.forTests("GeneratedAttackTest");
    warehouse = Warehouse.at(spark, dir.resolve("warehouse").toUri().toString());
    TestStudy.run(
        spark,
        warehouse,
        dir,
        landing.toString(),
        PROJECT.resolve("data-samples/survey").toString(),
        "generated",
        List.of(
            new IngestReturnsStage(),
            new IngestSurveyStage(),
            new AggregateStage(),
            new PublishStage(),
            new EstimateStage(),
            new ReportStage()));
    bundle = dir.resolve("out/reports/generated");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** The round's size is what the issue asks for: at least 200 operators in 30 countries. */
  @Test
  void theRoundHasTwoHundredOperatorsInThirtyCountries() {
    List<Operator> operators = operators();
    assertThat(operators).hasSize(OPERATORS_TOTAL).hasSizeGreaterThanOrEqualTo(200);
    assertThat(operators.stream().map(Operator::country).distinct())
        .hasSize(COUNTRIES_TOTAL)
        .hasSizeGreaterThanOrEqualTo(30);
    assertThat(
            warehouse.read("returns").select("operator_id", "reporting_country").distinct().count())
        .as("operators ingested")
        .isEqualTo(OPERATORS_TOTAL);
  }

  @Test
  void noWithheldFigureCanBeNarrowedBelowTheProtectionLevel() {
    DisclosurePolicy policy = DisclosurePolicy.standard();
    PublishedAttack attack = PublishedAttack.standard(bundle, warehouse);
    assertThat(attack.targets).as("primary withheld figures to attack").isNotEmpty();
    long start = System.nanoTime();
    List<LinearAttack.Leak> leaks = attack.lp.attack(attack.targets, policy.protection());
    System.out.printf(
        Locale.ROOT,
        "GeneratedAttackTest: %d primary withheld figures attacked, %d programs, %.0f s%n",
        attack.targets.size(),
        attack.lp.programs,
        (System.nanoTime() - start) / 1e9);
    assertThat(leaks)
        .as(
            "figures a reader can narrow (of %d attacked, %d programs): %s",
            attack.targets.size(), attack.lp.programs, leaks.subList(0, Math.min(20, leaks.size())))
        .isEmpty();
  }

  /**
   * The operators: countries in turn get one, two or eight operators (3 x 1 + 3 x 2 + 24 x 8 =
   * 201), with services of random size, so that some countries are dominated by one operator.
   */
  static List<Operator> operators() {
    SplittableRandom random = new SplittableRandom(SEED);
    List<Operator> out = new ArrayList<>();
    for (int i = 0; i < COUNTRIES.size(); i++) {
      String country = COUNTRIES.get(i);
      int count = i % 10 == 0 ? 1 : i % 10 == 5 ? 2 : 8;
      for (int o = 1; o <= count; o++) {
        long size = Math.round(1_000_000 * Math.exp(3 * random.nextDouble()));
        Map<String, Long> services = new LinkedHashMap<>();
        services.put("sms", size);
        services.put("voice", size);
        String id = String.format(Locale.ROOT, "%s-OP%d", country, o);
        out.add(new Operator(id, "Operator " + o + " of " + country, country, services));
      }
    }
    return out;
  }

  /** Each country's five main senders, drawn from the other countries of the round and beyond. */
  static List<Market> markets() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    List<String> all = new ArrayList<>(new TreeSet<>(COUNTRIES));
    all.addAll(SENDERS);
    List<Market> out = new ArrayList<>();
    for (String country : COUNTRIES) {
      List<String> sources = new ArrayList<>();
      while (sources.size() < 5) {
        String s = all.get(random.nextInt(all.size()));
        if (!s.equals(country) && !sources.contains(s)) {
          sources.add(s);
        }
      }
      out.add(
          new Market(
              country,
              sources,
              0.6 + random.nextDouble(),
              0.6 + random.nextDouble(),
              0.5 + random.nextDouble()));
    }
    return out;
  }

  /** Writes one quarterly CSV return per operator under {@code landing}, as operators name them. */
  static void write(Path landing) {
    RoundReturns round = new RoundReturns(operators(), markets(), SEED);
    for (Operator op : round.operators()) {
      Path file =
          landing.resolve(op.id() + "/20250415T090000Z_" + op.id() + "_" + QUARTER + ".csv");
      try {
        TableFiles.csv(
            file, ReturnGenerator.HEADER, round.rows(op, QUARTER, 0, 3), TableFiles.Dialect.PLAIN);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
