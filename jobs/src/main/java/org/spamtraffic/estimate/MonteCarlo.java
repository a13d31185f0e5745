package org.spamtraffic.estimate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Monte Carlo over the parameter ranges, in Spark: the draws are a range of ids; each draw derives
 * its own random generator from the seed and its id (so the numbers do not depend on partitioning
 * or on how many cores run them), draws every parameter, evaluates the model for every country and
 * sums the countries into their areas. Percentiles are then taken per area over the draws.
 *
 * <p>Parameters are drawn independently of each other, and one draw holds for every country: the
 * uncertainty is about unit costs and rates, which are common to all countries. The forecast's
 * growth rates are parameters too ({@code spam_growth_rate.<type>}), so the draws carry the
 * forecast's uncertainty. The world figure is extrapolated in every draw from a bootstrap resample
 * of each development group's countries ({@link WorldExtrapolation}).
 */
public final class MonteCarlo {
  /** The measures given percentiles, in output order. */
  public static final List<String> MEASURES = List.of("technical", "institutional", "need", "gap");

  private MonteCarlo() {}

  /**
   * Percentiles per area and measure.
   *
   * @return per area and measure, sorted by level and area
   */
  public static List<Interval> intervals(
      SparkSession spark,
      List<CountryInputs> countries,
      ParameterSet parameters,
      int draws,
      long seed,
      Distribution distribution,
      WorldExtrapolation world) {
    if (draws < 1) {
      throw new IllegalArgumentException("Monte Carlo needs at least one draw, got " + draws);
    }
    StructType perDraw =
        new StructType()
            .add("draw", DataTypes.LongType, false)
            .add("area", DataTypes.IntegerType, false)
            .add("technical", DataTypes.DoubleType, false)
            .add("institutional", DataTypes.DoubleType, false)
            .add("need", DataTypes.DoubleType, false)
            .add("gap", DataTypes.DoubleType, false)
            .add("technical_at_most_base", DataTypes.IntegerType, false)
            .add("institutional_at_most_base", DataTypes.IntegerType, false)
            .add("need_at_most_base", DataTypes.IntegerType, false)
            .add("gap_at_most_base", DataTypes.IntegerType, false);
    // Areas travel as indexes into this list: a shuffle of ints, not of three strings a row.
    List<Area> areas = new ArrayList<>();
    Map<Area, Integer> index = new LinkedHashMap<>();
    int[][] countryAreas = new int[countries.size()][];
    for (int i = 0; i < countries.size(); i++) {
      List<Area> of = Area.of(countries.get(i));
      countryAreas[i] = new int[of.size()];
      for (int j = 0; j < of.size(); j++) {
        Area a = of.get(j);
        Integer k = index.get(a);
        if (k == null) {
          k = areas.size();
          index.put(a, k);
          areas.add(a);
        }
        countryAreas[i][j] = k;
      }
    }
    int worldIndex = areas.size();
    areas.add(Area.THE_WORLD);
    // The base scenario of every area, to say where it falls among the draws.
    double[][] base =
        new Evaluation(countries, countryAreas, areas.size(), world)
            .sums(parameters.values(Scenario.BASE), null);
    int slices = Math.max(1, Math.min(draws, spark.sparkContext().defaultParallelism() * 2));
    Dataset<Row> sums =
        spark
            .range(0, draws, 1, slices)
            .mapPartitions(
                new DrawEvaluator(
                    new Evaluation(countries, countryAreas, areas.size(), world),
                    base,
                    parameters,
                    seed,
                    distribution),
                Encoders.row(perDraw));
    List<org.apache.spark.sql.Column> aggs = new ArrayList<>();
    for (String m : MEASURES) {
      aggs.add(expr("percentile(" + m + ", array(0.05, 0.5, 0.95))").as(m + "_p"));
      // The mean of the sorted values: the same sum in the same order on every run, whatever order
      // the partial aggregates arrive in.
      aggs.add(
          expr("aggregate(array_sort(collect_list("
                  + m
                  + ")), cast(0 as double), (acc, x) -> acc + x) / count("
                  + m
                  + ")")
              .as(m + "_mean"));
      aggs.add(expr("avg(" + m + "_at_most_base)").as(m + "_base_percentile"));
    }
    List<Row> grouped =
        sums.groupBy(col("area"))
            .agg(
                aggs.get(0),
                aggs.subList(1, aggs.size()).toArray(org.apache.spark.sql.Column[]::new))
            .collectAsList();
    List<Interval> out = new ArrayList<>();
    for (Row g : grouped) {
      Area area = areas.get(g.getInt(0));
      for (String m : MEASURES) {
        List<Object> p = g.getList(g.fieldIndex(m + "_p"));
        out.add(
            new Interval(
                area,
                m,
                (Double) p.get(0),
                (Double) p.get(1),
                (Double) p.get(2),
                g.getDouble(g.fieldIndex(m + "_mean")),
                base[g.getInt(0)][MEASURES.indexOf(m)],
                g.getDouble(g.fieldIndex(m + "_base_percentile"))));
      }
    }
    out.sort(
        Comparator.comparing((Interval i) -> Area.LEVELS.indexOf(i.area().level()))
            .thenComparing(i -> i.area().area())
            .thenComparing(i -> MEASURES.indexOf(i.measure())));
    return out;
  }

  /**
   * The spread of one measure of one area over the draws.
   *
   * @param area the country or rollup
   * @param measure one of {@link #MEASURES}
   * @param p5 5th percentile (linear interpolation between order statistics), USD
   * @param p50 median, USD
   * @param p95 95th percentile, USD
   * @param mean mean, USD
   * @param base the base scenario (every parameter at its base value), USD
   * @param basePercentile the share of draws at or below the base scenario (0..1): where the base
   *     case falls in the distribution
   */
  public record Interval(
      Area area,
      String measure,
      double p5,
      double p50,
      double p95,
      double mean,
      double base,
      double basePercentile) {}

  /** The parameter values of draw {@code draw}: a pure function of the seed and the draw id. */
  public static ParameterValues draw(
      ParameterSet parameters, long seed, long draw, Distribution distribution) {
    SplittableRandom rng = new SplittableRandom(mix64(seed ^ mix64(draw + 0x632BE59BD9B4E019L)));
    double[] v = new double[Parameter.values().length];
    for (Parameter p : Parameter.values()) {
      v[p.ordinal()] = distribution.sample(parameters.range(p), rng);
    }
    return new ParameterValues(v, parameters.horizonYears(), parameters.discountRate());
  }

  /** Stafford's variant 13 of the MurmurHash3 finaliser: spreads nearby ids over all bits. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The model over every country for one set of parameter values, summed into the areas. */
  private static final class Evaluation implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<CountryInputs> countries;
    private final int[][] countryAreas;
    private final int areaCount;
    private final WorldExtrapolation world;

    Evaluation(
        List<CountryInputs> countries,
        int[][] countryAreas,
        int areaCount,
        WorldExtrapolation world) {
      this.countries = new ArrayList<>(countries);
      this.countryAreas = countryAreas;
      this.areaCount = areaCount;
      this.world = world;
    }

    /**
     * Technical, institutional, need and gap per area (the world last), with {@code resample} for
     * the world's bootstrap (null: none).
     */
    double[][] sums(ParameterValues v, SplittableRandom resample) {
      double[][] sums = new double[areaCount][4];
      CountryTotals[] totals = new CountryTotals[countries.size()];
      for (int i = 0; i < countries.size(); i++) {
        CountryTotals t = InvestmentModel.totals(countries.get(i), v);
        totals[i] = t;
        for (int a : countryAreas[i]) {
          sums[a][0] += t.technicalUsd();
          sums[a][1] += t.institutionalUsd();
          sums[a][2] += t.needUsd();
          sums[a][3] += t.gapUsd();
        }
      }
      double[] w = world.total(totals, resample);
      sums[areaCount - 1] = new double[] {w[0], w[1], w[2], w[3]};
      return sums;
    }
  }

  /** Evaluates the draws of one partition. */
  private static final class DrawEvaluator
      implements MapPartitionsFunction<Long, Row>, Serializable {
    private static final long serialVersionUID = 1L;

    private final Evaluation evaluation;
    private final double[][] base;
    private final ParameterSet parameters;
    private final long seed;
    private final Distribution distribution;

    DrawEvaluator(
        Evaluation evaluation,
        double[][] base,
        ParameterSet parameters,
        long seed,
        Distribution distribution) {
      this.evaluation = evaluation;
      this.base = base;
      this.parameters = parameters;
      this.seed = seed;
      this.distribution = distribution;
    }

    @Override
    public Iterator<Row> call(Iterator<Long> ids) {
      // One draw's rows at a time: a partition's draws never sit in memory together.
      return new Iterator<>() {
        private final List<Row> buffer = new ArrayList<>();
        private int next;

        @Override
        public boolean hasNext() {
          if (next < buffer.size()) {
            return true;
          }
          if (!ids.hasNext()) {
            return false;
          }
          evaluate(ids.next(), buffer);
          next = 0;
          return true;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          return buffer.get(next++);
        }
      };
    }

    private void evaluate(long id, List<Row> out) {
      out.clear();
      ParameterValues v = draw(parameters, seed, id, distribution);
      // The bootstrap has its own stream, so that it does not shift the parameters' draws.
      SplittableRandom resample =
          new SplittableRandom(mix64(~seed ^ mix64(id + 0x2545F4914F6CDD1DL)));
      double[][] sums = evaluation.sums(v, resample);
      for (int a = 0; a < sums.length; a++) {
        double[] s = sums[a];
        out.add(
            RowFactory.create(
                id,
                a,
                s[0],
                s[1],
                s[2],
                s[3],
                s[0] <= base[a][0] ? 1 : 0,
                s[1] <= base[a][1] ? 1 : 0,
                s[2] <= base[a][2] ? 1 : 0,
                s[3] <= base[a][3] ? 1 : 0));
      }
    }
  }
}
