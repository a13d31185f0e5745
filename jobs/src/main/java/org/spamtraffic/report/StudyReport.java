package org.spamtraffic.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.spamtraffic.publish.DisclosurePolicy;
import org.spamtraffic.report.chart.CategoryChart;
import org.spamtraffic.report.chart.Chart;
import org.spamtraffic.report.chart.ChartData;
import org.spamtraffic.report.chart.ChartFrame;
import org.spamtraffic.report.chart.FlowChart;
import org.spamtraffic.report.chart.MapChart;
import org.spamtraffic.report.chart.ValueFormat;
import org.spamtraffic.report.chart.WorldGeometry;
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
   * @param policy the disclosure policy the tables were published under (stated in the draft)
   */
  public record Parameters(
      String studyId,
      long commit,
      String commitDate,
      List<String> countries,
      DisclosurePolicy policy) {
    public Parameters {
      countries = List.copyOf(countries);
      Objects.requireNonNull(policy, "policy");
    }

    /** Parameters under the study's standard disclosure policy. */
    public Parameters(String studyId, long commit, String commitDate, List<String> countries) {
      this(studyId, commit, commitDate, countries, DisclosurePolicy.standard());
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
    sections.add(section("section.types", typesSection()));
    sections.add(section("section.routes", routesSection()));
    sections.add(section("section.sources", sourcesSection()));
    sections.add(section("section.regions", regionsSection()));
    sections.add(section("section.readiness", readinessSection()));
    sections.add(section("section.investment", investmentSection()));
    sections.add(section("section.conclusions", conclusions()));
    sections.add(section("section.references", references()));
    sections.add(section("section.abbreviations", abbreviations()));
    List<ReportDocument.Section> annexes = new ArrayList<>();
    annexes.add(section("annex.participation", participationAnnex()));
    List<Block> methodology = new ArrayList<>(methodologySection());
    annexes.add(section("annex.tables", dataTablesAnnex()));
    for (String country : parameters.countries()) {
      annexes.add(
          new ReportDocument.Section(
              labels.format("section.country", countryName(country)), countrySection(country)));
    }
    // The share of withheld cells of every figure and table, once all of them are known.
    List<Block> all = new ArrayList<>();
    sections.forEach(x -> all.addAll(x.blocks()));
    annexes.forEach(x -> all.addAll(x.blocks()));
    all.addAll(methodology);
    methodology.add(withheldTable(all));
    // Method and coverage states the share withheld of everything else, so it comes last.
    Withheld total = withheld(all);
    sections.add(1, section("section.method", methodSection(total)));
    annexes.add(1, section("annex.methodology", methodology));
    ReportDocument.Header header =
        new ReportDocument.Header(
            labels.get("header.number"),
            labels.get("header.period"),
            labels.get("header.meeting"),
            labels.get("header.original"),
            labels.get("header.questions"),
            labels.get("header.kind"));
    Map<String, String> cover = new LinkedHashMap<>();
    cover.put(labels.get("cover.source"), labels.get("cover.source.text"));
    cover.put(labels.get("cover.title"), labels.get("title"));
    cover.put(labels.get("cover.purpose"), labels.get("cover.purpose.text"));
    cover.put(labels.get("cover.contact"), labels.get("cover.contact.text"));
    cover.put(labels.get("cover.keywords"), labels.get("cover.keywords.text"));
    cover.put(labels.get("cover.abstract"), abstractText(total));
    return new ReportDocument(header, new ReportDocument.Cover(cover), sections, annexes);
  }

  private ReportDocument.Section section(String key, List<Block> blocks) {
    return new ReportDocument.Section(labels.get(key), blocks);
  }

  // ---------------------------------------------------------------- abstract and summary

  /**
   * The abstract: what the document is, its coverage, and what disclosure control did, in figures
   * from the tables and the policy.
   */
  private String abstractText(Withheld total) {
    if (volumes.isEmpty()) {
      return labels.format("cover.abstract.text.no-data", memberStates());
    }
    ReportTable v = volumes.get();
    List<String> quarters = v.distinct("quarter");
    DisclosurePolicy policy = parameters.policy();
    return labels.format(
        "cover.abstract.text",
        maxWorldOperators(v),
        areas(v, "country").size(),
        memberStates(),
        quarters.isEmpty() ? Printed.NONE : quarters.get(0),
        quarters.isEmpty() ? Printed.NONE : quarters.get(quarters.size() - 1),
        policy.minOperators(),
        printed.wholePercent(policy.maxShare()),
        printed.wholePercent(policy.protection()),
        total.printedShare(printed));
  }

  /**
   * Cells of figures and tables, and how many of them disclosure control withheld.
   *
   * @param cells every value a figure would draw or a table would print
   * @param withheld of those, the withheld ones
   */
  record Withheld(int cells, int withheld) {
    String printedShare(Printed printed) {
      return cells == 0
          ? Printed.NONE
          : printed.number((double) withheld / cells, ValueFormat.PERCENT);
    }
  }

  /** The cells and withheld cells of every figure and table among {@code blocks}. */
  private Withheld withheld(List<Block> blocks) {
    int cells = 0;
    int withheld = 0;
    for (Block b : blocks) {
      if (b instanceof ReportDocument.Figure f) {
        cells += f.cells();
        withheld += f.withheld();
      } else if (b instanceof ReportDocument.Table t) {
        cells += t.figureCells();
        withheld += t.withheldCells(labels.get("suppressed"));
      }
    }
    return new Withheld(cells, withheld);
  }

  private List<Block> summary() {
    List<Block> blocks = new ArrayList<>();
    if (volumes.isEmpty()) {
      blocks.add(missing(VOLUMES));
      summaryOfEstimates(blocks);
      return blocks;
    }
    ReportTable v = volumes.get();
    String quarter = latestQuarter(v);
    blocks.add(
        new ReportDocument.Paragraph(
            labels.format(
                "summary.intro",
                quarter,
                maxWorldOperators(v, v.where("quarter", quarter)),
                areas(v, "country").size(),
                memberStates())));
    List<String> findings = new ArrayList<>();
    for (String type : types(v)) {
      Optional<List<Object>> row = one(v, "world", "World", quarter, type);
      if (row.isEmpty()
          || v.suppressedRow(row.get())
          || v.number(row.get(), "spam_detected") == null) {
        findings.add(labels.format("summary.type.withheld", labels.name("type", type), quarter));
        continue;
      }
      List<Object> r = row.get();
      StringBuilder s =
          new StringBuilder(
              labels.format(
                  "summary.type",
                  labels.name("type", type),
                  sentence(v, r, "spam_detected"),
                  sentence(v, r, "spam_share"),
                  sentence(v, r, "block_rate")));
      Double growth = published(v, r, "growth_year_on_year");
      if (growth != null) {
        s.append(' ')
            .append(
                labels.format(
                    growth >= 0 ? "summary.type.growth" : "summary.type.fall",
                    printed.number(Math.abs(growth), ValueFormat.PERCENT)));
      }
      findings.add(s.toString());
    }
    findings.add(
        labels.format(
            "summary.see",
            ReportDocument.figureRef("spam-share-over-time"),
            ReportDocument.tableRef("types-world")));
    routeFinding(v, quarter).ifPresent(findings::add);
    sourceFinding().ifPresent(findings::add);
    regionFinding(v, quarter).ifPresent(findings::add);
    blocks.add(new ReportDocument.Bullets(findings));
    summaryOfEstimates(blocks);
    return blocks;
  }

  /** A sentence-rounded published value, or "withheld". */
  private String sentence(ReportTable t, List<Object> row, String column) {
    int i = t.index(column);
    return printed.value(row.get(i), formatOf(t, column), t.suppressed(row, i));
  }

  /** A published number of a row, or null when withheld or empty. */
  private static Double published(ReportTable t, List<Object> row, String column) {
    if (row == null || !t.has(column) || t.suppressed(row, t.index(column))) {
      return null;
    }
    return t.number(row, column);
  }

  private Optional<String> routeFinding(ReportTable v, String quarter) {
    for (String type : List.of("sms", "voice")) {
      Optional<List<Object>> row = one(v, "world", "World", quarter, type);
      Double grey = row.map(r -> published(v, r, "share_grey_route")).orElse(null);
      Double gateway = row.map(r -> published(v, r, "share_international_gateway")).orElse(null);
      if (grey != null && gateway != null) {
        return Optional.of(
            labels.format(
                "summary.routes",
                labels.name("type", type),
                printed.number(grey, ValueFormat.PERCENT),
                printed.number(gateway, ValueFormat.PERCENT),
                ReportDocument.figureRef("route-mix")));
      }
    }
    return Optional.empty();
  }

  private Optional<String> sourceFinding() {
    Optional<ReportTable> sources = tables.get(SOURCES);
    if (sources.isEmpty()) {
      return Optional.empty();
    }
    ReportTable s = sources.get();
    Predicate<List<Object>> world =
        s.where("level", "world").and(s.where("source_kind", "country"));
    String quarter = latestOf(s, world);
    for (String type : typesOf(s)) {
      List<List<Object>> top = topSources(s, world, quarter, type, 1);
      if (!top.isEmpty()
          && published(s, top.get(0), "share_of_area") != null
          && !"unknown".equals(s.text(top.get(0), "source"))) {
        return Optional.of(
            labels.format(
                "summary.sources",
                labels.name("type", type),
                countryName(s.text(top.get(0), "source")),
                printed.number(s.number(top.get(0), "share_of_area"), ValueFormat.PERCENT),
                quarter,
                ReportDocument.figureRef("top-sources-" + slug(type))));
      }
    }
    return Optional.empty();
  }

  private Optional<String> regionFinding(ReportTable v, String quarter) {
    String best = null;
    double most = -1;
    for (String region : areas(v, "itu_region")) {
      Double x =
          one(v, "itu_region", region, quarter, "sms")
              .map(r -> published(v, r, "spam_per_subscriber_month"))
              .orElse(null);
      if (x != null && x > most) {
        most = x;
        best = region;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    return Optional.of(
        labels.format(
            "summary.regions",
            labels.name("region", best),
            printed.number(most, ValueFormat.DECIMAL),
            quarter,
            ReportDocument.tableRef("per-subscriber")));
  }

  // ---------------------------------------------------------------- method and coverage

  private List<Block> methodSection(Withheld total) {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new ReportDocument.Paragraph(labels.get("method.intro")));
    if (volumes.isEmpty()) {
      blocks.add(missing(VOLUMES));
      return blocks;
    }
    ReportTable v = volumes.get();
    List<String> quarters = v.distinct("quarter");
    Map<String, List<String>> byRegion = new TreeMap<>();
    for (String c : areas(v, "country")) {
      byRegion.computeIfAbsent(regionOfCountry(c), k -> new ArrayList<>()).add(c);
    }
    List<String> perRegion = new ArrayList<>();
    byRegion.forEach(
        (region, codes) ->
            perRegion.add(
                labels.format(
                    "method.region",
                    labels.name("region", region),
                    codes.stream()
                        .map(this::countryName)
                        .sorted()
                        .collect(java.util.stream.Collectors.joining(", ")))));
    blocks.add(
        new ReportDocument.Paragraph(
            labels.format(
                "method.who",
                maxWorldOperators(v),
                areas(v, "country").size(),
                memberStates(),
                byRegion.size(),
                quarters.isEmpty() ? Printed.NONE : quarters.get(0),
                quarters.isEmpty() ? Printed.NONE : quarters.get(quarters.size() - 1),
                ReportDocument.tableRef("coverage"),
                operatorsByType(v))));
    blocks.add(new ReportDocument.Bullets(perRegion));
    coverageSentence().ifPresent(s -> blocks.add(new ReportDocument.Paragraph(s)));
    DisclosurePolicy policy = parameters.policy();
    blocks.add(
        new ReportDocument.Paragraph(
            labels.format(
                "method.disclosure",
                policy.minOperators(),
                printed.wholePercent(policy.maxShare()),
                printed.wholePercent(policy.protection()),
                total.printedShare(printed),
                printed.number(total.withheld(), ValueFormat.COUNT),
                printed.number(total.cells(), ValueFormat.COUNT),
                ReportDocument.tableRef("withheld"))));
    tables
        .get(TOTALS)
        .ifPresent(
            t ->
                t
                    .rows(
                        t.where("level", REPORTING)
                            .and(t.where("scenario", "base"))
                            .and(t.where("as_of_quarter", asOfQuarter(t))))
                    .stream()
                    .findFirst()
                    .filter(r -> t.value(r, "countries_imputed") != null)
                    .ifPresent(
                        r ->
                            blocks.add(
                                new ReportDocument.Paragraph(
                                    labels.format(
                                        "method.imputed",
                                        ((Number) t.value(r, "countries_imputed")).intValue(),
                                        ((Number) t.value(r, "countries")).intValue())))));
    return blocks;
  }

  /** How much of each market the reporting operators cover, from published coverage rows. */
  private Optional<String> coverageSentence() {
    Optional<ReportTable> coverage = tables.get(COVERAGE);
    if (coverage.isEmpty()) {
      return Optional.empty();
    }
    ReportTable c = coverage.get();
    String quarter = c.distinct("quarter").stream().reduce((a, b) -> b).orElse(null);
    List<Double> ratios = new ArrayList<>();
    int low = 0;
    int unknown = 0;
    for (List<Object> row : c.rows(c.where("quarter", quarter).and(c.where("spam_type", "sms")))) {
      Double ratio = published(c, row, "coverage_ratio");
      if (ratio != null) {
        ratios.add(Math.min(ratio, 1.0));
        if (Boolean.TRUE.equals(c.value(row, "low_coverage"))) {
          low++;
        }
      } else if ("unknown_market".equals(c.text(row, "coverage_status"))) {
        unknown++;
      }
    }
    if (ratios.isEmpty()) {
      return Optional.empty();
    }
    java.util.Collections.sort(ratios);
    double median =
        ratios.size() % 2 == 1
            ? ratios.get(ratios.size() / 2)
            : (ratios.get(ratios.size() / 2 - 1) + ratios.get(ratios.size() / 2)) / 2;
    return Optional.of(
        labels.format(
            "method.coverage",
            quarter,
            ratios.size(),
            printed.number(median, ValueFormat.PERCENT),
            low,
            unknown));
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
    blocks.add(
        new ReportDocument.Paragraph(
            labels.format(
                "types.intro",
                quarter,
                ReportDocument.figureRef("volume-by-type-world"),
                ReportDocument.figureRef("spam-share-over-time"),
                ReportDocument.figureRef("block-rate-over-time"),
                ReportDocument.tableRef("types-world"))));
    blocks.add(
        figure(
            volumeByType(
                v,
                "world",
                "World",
                "volume-by-type-world",
                labels.format("volumes.world.title", reportingArea()),
                9),
            labels.format("volumes.world.caption", reportingArea()),
            VOLUMES));
    blocks.add(
        figure(
            overTime(
                v,
                "spam_share",
                "spam-share-over-time",
                labels.format("types.share-time.title", reportingArea()),
                "axis.share"),
            labels.format("types.share-time.caption", reportingArea()),
            VOLUMES));
    blocks.add(
        figure(
            overTime(
                v,
                "block_rate",
                "block-rate-over-time",
                labels.format("types.block-time.title", reportingArea()),
                "axis.block-rate"),
            labels.format("types.block-time.caption", reportingArea()),
            VOLUMES));
    blocks.add(
        worldTypeTable(
            v,
            quarter,
            "types-world",
            labels.format("types.table", reportingArea(), quarter),
            List.of(
                "spam_detected",
                "spam_share",
                "block_rate",
                "spam_per_subscriber_month",
                "growth_year_on_year",
                "reporting_operators"),
            List.of(
                "col.spam-detected",
                "col.spam-share",
                "col.block-rate",
                "col.per-subscriber",
                "col.growth-yoy",
                "col.operators")));
    return blocks;
  }

  /** One line per spam type over the quarters, of a share of the reporting countries' row. */
  private Chart overTime(ReportTable v, String column, String id, String title, String axisKey) {
    List<String> quarters = v.distinct("quarter");
    List<CategoryChart.Series> series = new ArrayList<>();
    int suppressed = 0;
    for (String type : types(v)) {
      List<Double> values = new ArrayList<>();
      for (String quarter : quarters) {
        Optional<List<Object>> row = one(v, "world", "World", quarter, type);
        values.add(row.map(r -> published(v, r, column)).orElse(null));
        if (row.isPresent() && v.suppressed(row.get(), v.index(column))) {
          suppressed++;
        }
      }
      series.add(new CategoryChart.Series(labels.name("type", type), values));
    }
    return new CategoryChart(
        ChartFrame.of(id, title, returnsSource(v, suppressed), 8),
        CategoryChart.Kind.LINES,
        labels.get("axis.quarter"),
        labels.get(axisKey),
        ValueFormat.PERCENT,
        quarters.stream().map(labels::period).toList(),
        series,
        suppressed);
  }

  // ---------------------------------------------------------------- routes

  private List<Block> routesSection() {
    List<Block> blocks = new ArrayList<>();
    if (volumes.isEmpty()) {
      blocks.add(missing(VOLUMES));
    } else {
      ReportTable v = volumes.get();
      String quarter = latestQuarter(v);
      blocks.add(
          new ReportDocument.Paragraph(
              labels.format(
                  "routes.intro",
                  quarter,
                  ReportDocument.figureRef("route-mix"),
                  ReportDocument.figureRef("grey-route-over-time"))));
      blocks.add(
          figure(
              routeMix(v, quarter),
              labels.format("routes.mix.caption", reportingArea(), quarter),
              VOLUMES));
      blocks.add(
          figure(
              overTime(
                  v,
                  "share_grey_route",
                  "grey-route-over-time",
                  labels.format("routes.grey-time.title", reportingArea()),
                  "axis.route-share"),
              labels.format("routes.grey-time.caption", reportingArea()),
              VOLUMES));
    }
    Optional<ReportTable> routes = tables.get(ROUTES);
    if (routes.isEmpty()) {
      blocks.add(missing(ROUTES));
    } else {
      ReportTable r = routes.get();
      String quarter = r.distinct("quarter").stream().reduce((a, b) -> b).orElse(null);
      List<Block> flowFigures = new ArrayList<>();
      List<String> refs = new ArrayList<>();
      for (String type : typesOf(r)) {
        Optional<FlowChart> chart = flows(r, quarter, type);
        chart
            .filter(c -> c.flows().size() >= MIN_FLOWS)
            .ifPresent(
                c -> {
                  refs.add(ReportDocument.figureRef(c.frame().id()));
                  flowFigures.add(
                      figure(
                          c,
                          labels.format(
                              "routes.flows.caption",
                              labels.name("type", type),
                              quarter,
                              c.flows().size()),
                          ROUTES));
                });
      }
      if (!flowFigures.isEmpty()) {
        blocks.add(new ReportDocument.Subheading(labels.get("routes.flows.heading")));
        blocks.add(
            new ReportDocument.Paragraph(
                labels.format("routes.flows.intro", String.join(", ", refs), quarter)));
        blocks.addAll(flowFigures);
      }
    }
    return blocks;
  }

  /**
   * Route mix of every type as a 100% stack: on-net, international gateway, grey route, the other
   * known routes, unknown. The last two are differences of the same published row's shares (off-net
   * minus gateway and grey; one minus on-net and off-net), so they add nothing a reader cannot work
   * out from that row.
   */
  private Chart routeMix(ReportTable v, String quarter) {
    List<String> types = types(v);
    List<String> parts =
        List.of("on_net", "international_gateway", "grey_route", "other_known", "unknown");
    List<List<Double>> values = new ArrayList<>();
    parts.forEach(p -> values.add(new ArrayList<>()));
    int suppressed = 0;
    for (String type : types) {
      List<Object> row = one(v, "world", "World", quarter, type).orElse(null);
      Double on = published(v, row, "share_on_net");
      Double off = published(v, row, "share_off_net");
      Double gateway = published(v, row, "share_international_gateway");
      Double grey = published(v, row, "share_grey_route");
      if (on == null || off == null || gateway == null || grey == null) {
        parts.forEach(p -> values.get(parts.indexOf(p)).add(null));
        suppressed += row == null ? 0 : 1;
        continue;
      }
      values.get(0).add(on);
      values.get(1).add(gateway);
      values.get(2).add(grey);
      values.get(3).add(clean(off - gateway - grey));
      values.get(4).add(clean(1 - on - off));
    }
    List<CategoryChart.Series> series = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      series.add(new CategoryChart.Series(labels.name("route.mix", parts.get(i)), values.get(i)));
    }
    return new CategoryChart(
        ChartFrame.of(
            "route-mix",
            labels.format("routes.mix.title", reportingArea(), quarter),
            returnsSource(v, suppressed),
            8),
        CategoryChart.Kind.STACKED_SHARES,
        labels.get("axis.spam-type"),
        labels.get("axis.route-share"),
        ValueFormat.PERCENT,
        types.stream().map(t -> labels.name("type", t)).toList(),
        series,
        suppressed);
  }

  /** A difference of shares, with floating-point noise around zero taken away. */
  private static double clean(double share) {
    return Math.abs(share) < 1e-9 ? 0 : share;
  }

  // ---------------------------------------------------------------- sources

  private List<Block> sourcesSection() {
    List<Block> blocks = new ArrayList<>();
    Optional<ReportTable> sources = tables.get(SOURCES);
    if (sources.isEmpty()) {
      blocks.add(missing(SOURCES));
      return blocks;
    }
    ReportTable s = sources.get();
    Predicate<List<Object>> world =
        s.where("level", "world").and(s.where("source_kind", "country"));
    String quarter = latestOf(s, world);
    List<Block> figures = new ArrayList<>();
    List<String> refs = new ArrayList<>();
    List<List<String>> tableRows = new ArrayList<>();
    int tableWithheld = 0;
    for (String type : typesOf(s)) {
      List<List<Object>> top = topSources(s, world, quarter, type, TOP_SOURCES);
      if (top.isEmpty()) {
        continue;
      }
      String typeName = labels.name("type", type);
      List<String> names = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      int expected = 1;
      int gaps = 0;
      double shown = 0;
      for (List<Object> r : top) {
        int rank = ((Number) s.value(r, "rank")).intValue();
        for (; expected < rank; expected++) {
          names.add(labels.format("sources.rank-withheld", expected));
          values.add(null);
          gaps++;
        }
        expected = rank + 1;
        Double share = published(s, r, "share_of_area");
        names.add(rank + ". " + sourceName(s.text(r, "source")));
        values.add(share);
        shown += share == null ? 0 : share;
      }
      names.add(labels.get("sources.rest"));
      values.add(clean(1 - shown));
      String id = "top-sources-" + slug(type);
      refs.add(ReportDocument.figureRef(id));
      Chart chart =
          new CategoryChart(
              ChartFrame.of(
                  id,
                  labels.format("routes.sources.title", typeName, quarter),
                  returnsSource(volumes.orElse(null), gaps),
                  Math.max(5.5, 2.5 + 0.55 * names.size())),
              CategoryChart.Kind.HORIZONTAL_BARS,
              labels.get("axis.source-country"),
              labels.get("axis.share-of-spam"),
              ValueFormat.PERCENT,
              names,
              List.of(new CategoryChart.Series(typeName, values)),
              gaps);
      figures.add(
          figure(
              chart,
              labels.format("routes.sources.caption", typeName, quarter, reportingArea()),
              SOURCES));
      for (List<Object> r : top.subList(0, Math.min(5, top.size()))) {
        tableRows.add(
            List.of(
                typeName,
                printed.value(s.value(r, "rank"), ValueFormat.COUNT),
                sourceName(s.text(r, "source")),
                sentence(s, r, "spam_detected"),
                sentence(s, r, "share_of_area")));
      }
    }
    blocks.add(
        new ReportDocument.Paragraph(
            labels.format(
                "sources.intro",
                quarter,
                String.join(", ", refs),
                ReportDocument.tableRef("top-sources"))));
    blocks.addAll(figures);
    if (tableRows.isEmpty()) {
      blocks.add(
          new ReportDocument.Missing(
              labels.format(
                  "missing.rows",
                  labels.format("routes.sources.table", quarter, reportingArea()))));
    } else {
      List<String> header =
          List.of(
              labels.get("col.type"),
              labels.get("col.rank"),
              labels.get("col.source"),
              labels.get("col.spam-detected"),
              labels.get("col.share-area"));
      blocks.add(
          table(
              "top-sources",
              labels.format("routes.sources.table", quarter, reportingArea()),
              header,
              tableRows,
              List.of(false, true, false, true, true),
              SOURCES));
    }
    return blocks;
  }

  /**
   * The entry routes of the spam a country's operators detected in its latest quarter, per type:
   * the published shares of its volumes rows (on-net, international gateway, grey route).
   */
  private Optional<ReportDocument.Table> countryRoutes(String code, String name) {
    if (volumes.isEmpty()) {
      return Optional.empty();
    }
    ReportTable v = volumes.get();
    Predicate<List<Object>> mine = v.where("level", "country").and(v.where("area", code));
    Optional<String> quarter =
        v.rows(mine).stream().map(r -> v.text(r, "quarter")).max(Comparator.naturalOrder());
    if (quarter.isEmpty()) {
      return Optional.empty();
    }
    List<List<String>> rows = new ArrayList<>();
    for (String type : types(v)) {
      one(v, "country", code, quarter.get(), type)
          .ifPresent(
              r ->
                  rows.add(
                      List.of(
                          labels.name("type", type),
                          sentence(v, r, "share_on_net"),
                          sentence(v, r, "share_international_gateway"),
                          sentence(v, r, "share_grey_route"))));
    }
    return rows.isEmpty()
        ? Optional.empty()
        : Optional.of(
            table(
                "country-" + slug(code) + "-routes",
                labels.format("country.routes.table", name, quarter.get()),
                List.of(
                    labels.get("col.type"),
                    labels.get("route.mix.on_net"),
                    labels.get("route.mix.international_gateway"),
                    labels.get("route.mix.grey_route")),
                rows,
                List.of(false, true, true, true),
                VOLUMES));
  }

  /** The five largest published source countries of the spam a country received, per type. */
  private Optional<ReportDocument.Table> countrySources(String code, String name) {
    Optional<ReportTable> sources = tables.get(SOURCES);
    if (sources.isEmpty()) {
      return Optional.empty();
    }
    ReportTable s = sources.get();
    Predicate<List<Object>> mine =
        s.where("level", "country")
            .and(s.where("area", code))
            .and(s.where("source_kind", "country"));
    String quarter = latestOf(s, mine);
    List<List<String>> rows = new ArrayList<>();
    for (String type : typesOf(s)) {
      for (List<Object> r : topSources(s, mine, quarter, type, 5)) {
        rows.add(
            List.of(
                labels.name("type", type),
                printed.value(s.value(r, "rank"), ValueFormat.COUNT),
                sourceName(s.text(r, "source")),
                sentence(s, r, "share_of_area")));
      }
    }
    return rows.isEmpty()
        ? Optional.empty()
        : Optional.of(
            table(
                "country-" + slug(code) + "-sources",
                labels.format("country.sources.table", name, quarter),
                List.of(
                    labels.get("col.type"),
                    labels.get("col.rank"),
                    labels.get("col.source"),
                    labels.get("col.share-area")),
                rows,
                List.of(false, true, false, true),
                SOURCES));
  }

  /** A source's name: a country's UN name, or "Unknown (not identified)". */
  private String sourceName(String code) {
    return "unknown".equals(code) ? labels.get("sources.unknown") : countryName(code);
  }

  // ---------------------------------------------------------------- regions

  private List<Block> regionsSection() {
    List<Block> blocks = new ArrayList<>();
    if (volumes.isEmpty()) {
      blocks.add(missing(VOLUMES));
      return blocks;
    }
    ReportTable v = volumes.get();
    String quarter = latestQuarter(v);
    blocks.add(
        new ReportDocument.Paragraph(
            labels.format(
                "regions.intro",
                quarter,
                ReportDocument.tableRef("volumes-by-region"),
                ReportDocument.tableRef("per-subscriber"),
                ReportDocument.figureRef("per-subscriber-by-region"),
                ReportDocument.tableRef("complaints"),
                ReportDocument.figureRef("spam-share-by-region"),
                ReportDocument.figureRef("block-rate-by-region"))));
    blocks.add(
        regionTypeTable(
            v,
            quarter,
            "volumes-by-region",
            "spam_detected",
            labels.format("volumes.table", quarter),
            null));
    blocks.add(
        regionTypeTable(
            v,
            quarter,
            "per-subscriber",
            "spam_per_subscriber_month",
            labels.format("regions.per-subscriber.table", quarter),
            null));
    blocks.add(
        figure(
            regionsByType(
                v,
                quarter,
                List.of("sms", "voice", "ip_messaging", "ip_multimedia"),
                "spam_per_subscriber_month",
                "per-subscriber-by-region",
                "regions.per-subscriber.title",
                "axis.per-subscriber",
                ValueFormat.DECIMAL),
            labels.format("regions.per-subscriber.caption", quarter),
            VOLUMES));
    blocks.add(
        regionTypeTable(
            v,
            quarter,
            "complaints",
            "user_reports",
            labels.format("regions.complaints.table", quarter),
            "service_size"));
    blocks.add(
        figure(
            regionsByType(
                v,
                quarter,
                types(v),
                "spam_share",
                "spam-share-by-region",
                "types.share.title",
                "axis.share",
                ValueFormat.PERCENT),
            labels.format("types.share.caption", quarter),
            VOLUMES));
    blocks.add(
        figure(
            regionsByType(
                v,
                quarter,
                types(v),
                "block_rate",
                "block-rate-by-region",
                "types.block.title",
                "axis.block-rate",
                ValueFormat.PERCENT),
            labels.format("types.block.caption", quarter),
            VOLUMES));
    return blocks;
  }

  /**
   * Regions (and the reporting countries) by spam type, one published column; with {@code
   * perMillion}, the column per million of that column of the same row (complaints per million
   * subscribers), printed only where both are published.
   */
  private ReportDocument.Table regionTypeTable(
      ReportTable v, String quarter, String id, String column, String title, String perMillion) {
    List<String> types = types(v);
    List<String[]> areas = new ArrayList<>();
    areas(v, "itu_region").forEach(a -> areas.add(new String[] {"itu_region", a}));
    areas.add(new String[] {"world", "World"});
    ValueFormat format = perMillion == null ? formatOf(v, column) : ValueFormat.DECIMAL;
    List<List<Double>> values = new ArrayList<>();
    List<List<Boolean>> withheld = new ArrayList<>();
    List<Double> all = new ArrayList<>();
    for (String[] area : areas) {
      List<Double> row = new ArrayList<>();
      List<Boolean> w = new ArrayList<>();
      for (String type : types) {
        List<Object> r = one(v, area[0], area[1], quarter, type).orElse(null);
        Double x = published(v, r, column);
        boolean hidden = r != null && v.suppressed(r, v.index(column));
        if (perMillion != null) {
          Double d = published(v, r, perMillion);
          hidden = hidden || (r != null && v.suppressed(r, v.index(perMillion)));
          x = x == null || d == null || d == 0 ? null : x / d * 1_000_000;
        }
        row.add(x);
        w.add(hidden);
        if (x != null) {
          all.add(x);
        }
      }
      values.add(row);
      withheld.add(w);
    }
    List<String> header = new ArrayList<>();
    header.add(labels.get("col.area"));
    Printed.Column printer = printed.column(all, format);
    for (String type : types) {
      header.add(
          format == ValueFormat.COUNT
              ? printer.heading(labels.name("type", type))
              : labels.name("type", type));
    }
    List<List<String>> rows = new ArrayList<>();
    for (int a = 0; a < areas.size(); a++) {
      List<String> row = new ArrayList<>();
      row.add(areaName(areas.get(a)[0], areas.get(a)[1]));
      for (int t = 0; t < types.size(); t++) {
        Double x = values.get(a).get(t);
        boolean hidden = withheld.get(a).get(t);
        row.add(
            format == ValueFormat.COUNT
                ? printer.cell(x, hidden)
                : hidden
                    ? labels.get("suppressed")
                    : x == null ? Printed.NONE : printed.number(x, format));
      }
      rows.add(row);
    }
    return table(id, title, header, rows, numericAfterFirst(header), VOLUMES);
  }

  // ---------------------------------------------------------------- conclusions, references

  private List<Block> conclusions() {
    List<Block> blocks = new ArrayList<>();
    blocks.add(new ReportDocument.Editable(labels.get("conclusions.author")));
    if (volumes.isPresent()) {
      ReportTable v = volumes.get();
      blocks.add(
          new ReportDocument.Paragraph(
              labels.format("conclusions.coverage", areas(v, "country").size(), memberStates())));
    }
    blocks.add(new ReportDocument.Editable(labels.get("conclusions.invited")));
    blocks.add(
        new ReportDocument.Bullets(
            List.of(
                labels.get("conclusions.proposal.note"),
                labels.format("conclusions.proposal.returns", memberStates()),
                labels.get("conclusions.proposal.questionnaire"),
                labels.get("conclusions.proposal.next"))));
    return blocks;
  }

  private List<Block> references() {
    List<String> refs = new ArrayList<>();
    for (int i = 1; labels.has("reference." + i); i++) {
      refs.add(labels.get("reference." + i));
    }
    return List.of(new ReportDocument.Numbered(refs));
  }

  private List<Block> abbreviations() {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; labels.has("abbreviation." + i); i++) {
      String[] parts = labels.get("abbreviation." + i).split("\t", 2);
      rows.add(List.of(parts[0], parts.length > 1 ? parts[1] : ""));
    }
    return List.of(
        new ReportDocument.Paragraph(
            labels.format("abbreviations.intro", ReportDocument.tableRef("abbreviations"))),
        table(
            "abbreviations",
            labels.get("abbreviations.table"),
            List.of(labels.get("col.abbreviation"), labels.get("col.meaning")),
            rows,
            List.of(false, false),
            ""));
  }

  // ---------------------------------------------------------------- annexes

  private List<Block> participationAnnex() {
    List<Block> blocks = new ArrayList<>();
    Optional<ReportTable> coverage = tables.get(COVERAGE);
    if (coverage.isEmpty()) {
      blocks.add(missing(COVERAGE));
      return blocks;
    }
    ReportTable c = coverage.get();
    String quarter = c.distinct("quarter").stream().reduce((a, b) -> b).orElse(null);
    blocks.add(
        new ReportDocument.Paragraph(
            labels.format(
                "annex.participation.intro", quarter, ReportDocument.tableRef("coverage"))));
    blocks.addAll(participationMap(c));
    blocks.add(coverageTable(c, c.where("quarter", quarter), quarter, "coverage"));
    return blocks;
  }

  /**
   * The map of who took part: countries with operator returns in any quarter (every country with a
   * row in {@code published_coverage}, whose keys are published even where its figures are
   * withheld), and countries that answered the questionnaire ({@code survey_indicators}).
   * Participation is no figure of an operator: the same countries are named in the tables.
   */
  private List<Block> participationMap(ReportTable coverage) {
    java.util.Set<String> returns = new java.util.TreeSet<>(coverage.distinct("country_code"));
    java.util.Set<String> survey = new java.util.TreeSet<>();
    tables
        .get(INDICATORS)
        .ifPresent(
            r ->
                r.rows(row -> true).stream()
                    .map(row -> r.text(row, "country_code"))
                    .forEach(survey::add));
    List<String> both = returns.stream().filter(survey::contains).toList();
    List<String> returnsOnly = returns.stream().filter(c -> !survey.contains(c)).toList();
    List<String> surveyOnly = survey.stream().filter(c -> !returns.contains(c)).toList();
    MapChart chart =
        new MapChart(
            new ChartFrame(
                "participation-map",
                labels.get("map.participation.title"),
                labels.format("map.participation.source", returns.size(), survey.size()),
                ChartFrame.FULL_WIDTH_CM,
                9.5),
            List.of(
                new MapChart.Shading(labels.get("map.participation.both"), both),
                new MapChart.Shading(labels.get("map.participation.returns"), returnsOnly),
                new MapChart.Shading(labels.get("map.participation.survey"), surveyOnly)),
            labels.get("map.participation.others"));
    List<Block> blocks = new ArrayList<>();
    if (!chart.hasCountries()) {
      return blocks;
    }
    blocks.add(
        new ReportDocument.Paragraph(
            labels.format(
                "map.participation.intro",
                ReportDocument.figureRef(chart.frame().id()),
                returns.size(),
                survey.size(),
                both.size())));
    blocks.add(figure(chart, labels.get("map.participation.caption"), COVERAGE));
    List<String> participants = new ArrayList<>(returns);
    surveyOnly.forEach(participants::add);
    List<String> notDrawn =
        participants.stream()
            .filter(c -> !WorldGeometry.load().drawn(c))
            .map(this::countryName)
            .sorted()
            .toList();
    blocks.add(
        new ReportDocument.Paragraph(
            notDrawn.isEmpty()
                ? labels.get("map.participation.boundaries")
                : labels.get("map.participation.boundaries")
                    + " "
                    + labels.format("map.participation.notdrawn", String.join(", ", notDrawn))));
    return blocks;
  }

  private List<Block> dataTablesAnnex() {
    List<Block> blocks = new ArrayList<>();
    if (volumes.isEmpty()) {
      blocks.add(missing(VOLUMES));
      return blocks;
    }
    ReportTable v = volumes.get();
    List<String> refs = new ArrayList<>();
    List<Block> figures = new ArrayList<>();
    for (String region : areas(v, "itu_region")) {
      String name = labels.name("region", region);
      String id = "volume-by-type-" + slug(region);
      Chart chart =
          volumeByType(v, "itu_region", region, id, labels.format("volumes.region.title", name), 8);
      Block f = figure(chart, labels.format("volumes.region.caption", name), VOLUMES);
      if (f instanceof ReportDocument.Figure) {
        refs.add(ReportDocument.figureRef(id));
      }
      figures.add(f);
    }
    blocks.add(
        new ReportDocument.Paragraph(labels.format("annex.tables.intro", String.join(", ", refs))));
    blocks.addAll(figures);
    return blocks;
  }

  private void summaryOfEstimates(List<Block> blocks) {
    List<String> bullets = new ArrayList<>();
    tables
        .get(INTERVALS)
        .ifPresent(
            i -> {
              String asOf = asOfQuarter(i);
              // One headline: the reporting countries' simulation median, labelled with what it
              // covers and how it is discounted; the world extrapolation beside it, never for it.
              for (String level : List.of(REPORTING, WORLD_EXTRAPOLATED)) {
                Predicate<List<Object>> need =
                    i.where("level", level)
                        .and(i.where("measure", "need"))
                        .and(i.where("as_of_quarter", asOf));
                if (!i.withheld(need).isEmpty()) {
                  // A withheld headline is said, not left out: the reader would look for it.
                  bullets.add(
                      labels.format(
                          level.equals(REPORTING)
                              ? "summary.investment.withheld"
                              : "summary.investment.world.withheld",
                          labels.period(asOf)));
                }
                i.rows(need).stream()
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
                t
                    .rows(
                        t.where("level", REPORTING)
                            .and(t.where("scenario", "base"))
                            .and(t.where("as_of_quarter", asOfQuarter(t))))
                    .stream()
                    .findFirst()
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
        quarters.stream().map(labels::period).toList(),
        series,
        suppressed);
  }

  private ReportDocument.Table worldTypeTable(
      ReportTable v,
      String quarter,
      String id,
      String title,
      List<String> columns,
      List<String> headings) {
    List<String> header = new ArrayList<>();
    header.add(labels.get("col.type"));
    List<Optional<List<Object>>> rows = new ArrayList<>();
    for (String type : types(v)) {
      rows.add(one(v, "world", "World", quarter, type));
    }
    List<Printed.Column> printers = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      String column = columns.get(c);
      ValueFormat format = formatOf(v, column);
      List<Double> values =
          rows.stream().map(r -> r.map(x -> published(v, x, column)).orElse(null)).toList();
      Printed.Column printer =
          format == ValueFormat.COUNT
              ? printed.column(
                  java.util.Collections.unmodifiableList(
                      values.stream().filter(Objects::nonNull).toList()),
                  format)
              : null;
      printers.add(printer);
      header.add(
          printer == null
              ? labels.get(headings.get(c))
              : printer.heading(labels.get(headings.get(c))));
    }
    List<List<String>> cells = new ArrayList<>();
    List<String> types = types(v);
    for (int t = 0; t < types.size(); t++) {
      Optional<List<Object>> row = rows.get(t);
      List<String> line = new ArrayList<>();
      line.add(labels.name("type", types.get(t)));
      for (int c = 0; c < columns.size(); c++) {
        String column = columns.get(c);
        if (row.isEmpty()) {
          line.add(Printed.NONE);
        } else if (printers.get(c) != null) {
          line.add(
              printers
                  .get(c)
                  .cell(row.get().get(v.index(column)), v.suppressed(row.get(), v.index(column))));
        } else {
          line.add(cell(v, row, column));
        }
      }
      cells.add(line);
    }
    return table(id, title, header, cells, numericAfterFirst(header), VOLUMES);
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

  private Chart regionsByType(
      ReportTable v,
      String quarter,
      List<String> types,
      String column,
      String id,
      String titleKey,
      String axisKey,
      ValueFormat format) {
    List<String> regions = areas(v, "itu_region");
    List<CategoryChart.Series> series = new ArrayList<>();
    int suppressed = 0;
    for (String type : types) {
      if (!types(v).contains(type)) {
        continue;
      }
      List<Double> values = new ArrayList<>();
      for (String region : regions) {
        Optional<List<Object>> row = one(v, "itu_region", region, quarter, type);
        values.add(row.map(r -> published(v, r, column)).orElse(null));
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
        format,
        regions.stream().map(r -> labels.name("region", r)).toList(),
        series,
        suppressed);
  }

  // ---------------------------------------------------------------- readiness, investment

  private List<Block> readinessSection() {
    List<Block> blocks = new ArrayList<>();
    blocks.add(
        new ReportDocument.Paragraph(
            labels.format(
                "readiness.intro",
                ReportDocument.figureRef("readiness-by-region"),
                ReportDocument.figureRef("readiness-by-group"))));
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
      blocks.add(
          new ReportDocument.Missing(
              labels.format("missing.rows", labels.get("readiness.region.title"))));
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

  /** The rollup levels of the investment tables, in the order they print. */
  private static final List<String> INVESTMENT_LEVELS =
      List.of(REPORTING, WORLD_EXTRAPOLATED, "itu_region", "group");

  /**
   * The latest quarter of an investment table, its withheld rows included: the quarter the estimate
   * is as of, whether or not its figures are published (else a withheld latest quarter would make
   * the draft present an older one as current).
   */
  private static String asOfQuarter(ReportTable t) {
    List<String> quarters = t.distinctWithWithheld("as_of_quarter");
    return quarters.isEmpty() ? null : quarters.get(quarters.size() - 1);
  }

  /**
   * The rollup areas (reporting countries, world, regions, groups) of {@code t} whose rows of
   * {@code asOf} disclosure control withholds, in the order the tables print them, as (level, area)
   * pairs.
   */
  private static List<List<String>> withheldRollups(ReportTable t, String asOf) {
    List<List<String>> out = new ArrayList<>();
    for (String level : INVESTMENT_LEVELS) {
      t.withheld(t.where("level", level).and(t.where("as_of_quarter", asOf))).stream()
          .map(r -> t.text(r, "area"))
          .distinct()
          .sorted()
          .forEach(area -> out.add(List.of(level, area)));
    }
    return out;
  }

  private String listed(List<String> parts) {
    return com.ibm.icu.text.ListFormatter.getInstance(labels.locale()).format(parts);
  }

  /**
   * "The totals for Africa and Asia &amp; Pacific are withheld: …": the rollups a table leaves
   * without figures, named, with the rule that withholds them (a rollup is never withheld for its
   * own operators, only to protect a withheld country: complementary suppression).
   */
  private Optional<Block> withheldRollupsNote(ReportTable t, String asOf) {
    List<String> names =
        withheldRollups(t, asOf).stream()
            .map(
                la ->
                    switch (la.get(0)) {
                      // In a sentence, not the tables' row labels: "World, all ITU Member
                      // States (extrapolated)" would read as two items of the list.
                      case REPORTING -> labels.get("investment.withheld.reporting");
                      case WORLD_EXTRAPOLATED -> labels.get("investment.withheld.world");
                      default -> investmentAreaName(la.get(0), la.get(1));
                    })
            .toList();
    if (names.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ReportDocument.Paragraph(
            labels.format(
                "investment.withheld",
                listed(names),
                names.size(),
                printed.wholePercent(parameters.policy().protection()))));
  }

  /**
   * The ITU-D regions with no investment row at all in {@code asOf} (neither published nor
   * withheld), named: no country of theirs is in the estimate's inputs.
   */
  private Optional<Block> regionsNotEstimatedNote(ReportTable t, String asOf) {
    Optional<ReportTable> countries = tables.get(COUNTRIES);
    if (countries.isEmpty()) {
      return Optional.empty();
    }
    Predicate<List<Object>> regional =
        t.where("level", "itu_region").and(t.where("as_of_quarter", asOf));
    java.util.Set<String> estimated = new java.util.HashSet<>();
    t.rows(regional).forEach(r -> estimated.add(t.text(r, "area")));
    t.withheld(regional).forEach(r -> estimated.add(t.text(r, "area")));
    List<String> missing =
        countries.get().distinct("itu_region").stream()
            .filter(r -> !estimated.contains(r))
            .map(r -> labels.name("region", r))
            .sorted(java.text.Collator.getInstance(labels.locale()))
            .toList();
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ReportDocument.Paragraph(
            labels.format(
                "investment.not-estimated-regions",
                listed(missing),
                missing.size(),
                labels.period(asOf))));
  }

  private List<Block> investmentSection() {
    List<Block> body = new ArrayList<>();
    Optional<ReportTable> intervals = tables.get(INTERVALS);
    if (intervals.isEmpty()) {
      body.add(missing(INTERVALS));
    } else {
      ReportTable i = intervals.get();
      String asOf = asOfQuarter(i);
      Predicate<List<Object>> current = i.where("as_of_quarter", asOf);
      // The model's settings (horizon, rate, price year) of any published row: the same in every
      // row of a run; a withheld row keeps none of its numbers.
      Optional<List<Object>> model = i.rows(current).stream().findFirst();
      withheldRollupsNote(i, asOf).ifPresent(body::add);
      regionsNotEstimatedNote(i, asOf).ifPresent(body::add);
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
        body.add(
            figure(
                new org.spamtraffic.report.chart.RangeChart(
                    ChartFrame.of(
                        "investment-by-region",
                        labels.get("investment.region.title"),
                        modelSource(i, model.get()),
                        Math.max(7, 3 + 1.1 * regions.size())),
                    labels.get("axis.region"),
                    usdAxis(i, model.get()),
                    ValueFormat.USD,
                    regions.stream().map(r -> labels.name("region", r)).toList(),
                    series,
                    0),
                labels.get("investment.region.caption"),
                INTERVALS));
      }
      // Published rows with their figures, withheld rollups with "withheld" in every figure cell:
      // a withheld area keeps its line, so the table says what it leaves out.
      List<List<String>> rows = new ArrayList<>();
      for (String level : INVESTMENT_LEVELS) {
        Predicate<List<Object>> ofLevel =
            current
                .and(i.where("level", level))
                .and(r -> List.of("need", "gap").contains(i.text(r, "measure")));
        List<List<Object>> all = new ArrayList<>(i.rows(ofLevel));
        List<List<Object>> withheld = i.withheld(ofLevel);
        all.addAll(withheld);
        all.sort(
            Comparator.comparing((List<Object> r) -> i.text(r, "area"))
                .thenComparing(r -> i.text(r, "measure").equals("need") ? 0 : 1));
        for (List<Object> r : all) {
          boolean out = withheld.contains(r);
          rows.add(
              List.of(
                  investmentAreaName(level, i.text(r, "area")),
                  labels.name("measure", i.text(r, "measure")),
                  out
                      ? labels.get("suppressed")
                      : printed.value(i.value(r, "p5_usd"), ValueFormat.USD),
                  out
                      ? labels.get("suppressed")
                      : printed.value(i.value(r, "p50_usd"), ValueFormat.USD),
                  out
                      ? labels.get("suppressed")
                      : printed.value(i.value(r, "p95_usd"), ValueFormat.USD)));
        }
      }
      if (!rows.isEmpty() && model.isPresent()) {
        body.add(
            table(
                "investment-intervals",
                labels.format(
                    "investment.table", labels.period(asOf), presentValue(i, model.get())),
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
      body.add(missing(SENSITIVITY));
    } else {
      ReportTable t = sensitivity.get();
      String asOf = asOfQuarter(t);
      Predicate<List<Object>> reporting =
          t.where("level", REPORTING)
              .and(t.where("measure", "need"))
              .and(t.where("as_of_quarter", asOf));
      List<List<Object>> world =
          t.rows(reporting).stream()
              .sorted(Comparator.comparingInt(r -> ((Number) t.value(r, "rank")).intValue()))
              .toList();
      if (world.isEmpty()) {
        String title = labels.get("investment.sensitivity.title");
        body.add(
            new ReportDocument.Missing(
                t.withheld(reporting).isEmpty()
                    ? labels.format("missing.rows", title)
                    : labels.format("investment.sensitivity.withheld", title)));
      } else {
        double base = t.number(world.get(0), "total_base_usd");
        List<org.spamtraffic.report.chart.TornadoChart.Bar> bars = new ArrayList<>();
        for (List<Object> r : world.subList(0, Math.min(TORNADO_BARS, world.size()))) {
          bars.add(
              new org.spamtraffic.report.chart.TornadoChart.Bar(
                  parameterName(t.text(r, "parameter")),
                  t.number(r, "total_at_low_usd"),
                  t.number(r, "total_at_high_usd")));
        }
        body.add(
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
      body.add(missing(TOTALS));
    } else {
      ReportTable t = tables.get(TOTALS).get();
      String asOf = asOfQuarter(t);
      List<List<String>> rows = new ArrayList<>();
      List<List<Object>> first = new ArrayList<>();
      for (String level : INVESTMENT_LEVELS) {
        Predicate<List<Object>> base =
            t.where("level", level)
                .and(t.where("scenario", "base"))
                .and(t.where("as_of_quarter", asOf));
        List<List<Object>> all = new ArrayList<>(t.rows(base));
        first.addAll(all);
        List<List<Object>> withheld = t.withheld(base);
        all.addAll(withheld);
        all.sort(Comparator.comparing((List<Object> r) -> t.text(r, "area")));
        for (List<Object> r : all) {
          String name = investmentAreaName(level, t.text(r, "area"));
          if (withheld.contains(r)) {
            List<String> line = new ArrayList<>(List.of(name));
            for (int c = 0; c < 5; c++) {
              line.add(labels.get("suppressed"));
            }
            rows.add(line);
            continue;
          }
          rows.add(
              List.of(
                  name,
                  printed.value(t.value(r, "countries"), ValueFormat.COUNT),
                  printed.value(t.value(r, "need_usd"), ValueFormat.USD),
                  printed.value(t.value(r, "existing_usd"), ValueFormat.USD),
                  printed.value(t.value(r, "gap_usd"), ValueFormat.USD),
                  printed.value(t.value(r, "countries_imputed"), ValueFormat.COUNT)));
        }
      }
      if (rows.isEmpty()) {
        body.add(
            new ReportDocument.Missing(
                labels.format("missing.rows", labels.get("investment.totals.name"))));
      } else if (!first.isEmpty()) {
        // With no published base-case row the table would print "withheld" only, under a title
        // that could not say how its figures are discounted; the note above names what is withheld.
        body.add(
            table(
                "investment-totals",
                labels.format(
                    "investment.totals.table", labels.period(asOf), presentValue(t, first.get(0))),
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
    }
    // The intro names only the figures and tables that are there: a reference to a figure that
    // is not drawn would send the reader looking for it.
    java.util.Set<String> drawn = new java.util.HashSet<>();
    for (Block b : body) {
      if (b instanceof ReportDocument.Figure f) {
        drawn.add(f.chart().frame().id());
      } else if (b instanceof ReportDocument.Table t) {
        drawn.add(t.id());
      }
    }
    List<Block> blocks = new ArrayList<>();
    blocks.add(new ReportDocument.Paragraph(investmentIntro(drawn)));
    blocks.addAll(body);
    return blocks;
  }

  /** The section's first sentence, naming only the figures and tables {@code drawn} holds. */
  private String investmentIntro(java.util.Set<String> drawn) {
    List<String> parts = new ArrayList<>();
    boolean chart = drawn.contains("investment-by-region");
    boolean ranges = drawn.contains("investment-intervals");
    if (chart && ranges) {
      parts.add(
          labels.format(
              "investment.intro.ranges",
              ReportDocument.figureRef("investment-by-region"),
              ReportDocument.tableRef("investment-intervals")));
    } else if (ranges) {
      parts.add(
          labels.format(
              "investment.intro.ranges-table", ReportDocument.tableRef("investment-intervals")));
    }
    if (drawn.contains("sensitivity-world")) {
      parts.add(
          labels.format(
              "investment.intro.sensitivity", ReportDocument.figureRef("sensitivity-world")));
    }
    if (drawn.contains("investment-totals")) {
      parts.add(
          labels.format("investment.intro.base", ReportDocument.tableRef("investment-totals")));
    }
    return parts.isEmpty()
        ? labels.get("investment.intro.none")
        : labels.format("investment.intro", listed(parts));
  }

  /**
   * A parameter of the investment model in words: {@code param.<name>} of the bundle, and the spam
   * type for a parameter per type ({@code capacity_capex_usd.sms}: "Capital cost of filtering
   * capacity (SMS)"); the name itself for a parameter the bundle does not know.
   */
  private String parameterName(String key) {
    int dot = key.indexOf('.');
    String name = dot < 0 ? key : key.substring(0, dot);
    if (!labels.has("param." + name)) {
      return key;
    }
    String label = labels.get("param." + name);
    return dot < 0
        ? label
        : labels.format("param.per-type", label, labels.name("type", key.substring(dot + 1)));
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
    bullets.add(labels.format("methodology.suppressed", ReportDocument.tableRef("withheld")));
    bullets.add(labels.get("methodology.coverage"));
    tables
        .get(TOTALS)
        .ifPresent(
            t ->
                t
                    .rows(
                        t.where("level", "world")
                            .and(t.where("scenario", "base"))
                            .and(t.where("as_of_quarter", asOfQuarter(t))))
                    .stream()
                    .findFirst()
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
      blocks.add(
          new ReportDocument.Paragraph(
              labels.format("methodology.coverage.ref", ReportDocument.tableRef("coverage"))));
    }
    return blocks;
  }

  private ReportDocument.Table coverageTable(
      ReportTable c, Predicate<List<Object>> rowsWanted, String quarter, String id) {
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
              printed.value(c.value(row, "reporting_operators"), ValueFormat.COUNT),
              printed.value(
                  c.value(row, "coverage_ratio"),
                  ValueFormat.PERCENT,
                  c.suppressed(row, c.index("coverage_ratio"))),
              labels.name("method", c.text(row, "estimate_method"))));
    }
    return table(
        id,
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
    List<Block> parts = countryParts(code, name);
    List<String> refs = new ArrayList<>();
    for (Block b : parts) {
      if (b instanceof ReportDocument.Figure f) {
        refs.add(ReportDocument.figureRef(f.id()));
      } else if (b instanceof ReportDocument.Table t) {
        refs.add(ReportDocument.tableRef(t.id()));
      }
    }
    if (!refs.isEmpty()) {
      blocks.add(
          new ReportDocument.Paragraph(
              labels.format("country.intro", name, String.join(", ", refs))));
    }
    blocks.addAll(parts);
    return blocks;
  }

  /**
   * The country against its ITU-D region, its development group and all reporting countries: spam
   * per subscriber per month of each type, from the published rows of each area.
   */
  private Optional<ReportDocument.Table> countryComparison(String code, String name) {
    if (volumes.isEmpty()) {
      return Optional.empty();
    }
    ReportTable v = volumes.get();
    String quarter = latestQuarter(v);
    String region = regionOfCountry(code);
    String group =
        tables
            .get(COUNTRIES)
            .flatMap(
                c ->
                    c.rows(c.where("alpha3", code)).stream()
                        .findFirst()
                        .map(row -> c.text(row, "development_status")))
            .orElse(null);
    List<String[]> areas = new ArrayList<>();
    areas.add(new String[] {"country", code});
    areas.add(new String[] {"itu_region", region});
    if (group != null) {
      areas.add(new String[] {"group", group});
    }
    areas.add(new String[] {"world", "World"});
    List<String> types =
        types(v).stream().filter(t -> one(v, "country", code, quarter, t).isPresent()).toList();
    if (types.isEmpty()) {
      return Optional.empty();
    }
    List<String> header = new ArrayList<>();
    header.add(labels.get("col.area"));
    types.forEach(t -> header.add(labels.name("type", t)));
    List<List<String>> rows = new ArrayList<>();
    for (String[] area : areas) {
      List<String> row = new ArrayList<>();
      row.add(areaName(area[0], area[1]));
      for (String type : types) {
        row.add(cell(v, one(v, area[0], area[1], quarter, type), "spam_per_subscriber_month"));
      }
      rows.add(row);
    }
    return Optional.of(
        table(
            "country-" + slug(code) + "-compare",
            labels.format("country.compare.table", name, quarter),
            header,
            rows,
            numericAfterFirst(header),
            VOLUMES));
  }

  private List<Block> countryParts(String code, String name) {
    List<Block> blocks = new ArrayList<>();
    boolean any = false;
    Optional<ReportDocument.Table> compare = countryComparison(code, name);
    if (compare.isPresent()) {
      blocks.add(compare.get());
      any = true;
    }
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
    Optional<ReportDocument.Table> routes = countryRoutes(code, name);
    if (routes.isPresent()) {
      blocks.add(routes.get());
      any = true;
    }
    Optional<ReportDocument.Table> sources = countrySources(code, name);
    if (sources.isPresent()) {
      blocks.add(sources.get());
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
        blocks.add(
            coverageTable(
                c,
                mine.and(c.where("quarter", quarter)),
                quarter,
                "country-" + slug(code) + "-coverage"));
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
            table(
                "country-" + slug(code) + "-readiness",
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
            table(
                "country-" + slug(code) + "-investment",
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

  /** Fewer published flows than this and a flow diagram says too little to be drawn. */
  static final int MIN_FLOWS = 4;

  /** A document table with a note stating its withheld cells, if any. */
  private ReportDocument.Table table(
      String id,
      String title,
      List<String> header,
      List<List<String>> rows,
      List<Boolean> numeric,
      String source) {
    ReportDocument.Table t = new ReportDocument.Table(id, title, header, rows, numeric, source, "");
    int cells = t.figureCells();
    int withheld = t.withheldCells(labels.get("suppressed"));
    String note =
        withheld == 0
            ? ""
            : labels.format(
                "table.withheld",
                withheld,
                cells,
                printed.number((double) withheld / cells, ValueFormat.PERCENT));
    return new ReportDocument.Table(id, title, header, rows, numeric, source, note);
  }

  /** Every figure and table with its cells, withheld cells and their share; and the total. */
  private ReportDocument.Table withheldTable(List<Block> blocks) {
    List<List<String>> rows = new ArrayList<>();
    int figureCells = 0;
    int figureWithheld = 0;
    for (Block b : blocks) {
      if (b instanceof ReportDocument.Figure f && f.chart() instanceof MapChart) {
        continue;
      } else if (b instanceof ReportDocument.Figure f) {
        figureCells += f.cells();
        figureWithheld += f.withheld();
        rows.add(withheldRow(ReportDocument.figureRef(f.id()), f.cells(), f.withheld()));
      } else if (b instanceof ReportDocument.Table t) {
        int cells = t.figureCells();
        rows.add(
            withheldRow(
                ReportDocument.tableRef(t.id()), cells, t.withheldCells(labels.get("suppressed"))));
      }
    }
    rows.add(withheldRow(labels.get("withheld.all-figures"), figureCells, figureWithheld));
    Withheld all = withheld(blocks);
    rows.add(withheldRow(labels.get("withheld.all"), all.cells(), all.withheld()));
    return table(
        "withheld",
        labels.get("withheld.table"),
        List.of(
            labels.get("col.part"),
            labels.get("col.cells"),
            labels.get("col.withheld"),
            labels.get("col.withheld-share")),
        rows,
        List.of(false, true, true, true),
        "");
  }

  private List<String> withheldRow(String what, int cells, int withheld) {
    return List.of(
        what,
        printed.number(cells, ValueFormat.COUNT),
        printed.number(withheld, ValueFormat.COUNT),
        cells == 0 ? Printed.NONE : printed.number((double) withheld / cells, ValueFormat.PERCENT));
  }

  /** The number of ITU Member States, the denominator of every statement of coverage. */
  static int memberStates() {
    return org.spamtraffic.schema.ItuMemberStates.alpha3().size();
  }

  /** "reporting countries (16 of 194)": what the world rows of the tables cover. */
  private String reportingArea() {
    int n = volumes.map(v -> areas(v, "country").size()).orElse(0);
    return labels.format("area.reporting-countries", n, memberStates());
  }

  private static String latestOf(ReportTable t, Predicate<List<Object>> rows) {
    return t.rows(rows).stream()
        .map(r -> t.text(r, "quarter"))
        .max(Comparator.naturalOrder())
        .orElse(null);
  }

  /** A country's ITU-D region, from the published countries table. */
  private String regionOfCountry(String code) {
    return tables
        .get(COUNTRIES)
        .flatMap(
            c ->
                c.rows(c.where("alpha3", code)).stream()
                    .findFirst()
                    .map(row -> c.text(row, "itu_region")))
        .orElse(Printed.NONE);
  }

  /**
   * The chart with its caption, or, when disclosure control withheld every value it would draw, a
   * note saying so (an empty chart would only confuse).
   */
  private Block figure(Chart chart, String caption, String table) {
    if (chart instanceof CategoryChart c && !c.hasValues()) {
      return new ReportDocument.Missing(
          labels.format("missing.withheld", caption, c.suppressedValues()));
    }
    int withheld = 0;
    int cells;
    if (chart instanceof CategoryChart c) {
      withheld = c.suppressedValues();
      cells =
          (int)
                  c.series().stream()
                      .flatMap(x -> x.values().stream())
                      .filter(Objects::nonNull)
                      .count()
              + withheld;
    } else if (chart instanceof FlowChart f) {
      withheld = f.suppressedValues();
      cells = f.flows().size() + withheld;
    } else if (chart instanceof MapChart) {
      // Who took part is no figure: the map counts in no share of withheld cells.
      cells = 0;
    } else {
      cells = ChartData.csv(chart).split("\n", -1).length - 2;
    }
    return new ReportDocument.Figure(chart, caption, table, cells, withheld);
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

  /**
   * "SMS 47, voice 47, email 12...": per spam type, the most operators that reported it in a
   * quarter (its world rows), most first. The published tables count operators per type only (an
   * operator that reports two types counts in each), so no total across types can be stated.
   */
  private String operatorsByType(ReportTable v) {
    Map<String, Integer> most = new LinkedHashMap<>();
    for (String type : types(v)) {
      v.rows(v.where("level", "world").and(v.where("spam_type", type))).stream()
          .map(r -> (Number) v.value(r, "reporting_operators"))
          .filter(Objects::nonNull)
          .mapToInt(Number::intValue)
          .max()
          .ifPresent(n -> most.put(type, n));
    }
    List<String> parts =
        most.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .map(
                e ->
                    labels.format(
                        "method.operators.type",
                        labels.name("type", e.getKey()),
                        printed.number(e.getValue(), ValueFormat.COUNT)))
            .toList();
    return com.ibm.icu.text.ListFormatter.getInstance(labels.locale()).format(parts);
  }

  private static Integer maxWorldOperators(ReportTable v) {
    return maxWorldOperators(v, r -> true);
  }

  /** The most operators that reported one spam type, among the world rows {@code wanted}. */
  private static Integer maxWorldOperators(ReportTable v, Predicate<List<Object>> wanted) {
    return v.rows(v.where("level", "world").and(wanted)).stream()
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
        return labels.format(
            "area.reporting-countries.row",
            volumes.map(v -> areas(v, "country").size()).orElse(0),
            memberStates());
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
    Optional<String> un = labels.countryName(code);
    if (un.isPresent()) {
      return un.get();
    }
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
