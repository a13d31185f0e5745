package org.spamtraffic.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.spamtraffic.report.chart.CategoryChart;
import org.spamtraffic.report.chart.Chart;
import org.spamtraffic.report.chart.ChartFrame;
import org.spamtraffic.report.chart.FlowChart;
import org.spamtraffic.report.chart.ValueFormat;
import org.spamtraffic.report.data.PublishedTables;
import org.spamtraffic.report.data.ReportTable;
import org.spamtraffic.report.document.Labels;
import org.spamtraffic.report.document.Printed;
import org.spamtraffic.report.document.ReportDocument;
import org.spamtraffic.report.document.ReportDocument.Block;

/**
 * The figure and table definitions of the study report: which published table and columns each
 * chart and table of the draft shows. Every value is taken from a published row as it is (selected,
 * ordered, labelled, never added up or derived), so that the report prints what the tables hold. A
 * part whose table is missing says so instead.
 *
 * <p>Plain Java over {@link PublishedTables}: no Spark here, so tests build tables inline.
 */
public final class StudyReport {
  /** Published tables the report reads (written by the aggregate stage). */
  public static final String VOLUMES = "published_volumes";

  public static final String ROUTES = "published_routes";
  public static final String SOURCES = "published_sources";
  public static final String COVERAGE = "published_coverage";
  public static final String COUNTRIES = "countries";

  /** Investment tables (estimate stage): rollups always, country rows only where publishable. */
  public static final String INTERVALS = "investment_intervals";

  public static final String SENSITIVITY = "investment_sensitivity";
  public static final String TOTALS = "investment_totals";

  /** The investment level that sums the countries estimated (the headline's). */
  static final String REPORTING = "reporting";

  /** The investment level extrapolated to every ITU Member State. */
  static final String WORLD_EXTRAPOLATED = "world";

  /** Readiness scores per country and WSIS pillar (ingest-survey stage). */
  public static final String INDICATORS = "survey_indicators";

  /** WSIS anti-spam pillars, in the order of WTDC Resolution 45. */
  static final List<String> PILLARS =
      List.of("legislation", "technical", "partnerships", "education", "cooperation");

  /** How many parameters the tornado chart shows, largest swing first. */
  static final int TORNADO_BARS = 10;

  /** Spam types in the order of the return format. */
  static final List<String> TYPE_ORDER =
      List.of("email", "sms", "voice", "ip_messaging", "ip_multimedia");

  /** Route shares of published_volumes drawn in the entry-route chart. */
  static final List<String> ROUTE_SHARES =
      List.of("share_on_net", "share_international_gateway", "share_grey_route");

  /** How many flows the Sankey diagrams show, largest first. */
  static final int FLOWS = 12;

  /** How many source countries the top-source charts show. */
  static final int TOP_SOURCES = 10;

  /**
   * What the report is about.
   *
   * @param studyId the study run
   * @param commit warehouse commit number the tables were read at
   * @param commitDate date of that commit (YYYY-MM-DD)
   * @param countries ISO alpha-3 codes of the countries to give a profile section
   */
  public record Parameters(String studyId, long commit, String commitDate, List<String> countries) {
    public Parameters {
      countries = List.copyOf(countries);
    }
  }

  private final PublishedTables tables;
  private final Labels labels;
  private final Printed printed;
  private final Parameters parameters;
  private final Optional<ReportTable> volumes;

  private StudyReport(PublishedTables tables, Labels labels, Parameters parameters) {
    this.tables = tables;
    this.labels = labels;
    this.printed = new Printed(labels);
    this.parameters = parameters;
    this.volumes = tables.get(VOLUMES);
  }

  /** The report draft of {@code tables}, in {@code labels}' language. */
  public static ReportDocument build(PublishedTables tables, Labels labels, Parameters parameters) {
    return new StudyReport(tables, labels, parameters).document();
  }

  private ReportDocument document() {
    List<ReportDocument.Section> sections = new ArrayList<>();
    sections.add(section("section.summary", summary()));
    sections.add(section("section.volumes", volumesSection()));
    sections.add(section("section.types", typesSection()));
    sections.add(section("section.routes", routesSection()));
    sections.add(section("section.readiness", readinessSection()));
    sections.add(section("section.investment", investmentSection()));
    sections.add(section("section.methodology", methodologySection()));
    for (String country : parameters.countries()) {
      sections.add(
          new ReportDocument.Section(
              labels.format("section.country", countryName(country)), countrySection(country)));
    }
    return new ReportDocument(
        labels.get("title"),
        labels.format(
            "subtitle", parameters.studyId(), parameters.commit(), parameters.commitDate()),
        sections);
  }

  private ReportDocument.Section section(String key, List<Block> blocks) {
    return new ReportDocument.Section(labels.get(key), blocks);
  }

  // ---------------------------------------------------------------- summary

  private List<Block> summary() {
    List<Block> blocks = new ArrayList<>();
    if (volumes.isEmpty()) {
      blocks.add(missing(VOLUMES));
      summaryOfEstimates(blocks);
      return blocks;
    }
    ReportTable v = volumes.get();
    String quarter = latestQuarter(v);
    blocks.add(new ReportDocument.Paragraph(labels.format("summary.intro", quarter)));
    blocks.add(
        worldTypeTable(
            v,
            quarter,
            labels.format("summary.table", quarter),
            List.of("spam_detected", "spam_share", "block_rate", "reporting_operators"),
            List.of("col.spam-detected", "col.spam-share", "col.block-rate", "col.operators")));
    blocks.add(new ReportDocument.Paragraph(coverageLine(v)));
    summaryOfEstimates(blocks);
    return blocks;
  }

  private void summaryOfEstimates(List<Block> blocks) {
    List<String> bullets = new ArrayList<>();
    tables
        .get(INTERVALS)
        .ifPresent(
            i -> {
              String asOf = i.distinct("as_of_quarter").stream().reduce((a, b) -> b).orElse(null);
              // One headline: the reporting countries' simulation median, labelled with what it
              // covers and how it is discounted; the world extrapolation beside it, never for it.
              for (String level : List.of(REPORTING, WORLD_EXTRAPOLATED)) {
                i
                    .rows(
                        i.where("level", level)
                            .and(i.where("measure", "need"))
                            .and(i.where("as_of_quarter", asOf)))
                    .stream()
                    .findFirst()
                    .ifPresent(
                        r ->
                            bullets.add(
                                labels.format(
                                    level.equals(REPORTING)
                                        ? "summary.investment"
                                        : "summary.investment.world",
                                    printed.value(i.value(r, "p50_usd"), ValueFormat.USD),
                                    printed.value(i.value(r, "p5_usd"), ValueFormat.USD),
                                    printed.value(i.value(r, "p95_usd"), ValueFormat.USD),
                                    countriesOf(level, asOf),
                                    presentValue(i, r),
                                    asOf)));
              }
            });
    // What the headline leaves out, with its likely size: the pairs the model cannot size.
    tables
        .get(TOTALS)
        .ifPresent(
            t ->
                t.rows(t.where("level", REPORTING).and(t.where("scenario", "base"))).stream()
                    .reduce((a, b) -> b)
                    .filter(r -> ((Number) t.value(r, "types_not_estimated")).intValue() > 0)
                    .ifPresent(
                        r ->
                            bullets.add(
                                labels.format(
                                    "summary.not-estimated",
                                    printed.value(
                                        t.value(r, "types_not_estimated"), ValueFormat.COUNT),
                                    printed.value(
                                        t.value(r, "not_estimated_at_least_usd"),
                                        ValueFormat.USD)))));
    tables
        .get(INDICATORS)
        .ifPresent(
            r ->
                bullets.add(labels.format("summary.readiness", r.distinct("country_code").size())));
    if (!bullets.isEmpty()) {
      blocks.add(new ReportDocument.Bullets(bullets));
    }
  }

  // ---------------------------------------------------------------- volumes

  private List<Block> volumesSection() {
    List<Block> blocks = new ArrayList<>();
    if (volumes.isEmpty()) {
      blocks.add(missing(VOLUMES));
      return blocks;
    }
    ReportTable v = volumes.get();
    blocks.add(new ReportDocument.Paragraph(labels.get("volumes.intro")));
    blocks.add(
        figure(
            volumeByType(v, "world", "World", "volume-by-type-world", "volumes.world.title", 9),
            labels.get("volumes.world.caption"),
            VOLUMES));
    for (String region : areas(v, "itu_region")) {
      String name = labels.name("region", region);
      Chart chart =
          volumeByType(
              v,
              "itu_region",
              region,
              "volume-by-type-" + slug(region),
              labels.format("volumes.region.title", name),
              8);
      blocks.add(figure(chart, labels.format("volumes.region.caption", name), VOLUMES));
    }
    String quarter = latestQuarter(v);
    List<String> types = types(v);
    List<String> header = new ArrayList<>();
    header.add(labels.get("col.area"));
    types.forEach(t -> header.add(labels.name("type", t)));
    List<List<String>> rows = new ArrayList<>();
    List<String[]> areas = new ArrayList<>();
    areas(v, "itu_region").forEach(a -> areas.add(new String[] {"itu_region", a}));
    areas.add(new String[] {"world", "World"});
    for (String[] area : areas) {
      List<String> row = new ArrayList<>();
      row.add(areaName(area[0], area[1]));
      for (String type : types) {
        row.add(cell(v, one(v, area[0], area[1], quarter, type), "spam_detected"));
      }
      rows.add(row);
    }
    blocks.add(
        new ReportDocument.Table(
            labels.format("volumes.table", quarter),
            header,
            rows,
            numericAfterFirst(header),
            VOLUMES));
    return blocks;
  }

  private Chart volumeByType(
      ReportTable v, String level, String area, String id, String titleOrKey, double heightCm) {
    String title = titleOrKey.contains(".") ? labels.get(titleOrKey) : titleOrKey;
    List<String> quarters = v.distinct("quarter");
    List<CategoryChart.Series> series = new ArrayList<>();
    int suppressed = 0;
    for (String type : types(v)) {
      List<Double> values = new ArrayList<>();
      for (String quarter : quarters) {
        Optional<List<Object>> row = one(v, level, area, quarter, type);
        values.add(row.map(r -> v.number(r, "spam_detected")).orElse(null));
        if (row.isPresent() && v.suppressed(row.get(), v.index("spam_detected"))) {
          suppressed++;
        }
      }
      series.add(new CategoryChart.Series(labels.name("type", type), values));
    }
    return new CategoryChart(
        ChartFrame.of(id, title, returnsSource(v, suppressed), heightCm),
        CategoryChart.Kind.STACKED_BARS,
        labels.get("axis.quarter"),
        labels.get("axis.messages"),
        ValueFormat.COUNT,
        quarters,
        series,
        suppressed);
  }

  // ---------------------------------------------------------------- types

  private List<Block> typesSection() {
    List<Block> blocks = new ArrayList<>();
    if (volumes.isEmpty()) {
      blocks.add(missing(VOLUMES));
      return blocks;
    }
    ReportTable v = volumes.get();
    String quarter = latestQuarter(v);
    blocks.add(new ReportDocument.Paragraph(labels.format("types.intro", quarter)));
    blocks.add(
        figure(
            regionsByType(
                v,
                quarter,
                "spam_share",
                "spam-share-by-region",
                "types.share.title",
                "axis.share"),
            labels.format("types.share.caption", quarter),
            VOLUMES));
    blocks.add(
        figure(
            regionsByType(
                v,
                quarter,
                "block_rate",
                "block-rate-by-region",
                "types.block.title",
                "axis.block-rate"),
            labels.format("types.block.caption", quarter),
            VOLUMES));
    blocks.add(
        worldTypeTable(
            v,
            quarter,
            labels.format("types.table", quarter),
            List.of(
                "spam_detected",
                "spam_share",
                "block_rate",
                "spam_per_subscriber_month",
                "growth_year_on_year"),
            List.of(
                "col.spam-detected",
                "col.spam-share",
                "col.block-rate",
                "col.per-subscriber",
                "col.growth-yoy")));
    return blocks;
  }

  private Chart regionsByType(
      ReportTable v, String quarter, String column, String id, String titleKey, String axisKey) {
    List<String> regions = areas(v, "itu_region");
    List<CategoryChart.Series> series = new ArrayList<>();
    int suppressed = 0;
    for (String type : types(v)) {
      List<Double> values = new ArrayList<>();
      for (String region : regions) {
        Optional<List<Object>> row = one(v, "itu_region", region, quarter, type);
        values.add(row.map(r -> v.number(r, column)).orElse(null));
        if (row.isPresent() && v.suppressed(row.get(), v.index(column))) {
          suppressed++;
        }
      }
      series.add(new CategoryChart.Series(labels.name("type", type), values));
    }
    return new CategoryChart(
        ChartFrame.of(id, labels.format(titleKey, quarter), returnsSource(v, suppressed), 8),
        CategoryChart.Kind.GROUPED_BARS,
        labels.get("axis.region"),
        labels.get(axisKey),
        ValueFormat.PERCENT,
        regions.stream().map(r -> labels.name("region", r)).toList(),
        series,
        suppressed);
  }

  private ReportDocument.Table worldTypeTable(
      ReportTable v, String quarter, String title, List<String> columns, List<String> headings) {
    List<String> header = new ArrayList<>();
    header.add(labels.get("col.type"));
    headings.forEach(h -> header.add(labels.get(h)));
    List<List<String>> rows = new ArrayList<>();
    for (String type : types(v)) {
      Optional<List<Object>> row = one(v, "world", "World", quarter, type);
      List<String> cells = new ArrayList<>();
      cells.add(labels.name("type", type));
      for (String column : columns) {
        cells.add(cell(v, row, column));
      }
      rows.add(cells);
    }
    return new ReportDocument.Table(title, header, rows, numericAfterFirst(header), VOLUMES);
  }

  // ---------------------------------------------------------------- routes and sources

  private List<Block> routesSection() {
    List<Block> blocks = new ArrayList<>();
    if (volumes.isEmpty()) {
      blocks.add(missing(VOLUMES));
    } else {
      ReportTable v = volumes.get();
      String quarter = latestQuarter(v);
      blocks.add(new ReportDocument.Paragraph(labels.format("routes.intro", quarter)));
      blocks.add(
          figure(entryRoutes(v, quarter), labels.format("routes.entry.caption", quarter), VOLUMES));
    }
    Optional<ReportTable> routes = tables.get(ROUTES);
    if (routes.isEmpty()) {
      blocks.add(missing(ROUTES));
    } else {
      ReportTable r = routes.get();
      String quarter = r.distinct("quarter").stream().reduce((a, b) -> b).orElse(null);
      for (String type : typesOf(r)) {
        Optional<FlowChart> chart = flows(r, quarter, type);
        chart.ifPresent(
            c ->
                blocks.add(
                    figure(
                        c,
                        labels.format(
                            "routes.flows.caption",
                            labels.name("type", type),
                            quarter,
                            c.flows().size()),
                        ROUTES)));
      }
    }
    Optional<ReportTable> sources = tables.get(SOURCES);
    if (sources.isEmpty()) {
      blocks.add(missing(SOURCES));
    } else {
      ReportTable s = sources.get();
      Predicate<List<Object>> world =
          s.where("level", "world").and(s.where("source_kind", "country"));
      String quarter =
          s.rows(world).stream()
              .map(r -> s.text(r, "quarter"))
              .max(Comparator.naturalOrder())
              .orElse(null);
      List<List<String>> tableRows = new ArrayList<>();
      for (String type : typesOf(s)) {
        List<List<Object>> top = topSources(s, world, quarter, type, TOP_SOURCES);
        if (top.isEmpty()) {
          continue;
        }
        String typeName = labels.name("type", type);
        List<String> names = top.stream().map(r -> countryName(s.text(r, "source"))).toList();
        List<Double> values = top.stream().map(r -> s.number(r, "spam_detected")).toList();
        Chart chart =
            new CategoryChart(
                ChartFrame.of(
                    "top-sources-" + slug(type),
                    labels.format("routes.sources.title", typeName, quarter),
                    returnsSource(volumes.orElse(null), 0),
                    Math.max(5.5, 2.5 + 0.55 * top.size())),
                CategoryChart.Kind.HORIZONTAL_BARS,
                labels.get("axis.source-country"),
                labels.get("axis.spam-detected"),
                ValueFormat.COUNT,
                names,
                List.of(new CategoryChart.Series(typeName, values)),
                0);
        blocks.add(
            figure(chart, labels.format("routes.sources.caption", typeName, quarter), SOURCES));
        for (List<Object> r : top.subList(0, Math.min(5, top.size()))) {
          tableRows.add(
              List.of(
                  typeName,
                  printed.value(s.value(r, "rank"), ValueFormat.COUNT),
                  countryName(s.text(r, "source")),
                  printed.value(s.value(r, "spam_detected"), ValueFormat.COUNT),
                  printed.value(s.value(r, "share_of_area"), ValueFormat.PERCENT)));
        }
      }
      if (tableRows.isEmpty()) {
        blocks.add(new ReportDocument.Missing(labels.format("missing.rows", SOURCES)));
      } else {
        List<String> header =
            List.of(
                labels.get("col.type"),
                labels.get("col.rank"),
                labels.get("col.source"),
                labels.get("col.spam-detected"),
                labels.get("col.share-area"));
        blocks.add(
            new ReportDocument.Table(
                labels.format("routes.sources.table", quarter),
                header,
                tableRows,
                List.of(false, true, false, true, true),
                SOURCES));
      }
    }
    return blocks;
  }

  private Chart entryRoutes(ReportTable v, String quarter) {
    List<String> types = types(v);
    List<CategoryChart.Series> series = new ArrayList<>();
    int suppressed = 0;
    for (String column : ROUTE_SHARES) {
      List<Double> values = new ArrayList<>();
      for (String type : types) {
        Optional<List<Object>> row = one(v, "world", "World", quarter, type);
        values.add(row.map(r -> v.number(r, column)).orElse(null));
        if (row.isPresent() && v.suppressed(row.get(), v.index(column))) {
          suppressed++;
        }
      }
      series.add(new CategoryChart.Series(labels.name("route", column), values));
    }
    return new CategoryChart(
        ChartFrame.of(
            "entry-routes-by-type",
            labels.format("routes.entry.title", quarter),
            returnsSource(v, suppressed),
            8),
        CategoryChart.Kind.GROUPED_BARS,
        labels.get("axis.spam-type"),
        labels.get("axis.route-share"),
        ValueFormat.PERCENT,
        types.stream().map(t -> labels.name("type", t)).toList(),
        series,
        suppressed);
  }

  private Optional<FlowChart> flows(ReportTable r, String quarter, String type) {
    List<List<Object>> rows =
        r.rows(r.where("quarter", quarter).and(r.where("spam_type", type))).stream()
            .filter(row -> !r.suppressedRow(row))
            .filter(row -> r.number(row, "spam_detected") != null)
            .filter(row -> r.number(row, "spam_detected") > 0)
            .sorted(Comparator.comparing((List<Object> row) -> -r.number(row, "spam_detected")))
            .toList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    int withheld =
        r.rows(r.where("quarter", quarter).and(r.where("spam_type", type))).stream()
            .filter(r::suppressedRow)
            .toList()
            .size();
    List<FlowChart.Flow> flows = new ArrayList<>();
    for (List<Object> row : rows.subList(0, Math.min(FLOWS, rows.size()))) {
      flows.add(
          new FlowChart.Flow(
              countryName(r.text(row, "source_country")),
              labels.name("route", r.text(row, "entry_route")),
              // A trailing no-break space keeps destination nodes apart from source nodes of
              // the same country (FlowPlot colours and labels nodes by name).
              countryName(r.text(row, "destination_country")) + " ",
              r.number(row, "spam_detected")));
    }
    String typeName = labels.name("type", type);
    return Optional.of(
        new FlowChart(
            ChartFrame.of(
                "route-flows-" + slug(type),
                labels.format("routes.flows.title", typeName, quarter),
                returnsSource(volumes.orElse(null), withheld),
                10),
            labels.get("axis.spam-detected"),
            flows,
            withheld));
  }

  private static List<List<Object>> topSources(
      ReportTable s, Predicate<List<Object>> world, String quarter, String type, int n) {
    return s.rows(world.and(s.where("quarter", quarter)).and(s.where("spam_type", type))).stream()
        .filter(r -> s.value(r, "rank") != null)
        .filter(r -> ((Number) s.value(r, "rank")).intValue() <= n)
        .sorted(Comparator.comparingInt(r -> ((Number) s.value(r, "rank")).intValue()))
        .toList();
  }

  // ---------------------------------------------------------------- readiness, investment

  private List<Block> readinessSection() {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new ReportDocument.Paragraph(labels.get("readiness.intro")));
    Optional<ReportTable> indicators = tables.get(INDICATORS);
    if (indicators.isEmpty()) {
      blocks.add(missing(INDICATORS));
      return blocks;
    }
    ReportTable r = indicators.get();
    List<String> answered =
        r.rows(r.where("kind", "wsis_pillar")).stream()
            .map(row -> r.text(row, "country_code"))
            .distinct()
            .sorted(
                Comparator.comparing((String c) -> labels.name("region", regionOf(r, c)))
                    .thenComparing(this::countryName))
            .toList();
    if (answered.isEmpty()) {
      blocks.add(new ReportDocument.Missing(labels.format("missing.rows", INDICATORS)));
      return blocks;
    }
    String source = labels.format("source.survey", answered.size());
    blocks.add(
        figure(
            readinessMap(
                r,
                answered,
                c -> countryName(c) + " (" + labels.name("region", regionOf(r, c)) + ")",
                "readiness-by-region",
                labels.get("readiness.region.title"),
                labels.get("axis.region"),
                source),
            labels.get("readiness.region.caption"),
            INDICATORS));
    List<String> grouped = answered.stream().filter(c -> !groupsOf(c).isEmpty()).toList();
    if (tables.get(COUNTRIES).isEmpty()) {
      // Group membership (LDC, LLDC, SIDS) comes from the published countries table.
      blocks.add(missing(COUNTRIES));
    } else if (grouped.isEmpty()) {
      blocks.add(new ReportDocument.Missing(labels.get("readiness.no-groups")));
    } else {
      grouped =
          grouped.stream()
              .sorted(
                  Comparator.comparing((String c) -> groupsOf(c)).thenComparing(this::countryName))
              .toList();
      blocks.add(
          figure(
              readinessMap(
                  r,
                  grouped,
                  c -> countryName(c) + " (" + groupsOf(c) + ")",
                  "readiness-by-group",
                  labels.get("readiness.group.title"),
                  labels.get("axis.group"),
                  source),
              labels.get("readiness.group.caption"),
              INDICATORS));
    }
    return blocks;
  }

  private Chart readinessMap(
      ReportTable r,
      List<String> countries,
      java.util.function.Function<String, String> rowLabel,
      String id,
      String title,
      String rowAxis,
      String source) {
    List<String> pillars = new ArrayList<>(PILLARS);
    r.rows(r.where("kind", "wsis_pillar")).stream()
        .map(row -> r.text(row, "indicator"))
        .distinct()
        .sorted()
        .filter(p -> !pillars.contains(p))
        .forEach(pillars::add);
    List<List<Double>> values = new ArrayList<>();
    for (String country : countries) {
      List<Double> row = new ArrayList<>();
      for (String pillar : pillars) {
        row.add(
            r
                .rows(
                    r.where("country_code", country)
                        .and(r.where("kind", "wsis_pillar"))
                        .and(r.where("indicator", pillar)))
                .stream()
                .findFirst()
                .map(x -> r.number(x, "score"))
                .orElse(null));
      }
      values.add(row);
    }
    return new org.spamtraffic.report.chart.HeatMapChart(
        ChartFrame.of(id, title, source, Math.min(24, 3.2 + 0.55 * countries.size())),
        rowAxis,
        labels.get("axis.pillar"),
        ValueFormat.SCORE,
        countries.stream().map(rowLabel).toList(),
        // Short names on the axis: the full ones do not fit side by side at 8 pt.
        pillars.stream().map(p -> labels.name("pillar.short", p)).toList(),
        values,
        0,
        1,
        0);
  }

  private String regionOf(ReportTable indicators, String country) {
    Optional<String> fromCountries =
        tables
            .get(COUNTRIES)
            .flatMap(
                c ->
                    c.rows(c.where("alpha3", country)).stream()
                        .findFirst()
                        .map(row -> c.text(row, "itu_region")));
    return fromCountries.orElseGet(
        () ->
            indicators.rows(indicators.where("country_code", country)).stream()
                .map(row -> indicators.text(row, "itu_region"))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(Printed.NONE));
  }

  /** "LDC, SIDS": the development groups of a country, from the countries table. */
  private String groupsOf(String country) {
    Optional<ReportTable> countries = tables.get(COUNTRIES);
    if (countries.isEmpty()) {
      return "";
    }
    ReportTable c = countries.get();
    return c.rows(c.where("alpha3", country)).stream()
        .findFirst()
        .map(
            row -> {
              List<String> groups = new ArrayList<>();
              for (String g : List.of("ldc", "lldc", "sids")) {
                if (Boolean.TRUE.equals(c.value(row, g))) {
                  groups.add(labels.name("group", g));
                }
              }
              return String.join(", ", groups);
            })
        .orElse("");
  }

  private List<Block> investmentSection() {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new ReportDocument.Paragraph(labels.get("investment.intro")));
    Optional<ReportTable> intervals = tables.get(INTERVALS);
    if (intervals.isEmpty()) {
      blocks.add(missing(INTERVALS));
    } else {
      ReportTable i = intervals.get();
      String asOf = i.distinct("as_of_quarter").stream().reduce((a, b) -> b).orElse(null);
      Predicate<List<Object>> current = i.where("as_of_quarter", asOf);
      List<String> regions =
          i.rows(current.and(i.where("level", "itu_region"))).stream()
              .map(r -> i.text(r, "area"))
              .distinct()
              .sorted()
              .toList();
      if (!regions.isEmpty()) {
        List<org.spamtraffic.report.chart.RangeChart.Series> series = new ArrayList<>();
        for (String measure : List.of("need", "gap")) {
          List<Double> low = new ArrayList<>();
          List<Double> mid = new ArrayList<>();
          List<Double> high = new ArrayList<>();
          for (String region : regions) {
            Optional<List<Object>> row =
                i
                    .rows(
                        current
                            .and(i.where("level", "itu_region"))
                            .and(i.where("area", region))
                            .and(i.where("measure", measure)))
                    .stream()
                    .findFirst();
            low.add(row.map(r -> i.number(r, "p5_usd")).orElse(null));
            mid.add(row.map(r -> i.number(r, "p50_usd")).orElse(null));
            high.add(row.map(r -> i.number(r, "p95_usd")).orElse(null));
          }
          series.add(
              new org.spamtraffic.report.chart.RangeChart.Series(
                  labels.get("series." + measure), low, mid, high));
        }
        blocks.add(
            figure(
                new org.spamtraffic.report.chart.RangeChart(
                    ChartFrame.of(
                        "investment-by-region",
                        labels.get("investment.region.title"),
                        modelSource(i, i.rows(current).get(0)),
                        Math.max(7, 3 + 1.1 * regions.size())),
                    labels.get("axis.region"),
                    usdAxis(i, i.rows(current).get(0)),
                    ValueFormat.USD,
                    regions.stream().map(r -> labels.name("region", r)).toList(),
                    series,
                    0),
                labels.get("investment.region.caption"),
                INTERVALS));
      }
      List<List<String>> rows = new ArrayList<>();
      for (String level : List.of(REPORTING, WORLD_EXTRAPOLATED, "itu_region", "group")) {
        List<List<Object>> ofLevel =
            i.rows(current.and(i.where("level", level))).stream()
                .filter(r -> List.of("need", "gap").contains(i.text(r, "measure")))
                .sorted(
                    Comparator.comparing((List<Object> r) -> i.text(r, "area"))
                        .thenComparing(r -> i.text(r, "measure").equals("need") ? 0 : 1))
                .toList();
        for (List<Object> r : ofLevel) {
          String measure = i.text(r, "measure");
          rows.add(
              List.of(
                  investmentAreaName(level, i.text(r, "area")),
                  labels.name("measure", measure),
                  printed.value(i.value(r, "p5_usd"), ValueFormat.USD),
                  printed.value(i.value(r, "p50_usd"), ValueFormat.USD),
                  printed.value(i.value(r, "p95_usd"), ValueFormat.USD)));
        }
      }
      if (!rows.isEmpty()) {
        blocks.add(
            new ReportDocument.Table(
                labels.format("investment.table", asOf, presentValue(i, i.rows(current).get(0))),
                List.of(
                    labels.get("col.area"),
                    labels.get("col.measure"),
                    labels.get("col.p5"),
                    labels.get("col.p50"),
                    labels.get("col.p95")),
                rows,
                List.of(false, false, true, true, true),
                INTERVALS));
      }
    }
    Optional<ReportTable> sensitivity = tables.get(SENSITIVITY);
    if (sensitivity.isEmpty()) {
      blocks.add(missing(SENSITIVITY));
    } else {
      ReportTable t = sensitivity.get();
      String asOf = t.distinct("as_of_quarter").stream().reduce((a, b) -> b).orElse(null);
      List<List<Object>> world =
          t
              .rows(
                  t.where("level", REPORTING)
                      .and(t.where("measure", "need"))
                      .and(t.where("as_of_quarter", asOf)))
              .stream()
              .sorted(Comparator.comparingInt(r -> ((Number) t.value(r, "rank")).intValue()))
              .toList();
      if (world.isEmpty()) {
        blocks.add(new ReportDocument.Missing(labels.format("missing.rows", SENSITIVITY)));
      } else {
        double base = t.number(world.get(0), "total_base_usd");
        List<org.spamtraffic.report.chart.TornadoChart.Bar> bars = new ArrayList<>();
        for (List<Object> r : world.subList(0, Math.min(TORNADO_BARS, world.size()))) {
          bars.add(
              new org.spamtraffic.report.chart.TornadoChart.Bar(
                  t.text(r, "parameter"),
                  t.number(r, "total_at_low_usd"),
                  t.number(r, "total_at_high_usd")));
        }
        blocks.add(
            figure(
                new org.spamtraffic.report.chart.TornadoChart(
                    ChartFrame.of(
                        "sensitivity-world",
                        labels.get("investment.sensitivity.title"),
                        modelSource(t, world.get(0)),
                        Math.max(7, 3 + 0.7 * bars.size())),
                    labels.format(
                        "investment.sensitivity.axis", printed.value(base, ValueFormat.USD)),
                    ValueFormat.USD,
                    base,
                    bars,
                    labels.get("investment.low"),
                    labels.get("investment.high")),
                labels.get("investment.sensitivity.caption"),
                SENSITIVITY));
      }
    }
    if (tables.get(TOTALS).isEmpty()) {
      blocks.add(missing(TOTALS));
    } else {
      ReportTable t = tables.get(TOTALS).get();
      String asOf = t.distinct("as_of_quarter").stream().reduce((a, b) -> b).orElse(null);
      List<List<String>> rows = new ArrayList<>();
      List<List<Object>> first = new ArrayList<>();
      for (String level : List.of(REPORTING, WORLD_EXTRAPOLATED, "itu_region", "group")) {
        for (List<Object> r :
            t.rows(
                t.where("level", level)
                    .and(t.where("scenario", "base"))
                    .and(t.where("as_of_quarter", asOf)))) {
          first.add(r);
          rows.add(
              List.of(
                  investmentAreaName(level, t.text(r, "area")),
                  printed.value(t.value(r, "countries"), ValueFormat.COUNT),
                  printed.value(t.value(r, "need_usd"), ValueFormat.USD),
                  printed.value(t.value(r, "existing_usd"), ValueFormat.USD),
                  printed.value(t.value(r, "gap_usd"), ValueFormat.USD),
                  printed.value(t.value(r, "countries_imputed"), ValueFormat.COUNT)));
        }
      }
      blocks.add(
          new ReportDocument.Table(
              labels.format(
                  "investment.totals.table",
                  asOf,
                  first.isEmpty() ? "" : presentValue(t, first.get(0))),
              List.of(
                  labels.get("col.area"),
                  labels.get("col.countries"),
                  labels.get("col.need"),
                  labels.get("col.existing"),
                  labels.get("col.gap"),
                  labels.get("col.imputed")),
              rows,
              List.of(false, true, true, true, true, true),
              TOTALS));
    }
    return blocks;
  }

  private String modelSource(ReportTable t, List<Object> row) {
    return labels.format(
        "source.model",
        t.text(row, "parameter_set"),
        t.text(row, "price_year"),
        t.text(row, "horizon_years"),
        printed.value(t.value(row, "discount_rate"), ValueFormat.PERCENT));
  }

  /** "5-year present values at 6% real, USD of 2025": what every investment figure is. */
  private String presentValue(ReportTable t, List<Object> row) {
    return labels.format(
        "investment.present-value",
        t.text(row, "horizon_years"),
        printed.value(t.value(row, "discount_rate"), ValueFormat.PERCENT),
        t.text(row, "price_year"));
  }

  /** How many countries an investment level covers, from the totals (base scenario). */
  private String countriesOf(String level, String asOf) {
    return tables
        .get(TOTALS)
        .flatMap(
            t ->
                t
                    .rows(
                        t.where("level", level)
                            .and(t.where("scenario", "base"))
                            .and(t.where("as_of_quarter", asOf)))
                    .stream()
                    .findFirst()
                    .map(r -> printed.value(t.value(r, "countries"), ValueFormat.COUNT)))
        .orElse(Printed.NONE);
  }

  /** An investment area's name: the sum of reporting countries and the world are labelled apart. */
  private String investmentAreaName(String level, String area) {
    switch (level) {
      case REPORTING:
        return labels.get("area.reporting");
      case WORLD_EXTRAPOLATED:
        return labels.get("area.world-extrapolated");
      default:
        return areaName(level, area);
    }
  }

  private String usdAxis(ReportTable t, List<Object> row) {
    return labels.format("axis.usd-pv", t.text(row, "horizon_years"), t.text(row, "price_year"));
  }

  // ---------------------------------------------------------------- methodology

  private List<Block> methodologySection() {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new ReportDocument.Paragraph(labels.get("methodology.intro")));
    List<String> bullets = new ArrayList<>();
    if (volumes.isPresent()) {
      ReportTable v = volumes.get();
      List<String> quarters = v.distinct("quarter");
      bullets.add(
          labels.format(
              "methodology.operators",
              printed.value(maxWorldOperators(v), ValueFormat.COUNT),
              printed.value(areas(v, "country").size(), ValueFormat.COUNT)));
      bullets.add(
          labels.format(
              "methodology.periods",
              quarters.size(),
              quarters.isEmpty() ? Printed.NONE : quarters.get(0),
              quarters.isEmpty() ? Printed.NONE : quarters.get(quarters.size() - 1)));
    } else {
      blocks.add(missing(VOLUMES));
    }
    // The share of withheld figure cells, stated for every table under disclosure control.
    for (ReportTable t : tables.all().values()) {
      if (t.disclosureControlled() && t.figureCells() > 0) {
        bullets.add(
            labels.format(
                "methodology.suppressed",
                printed.value(t.withheldFigureCells(), ValueFormat.COUNT),
                t.name(),
                printed.value(t.figureCells(), ValueFormat.COUNT),
                printed.value(t.withheldShare(), ValueFormat.PERCENT)));
      }
    }
    bullets.add(labels.get("methodology.coverage"));
    tables
        .get(TOTALS)
        .ifPresent(
            t ->
                t.rows(t.where("level", "world").and(t.where("scenario", "base"))).stream()
                    .max(Comparator.comparing(r -> t.text(r, "as_of_quarter")))
                    .ifPresent(
                        r ->
                            bullets.add(
                                labels.format(
                                    "methodology.imputed",
                                    printed.value(
                                        t.value(r, "countries_imputed"), ValueFormat.COUNT),
                                    printed.value(t.value(r, "countries"), ValueFormat.COUNT)))));
    bullets.add(labels.get("methodology.tables"));
    blocks.add(new ReportDocument.Bullets(bullets));
    Optional<ReportTable> coverage = tables.get(COVERAGE);
    if (coverage.isEmpty()) {
      blocks.add(missing(COVERAGE));
    } else {
      ReportTable c = coverage.get();
      String quarter = c.distinct("quarter").stream().reduce((a, b) -> b).orElse(null);
      blocks.add(coverageTable(c, c.where("quarter", quarter), quarter));
    }
    return blocks;
  }

  private ReportDocument.Table coverageTable(
      ReportTable c, Predicate<List<Object>> rowsWanted, String quarter) {
    List<String> header =
        List.of(
            labels.get("col.country"),
            labels.get("col.type"),
            labels.get("col.operators"),
            labels.get("col.coverage"),
            labels.get("col.method"));
    List<List<String>> rows = new ArrayList<>();
    for (List<Object> row : c.rows(rowsWanted)) {
      rows.add(
          List.of(
              countryName(c.text(row, "country_code")),
              labels.name("type", c.text(row, "spam_type")),
              printed.value(
                  c.value(row, "reporting_operators"),
                  ValueFormat.COUNT,
                  c.suppressed(row, c.index("reporting_operators"))),
              printed.value(
                  c.value(row, "coverage_ratio"),
                  ValueFormat.PERCENT,
                  c.suppressed(row, c.index("coverage_ratio"))),
              printed.value(
                  c.value(row, "estimate_method"),
                  ValueFormat.COUNT,
                  c.suppressed(row, c.index("estimate_method")))));
    }
    return new ReportDocument.Table(
        labels.format("methodology.coverage.table", quarter),
        header,
        rows,
        List.of(false, false, true, true, false),
        COVERAGE);
  }

  // ---------------------------------------------------------------- country profile

  private List<Block> countrySection(String code) {
    List<Block> blocks = new ArrayList<>();
    String name = countryName(code);
    boolean any = false;
    if (volumes.isPresent() && !volumes.get().rows(volumes.get().where("area", code)).isEmpty()) {
      ReportTable v = volumes.get();
      Chart chart =
          volumeByType(
              v,
              "country",
              code,
              "country-" + slug(code) + "-volumes",
              labels.format("country.volumes.title", name),
              8);
      blocks.add(figure(chart, labels.format("country.volumes.caption", name), VOLUMES));
      any = true;
    }
    Optional<ReportTable> coverage = tables.get(COVERAGE);
    if (coverage.isPresent()) {
      ReportTable c = coverage.get();
      Predicate<List<Object>> mine = c.where("country_code", code);
      if (!c.rows(mine).isEmpty()) {
        String quarter =
            c.rows(mine).stream()
                .map(r -> c.text(r, "quarter"))
                .max(Comparator.naturalOrder())
                .get();
        blocks.add(coverageTable(c, mine.and(c.where("quarter", quarter)), quarter));
        any = true;
      }
    }
    Optional<ReportTable> indicators = tables.get(INDICATORS);
    if (indicators.isPresent()) {
      ReportTable r = indicators.get();
      List<List<Object>> mine =
          r.rows(r.where("country_code", code).and(r.where("kind", "wsis_pillar")));
      if (!mine.isEmpty()) {
        List<List<String>> rows = new ArrayList<>();
        for (String pillar : PILLARS) {
          mine.stream()
              .filter(x -> pillar.equals(r.text(x, "indicator")))
              .findFirst()
              .ifPresent(
                  x ->
                      rows.add(
                          List.of(
                              labels.name("pillar", pillar),
                              printed.value(r.value(x, "score"), ValueFormat.SCORE))));
        }
        blocks.add(
            new ReportDocument.Table(
                labels.format("country.readiness.table", name),
                List.of(labels.get("axis.pillar"), labels.get("col.score")),
                rows,
                List.of(false, true),
                INDICATORS));
        any = true;
      }
    }
    Optional<ReportTable> intervals = tables.get(INTERVALS);
    if (intervals.isPresent()) {
      ReportTable i = intervals.get();
      List<List<Object>> mine = i.rows(i.where("level", "country").and(i.where("area", code)));
      if (!mine.isEmpty()) {
        List<List<String>> rows = new ArrayList<>();
        for (List<Object> r : mine) {
          rows.add(
              List.of(
                  labels.name("measure", i.text(r, "measure")),
                  printed.value(i.value(r, "p5_usd"), ValueFormat.USD),
                  printed.value(i.value(r, "p50_usd"), ValueFormat.USD),
                  printed.value(i.value(r, "p95_usd"), ValueFormat.USD)));
        }
        blocks.add(
            new ReportDocument.Table(
                labels.format(
                    "country.investment.table",
                    name,
                    i.text(mine.get(0), "as_of_quarter"),
                    presentValue(i, mine.get(0))),
                List.of(
                    labels.get("col.measure"),
                    labels.get("col.p5"),
                    labels.get("col.p50"),
                    labels.get("col.p95")),
                rows,
                List.of(false, true, true, true),
                INTERVALS));
        any = true;
      }
    }
    if (!any) {
      blocks.add(new ReportDocument.Missing(labels.format("missing.country", name)));
    }
    return blocks;
  }

  // ---------------------------------------------------------------- helpers

  /**
   * The chart with its caption, or, when disclosure control withheld every value it would draw, a
   * note saying so (an empty chart would only confuse).
   */
  private Block figure(Chart chart, String caption, String table) {
    if (chart instanceof CategoryChart c && !c.hasValues()) {
      return new ReportDocument.Missing(
          labels.format("missing.withheld", caption, c.suppressedValues()));
    }
    return new ReportDocument.Figure(chart, caption, table);
  }

  private ReportDocument.Missing missing(String table) {
    return new ReportDocument.Missing(labels.format("missing.table", table));
  }

  private String cell(ReportTable t, Optional<List<Object>> row, String column) {
    if (row.isEmpty()) {
      return Printed.NONE;
    }
    int i = t.index(column);
    return printed.value(row.get().get(i), formatOf(t, column), t.suppressed(row.get(), i));
  }

  private static ValueFormat formatOf(ReportTable t, String column) {
    ValueFormat f = org.spamtraffic.report.table.ColumnFormats.of(t.contract().column(column));
    return f == null ? ValueFormat.DECIMAL : f;
  }

  private static Optional<List<Object>> one(
      ReportTable v, String level, String area, String quarter, String type) {
    return v
        .rows(
            v.where("level", level)
                .and(v.where("area", area))
                .and(v.where("quarter", quarter))
                .and(v.where("spam_type", type)))
        .stream()
        .findFirst();
  }

  private static String latestQuarter(ReportTable v) {
    return v.rows(v.where("level", "world")).stream()
        .map(r -> v.text(r, "quarter"))
        .max(Comparator.naturalOrder())
        .orElseGet(() -> v.distinct("quarter").stream().reduce((a, b) -> b).orElse("–"));
  }

  private static List<String> areas(ReportTable v, String level) {
    return v.rows(v.where("level", level)).stream()
        .map(r -> v.text(r, "area"))
        .distinct()
        .sorted()
        .toList();
  }

  private static List<String> types(ReportTable v) {
    return typesOf(v);
  }

  private static List<String> typesOf(ReportTable t) {
    List<String> present = t.distinct("spam_type");
    List<String> ordered = new ArrayList<>();
    TYPE_ORDER.stream().filter(present::contains).forEach(ordered::add);
    present.stream().filter(p -> !TYPE_ORDER.contains(p)).forEach(ordered::add);
    return ordered;
  }

  private static Integer maxWorldOperators(ReportTable v) {
    return v.rows(v.where("level", "world")).stream()
        .map(r -> (Number) v.value(r, "reporting_operators"))
        .filter(Objects::nonNull)
        .map(Number::intValue)
        .max(Integer::compare)
        .orElse(0);
  }

  /** The source line of charts from operator returns. */
  private String returnsSource(ReportTable v, int suppressed) {
    String line;
    if (v == null) {
      line =
          labels.format("source.returns", Printed.NONE, Printed.NONE, Printed.NONE, Printed.NONE);
    } else {
      List<String> quarters = v.distinct("quarter");
      line =
          labels.format(
              "source.returns",
              printed.value(maxWorldOperators(v), ValueFormat.COUNT),
              printed.value(areas(v, "country").size(), ValueFormat.COUNT),
              quarters.isEmpty() ? Printed.NONE : quarters.get(0),
              quarters.isEmpty() ? Printed.NONE : quarters.get(quarters.size() - 1));
    }
    return suppressed > 0 ? line + labels.format("source.suppressed", suppressed) : line;
  }

  private String coverageLine(ReportTable v) {
    List<String> quarters = v.distinct("quarter");
    return labels.format(
        "summary.coverage",
        printed.value(maxWorldOperators(v), ValueFormat.COUNT),
        printed.value(areas(v, "country").size(), ValueFormat.COUNT),
        quarters.isEmpty() ? Printed.NONE : quarters.get(0),
        quarters.isEmpty() ? Printed.NONE : quarters.get(quarters.size() - 1));
  }

  private String areaName(String level, String area) {
    switch (level) {
      case "world":
      case "itu_region":
        return labels.name("region", area);
      case "group":
        return labels.name("group", area);
      case "country":
        return countryName(area);
      default:
        return area;
    }
  }

  /** The country's name in the report's language, from the published countries table. */
  String countryName(String code) {
    Optional<ReportTable> countries = tables.get(COUNTRIES);
    if (code == null || countries.isEmpty()) {
      return code == null ? Printed.NONE : code;
    }
    ReportTable c = countries.get();
    String column = labels.language().equals("fr") && c.has("name_fr") ? "name_fr" : "name_en";
    return c.rows(c.where("alpha3", code)).stream()
        .map(r -> c.text(r, column) == null ? c.text(r, "name_en") : c.text(r, column))
        .findFirst()
        .orElse(code);
  }

  private static List<Boolean> numericAfterFirst(List<String> header) {
    List<Boolean> numeric = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      numeric.add(i > 0);
    }
    return numeric;
  }

  /** A file-name-safe form of a label: "Asia & Pacific" → "asia-pacific". */
  static String slug(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
