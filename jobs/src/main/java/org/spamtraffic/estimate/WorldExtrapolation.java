package org.spamtraffic.estimate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.spamtraffic.schema.Countries;
import org.spamtraffic.schema.DevelopmentStatus;
import org.spamtraffic.schema.ItuMemberStates;
import org.spamtraffic.schema.Population;
import org.spamtraffic.schema.ReferenceCsv;

/**
 * The world figure ({@code docs/investment-model.md}, section 6): the reporting countries' own need
 * plus, for every ITU Member State the study does not cover, the need of a country like it, by
 * development group.
 *
 * <p>Groups (strata): least developed countries, other developing countries, developed countries
 * (UN LDC list and the UNSD convention of {@code schemas/reference/}). In each, a missing Member
 * State's technical need is the group's technical need per inhabitant times its population
 * (technical costs follow users, users follow population), its institutional need the group's mean
 * institutional need per country (those costs are mostly fixed per country), and its gap the
 * group's gap as a share of its need. A group with fewer than 2 countries in the study is merged
 * into a neighbour: LDCs into the developing countries, then everything into one group.
 *
 * <p>Its interval: in every Monte Carlo draw the countries of each group are also resampled with
 * replacement (a bootstrap), so that P5 and P95 carry both the parameters' uncertainty and that of
 * generalising from a few countries to many. It cannot carry what the study's countries do not show
 * (that countries which do not report differ from those that do).
 */
public final class WorldExtrapolation implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A country of the world to extrapolate to, from the reference data. */
  record MemberState(String code, String group, double population) implements Serializable {}

  /**
   * One group.
   *
   * @param name {@code ldc}, {@code developing}, {@code developed}, or a merge of them
   * @param sample indexes (into the estimate's countries) of the group's countries in the study
   * @param missing Member States of the group the study does not cover
   * @param missingPopulation their population
   */
  public record Stratum(String name, int[] sample, List<String> missing, double missingPopulation)
      implements Serializable {}

  static final String LDC = "ldc";
  static final String DEVELOPING = "developing";
  static final String DEVELOPED = "developed";

  private final List<Stratum> strata;
  private final double[] population;
  private final int memberStates;

  private WorldExtrapolation(List<Stratum> strata, double[] population, int memberStates) {
    this.strata = strata;
    this.population = population;
    this.memberStates = memberStates;
  }

  /** The extrapolation from {@code countries} to the ITU Member States of the reference data. */
  public static WorldExtrapolation of(List<CountryInputs> countries) {
    Map<String, Boolean> ldc = new LinkedHashMap<>();
    for (Map<String, String> row : ReferenceCsv.rows(Countries.FILE)) {
      ldc.put(row.get("alpha3"), Boolean.parseBoolean(row.get("ldc")));
    }
    List<MemberState> members = new ArrayList<>();
    for (String code : ItuMemberStates.alpha3()) {
      String group =
          Boolean.TRUE.equals(ldc.get(code))
              ? LDC
              : DevelopmentStatus.DEVELOPED.equals(DevelopmentStatus.byAlpha3().get(code))
                  ? DEVELOPED
                  : DEVELOPING;
      Long pop = Population.byAlpha3().get(code);
      members.add(new MemberState(code, group, pop == null ? 0 : pop));
    }
    return of(countries, members);
  }

  /** The extrapolation from {@code countries} to {@code members}. */
  static WorldExtrapolation of(List<CountryInputs> countries, List<MemberState> members) {
    Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
    for (String g : List.of(LDC, DEVELOPING, DEVELOPED)) {
      byGroup.put(g, new ArrayList<>());
    }
    Set<String> covered = new HashSet<>();
    double[] population = new double[countries.size()];
    for (int i = 0; i < countries.size(); i++) {
      CountryInputs c = countries.get(i);
      covered.add(c.countryCode());
      population[i] = c.population();
      byGroup.get(groupOf(c)).add(i);
    }
    Map<String, String> stratumOf = new LinkedHashMap<>();
    for (String g : byGroup.keySet()) {
      stratumOf.put(g, g);
    }
    if (byGroup.get(LDC).size() < 2) {
      stratumOf.put(LDC, DEVELOPING);
    }
    int developing =
        byGroup.get(DEVELOPING).size()
            + (stratumOf.get(LDC).equals(DEVELOPING) ? byGroup.get(LDC).size() : 0);
    if (developing < 2 || byGroup.get(DEVELOPED).size() < 2) {
      stratumOf.replaceAll((g, s) -> "all");
    }
    Map<String, List<Integer>> samples = new LinkedHashMap<>();
    Map<String, List<String>> missing = new LinkedHashMap<>();
    Map<String, double[]> missingPopulation = new LinkedHashMap<>();
    for (Map.Entry<String, List<Integer>> e : byGroup.entrySet()) {
      String s = stratumOf.get(e.getKey());
      samples.computeIfAbsent(s, k -> new ArrayList<>()).addAll(e.getValue());
      missing.computeIfAbsent(s, k -> new ArrayList<>());
      missingPopulation.computeIfAbsent(s, k -> new double[1]);
    }
    for (MemberState m : members) {
      if (!covered.contains(m.code())) {
        String s = stratumOf.get(m.group());
        missing.get(s).add(m.code());
        missingPopulation.get(s)[0] += m.population();
      }
    }
    List<Stratum> strata = new ArrayList<>();
    for (String s : samples.keySet()) {
      int[] sample = samples.get(s).stream().mapToInt(Integer::intValue).toArray();
      strata.add(new Stratum(s, sample, missing.get(s), missingPopulation.get(s)[0]));
    }
    return new WorldExtrapolation(strata, population, members.size());
  }

  private static String groupOf(CountryInputs c) {
    return c.ldc() ? LDC : c.developing() ? DEVELOPING : DEVELOPED;
  }

  /** The groups, after merging. */
  public List<Stratum> strata() {
    return strata;
  }

  /** Member States added by extrapolation (not covered by the study). */
  public int extrapolatedCountries() {
    int n = 0;
    for (Stratum s : strata) {
      n += s.missing().size();
    }
    return n;
  }

  /** ITU Member States in the reference data. */
  public int memberStates() {
    return memberStates;
  }

  /**
   * The world's totals: {@code technical, institutional, need, gap, existing, planned}, in USD.
   *
   * @param perCountry every estimated country's totals, in the order the extrapolation was made
   *     with
   * @param resample a generator to resample each group's countries with (a bootstrap draw), or null
   *     to use each group's countries once
   */
  public double[] total(CountryTotals[] perCountry, SplittableRandom resample) {
    double technical = 0;
    double institutional = 0;
    double gap = 0;
    double existing = 0;
    double planned = 0;
    for (CountryTotals t : perCountry) {
      technical += t.technicalUsd();
      institutional += t.institutionalUsd();
      gap += t.gapUsd();
      existing += t.existingUsd();
      planned += t.plannedUsd();
    }
    for (Stratum s : strata) {
      if (s.missing().isEmpty() || s.sample().length == 0) {
        continue;
      }
      double tech = 0;
      double inst = 0;
      double pop = 0;
      double need = 0;
      double gaps = 0;
      int n = s.sample().length;
      for (int k = 0; k < n; k++) {
        int i = resample == null ? s.sample()[k] : s.sample()[resample.nextInt(n)];
        CountryTotals t = perCountry[i];
        if (population[i] > 0) {
          tech += t.technicalUsd();
          pop += population[i];
        }
        inst += t.institutionalUsd();
        need += t.needUsd();
        gaps += t.gapUsd();
      }
      double missingTechnical = pop > 0 ? tech / pop * s.missingPopulation() : 0;
      double missingInstitutional = inst / n * s.missing().size();
      double gapShare = need > 0 ? gaps / need : 1;
      technical += missingTechnical;
      institutional += missingInstitutional;
      gap += gapShare * (missingTechnical + missingInstitutional);
    }
    return new double[] {
      technical, institutional, technical + institutional, gap, existing, planned
    };
  }
}
