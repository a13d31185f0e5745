package org.spamtraffic.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.stage.StageResult;
import org.spamtraffic.warehouse.Contracts;
import org.spamtraffic.warehouse.Warehouse;

/**
 * Disclosure control: writes {@code published_volumes}, {@code published_coverage}, {@code
 * published_routes} and {@code published_sources} from the analyst tables of {@code aggregate}, in
 * one warehouse commit, under the {@link DisclosurePolicy}.
 *
 * <p>Every row of volumes, sources and routes of one quarter and spam type is one independent block
 * ({@link PublishBlock}): primary suppression (threshold and dominance rules), then secondary
 * suppression verified by a linear-programming audit over every relation of every hierarchy and
 * table together ({@link Suppression}). Blocks are solved in Spark tasks (grouped by quarter and
 * type); nothing is collected to the driver but the reference table of countries and one line of
 * counts per block.
 *
 * <p>What a withheld row shows: its keys, {@code suppressed} and the category of rule in {@code
 * suppression_reason}; every figure and every hint about a figure (operator counts, estimate
 * method, low-coverage flag, rank) is null. Derived figures follow one rule: a ratio is published
 * only where its numerator and denominator are both published (shares of an area need the area's
 * row; shares of a destination need every flow into it; growth needs both quarters), and ranks are
 * ranks among the published sources of an area, so that they say nothing of withheld ones.
 */
public final class PublishJob {
  /** The tables this job writes. */
  public static final List<String> TABLES =
      List.of("published_volumes", "published_coverage", "published_routes", "published_sources");

  private final SparkSession spark;

  public PublishJob(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * What to run on.
   *
   * @param warehouse the warehouse holding the tables of {@code aggregate}
   * @param policy the disclosure policy
   */
  public record Options(Warehouse warehouse, DisclosurePolicy policy) {
    public Options {
      if (warehouse == null || policy == null) {
        throw new IllegalArgumentException("publish needs a warehouse and a disclosure policy");
      }
    }

    /** The study's policy ({@code schemas/disclosure-policy.json}). */
    public static Options defaults(Warehouse warehouse) {
      return new Options(warehouse, DisclosurePolicy.standard());
    }
  }

  /**
   * What the job did.
   *
   * @param policy the policy applied
   * @param rows rows written, by table
   * @param suppressed rows withheld, by table
   * @param blocks independent blocks solved
   * @param audited primary figures audited by linear programming
   * @param repairs rows withheld because an audit found a figure not protected
   * @param commit the warehouse commit number
   */
  public record Result(
      DisclosurePolicy policy,
      Map<String, Long> rows,
      Map<String, Long> suppressed,
      long blocks,
      long audited,
      long repairs,
      long commit)
      implements StageResult {
    @Override
    public String summary() {
      StringBuilder s =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "k=%d, max share %.0f%%, protection %.0f%%; %,d blocks, %,d figures audited, %,d"
                      + " rows withheld on audit →",
                  policy.minOperators(),
                  policy.maxShare() * 100,
                  policy.protection() * 100,
                  blocks,
                  audited,
                  repairs));
      rows.forEach(
          (t, n) ->
              s.append(
                  String.format(
                      Locale.ROOT,
                      " %s %,d (%,d withheld)",
                      t,
                      n,
                      suppressed.getOrDefault(t, 0L))));
      return s.toString();
    }
  }

  /** Runs the job and commits the published tables at once. */
  public Result run(Options options) {
    Warehouse warehouse = options.warehouse();
    for (String input : List.of("countries", "volumes", "coverage", "routes", "sources")) {
      if (!warehouse.has(input)) {
        throw new IllegalStateException(
            "The warehouse at "
                + warehouse.root()
                + " has no "
                + input
                + " table: run aggregate before publish");
      }
    }
    Hierarchy hierarchy = Hierarchy.of(warehouse.read("countries").collectAsList());
    Dataset<Row> volumes = warehouse.read("volumes");
    Dataset<Row> routes = warehouse.read("routes");
    Dataset<Row> sources = warehouse.read("sources");

    Dataset<Row> decisions =
        blockInput(volumes, sources, routes)
            .groupByKey(
                (MapFunction<Row, String>) r -> r.getAs("quarter") + "|" + r.getAs("spam_type"),
                Encoders.STRING())
            .flatMapGroups(
                new PublishBlock(hierarchy, options.policy()), Encoders.row(PublishBlock.DECISIONS))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long blocks = 0;
      long audited = 0;
      long repairs = 0;
      List<String> unprotected = new ArrayList<>();
      for (Row s : decisions.filter(col("table").equalTo(PublishBlock.STATS)).collectAsList()) {
        blocks++;
        audited += s.<Long>getAs("audited");
        repairs += s.<Long>getAs("repairs");
        if (s.getAs("unprotected") != null) {
          unprotected.add(s.getAs("unprotected"));
        }
      }
      if (!unprotected.isEmpty()) {
        // Cannot happen while withholding everything protects every figure; refuse to publish.
        throw new IllegalStateException(
            "Disclosure control could not protect: " + String.join("; ", unprotected));
      }

      Dataset<Row> volumeDecisions =
          decisions
              .filter(col("table").equalTo("volumes"))
              .select("level", "area", "quarter", "spam_type", "reason");
      Map<String, Dataset<Row>> out = new LinkedHashMap<>();
      out.put("published_volumes", publishedVolumes(volumes, volumeDecisions));
      out.put("published_coverage", publishedCoverage(warehouse.read("coverage"), volumeDecisions));
      out.put(
          "published_routes",
          publishedRoutes(
              routes,
              decisions
                  .filter(col("table").equalTo("routes"))
                  .select(
                      "quarter",
                      "spam_type",
                      "source_country",
                      "destination_country",
                      "entry_route",
                      "reason")));
      out.put(
          "published_sources",
          publishedSources(
              sources,
              decisions
                  .filter(col("table").equalTo("sources"))
                  .select(
                      "level", "area", "quarter", "spam_type", "source_kind", "source", "reason"),
              volumeDecisions));

      Warehouse.Transaction tx = warehouse.begin("publish");
      Map<String, Long> rows = new LinkedHashMap<>();
      Map<String, Long> withheld = new LinkedHashMap<>();
      for (Map.Entry<String, Dataset<Row>> e : out.entrySet()) {
        TableContract contract = TableContract.load(e.getKey());
        Dataset<Row> frame = Contracts.conform(contract, e.getValue());
        tx.write(e.getKey(), frame);
        Row counts = frame.agg(count(lit(1)), sum(col("suppressed").cast("long"))).first();
        long n = counts.getLong(0);
        rows.put(e.getKey(), n);
        withheld.put(e.getKey(), counts.isNullAt(1) ? 0 : counts.getLong(1));
        tx.rows(e.getKey(), n);
      }
      long commit = tx.commit().number();
      return new Result(options.policy(), rows, withheld, blocks, audited, repairs, commit);
    } finally {
      decisions.unpersist();
    }
  }

  /** The rows of the three tables in the shape {@link PublishBlock} reads. */
  static Dataset<Row> blockInput(Dataset<Row> volumes, Dataset<Row> sources, Dataset<Row> routes) {
    Column offNet = lit(0.0);
    for (String route : PublishBlock.ROUTE_FIGURES.get("spam_via_off_net")) {
      offNet = offNet.plus(col("spam_via_" + route).cast("double"));
    }
    List<Column> v = new ArrayList<>();
    v.add(lit("volumes").as("_table"));
    v.addAll(
        cols("quarter", "spam_type", "level", "area", "reporting_operators", "top_operator_share"));
    for (String f : PublishBlock.VOLUME_FIGURES) {
      if (f.equals("spam_via_off_net")) {
        v.add(offNet.as(f));
      } else if (f.equals("spam_detected_with_traffic")) {
        // What spam_share x total_traffic gives back.
        v.add(col("spam_share").multiply(col("total_traffic").cast("double")).as(f));
      } else {
        v.add(col(f).cast("double").as(f));
      }
    }
    Dataset<Row> s =
        sources.select(
            lit("sources").as("_table"),
            col("quarter"),
            col("spam_type"),
            col("level"),
            col("area"),
            col("source_kind"),
            col("source"),
            col("reporting_operators"),
            col("top_operator_share"),
            col("spam_detected").cast("double").as("spam_detected"));
    Dataset<Row> r =
        routes.select(
            lit("routes").as("_table"),
            col("quarter"),
            col("spam_type"),
            col("source_country"),
            col("destination_country"),
            col("entry_route"),
            col("reporting_operators"),
            col("top_operator_share"),
            col("spam_detected").cast("double").as("spam_detected"),
            col("spam_blocked").cast("double").as("spam_blocked"));
    return volumes.select(v.toArray(Column[]::new)).unionByName(s, true).unionByName(r, true);
  }

  private static List<Column> cols(String... names) {
    List<Column> out = new ArrayList<>();
    for (String n : names) {
      out.add(col(n));
    }
    return out;
  }

  /** Columns a withheld row keeps: keys, and figures that come from no operator. */
  static final Map<String, Set<String>> KEPT =
      Map.of(
          "published_volumes", Set.of("level", "area", "area_name", "quarter", "spam_type"),
          "published_coverage",
              Set.of(
                  "country_code",
                  "quarter",
                  "spam_type",
                  "market_size",
                  "market_source",
                  "coverage_status"),
          "published_routes",
              Set.of(
                  "quarter",
                  "spam_type",
                  "source_country",
                  "destination_country",
                  "entry_route",
                  "net"),
          "published_sources",
              Set.of(
                  "level",
                  "area",
                  "quarter",
                  "spam_type",
                  "source_kind",
                  "source",
                  "source_network_kind"));

  /**
   * The contract's columns of {@code joined} (which has a {@code reason} column): a withheld row
   * keeps only {@link #KEPT} columns; {@code overrides} replace a column for published rows.
   */
  private static Dataset<Row> publish(
      String table, Dataset<Row> joined, Map<String, Column> overrides, List<String> order) {
    Column withheld = col("reason").isNotNull();
    List<Column> select = new ArrayList<>();
    for (TableContract.Column c : TableContract.load(table).columns()) {
      String name = c.name();
      if (name.equals("suppressed")) {
        select.add(withheld.as(name));
      } else if (name.equals("suppression_reason")) {
        select.add(col("reason").as(name));
      } else {
        Column value = overrides.getOrDefault(name, col(name));
        select.add(
            KEPT.get(table).contains(name)
                ? value.as(name)
                : when(withheld, lit(null)).otherwise(value).as(name));
      }
    }
    return joined
        .select(select.toArray(Column[]::new))
        .orderBy(cols(order.toArray(String[]::new)).toArray(Column[]::new));
  }

  static Dataset<Row> publishedVolumes(Dataset<Row> volumes, Dataset<Row> decisions) {
    Dataset<Row> earlier =
        decisions.select(
            col("level").as("_e_level"),
            col("area").as("_e_area"),
            col("quarter").as("_e_quarter"),
            col("spam_type").as("_e_type"),
            col("reason").as("_e_reason"));
    Dataset<Row> joined =
        volumes
            .join(decisions, new String[] {"level", "area", "quarter", "spam_type"}, "left")
            .withColumn("_previous", shift(col("quarter"), 1))
            .withColumn("_year_before", shift(col("quarter"), 4));
    for (String[] g : new String[][] {{"_previous", "_p"}, {"_year_before", "_y"}}) {
      joined =
          joined.join(
              earlier.toDF(
                  g[1] + "_level",
                  g[1] + "_area",
                  g[1] + "_quarter",
                  g[1] + "_type",
                  g[1] + "_reason"),
              col("level")
                  .equalTo(col(g[1] + "_level"))
                  .and(col("area").equalTo(col(g[1] + "_area")))
                  .and(col("spam_type").equalTo(col(g[1] + "_type")))
                  .and(col(g[0]).equalTo(col(g[1] + "_quarter"))),
              "left");
    }
    // Growth against a withheld quarter would give it back (cur / (1 + growth)).
    Map<String, Column> overrides =
        Map.of(
            "growth_previous_quarter",
            when(col("_p_reason").isNull(), col("growth_previous_quarter")),
            "growth_year_on_year",
            when(col("_y_reason").isNull(), col("growth_year_on_year")));
    return publish(
        "published_volumes", joined, overrides, List.of("quarter", "spam_type", "level", "area"));
  }

  static Dataset<Row> publishedCoverage(Dataset<Row> coverage, Dataset<Row> volumeDecisions) {
    // A coverage row is its country's volumes row with a market size beside it: the same
    // operators, the same decision.
    Dataset<Row> d =
        volumeDecisions
            .filter(col("level").equalTo("country"))
            .select(
                col("area").as("country_code"), col("quarter"), col("spam_type"), col("reason"));
    return publish(
        "published_coverage",
        coverage.join(d, new String[] {"country_code", "quarter", "spam_type"}, "left"),
        Map.of(),
        List.of("quarter", "spam_type", "country_code"));
  }

  static Dataset<Row> publishedRoutes(Dataset<Row> routes, Dataset<Row> decisions) {
    Dataset<Row> joined =
        routes.join(
            decisions,
            new String[] {
              "quarter", "spam_type", "source_country", "destination_country", "entry_route"
            },
            "left");
    // The share's denominator is every flow into the destination: known only when all are.
    Column anyWithheld =
        max(col("reason").isNotNull())
            .over(Window.partitionBy("quarter", "spam_type", "destination_country"));
    return publish(
        "published_routes",
        joined,
        Map.of("share_of_destination", when(not(anyWithheld), col("share_of_destination"))),
        List.of("quarter", "spam_type", "destination_country", "source_country", "entry_route"));
  }

  static Dataset<Row> publishedSources(
      Dataset<Row> sources, Dataset<Row> decisions, Dataset<Row> volumeDecisions) {
    Dataset<Row> area =
        volumeDecisions.select(
            col("level"),
            col("area"),
            col("quarter"),
            col("spam_type"),
            col("reason").as("_area_reason"));
    Dataset<Row> joined =
        sources
            .join(
                decisions,
                new String[] {"level", "area", "quarter", "spam_type", "source_kind", "source"},
                "left")
            .join(area, new String[] {"level", "area", "quarter", "spam_type"}, "left");
    // Ranks among the published sources only: a rank counting withheld sources would bound them.
    Column rank =
        row_number()
            .over(
                Window.partitionBy("level", "area", "quarter", "spam_type", "source_kind")
                    .orderBy(
                        col("reason").isNotNull().asc(),
                        col("spam_detected").desc(),
                        col("source").asc()))
            .cast("int");
    return publish(
        "published_sources",
        joined,
        Map.of(
            "share_of_area",
            when(col("_area_reason").isNull(), col("share_of_area")),
            "rank",
            rank),
        List.of("quarter", "spam_type", "level", "area", "source_kind", "source"));
  }

  /** The quarter {@code back} quarters before {@code quarter} ({@code YYYY-Qn}). */
  static Column shift(Column quarter, int back) {
    Column index =
        expr("0")
            .plus(org.apache.spark.sql.functions.substring(quarter, 1, 4).cast("int").multiply(4))
            .plus(org.apache.spark.sql.functions.substring(quarter, 7, 1).cast("int"))
            .minus(1 + back);
    return concat(
        org.apache.spark.sql.functions.lpad(
            org.apache.spark.sql.functions.floor(index.divide(4)).cast("string"), 4, "0"),
        lit("-Q"),
        org.apache.spark.sql.functions.pmod(index, lit(4)).plus(1).cast("string"));
  }
}
