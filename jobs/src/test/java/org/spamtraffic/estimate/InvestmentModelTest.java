package org.spamtraffic.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The model without Spark: the worked example of the model document, and its properties. */
class InvestmentModelTest {
  private static final ParameterSet DEFAULTS = ParameterFile.defaults();

  /** Exampleland, as described in docs/investment-model.md section 9. */
  static CountryInputs exampleland() {
    Map<SpamType, TypeVolume> volumes = new EnumMap<>(SpamType.class);
    volumes.put(SpamType.EMAIL, new TypeVolume(900e6, 2e6, "market_size", "extrapolated", false));
    volumes.put(SpamType.SMS, new TypeVolume(300e6, 8e6, "market_size", "extrapolated", false));
    volumes.put(
        SpamType.VOICE,
        new TypeVolume(0, 8e6, "market_mobile_subscriptions", TypeVolume.EXTERNAL_RATE, true));
    Map<Readiness, Boolean> readiness = new EnumMap<>(Readiness.class);
    readiness.put(Readiness.ANTISPAM_LAW, true);
    readiness.put(Readiness.ENFORCEMENT_AUTHORITY, false);
    readiness.put(Readiness.NATIONAL_CONTACT_POINT, true);
    readiness.put(Readiness.INCIDENT_RESPONSE, true);
    readiness.put(Readiness.AWARENESS_PROGRAMME, false);
    readiness.put(Readiness.TRAINING_PROGRAMME, true);
    return new CountryInputs(
        "XXA",
        "Exampleland",
        "2026-Q2",
        "Africa",
        "Africa",
        false,
        false,
        false,
        true,
        4,
        volumes,
        readiness,
        10_000_000,
        "population",
        500_000.0,
        null);
  }

  @Test
  void reproducesTheWorkedExample() throws IOException {
    Map<String, double[]> documented = workedExampleTable();
    assertThat(documented).containsKeys("email.equipment", "need", "gap");

    ParameterValues base = DEFAULTS.values(Scenario.BASE);
    List<ComponentCost> components = InvestmentModel.components(exampleland(), base);
    Map<String, ComponentCost> byName = new LinkedHashMap<>();
    components.forEach(c -> byName.put(c.component(), c));
    List<String> documentedComponents = new ArrayList<>();
    for (String name : documented.keySet()) {
      if (name.contains(".") || name.equals("enforcement_authority") || name.startsWith("aware")) {
        documentedComponents.add(name);
      }
    }
    // The document lists exactly the components the model computes, no more, no fewer.
    assertThat(byName.keySet()).containsExactlyElementsOf(documentedComponents);
    for (String name : documentedComponents) {
      double[] doc = documented.get(name);
      ComponentCost c = byName.get(name);
      assertThat(c.capexUsd()).as(name + " capital cost").isCloseTo(doc[0], within(0.005));
      assertThat(c.opexAnnualUsd()).as(name + " yearly cost").isCloseTo(doc[1], within(0.005));
      assertThat(c.presentValueUsd()).as(name + " present value").isCloseTo(doc[2], within(0.005));
    }
    CountryTotals t = InvestmentModel.totals(exampleland(), base);
    assertThat(t.technicalUsd()).isCloseTo(documented.get("technical")[2], within(0.005));
    assertThat(t.institutionalUsd()).isCloseTo(documented.get("institutional")[2], within(0.005));
    assertThat(t.needUsd()).isCloseTo(documented.get("need")[2], within(0.005));
    assertThat(t.existingUsd()).isCloseTo(documented.get("existing")[2], within(0.005));
    assertThat(t.gapUsd()).isCloseTo(documented.get("gap")[2], within(0.005));
    assertThat(base.annuityFactor()).isCloseTo(4.212363786, within(1e-9));
  }

  @Test
  void moreSpamNeverLowersTheTechnicalNeed() {
    Random random = new Random(7);
    for (int trial = 0; trial < 300; trial++) {
      CountryInputs c = randomCountry(random);
      SpamType type = SpamType.values()[random.nextInt(SpamType.values().length)];
      TypeVolume before =
          c.volumes()
              .getOrDefault(type, new TypeVolume(0, 1e6 * random.nextDouble(), "x", "y", false));
      CountryInputs less = c.withVolume(type, before);
      CountryInputs more =
          c.withVolume(
              type,
              new TypeVolume(
                  before.peakQuarterSpam() * (1 + 3 * random.nextDouble()) + random.nextInt(1000),
                  before.users(),
                  before.usersBasis(),
                  before.method(),
                  before.imputed()));
      for (Scenario s : Scenario.values()) {
        ParameterValues v = DEFAULTS.values(s);
        assertThat(InvestmentModel.totals(more, v).technicalUsd())
            .as("trial %d, %s, %s", trial, type, s)
            .isGreaterThanOrEqualTo(InvestmentModel.totals(less, v).technicalUsd());
      }
    }
    // and it does rise: the property is not met by a model that ignores volumes
    CountryInputs doubled =
        exampleland()
            .withVolume(
                SpamType.EMAIL, new TypeVolume(1800e6, 2e6, "market_size", "extrapolated", false));
    ParameterValues base = DEFAULTS.values(Scenario.BASE);
    assertThat(InvestmentModel.totals(doubled, base).technicalUsd())
        .isGreaterThan(InvestmentModel.totals(exampleland(), base).technicalUsd());
  }

  @Test
  void aCountryReadyOnEveryQuestionHasNoInstitutionalComponent() {
    Random random = new Random(11);
    for (int trial = 0; trial < 50; trial++) {
      CountryInputs c = randomCountry(random);
      Map<Readiness, Boolean> allYes = new EnumMap<>(Readiness.class);
      for (Readiness r : Readiness.values()) {
        allYes.put(r, true);
      }
      CountryInputs ready = withReadiness(c, allYes);
      for (Scenario s : Scenario.values()) {
        List<ComponentCost> components = InvestmentModel.components(ready, DEFAULTS.values(s));
        assertThat(components).noneMatch(k -> k.group().equals("institutional"));
        assertThat(InvestmentModel.totals(ready, DEFAULTS.values(s)).institutionalUsd()).isZero();
      }
    }
    // each "no" alone triggers exactly its own component
    for (Readiness r : Readiness.values()) {
      Map<Readiness, Boolean> answers = new EnumMap<>(Readiness.class);
      for (Readiness q : Readiness.values()) {
        answers.put(q, q != r);
      }
      List<ComponentCost> institutional =
          InvestmentModel.components(
                  withReadiness(exampleland(), answers), DEFAULTS.values(Scenario.BASE))
              .stream()
              .filter(k -> k.group().equals("institutional"))
              .toList();
      assertThat(institutional).extracting(ComponentCost::component).containsExactly(r.component());
      assertThat(institutional.get(0).presentValueUsd()).isPositive();
    }
  }

  @Test
  void unknownAnswersAreNotGuessed() {
    CountryInputs unknown = withReadiness(exampleland(), new EnumMap<>(Readiness.class));
    assertThat(unknown.readinessUnknown()).isTrue();
    assertThat(InvestmentModel.totals(unknown, DEFAULTS.values(Scenario.HIGH)).institutionalUsd())
        .isZero();
  }

  @Test
  void lowBaseHighAreOrderedForEveryComponent() {
    Random random = new Random(3);
    for (int trial = 0; trial < 200; trial++) {
      CountryInputs c = randomCountry(random);
      List<ComponentCost> low = InvestmentModel.components(c, DEFAULTS.values(Scenario.LOW));
      List<ComponentCost> base = InvestmentModel.components(c, DEFAULTS.values(Scenario.BASE));
      List<ComponentCost> high = InvestmentModel.components(c, DEFAULTS.values(Scenario.HIGH));
      assertThat(low).hasSameSizeAs(base).hasSameSizeAs(high);
      for (int i = 0; i < low.size(); i++) {
        assertThat(base.get(i).component()).isEqualTo(low.get(i).component());
        assertThat(low.get(i).presentValueUsd())
            .as(low.get(i).component())
            .isLessThanOrEqualTo(base.get(i).presentValueUsd());
        assertThat(base.get(i).presentValueUsd())
            .as(base.get(i).component())
            .isLessThanOrEqualTo(high.get(i).presentValueUsd());
      }
      CountryTotals tl = InvestmentModel.totals(c, DEFAULTS.values(Scenario.LOW));
      CountryTotals tb = InvestmentModel.totals(c, DEFAULTS.values(Scenario.BASE));
      CountryTotals th = InvestmentModel.totals(c, DEFAULTS.values(Scenario.HIGH));
      assertThat(tl.gapUsd()).isLessThanOrEqualTo(tb.gapUsd());
      assertThat(tb.gapUsd()).isLessThanOrEqualTo(th.gapUsd());
    }
  }

  @Test
  void drawsStayInRangeAndHaveTheDistributionsMeans() {
    Range r = new Range(2, 3, 10);
    for (Distribution d : Distribution.values()) {
      SplittableRandom rng = new SplittableRandom(1);
      double sum = 0;
      int n = 200_000;
      for (int i = 0; i < n; i++) {
        double x = d.sample(r, rng);
        assertThat(x).isBetween(2.0, 10.0);
        sum += x;
      }
      double expected = d == Distribution.PERT ? (2 + 4 * 3 + 10) / 6.0 : (2 + 3 + 10) / 3.0;
      assertThat(sum / n).as(d.key()).isCloseTo(expected, within(0.02));
    }
    assertThat(Distribution.PERT.sample(new Range(5, 5, 5), new SplittableRandom(1))).isEqualTo(5);
  }

  @Test
  void aDrawDependsOnlyOnSeedAndId() {
    ParameterValues a = MonteCarlo.draw(DEFAULTS, 52, 17, Distribution.PERT);
    assertThat(MonteCarlo.draw(DEFAULTS, 52, 17, Distribution.PERT)).isEqualTo(a);
    assertThat(MonteCarlo.draw(DEFAULTS, 52, 18, Distribution.PERT)).isNotEqualTo(a);
    assertThat(MonteCarlo.draw(DEFAULTS, 53, 17, Distribution.PERT)).isNotEqualTo(a);
  }

  @Test
  void distributionNamesAreChecked() {
    assertThat(Distribution.byKey("triangular")).isEqualTo(Distribution.TRIANGULAR);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Distribution.byKey("normal"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown distribution 'normal': use pert or triangular");
  }

  static CountryInputs randomCountry(Random random) {
    Map<SpamType, TypeVolume> volumes = new EnumMap<>(SpamType.class);
    for (SpamType t : SpamType.values()) {
      if (random.nextBoolean()) {
        volumes.put(
            t,
            new TypeVolume(
                random.nextDouble() * 1e9,
                random.nextDouble() * 5e7,
                "market_size",
                "extrapolated",
                random.nextBoolean()));
      }
    }
    Map<Readiness, Boolean> readiness = new EnumMap<>(Readiness.class);
    for (Readiness r : Readiness.values()) {
      int pick = random.nextInt(3);
      readiness.put(r, pick == 0 ? null : pick == 1);
    }
    return new CountryInputs(
        "R" + random.nextInt(100),
        "Random",
        "2026-Q2",
        "Europe",
        null,
        random.nextBoolean(),
        random.nextBoolean(),
        random.nextBoolean(),
        random.nextBoolean(),
        random.nextInt(6),
        volumes,
        readiness,
        random.nextDouble() * 2e8,
        "population",
        random.nextBoolean() ? random.nextDouble() * 5e6 : null,
        null);
  }

  static CountryInputs withReadiness(CountryInputs c, Map<Readiness, Boolean> answers) {
    return new CountryInputs(
        c.countryCode(),
        c.countryName(),
        c.quarter(),
        c.ituRegion(),
        c.m49Region(),
        c.ldc(),
        c.lldc(),
        c.sids(),
        c.developing(),
        c.reportingOperators(),
        c.volumes(),
        answers,
        c.population(),
        c.populationBasis(),
        c.currentAnnualUsd(),
        c.plannedAnnualUsd());
  }

  /** The table between the worked-example markers: name → capital, yearly, present value. */
  /** The worked example's table of {@code docs/investment-model.md}: name → capex, opex, PV. */
  static Map<String, double[]> workedExampleTable() throws IOException {
    Path doc = Path.of(System.getProperty("user.dir")).resolve("../docs/investment-model.md");
    List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
    Map<String, double[]> out = new LinkedHashMap<>();
    boolean inside = false;
    for (String line : lines) {
      if (line.startsWith("<!-- worked-example")) {
        inside = true;
        continue;
      }
      if (line.startsWith("<!-- end worked-example")) {
        break;
      }
      if (!inside || !line.startsWith("| ") || line.startsWith("| Component")) {
        continue;
      }
      String[] cells = line.split("\\|", -1);
      String name = cells[1].trim().replace("**", "").split(" ")[0];
      out.put(name, new double[] {number(cells[2]), number(cells[3]), number(cells[4])});
    }
    return out;
  }

  private static double number(String cell) {
    String s = cell.trim();
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }
}
