package org.spamtraffic.publish;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One independent block of disclosure control: every row of {@code volumes}, {@code sources} and
 * {@code routes} of one quarter and spam type, with every relation a reader can derive between them
 * (no published figure relates two quarters or two types once growth is published only between
 * published quarters). Runs in a Spark task per block ({@link PublishJob}).
 *
 * <p>The relations, each kept only where the true figures satisfy it (see {@link Suppression}):
 *
 * <ul>
 *   <li>for each figure of {@code volumes} (spam detected, blocked, delivered, user reports,
 *       subscribers, subscriber-months, traffic, the spam of the operators that report traffic, and
 *       the spam of each entry route that a published share gives back): every sum of the area
 *       hierarchies ({@link Hierarchy});
 *   <li>for each source: the same area sums; for each area and source kind: its sources add up to
 *       its spam detected;
 *   <li>the flows of {@code routes}: all flows, and the flows of each entry route, add up to the
 *       world's figures; the flows into a country to its figures; the flows out of a source country
 *       to its world row in {@code sources}, and those into a country to that country's row for the
 *       source.
 * </ul>
 */
final class PublishBlock implements FlatMapGroupsFunction<String, Row, Row>, Serializable {
  private static final long serialVersionUID = 1L;

  /** The figures of a volumes row the audit protects (the input frame's measure columns). */
  static final List<String> VOLUME_FIGURES =
      List.of(
          "spam_detected",
          "spam_blocked",
          "spam_delivered",
          "user_reports",
          "service_size",
          "subscriber_months",
          "total_traffic",
          "spam_detected_with_traffic",
          "spam_via_on_net",
          "spam_via_off_net",
          "spam_via_international_gateway",
          "spam_via_grey_route");

  /** Routes whose flows make up each route figure of volumes. */
  static final Map<String, Set<String>> ROUTE_FIGURES =
      Map.of(
          "spam_via_on_net", Set.of("on_net"),
          "spam_via_off_net",
              Set.of(
                  "domestic_interconnect",
                  "international_gateway",
                  "a2p_aggregator",
                  "grey_route",
                  "internet"),
          "spam_via_international_gateway", Set.of("international_gateway"),
          "spam_via_grey_route", Set.of("grey_route"));

  /** The decisions this function returns: one row per withheld unit, and one row of counts. */
  static final StructType DECISIONS =
      new StructType()
          .add("table", DataTypes.StringType)
          .add("quarter", DataTypes.StringType)
          .add("spam_type", DataTypes.StringType)
          .add("level", DataTypes.StringType)
          .add("area", DataTypes.StringType)
          .add("source_kind", DataTypes.StringType)
          .add("source", DataTypes.StringType)
          .add("source_country", DataTypes.StringType)
          .add("destination_country", DataTypes.StringType)
          .add("entry_route", DataTypes.StringType)
          .add("reason", DataTypes.StringType)
          .add("certified", DataTypes.LongType)
          .add("audited", DataTypes.LongType)
          .add("programs", DataTypes.LongType)
          .add("repairs", DataTypes.LongType)
          .add("unprotected", DataTypes.StringType);

  /** The table name of the counts row. */
  static final String STATS = "_stats";

  private final Hierarchy hierarchy;
  private final DisclosurePolicy policy;

  PublishBlock(Hierarchy hierarchy, DisclosurePolicy policy) {
    this.hierarchy = hierarchy;
    this.policy = policy;
  }

  @Override
  public Iterator<Row> call(String key, Iterator<Row> rows) {
    List<Row> all = new ArrayList<>();
    rows.forEachRemaining(all::add);
    Built b = build(all);
    Suppression.Reason[] reasons = b.suppression.solve(policy);
    List<Row> out = new ArrayList<>();
    String quarter = null;
    String type = null;
    for (int u = 0; u < b.rows.size(); u++) {
      Row r = b.rows.get(u);
      quarter = r.getAs("quarter");
      type = r.getAs("spam_type");
      if (reasons[u] != null) {
        out.add(
            RowFactory.create(
                r.getAs("_table"),
                quarter,
                type,
                r.getAs("level"),
                r.getAs("area"),
                r.getAs("source_kind"),
                r.getAs("source"),
                r.getAs("source_country"),
                r.getAs("destination_country"),
                r.getAs("entry_route"),
                reasons[u].label(),
                null,
                null,
                null,
                null,
                null));
      }
    }
    Suppression.Stats s = b.suppression.stats();
    out.add(
        RowFactory.create(
            STATS,
            quarter,
            type,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            s.certified(),
            s.audited(),
            s.programs(),
            s.repairs(),
            s.unprotected().isEmpty() ? null : String.join("; ", s.unprotected())));
    return out.iterator();
  }

  /** A block's suppression problem and the input row of each unit, in unit order. */
  record Built(Suppression suppression, List<Row> rows) {}

  /**
   * The keys that order a block's rows. The shuffle delivers them in an order that depends on how
   * the input was split; the suppression's choices (which complement among equals, which cells are
   * certified by points found earlier, which optimum the solver returns) follow the order of units
   * and cells, so the block is solved in this order for the same decisions on any cluster.
   */
  static final List<String> ORDER =
      List.of(
          "_table",
          "level",
          "area",
          "source_kind",
          "source",
          "source_country",
          "destination_country",
          "entry_route");

  private static final java.util.Comparator<Row> IN_ORDER = inOrder();

  private static java.util.Comparator<Row> inOrder() {
    java.util.Comparator<Row> c = null;
    for (String key : ORDER) {
      java.util.Comparator<Row> k =
          java.util.Comparator.comparing(
              (Row r) -> r.<String>getAs(key),
              java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
      c = c == null ? k : c.thenComparing(k);
    }
    return c;
  }

  /**
   * Builds the problem of one block from its rows (the input frame of {@link PublishJob}), in
   * {@link #ORDER} whatever order they come in.
   */
  Built build(List<Row> delivered) {
    List<Row> rows = new ArrayList<>(delivered);
    rows.sort(IN_ORDER);
    Suppression s = new Suppression();
    List<Row> units = new ArrayList<>();
    Map<Hierarchy.Area, Map<String, Integer>> volumes = new HashMap<>();
    // kind|source -> area -> cell; area|kind -> cells
    Map<String, Map<Hierarchy.Area, Integer>> sourcesBySource = new LinkedHashMap<>();
    Map<String, List<Integer>> sourcesByAreaKind = new LinkedHashMap<>();
    Map<String, Integer> sourceCells = new HashMap<>();
    Map<Integer, SourceRow> sourceRows = new HashMap<>();
    Map<String, Integer> routeCells = new HashMap<>();
    List<Row> flows = new ArrayList<>();
    List<Map<String, Integer>> flowCells = new ArrayList<>();
    for (Row r : rows) {
      String table = r.getAs("_table");
      int operators = r.<Integer>getAs("reporting_operators");
      Double top = r.getAs("top_operator_share");
      Double detected = r.getAs("spam_detected");
      int unit =
          s.unit(describe(r), operators, top == null ? 0 : top, detected == null ? 0 : detected);
      units.add(r);
      switch (table) {
        case "volumes" -> {
          Map<String, Integer> cells = new HashMap<>();
          for (String f : VOLUME_FIGURES) {
            cells.put(f, s.cell(unit, f, r.getAs(f)));
          }
          volumes.put(new Hierarchy.Area(r.getAs("level"), r.getAs("area")), cells);
        }
        case "sources" -> {
          int cell = s.cell(unit, "spam_detected", detected);
          Hierarchy.Area area = new Hierarchy.Area(r.getAs("level"), r.getAs("area"));
          String source = r.<String>getAs("source_kind") + "|" + r.getAs("source");
          sourcesBySource.computeIfAbsent(source, k -> new HashMap<>()).put(area, cell);
          sourcesByAreaKind
              .computeIfAbsent(
                  area.level() + "|" + area.area() + "|" + r.getAs("source_kind"),
                  k -> new ArrayList<>())
              .add(cell);
          sourceCells.put(area.level() + "|" + area.area() + "|" + source, cell);
          sourceRows.put(cell, new SourceRow(area, r.getAs("source_kind"), r.getAs("source")));
        }
        case "routes" -> {
          Map<String, Integer> cells = new HashMap<>();
          cells.put("spam_detected", s.cell(unit, "spam_detected", detected));
          routeCells.put(
              r.<String>getAs("source_country")
                  + "|"
                  + r.getAs("destination_country")
                  + "|"
                  + r.getAs("entry_route"),
              cells.get("spam_detected"));
          cells.put("spam_blocked", s.cell(unit, "spam_blocked", r.getAs("spam_blocked")));
          flows.add(r);
          flowCells.add(cells);
        }
        default -> throw new IllegalStateException("Unknown table in a publish block: " + table);
      }
    }

    for (Hierarchy.Sum sum : hierarchy.sums()) {
      Map<String, Integer> parent = volumes.get(sum.parent());
      if (parent != null) {
        for (String f : VOLUME_FIGURES) {
          List<Integer> parts = new ArrayList<>();
          for (Hierarchy.Area a : sum.parts()) {
            Map<String, Integer> part = volumes.get(a);
            if (part != null) {
              parts.add(part.get(f));
            }
          }
          s.sum(parent.get(f), ints(parts));
        }
      }
      for (Map<Hierarchy.Area, Integer> bySource : sourcesBySource.values()) {
        Integer p = bySource.get(sum.parent());
        if (p != null) {
          List<Integer> parts = new ArrayList<>();
          for (Hierarchy.Area a : sum.parts()) {
            Integer part = bySource.get(a);
            if (part != null) {
              parts.add(part);
            }
          }
          s.sum(p, ints(parts));
        }
      }
    }
    sourcesByAreaKind.forEach(
        (key, cells) -> {
          String[] k = key.split("\\|", 3);
          Map<String, Integer> total = volumes.get(new Hierarchy.Area(k[0], k[1]));
          if (total != null) {
            int t = total.get("spam_detected");
            double rest = s.value(t);
            for (int c : cells) {
              rest -= s.value(c);
            }
            if (rest > 1e-9 * Math.max(1, s.value(t))) {
              // Not every spam of the area has a source of this kind: the sources are then only
              // bounded by the total, which a hidden slack cell (the unattributed spam) expresses.
              int slack = s.cell(s.hiddenUnit("unattributed " + key), "spam_detected", rest);
              int[] withSlack = java.util.Arrays.copyOf(ints(cells), cells.size() + 1);
              withSlack[cells.size()] = slack;
              s.sum(t, withSlack);
            } else {
              s.sum(t, ints(cells));
            }
          }
        });

    // Flows: world totals, totals into each destination country, totals per source.
    Map<String, List<Integer>> bySum = new LinkedHashMap<>();
    for (int i = 0; i < flows.size(); i++) {
      Row f = flows.get(i);
      Map<String, Integer> cells = flowCells.get(i);
      String route = f.getAs("entry_route");
      String destination = f.getAs("destination_country");
      String source = f.getAs("source_country");
      for (String area : new String[] {"world|World", "country|" + destination}) {
        add(bySum, "v|" + area + "|spam_detected", cells.get("spam_detected"));
        add(bySum, "v|" + area + "|spam_blocked", cells.get("spam_blocked"));
        ROUTE_FIGURES.forEach(
            (figure, routes) -> {
              if (routes.contains(route)) {
                add(bySum, "v|" + area + "|" + figure, cells.get("spam_detected"));
              }
            });
      }
      add(bySum, "s|world|World|country|" + source, cells.get("spam_detected"));
      add(bySum, "s|country|" + destination + "|country|" + source, cells.get("spam_detected"));
    }
    bySum.forEach(
        (key, parts) -> {
          String[] k = key.split("\\|");
          Integer total;
          if (k[0].equals("v")) {
            Map<String, Integer> v = volumes.get(new Hierarchy.Area(k[1], k[2]));
            total = v == null ? null : v.get(k[3]);
          } else {
            total = sourceCells.get(k[1] + "|" + k[2] + "|" + k[3] + "|" + k[4]);
          }
          if (total != null) {
            s.sum(total, ints(parts));
          }
        });
    s.perturbations(new SourceSwaps(s, sourceRows, sourcesBySource, sourcesByAreaKind, routeCells));
    return new Built(s, units);
  }

  /** Where a source cell sits: its area, kind and source. */
  private record SourceRow(Hierarchy.Area area, String kind, String source) {}

  /**
   * Perturbations of source cells that need no linear program: move spam between two sources of the
   * same country, all the way up that country's areas (its ITU-D region, M49 region, groups and the
   * world), and, for source countries, along one entry route of the flows into it. Every sum of
   * sources per area and every sum of areas per source is unchanged.
   */
  private final class SourceSwaps implements Suppression.Perturbations {
    private static final int COUNTRIES = 3;
    private static final int PARTNERS = 6;
    private final Suppression s;
    private final Map<Integer, SourceRow> rows;
    private final Map<String, Map<Hierarchy.Area, Integer>> bySource;
    private final Map<String, List<Integer>> byAreaKind;
    private final Map<String, Integer> routes;

    SourceSwaps(
        Suppression s,
        Map<Integer, SourceRow> rows,
        Map<String, Map<Hierarchy.Area, Integer>> bySource,
        Map<String, List<Integer>> byAreaKind,
        Map<String, Integer> routes) {
      this.s = s;
      this.rows = rows;
      this.bySource = bySource;
      this.byAreaKind = byAreaKind;
      this.routes = routes;
      byAreaKind.values().forEach(l -> l.sort((a, b) -> Double.compare(s.value(b), s.value(a))));
    }

    @Override
    public List<Suppression.Perturbation> of(int cell) {
      SourceRow row = rows.get(cell);
      if (row == null) {
        return List.of();
      }
      Map<Hierarchy.Area, Integer> own = bySource.get(row.kind() + "|" + row.source());
      List<Suppression.Perturbation> out = new ArrayList<>();
      int countries = 0;
      for (Hierarchy.Area country : hierarchy.countriesOf(row.area())) {
        Integer base = own.get(country);
        if (base == null) {
          continue;
        }
        if (++countries > COUNTRIES) {
          break;
        }
        List<Hierarchy.Area> chain = hierarchy.chain(country);
        int partners = 0;
        for (int other :
            byAreaKind.getOrDefault(
                country.level() + "|" + country.area() + "|" + row.kind(), List.of())) {
          SourceRow o = rows.get(other);
          if (o.source().equals(row.source())) {
            continue;
          }
          if (++partners > PARTNERS) {
            break;
          }
          Map<Hierarchy.Area, Integer> theirs = bySource.get(o.kind() + "|" + o.source());
          List<Integer> cells = new ArrayList<>();
          List<Double> changes = new ArrayList<>();
          boolean complete = true;
          for (Hierarchy.Area a : chain) {
            Integer mine = own.get(a);
            Integer their = theirs.get(a);
            if (mine == null || their == null) {
              complete = false;
              break;
            }
            cells.add(mine);
            changes.add(1.0);
            cells.add(their);
            changes.add(-1.0);
          }
          if (!complete || !cells.contains(cell)) {
            continue;
          }
          if (row.kind().equals("country")) {
            boolean routed = false;
            for (String route : ROUTES) {
              Integer in = routes.get(row.source() + "|" + country.area() + "|" + route);
              Integer out2 = routes.get(o.source() + "|" + country.area() + "|" + route);
              if (in != null && out2 != null) {
                cells.add(in);
                changes.add(1.0);
                cells.add(out2);
                changes.add(-1.0);
                routed = true;
                break;
              }
            }
            if (!routed) {
              continue;
            }
          }
          out.add(
              new Suppression.Perturbation(
                  cells.stream().mapToInt(Integer::intValue).toArray(),
                  changes.stream().mapToDouble(Double::doubleValue).toArray()));
        }
      }
      return out;
    }
  }

  /** The entry routes, in the return format's order. */
  private static final List<String> ROUTES =
      List.of(
          "on_net",
          "domestic_interconnect",
          "international_gateway",
          "a2p_aggregator",
          "grey_route",
          "internet",
          "unknown");

  private static void add(Map<String, List<Integer>> sums, String key, int cell) {
    sums.computeIfAbsent(key, k -> new ArrayList<>()).add(cell);
  }

  private static int[] ints(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  private static String describe(Row r) {
    String table = r.getAs("_table");
    String where = r.getAs("quarter") + " " + r.getAs("spam_type");
    return switch (table) {
      case "volumes" -> "volumes " + r.getAs("level") + " " + r.getAs("area") + " " + where;
      case "sources" ->
          "sources "
              + r.getAs("level")
              + " "
              + r.getAs("area")
              + " "
              + r.getAs("source_kind")
              + " "
              + r.getAs("source")
              + " "
              + where;
      default ->
          "routes "
              + r.getAs("source_country")
              + "→"
              + r.getAs("destination_country")
              + " "
              + r.getAs("entry_route")
              + " "
              + where;
    };
  }
}
