package org.spamtraffic.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.aggregate.AggregateStage;
import org.spamtraffic.estimate.EstimateStage;
import org.spamtraffic.intake.IngestReturnsStage;
import org.spamtraffic.publish.DisclosurePolicy;
import org.spamtraffic.publish.PublishStage;
import org.spamtraffic.report.ReportStage;
import org.spamtraffic.spark.SparkSessions;
import org.spamtraffic.stage.TestStudy;
import org.spamtraffic.surveyingest.IngestSurveyStage;
import org.spamtraffic.warehouse.Warehouse;

/**
 * The study on the bundled samples, attacked from its published files alone: no withheld figure of
 * a primary cell (fewer than k operators, or dominated) may be narrowed below the protection level
 * by any linear relation a reader can derive ({@link PublishedAttack}), and withheld rows carry no
 * hint. Asserts properties, not the samples' counts (the samples change).
 */
class SamplesAttackTest {
  static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
  @TempDir static Path dir;
  private static SparkSession spark;
  private static Warehouse warehouse;
  private static Path bundle;

  @BeforeAll
  static void study() {
    spark = SparkSessions.forTests("SamplesAttackTest");
    warehouse = Warehouse.at(spark, dir.resolve("warehouse").toUri().toString());
    TestStudy.run(
        spark,
        warehouse,
        dir,
        PROJECT.resolve("data-samples/returns").toString(),
        PROJECT.resolve("data-samples/survey").toString(),
        "attack",
        List.of(
            new IngestReturnsStage(),
            new IngestSurveyStage(),
            new AggregateStage(),
            new PublishStage(),
            new EstimateStage(),
            new ReportStage()));
    bundle = dir.resolve("out/reports/attack");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void noWithheldFigureCanBeNarrowedBelowTheProtectionLevel() {
    DisclosurePolicy policy = DisclosurePolicy.standard();
    PublishedAttack attack = PublishedAttack.standard(bundle, warehouse);
    assertThat(attack.targets).as("primary withheld figures to attack").isNotEmpty();
    List<LinearAttack.Leak> leaks = attack.lp.attack(attack.targets, policy.protection());
    assertThat(leaks)
        .as(
            "figures a reader can narrow (of %d attacked, %d programs): %s",
            attack.targets.size(), attack.lp.programs, leaks.subList(0, Math.min(20, leaks.size())))
        .isEmpty();
  }

  // The attack must catch each leak of issue 14 when it is put back into the published files.

  /**
   * Egypt's case: a one-operator country withheld together with its ITU-D region and the world, so
   * that the ITU-D hierarchy alone protects it, and everything else of its quarter and type
   * published: its M49 region or its groups minus their other countries give it back.
   */
  @Test
  void theAttackFindsACountryGivenBackThroughAnotherHierarchy() throws Exception {
    Map<String, String> regionOf = new java.util.HashMap<>();
    for (Map<String, String> c : PublishedAttack.csv(bundle.resolve("tables/countries.csv"))) {
      regionOf.put(c.get("alpha3"), c.get("itu_region"));
    }
    List<Map<String, String>> published =
        PublishedAttack.csv(bundle.resolve("tables/published_volumes.csv"));
    Map<String, String> victim =
        published.stream()
            .filter(r -> "country".equals(r.get("level")))
            .filter(r -> "fewer_operators".equals(r.get("suppression_reason")))
            .findFirst()
            .orElseThrow();
    List<String> keep =
        List.of(
            "country|" + victim.get("area"),
            "itu_region|" + regionOf.get(victim.get("area")),
            "world|World");
    Path mutant =
        mutant(
            "other-hierarchy",
            "published_volumes",
            rows ->
                restore(
                    rows,
                    "volumes",
                    VOLUME_KEYS,
                    r ->
                        r.get("quarter").equals(victim.get("quarter"))
                            && r.get("spam_type").equals(victim.get("spam_type"))
                            && !keep.contains(r.get("level") + "|" + r.get("area"))));
    String target =
        "V|country|"
            + victim.get("area")
            + "|"
            + victim.get("quarter")
            + "|"
            + victim.get("spam_type")
            + "|spam_detected";
    assertThat(leaks(mutant, "V|")).extracting(LinearAttack.Leak::target).contains(target);
  }

  static final List<String> VOLUME_KEYS = List.of("level", "area", "quarter", "spam_type");
  static final List<String> ROUTE_KEYS =
      List.of("quarter", "spam_type", "source_country", "destination_country", "entry_route");

  /** A share published where one of its parts is withheld (share_of_area of a source). */
  @Test
  void theAttackFindsSourcesGivenBackByAShareOfAWithheldPart() throws Exception {
    Map<String, Double> areaTotals = new java.util.HashMap<>();
    for (Row r :
        warehouse
            .read("volumes")
            .select("level", "area", "quarter", "spam_type", "spam_detected")
            .collectAsList()) {
      areaTotals.put(
          String.join("|", r.getString(0), r.getString(1), r.getString(2), r.getString(3)),
          ((Number) r.get(4)).doubleValue());
    }
    Map<String, Double> sources = truth("sources", SOURCE_KEYS, "spam_detected");
    Path mutant =
        mutant(
            "share-of-withheld-part",
            "published_sources",
            rows -> {
              for (Map<String, String> r : rows) {
                Double total =
                    areaTotals.get(
                        String.join(
                            "|",
                            r.get("level"),
                            r.get("area"),
                            r.get("quarter"),
                            r.get("spam_type")));
                Double spam = sources.get(keyOf(r, SOURCE_KEYS));
                if (isEmpty(r.get("share_of_area")) && total != null && total > 0 && spam != null) {
                  r.put(
                      "share_of_area", String.format(java.util.Locale.ROOT, "%.6f", spam / total));
                }
              }
              return rows;
            });
    assertThat(leaks(mutant, "S|"))
        .as("leaks once shares of withheld sources are published")
        .isNotEmpty();
  }

  /** Investment figures of a country whose volumes are withheld, published beside the rollups. */
  @Test
  void theAttackFindsInvestmentOfAWithheldCountry() throws Exception {
    Map<String, Row> truth = new java.util.HashMap<>();
    for (Row r : warehouse.read("investment_totals").where("level = 'country'").collectAsList()) {
      truth.put(r.<String>getAs("area") + "|" + r.<String>getAs("scenario"), r);
    }
    Path mutant =
        mutant(
            "investment-of-withheld-country",
            "investment_totals",
            rows -> {
              java.util.Set<String> shown = new java.util.HashSet<>();
              rows.forEach(r -> shown.add(r.get("area") + "|" + r.get("scenario")));
              List<String> columns =
                  rows.isEmpty()
                      ? List.of(truth.values().iterator().next().schema().fieldNames())
                      : new ArrayList<>(rows.get(0).keySet());
              truth.forEach(
                  (k, t) -> {
                    if (shown.contains(k)) {
                      return;
                    }
                    Map<String, String> row = new java.util.LinkedHashMap<>();
                    for (String c : columns) {
                      Object v = t.getAs(c);
                      row.put(c, v == null ? "" : v.toString());
                    }
                    rows.add(row);
                  });
              return rows;
            });
    assertThat(leaks(mutant, "I|"))
        .as("leaks once withheld countries' investment is published")
        .isNotEmpty();
  }

  static final List<String> SOURCE_KEYS =
      List.of("level", "area", "quarter", "spam_type", "source_kind", "source");

  private static List<LinearAttack.Leak> leaks(Path mutant, String prefix) {
    DisclosurePolicy policy = DisclosurePolicy.standard();
    PublishedAttack attack = PublishedAttack.standard(mutant, warehouse);
    List<String> targets = attack.targets.stream().filter(t -> t.startsWith(prefix)).toList();
    assertThat(targets).as("targets " + prefix).isNotEmpty();
    List<LinearAttack.Leak> leaks = attack.lp.attack(targets, policy.protection());
    System.out.println(
        mutant.getFileName()
            + ": "
            + leaks.size()
            + " leaks, e.g. "
            + leaks.subList(0, Math.min(3, leaks.size())));
    return leaks;
  }

  /** Withheld rows of a published table that {@code which} picks, given their true figures back. */
  private static List<Map<String, String>> restore(
      List<Map<String, String>> rows,
      String analystTable,
      List<String> keys,
      java.util.function.Predicate<Map<String, String>> which) {
    Map<String, Row> truth = new java.util.HashMap<>();
    for (Row r : warehouse.read(analystTable).collectAsList()) {
      List<String> k = new ArrayList<>();
      keys.forEach(c -> k.add(String.valueOf((Object) r.getAs(c))));
      truth.put(String.join("|", k), r);
    }
    for (Map<String, String> r : rows) {
      if (!"true".equals(r.get("suppressed")) || !which.test(r)) {
        continue;
      }
      Row t = truth.get(keyOf(r, keys));
      for (String c : PublishedAttack.DIRECT) {
        if (r.containsKey(c) && java.util.Arrays.asList(t.schema().fieldNames()).contains(c)) {
          Object v = t.getAs(c);
          r.put(c, v == null ? "" : v.toString());
        }
      }
      r.put("suppressed", "false");
      r.put("suppression_reason", "");
    }
    return rows;
  }

  private static Map<String, Double> truth(String table, List<String> keys, String column) {
    Map<String, Double> out = new java.util.HashMap<>();
    for (Row r : warehouse.read(table).collectAsList()) {
      List<String> k = new ArrayList<>();
      keys.forEach(c -> k.add(String.valueOf((Object) r.getAs(c))));
      Object v = r.getAs(column);
      out.put(String.join("|", k), v == null ? null : ((Number) v).doubleValue());
    }
    return out;
  }

  private static String keyOf(Map<String, String> r, List<String> keys) {
    List<String> k = new ArrayList<>();
    keys.forEach(c -> k.add(r.get(c)));
    return String.join("|", k);
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }

  /** A copy of the bundle's tables with {@code table} rewritten by {@code change}. */
  private static Path mutant(
      String name, String table, java.util.function.UnaryOperator<List<Map<String, String>>> change)
      throws Exception {
    Path root = dir.resolve("mutants/" + name);
    Path tables = root.resolve("tables");
    Files.createDirectories(tables);
    try (var list = Files.list(bundle.resolve("tables"))) {
      for (Path p : list.toList()) {
        Files.copy(p, tables.resolve(p.getFileName()));
      }
    }
    Path file = tables.resolve(table + ".csv");
    List<Map<String, String>> rows = change.apply(PublishedAttack.csv(file));
    try (var out = de.siegmar.fastcsv.writer.CsvWriter.builder().build(file)) {
      out.writeRecord(rows.isEmpty() ? List.of() : rows.get(0).keySet());
      for (Map<String, String> r : rows) {
        out.writeRecord(r.values());
      }
    }
    return root;
  }

  /**
   * The report and {@code tables.xlsx} state the share of withheld figure cells of every table
   * under disclosure control; printed here so that over-suppression shows in the build log.
   */
  @Test
  void theShareWithheldIsStatedPerTable() throws Exception {
    Map<String, Double> shares = new java.util.TreeMap<>();
    try (var wb =
        new org.apache.poi.xssf.usermodel.XSSFWorkbook(
            Files.newInputStream(bundle.resolve("tables.xlsx")))) {
      var readme = wb.getSheetAt(0);
      int shareColumn = -1;
      for (var row : readme) {
        for (var cell : row) {
          if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
              && cell.getStringCellValue().equals("Share withheld")) {
            shareColumn = cell.getColumnIndex();
          }
        }
        if (shareColumn >= 0
            && row.getCell(shareColumn) != null
            && row.getCell(shareColumn).getCellType()
                == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
          shares.put(
              row.getCell(0).getStringCellValue(), row.getCell(shareColumn).getNumericCellValue());
        }
      }
    }
    System.out.println("Share of figure cells withheld per table (samples): " + shares);
    assertThat(shares.keySet())
        .anyMatch(n -> n.contains("volumes"))
        .anyMatch(n -> n.contains("sources"))
        .anyMatch(n -> n.contains("routes"))
        .anyMatch(n -> n.contains("coverage"));
    assertThat(shares.values()).allMatch(v -> v >= 0 && v <= 1);
    // Issue 16's bound for the traffic tables: at most 30% of their figure cells withheld.
    shares.forEach(
        (table, share) -> {
          if (table.startsWith("published_")) {
            assertThat(share).as(table).isLessThanOrEqualTo(0.30);
          }
        });
    String document = documentText();
    // The draft's annex of withheld cells per figure and table (the report's own statement).
    assertThat(document).contains("Withheld cells per figure and table");
  }

  private static String documentText() throws Exception {
    try (var doc =
        new org.apache.poi.xwpf.usermodel.XWPFDocument(
            Files.newInputStream(bundle.resolve("report.docx")))) {
      StringBuilder text = new StringBuilder();
      doc.getParagraphs().forEach(p -> text.append(p.getText()).append('\n'));
      return text.toString();
    }
  }

  @Test
  void withheldRowsShowOnlyTheirKeysAndTheCategoryOfRule() {
    Map<String, List<String>> kept =
        Map.of(
            "published_volumes", List.of("level", "area", "area_name", "quarter", "spam_type"),
            "published_coverage",
                List.of(
                    "country_code",
                    "quarter",
                    "spam_type",
                    "market_size",
                    "market_source",
                    "coverage_status"),
            "published_routes",
                List.of(
                    "quarter",
                    "spam_type",
                    "source_country",
                    "destination_country",
                    "entry_route",
                    "net"),
            "published_sources",
                List.of(
                    "level",
                    "area",
                    "quarter",
                    "spam_type",
                    "source_kind",
                    "source",
                    "source_network_kind"));
    List<String> hints = new ArrayList<>();
    kept.forEach(
        (table, keys) -> {
          for (Map<String, String> r :
              PublishedAttack.csv(bundle.resolve("tables/" + table + ".csv"))) {
            if (!"true".equals(r.get("suppressed"))) {
              continue;
            }
            assertThat(r.get("suppression_reason"))
                .isIn("fewer_operators", "dominance", "complementary");
            r.forEach(
                (column, value) -> {
                  if (!keys.contains(column)
                      && !column.startsWith("suppress")
                      && value != null
                      && !value.isEmpty()) {
                    hints.add(table + "." + column + " = " + value + " on a withheld row");
                  }
                });
          }
        });
    assertThat(hints).isEmpty();
  }

  @Test
  void ranksAreAmongPublishedSourcesOnly() {
    Map<String, List<Integer>> ranks = new java.util.TreeMap<>();
    for (Map<String, String> r :
        PublishedAttack.csv(bundle.resolve("tables/published_sources.csv"))) {
      if ("true".equals(r.get("suppressed"))) {
        continue;
      }
      ranks
          .computeIfAbsent(
              String.join(
                  "|",
                  r.get("level"),
                  r.get("area"),
                  r.get("quarter"),
                  r.get("spam_type"),
                  r.get("source_kind")),
              k -> new ArrayList<>())
          .add(Integer.parseInt(r.get("rank")));
    }
    // 1..n without gaps: a gap would say a withheld source lies between two published ones.
    ranks.forEach(
        (group, list) -> {
          List<Integer> sorted = list.stream().sorted().toList();
          for (int i = 0; i < sorted.size(); i++) {
            assertThat(sorted.get(i)).as(group).isEqualTo(i + 1);
          }
        });
  }

  @Test
  void thePublicBundleNamesNoOperatorAndNoLandingFile() throws Exception {
    List<String> operators = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (Row r : warehouse.read("submissions").select("operator_id", "file").collectAsList()) {
      if (r.getString(0) != null) {
        operators.add(r.getString(0));
      }
      files.add(Path.of(r.getString(1)).getFileName().toString());
    }
    assertThat(operators).isNotEmpty();
    List<Path> text;
    try (var walk = Files.walk(bundle)) {
      text =
          walk.filter(Files::isRegularFile)
              .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".csv"))
              .toList();
    }
    for (Path p : text) {
      String content = Files.readString(p, StandardCharsets.UTF_8);
      for (String o : operators) {
        assertThat(content).as(p + " names operator " + o).doesNotContain(o);
      }
      for (String f : files) {
        assertThat(content).as(p + " names landing file " + f).doesNotContain(f);
      }
    }
  }
}
