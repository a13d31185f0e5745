package org.spamtraffic.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.spamtraffic.schema.TableContract;
import org.spamtraffic.stage.StageResult;
import org.spamtraffic.warehouse.Contracts;
import org.spamtraffic.warehouse.Warehouse;

/**
 * Disclosure control: writes {@code published_volumes}, {@code published_coverage}, {@code
 * published_routes} and {@code published_sources} from the analyst tables of {@code aggregate}, in
 * one warehouse commit. A row whose figures come from fewer than k operators, or of which one
 * operator has more than the maximum share, is withheld (figures null, {@code suppressed} true,
 * {@code suppression_reason} says why), and so is every further row needed so that no withheld row
 * can be recovered by subtraction from a total a reader can see ({@link Suppression}). The analyst
 * tables keep their full figures.
 *
 * <p>The analytics tables are aggregates (areas x quarters x types x sources), so suppression runs
 * on the driver in plain Java over the collected rows: it is an iterative search over relations
 * that Spark would only make slower, and it keeps the rules testable without Spark.
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
   * @param rules the disclosure rules
   */
  public record Options(Warehouse warehouse, DisclosureRules rules) {
    public Options {
      if (warehouse == null || rules == null) {
        throw new IllegalArgumentException("publish needs a warehouse and disclosure rules");
      }
    }

    /** k = 3, maximum share 85%. */
    public static Options defaults(Warehouse warehouse) {
      return new Options(warehouse, DisclosureRules.defaults());
    }
  }

  /**
   * What the job did.
   *
   * @param rules the rules applied
   * @param rows rows written, by table
   * @param suppressed rows withheld, by table
   * @param commit the warehouse commit number
   */
  public record Result(
      DisclosureRules rules, Map<String, Long> rows, Map<String, Long> suppressed, long commit)
      implements StageResult {
    @Override
    public String summary() {
      StringBuilder s =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "k=%d, max share %.0f%% →",
                  rules.minOperators(),
                  rules.maxShare() * 100));
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
    DisclosureRules rules = options.rules();

    List<Row> volumes = warehouse.read("volumes").collectAsList();
    List<Row> routes = warehouse.read("routes").collectAsList();
    List<Row> sources = warehouse.read("sources").collectAsList();
    Suppression.Reason[][] reasons = solveTogether(hierarchy, rules, volumes, routes, sources);
    Suppression.Reason[] volumeReasons = reasons[0];
    Suppression.Reason[] routeReasons = reasons[1];
    Suppression.Reason[] sourceReasons = reasons[2];
    Map<String, Suppression.Reason> byVolumeCell = new HashMap<>();
    Map<String, Boolean> volumeWithheld = new HashMap<>();
    for (int i = 0; i < volumes.size(); i++) {
      Row r = volumes.get(i);
      String cell =
          volumeCell(r.getAs("level"), r.getAs("area"), r.getAs("quarter"), r.getAs("spam_type"));
      byVolumeCell.put(cell, volumeReasons[i]);
      volumeWithheld.put(cell, volumeReasons[i] != null);
    }
    List<Row> publishedVolumes = new ArrayList<>();
    for (int i = 0; i < volumes.size(); i++) {
      Row r = volumes.get(i);
      Map<String, Object> overrides = new HashMap<>();
      // Growth against a withheld quarter would give that quarter back: cur / (1 + growth).
      for (String[] growth :
          List.of(
              new String[] {"growth_previous_quarter", "1"},
              new String[] {"growth_year_on_year", "4"})) {
        String earlier =
            volumeCell(
                r.getAs("level"),
                r.getAs("area"),
                Quarters.shift(r.getAs("quarter"), -Integer.parseInt(growth[1])),
                r.getAs("spam_type"));
        if (volumeWithheld.getOrDefault(earlier, false)) {
          overrides.put(growth[0], null);
        }
      }
      publishedVolumes.add(
          publish("published_volumes", r, volumeReasons[i], WITHHELD_VOLUMES, overrides));
    }

    // Coverage rows are the volumes' country rows with a market size beside them: they follow
    // the volumes' decision so that the two tables can never be combined against each other.
    List<Row> coverage = warehouse.read("coverage").collectAsList();
    List<Row> publishedCoverage = new ArrayList<>();
    for (Row r : coverage) {
      Suppression.Reason reason =
          byVolumeCell.get(
              volumeCell(
                  "country", r.getAs("country_code"), r.getAs("quarter"), r.getAs("spam_type")));
      publishedCoverage.add(publish("published_coverage", r, reason, WITHHELD_COVERAGE, Map.of()));
    }

    List<Row> publishedRoutes = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      publishedRoutes.add(
          publish("published_routes", routes.get(i), routeReasons[i], WITHHELD_ROUTES, Map.of()));
    }

    List<Row> publishedSources = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      publishedSources.add(
          publish(
              "published_sources", sources.get(i), sourceReasons[i], WITHHELD_SOURCES, Map.of()));
    }

    Map<String, List<Row>> out = new LinkedHashMap<>();
    out.put("published_volumes", publishedVolumes);
    out.put("published_coverage", publishedCoverage);
    out.put("published_routes", publishedRoutes);
    out.put("published_sources", publishedSources);
    Warehouse.Transaction tx = warehouse.begin("publish");
    Map<String, Long> rows = new LinkedHashMap<>();
    Map<String, Long> withheld = new LinkedHashMap<>();
    for (Map.Entry<String, List<Row>> e : out.entrySet()) {
      TableContract contract = TableContract.load(e.getKey());
      Dataset<Row> frame = spark.createDataFrame(e.getValue(), Contracts.sparkSchema(contract));
      tx.write(e.getKey(), frame.coalesce(1));
      tx.rows(e.getKey(), e.getValue().size());
      rows.put(e.getKey(), (long) e.getValue().size());
      int suppressedColumn = contract.columns().indexOf(contract.column("suppressed"));
      withheld.put(
          e.getKey(), e.getValue().stream().filter(r -> r.getBoolean(suppressedColumn)).count());
    }
    long commit = tx.commit().number();
    return new Result(rules, rows, withheld, commit);
  }

  /**
   * Primary and complementary suppression over volumes, routes and sources at once, because their
   * relations cross tables: the flows into a country add up to its row in volumes, an area's
   * sources of one kind add up to the area's row in volumes, and the flows out of a source country
   * add up to its world row in sources. Solved table by table, a flow withheld alone could be given
   * back by a total published in another table; solved together, that total is a member of the
   * relation and is withheld with it when nothing else can be.
   *
   * @return the reasons for volumes, routes and sources, in that order
   */
  static Suppression.Reason[][] solveTogether(
      Hierarchy hierarchy,
      DisclosureRules rules,
      List<Row> volumes,
      List<Row> routes,
      List<Row> sources) {
    Set<String> sourceKinds = new java.util.TreeSet<>();
    sources.forEach(r -> sourceKinds.add(r.getAs("source_kind")));
    List<Suppression.Cell> cells = new ArrayList<>();
    cells.addAll(
        cells(
            volumes,
            r -> {
              String level = r.getAs("level");
              String area = r.getAs("area");
              List<String> relations = new ArrayList<>(hierarchy.relations(level, area, key(r)));
              for (String kind : sourceKinds) {
                relations.add("in|" + level + "|" + area + key(r) + "|" + kind);
              }
              if (level.equals("country")) {
                relations.add("dest|" + area + key(r));
              }
              return relations;
            }));
    cells.addAll(
        cells(
            routes,
            r -> {
              String qt = key(r);
              String d = r.getAs("destination_country");
              String s = r.getAs("source_country");
              String route = r.getAs("entry_route");
              return List.of(
                  "dest|" + d + qt,
                  "dest-route|" + d + "|" + route + qt,
                  "dest-source|" + d + "|" + s + qt,
                  "source|" + s + qt);
            }));
    cells.addAll(
        cells(
            sources,
            r -> {
              String prefix = key(r) + "|" + r.getAs("source_kind") + "|" + r.getAs("source");
              List<String> relations =
                  new ArrayList<>(hierarchy.relations(r.getAs("level"), r.getAs("area"), prefix));
              relations.add(
                  "in|"
                      + r.getAs("level")
                      + "|"
                      + r.getAs("area")
                      + key(r)
                      + "|"
                      + r.getAs("source_kind"));
              if ("world".equals(r.getAs("level")) && "country".equals(r.getAs("source_kind"))) {
                relations.add("source|" + r.getAs("source") + key(r));
              }
              return relations;
            }));
    Suppression.Reason[] all = Suppression.solve(cells, rules);
    int v = volumes.size();
    int t = routes.size();
    return new Suppression.Reason[][] {
      java.util.Arrays.copyOfRange(all, 0, v),
      java.util.Arrays.copyOfRange(all, v, v + t),
      java.util.Arrays.copyOfRange(all, v + t, all.length)
    };
  }

  private static final Map<String, TableContract> CONTRACTS = contracts();

  private static Map<String, TableContract> contracts() {
    Map<String, TableContract> contracts = new HashMap<>();
    for (String table : TABLES) {
      contracts.put(table, TableContract.load(table));
    }
    return Map.copyOf(contracts);
  }

  private static final Set<String> WITHHELD_COVERAGE =
      Set.of("service_size", "coverage_ratio", "spam_detected", "spam_national_estimate");
  private static final Set<String> WITHHELD_ROUTES =
      Set.of("spam_detected", "spam_blocked", "share_of_destination");
  private static final Set<String> WITHHELD_SOURCES =
      Set.of("spam_detected", "share_of_area", "rank");
  private static final Set<String> WITHHELD_VOLUMES = withheldVolumeColumns();

  private static Set<String> withheldVolumeColumns() {
    Set<String> columns = new java.util.HashSet<>();
    for (TableContract.Column c : TableContract.load("published_volumes").columns()) {
      if (c.nullable() && !c.name().equals("suppression_reason")) {
        columns.add(c.name());
      }
    }
    return Set.copyOf(columns);
  }

  private static String key(Row r) {
    return "@" + r.getAs("quarter") + "@" + r.getAs("spam_type");
  }

  private static String volumeCell(String level, String area, String quarter, String type) {
    return level + "|" + area + "|" + quarter + "|" + type;
  }

  private static List<Suppression.Cell> cells(
      List<Row> rows, java.util.function.Function<Row, List<String>> relations) {
    List<Suppression.Cell> cells = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Number detected = r.getAs("spam_detected");
      Double top = r.getAs("top_operator_share");
      cells.add(
          new Suppression.Cell(
              r.<Integer>getAs("reporting_operators"),
              top == null ? 0.0 : top,
              detected == null ? 0.0 : detected.doubleValue(),
              relations.apply(r)));
    }
    return cells;
  }

  /** The published row of {@code source}: the contract's columns, figures null when withheld. */
  private static Row publish(
      String table,
      Row source,
      Suppression.Reason reason,
      Set<String> withheldColumns,
      Map<String, Object> overrides) {
    List<TableContract.Column> columns = CONTRACTS.get(table).columns();
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      String name = columns.get(i).name();
      if (name.equals("suppressed")) {
        values[i] = reason != null;
      } else if (name.equals("suppression_reason")) {
        values[i] = reason == null ? null : reason.label();
      } else if (reason != null && withheldColumns.contains(name)) {
        values[i] = null;
      } else if (overrides.containsKey(name)) {
        values[i] = overrides.get(name);
      } else {
        values[i] = source.getAs(name);
      }
    }
    return RowFactory.create(values);
  }
}
