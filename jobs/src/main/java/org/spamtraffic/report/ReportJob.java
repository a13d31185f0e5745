package org.spamtraffic.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.spamtraffic.cli.Version;
import org.spamtraffic.publish.DisclosurePolicy;
import org.spamtraffic.report.chart.ChartData;
import org.spamtraffic.report.chart.ChartRenderer;
import org.spamtraffic.report.data.PublishedTables;
import org.spamtraffic.report.data.ReportTable;
import org.spamtraffic.report.document.DocxWriter;
import org.spamtraffic.report.document.Labels;
import org.spamtraffic.report.document.ReportDocument;
import org.spamtraffic.report.table.CsvTables;
import org.spamtraffic.report.table.WorkbookWriter;
import org.spamtraffic.schema.Countries;
import org.spamtraffic.stage.PrintedLocation;
import org.spamtraffic.stage.StageResult;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The {@code report} job: reads the published (disclosure-controlled) tables of the warehouse and
 * writes the report bundle to {@code <out>/reports/<study-id>/}:
 *
 * <ul>
 *   <li>{@code charts/<id>.png} (300 dpi at printed size), {@code .svg}, and {@code .csv} (the
 *       numbers drawn);
 *   <li>{@code tables/<table>.csv} and {@code tables.xlsx}: every published table;
 *   <li>{@code report.docx}: the TSAG report draft, every figure and table numbered;
 *   <li>{@code manifest.json}: inputs with SHA-256, parameters, software version, and every output
 *       with what it shows and the tables it comes from.
 * </ul>
 *
 * <p>A published table that is missing (its stage has not run) is no error: the parts that need it
 * say so in the draft, and the result lists it.
 */
public final class ReportJob {
  /** The tables the draft is built from; the result names those the warehouse lacks. */
  static final List<String> EXPECTED =
      List.of(
          StudyReport.VOLUMES,
          StudyReport.SOURCES,
          StudyReport.ROUTES,
          StudyReport.COVERAGE,
          StudyReport.COUNTRIES,
          StudyReport.INTERVALS,
          StudyReport.SENSITIVITY,
          StudyReport.TOTALS,
          StudyReport.INDICATORS);

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What to report.
   *
   * @param outUri output root; the bundle goes to {@code <outUri>/reports/<studyId>/}
   * @param studyId name of the study run: letters, digits, dot, dash, underscore
   * @param language label language (en, fr)
   * @param countries ISO alpha-3 codes that get a country profile section
   */
  public record Options(String outUri, String studyId, String language, List<String> countries) {
    public Options {
      if (studyId == null || !studyId.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        throw new IllegalArgumentException(
            "--study-id '"
                + studyId
                + "' must be letters, digits, '.', '-' or '_' (it names the report folder)");
      }
      Labels.of(language); // fails naming the languages there are
      List<String> codes = new ArrayList<>();
      for (String c : countries) {
        String code = c.trim().toUpperCase(Locale.ROOT);
        if (!Countries.alpha3().contains(code)) {
          throw new IllegalArgumentException(
              "--country '" + c + "' is not an ISO 3166-1 alpha-3 code (for example KEN, FRA)");
        }
        codes.add(code);
      }
      countries = List.copyOf(codes);
    }

    /** The bundle folder: what may be published. */
    public String bundleUri() {
      return outUri + "/reports/" + studyId;
    }

    /**
     * The study team's folder beside the bundle, never published: the internal manifest with full
     * provenance (landing files, warehouse files and their hashes).
     */
    public String internalUri() {
      return outUri + "/reports/" + studyId + ".internal";
    }
  }

  /**
   * What the job wrote.
   *
   * @param bundle the bundle folder
   * @param tablesRead published tables read
   * @param charts charts written (each as PNG, SVG and CSV)
   * @param documentTables tables in the draft
   * @param missing expected tables the warehouse does not have
   */
  public record Result(
      String bundle, int tablesRead, int charts, int documentTables, List<String> missing)
      implements StageResult {
    @Override
    public String summary() {
      return String.format(
          Locale.ROOT,
          "read %d published tables → %s: %d charts, %d document tables, tables.xlsx, report.docx%s",
          tablesRead,
          bundle,
          charts,
          documentTables,
          missing.isEmpty() ? "" : " (missing: " + String.join(", ", missing) + ")");
    }
  }

  private final Warehouse warehouse;
  private final DisclosurePolicy policy;

  /** A report job over {@code warehouse}, under the study's disclosure policy. */
  public ReportJob(Warehouse warehouse) {
    this(warehouse, DisclosurePolicy.standard());
  }

  /** A report job over {@code warehouse}, stating {@code policy} in the draft and manifests. */
  public ReportJob(Warehouse warehouse, DisclosurePolicy policy) {
    this.warehouse = warehouse;
    this.policy = policy;
  }

  /** Writes the bundle. */
  public Result run(Options options) {
    Warehouse.Commit commit = warehouse.head();
    PublishedTables tables = PublishedTables.read(warehouse);
    Labels labels = Labels.of(options.language());
    String commitDate = commit.committedAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
    ReportDocument document =
        StudyReport.build(
            tables,
            labels,
            new StudyReport.Parameters(
                options.studyId(), commit.number(), commitDate, options.countries(), policy));

    try (Bundle bundle =
        Bundle.create(
            options.bundleUri(), warehouse.spark().sparkContext().hadoopConfiguration())) {
      return write(bundle, options, commit, tables, labels, document);
    }
  }

  private Result write(
      Bundle bundle,
      Options options,
      Warehouse.Commit commit,
      PublishedTables tables,
      Labels labels,
      ReportDocument document) {
    Map<String, byte[]> pngs = writeCharts(bundle, document, labels);
    List<ReportTable> ordered = workbookOrder(tables);
    for (ReportTable t : ordered) {
      bundle.write(
          "tables/" + t.name() + ".csv",
          CsvTables.bytes(t),
          "table-csv",
          t.contract().description(),
          List.of(t.name()));
    }
    List<String> all = ordered.stream().map(ReportTable::name).toList();
    bundle.write(
        "tables.xlsx",
        Zips.withEntryTimes(
            new WorkbookWriter(labels)
                .write(
                    document,
                    ordered,
                    labels.format("workbook.title", options.studyId()),
                    commit.committedAt()),
            commit.committedAt()),
        "workbook",
        "Every table of the draft as it prints it (Table 1, Table 2...), then every published"
            + " table, one sheet each, with a README sheet describing them",
        all);
    Set<String> used = new LinkedHashSet<>();
    document.figures().forEach(f -> used.add(f.table()));
    document.tables().forEach(t -> used.add(t.source()));
    bundle.write(
        "report.docx",
        Zips.withEntryTimes(
            new DocxWriter(labels).write(document, pngs, commit.committedAt()),
            commit.committedAt()),
        "document",
        "TSAG report draft: "
            + document.figures().size()
            + " figures, "
            + document.tables().size()
            + " tables",
        List.copyOf(used));

    List<String> missing = EXPECTED.stream().filter(t -> tables.get(t).isEmpty()).toList();
    bundle.writeUnrecorded(
        "manifest.json", json(publicManifest(options, commit, tables, bundle, missing)));
    try (Bundle internal =
        Bundle.create(
            options.internalUri(), warehouse.spark().sparkContext().hadoopConfiguration())) {
      internal.writeUnrecorded(
          "manifest.json", json(manifest(options, commit, tables, bundle, missing)));
    }
    return new Result(
        PrintedLocation.of(bundle.dir().toString()),
        tables.all().size(),
        document.figures().size(),
        document.tables().size(),
        missing);
  }

  private static Map<String, byte[]> writeCharts(
      Bundle bundle, ReportDocument document, Labels labels) {
    ChartRenderer renderer = new ChartRenderer(labels.locale());
    Map<String, byte[]> pngs = new LinkedHashMap<>();
    for (ReportDocument.Figure f : document.figures()) {
      String id = f.chart().frame().id();
      if (pngs.containsKey(id)) {
        throw new IllegalStateException("Two charts are called " + id);
      }
      byte[] png = renderer.png(f.chart());
      pngs.put(id, png);
      List<String> from = List.of(f.table());
      bundle.write("charts/" + id + ".png", png, "chart-png", f.caption(), from);
      bundle.write(
          "charts/" + id + ".svg", renderer.svgBytes(f.chart()), "chart-svg", f.caption(), from);
      bundle.write(
          "charts/" + id + ".csv",
          ChartData.csvBytes(f.chart()),
          "chart-data",
          "The numbers of: " + f.caption(),
          from);
    }
    return pngs;
  }

  /** Study tables first, in the order of the draft, then reference and other tables by name. */
  private static List<ReportTable> workbookOrder(PublishedTables tables) {
    List<String> first =
        List.of(StudyReport.VOLUMES, StudyReport.SOURCES, StudyReport.ROUTES, StudyReport.COVERAGE);
    List<ReportTable> out = new ArrayList<>();
    first.forEach(n -> tables.get(n).ifPresent(out::add));
    tables.all().values().stream()
        .filter(t -> !first.contains(t.name()))
        .sorted(Comparator.comparing(ReportTable::name))
        .forEach(out::add);
    return out;
  }

  /**
   * The manifest published with the bundle: what the study is, the policy it was published under,
   * the share of withheld cells of every table, and every output with its hash. It names no
   * operator, no landing file and no folder of the warehouse (those are in the internal one).
   */
  private ObjectNode publicManifest(
      Options options,
      Warehouse.Commit commit,
      PublishedTables tables,
      Bundle bundle,
      List<String> missing) {
    ObjectNode m = JSON.createObjectNode();
    m.put("study_id", options.studyId());
    m.put("generated_at", commit.committedAt().toString());
    ObjectNode software = m.putObject("software");
    software.put("name", "spamtraffic");
    software.put("version", Version.current());
    software.put("commit", sourceCommit());
    policy(m);
    contentParameters(m, options, tables);
    ObjectNode wh = m.putObject("warehouse");
    wh.put("commit", commit.number());
    wh.put("committed_at", commit.committedAt().toString());
    ArrayNode inputs = m.putArray("tables");
    for (ReportTable t : tables.all().values()) {
      ObjectNode in = inputs.addObject();
      in.put("table", t.name());
      in.put("rows", t.size());
      in.put("figure_cells", t.figureCells());
      in.put("withheld_figure_cells", t.withheldFigureCells());
      in.put("withheld_share", t.withheldShare());
    }
    ArrayNode missingNode = m.putArray("missing_inputs");
    missing.forEach(missingNode::add);
    outputs(m, bundle);
    return m;
  }

  /**
   * Everything that decides what the bundle says besides the tables, and its SHA-256: the study,
   * the language and countries asked for, the disclosure policy, and the investment model's
   * settings as the published tables give them (parameter set, the SHA-256 of the parameter files
   * the estimate read, price year, horizon, discount rate). Two bundles with the same hash and the
   * same warehouse commit say the same. Paths are left out (they are in the internal manifest's
   * {@code parameters}), so the hash does not depend on where the bundle was written.
   */
  private void contentParameters(ObjectNode m, Options options, PublishedTables tables) {
    ObjectNode p = JSON.createObjectNode();
    p.put("study_id", options.studyId());
    p.put("language", options.language());
    ArrayNode countries = p.putArray("countries");
    options.countries().forEach(countries::add);
    policy(p);
    ObjectNode model = p.putObject("investment_model");
    tables
        .get(StudyReport.TOTALS)
        .ifPresent(
            t ->
                t.rows(r -> true).stream()
                    .findFirst()
                    .ifPresent(
                        r -> {
                          for (String c :
                              List.of(
                                  "parameter_set",
                                  "parameter_files_sha256",
                                  "price_year",
                                  "horizon_years",
                                  "discount_rate")) {
                            Object v = t.has(c) ? t.value(r, c) : null;
                            model.put(c, v == null ? null : v.toString());
                          }
                        }));
    m.set("content_parameters", p);
    try {
      m.put(
          "content_parameters_sha256",
          Bundle.sha256(
              JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(p)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot hash the parameters", e);
    }
  }

  /** The git commit the software was built from ({@link Version#commit()}). */
  static String sourceCommit() {
    return Version.commit();
  }

  private void policy(ObjectNode m) {
    ObjectNode p = m.putObject("disclosure_policy");
    p.put("min_operators", policy.minOperators());
    p.put("max_share", policy.maxShare());
    p.put("protection", policy.protection());
  }

  private static void outputs(ObjectNode m, Bundle bundle) {
    ArrayNode outputs = m.putArray("outputs");
    for (Bundle.Output o : bundle.outputs()) {
      ObjectNode out = outputs.addObject();
      out.put("path", o.path());
      out.put("kind", o.kind());
      out.put("bytes", o.bytes());
      out.put("sha256", o.sha256());
      out.put("shows", o.shows());
      ArrayNode from = out.putArray("tables");
      o.tables().forEach(from::add);
    }
  }

  private static byte[] json(ObjectNode m) {
    try {
      return JSON.writeValueAsString(m).concat("\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write manifest.json", e);
    }
  }

  /**
   * The internal manifest, for the study team only (written outside the bundle): full provenance,
   * inputs with their warehouse files and hashes, the landing files by name and hash, parameters,
   * the policy, and every output.
   */
  private ObjectNode manifest(
      Options options,
      Warehouse.Commit commit,
      PublishedTables tables,
      Bundle bundle,
      List<String> missing) {
    ObjectNode m = JSON.createObjectNode();
    m.put("study_id", options.studyId());
    // The commit's time, not the clock's: the bundle of a commit is the same whenever it is made.
    m.put("generated_at", commit.committedAt().toString());
    ObjectNode software = m.putObject("software");
    software.put("name", "spamtraffic");
    software.put("version", Version.current());
    software.put("java", System.getProperty("java.version"));
    software.put("commit", sourceCommit());
    ObjectNode parameters = m.putObject("parameters");
    parameters.put("language", options.language());
    ArrayNode countries = parameters.putArray("countries");
    options.countries().forEach(countries::add);
    parameters.put("out", options.outUri());
    parameters.put("warehouse", warehouse.root().toString());
    policy(m);
    contentParameters(m, options, tables);
    ObjectNode wh = m.putObject("warehouse");
    wh.put("root", warehouse.root().toString());
    wh.put("commit", commit.number());
    wh.put("committed_at", commit.committedAt().toString());
    wh.put("committed_by", commit.job());
    ArrayNode inputs = m.putArray("inputs");
    for (ReportTable t : tables.all().values()) {
      ObjectNode in = inputs.addObject();
      in.put("table", t.name());
      in.put("version", tables.versions().get(t.name()));
      in.put("published", t.contract().published());
      in.put("rows", t.size());
      in.put("suppressed_cells", t.suppressedCells());
      ArrayNode files = in.putArray("files");
      for (String file : warehouse.dataFiles(t.name())) {
        ObjectNode f = files.addObject();
        Path path = new Path(file);
        f.put("path", relative(file));
        f.put("sha256", Bundle.sha256(fileSystem(path), path));
      }
    }
    ArrayNode missingNode = m.putArray("missing_inputs");
    missing.forEach(missingNode::add);
    ArrayNode landing = m.putArray("landing_files");
    if (warehouse.has("submissions")) {
      // Lineage only: which operator files the warehouse was built from, by hash. No figures.
      for (Row r :
          warehouse
              .read("submissions")
              .select("file", "sha256", "status")
              .orderBy("file", "sha256")
              .collectAsList()) {
        ObjectNode f = landing.addObject();
        f.put("file", r.getString(0));
        f.put("sha256", r.getString(1));
        f.put("status", r.getString(2));
      }
    }
    outputs(m, bundle);
    return m;
  }

  private FileSystem fileSystem(Path file) {
    try {
      return file.getFileSystem(warehouse.spark().sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the warehouse file system", e);
    }
  }

  /** A data file's path within the warehouse (as it was), else its whole URI. */
  private String relative(String file) {
    String root = warehouse.root().replaceAll("/+$", "") + "/";
    return file.startsWith(root) ? file.substring(root.length()) : file;
  }
}
