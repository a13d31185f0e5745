package org.spamtraffic.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.schema.ItuRegions;
import org.spamtraffic.schema.ReturnFormat;

/**
 * The bundled samples are the generator's output, and they look like a round of the study: enough
 * operators in enough countries and regions, without a dominant operator, every type, category and
 * route, several quarters, and every deliberate fault in a file of the set.
 */
class SampleSetTest {
  static final Path SAMPLES =
      Paths.get("..", "data-samples", "returns").toAbsolutePath().normalize();
  private static final long SEED = 42;
  private static final int OPERATOR = ReturnGenerator.HEADER.indexOf("operator_id");
  private static final int COUNTRY = ReturnGenerator.HEADER.indexOf("reporting_country");
  private static final int PERIOD = ReturnGenerator.HEADER.indexOf("period");
  private static final int TYPE = ReturnGenerator.HEADER.indexOf("spam_type");
  private static final int CATEGORY = ReturnGenerator.HEADER.indexOf("content_category");
  private static final int ROUTE = ReturnGenerator.HEADER.indexOf("entry_route");
  private static final int SOURCE = ReturnGenerator.HEADER.indexOf("source_country");
  private static final int DETECTED = ReturnGenerator.HEADER.indexOf("spam_detected");

  @TempDir Path temp;

  @Test
  void theCommittedSamplesAreWhatTheGeneratorWrites() throws IOException {
    int written = SampleSet.write(temp, SEED);
    List<String> committed = files(SAMPLES);
    assertThat(files(temp)).hasSize(written).isEqualTo(committed);
    for (String f : committed) {
      byte[] mine = Files.readAllBytes(temp.resolve(f));
      byte[] theirs = Files.readAllBytes(SAMPLES.resolve(f));
      if (!Arrays.equals(mine, theirs)) {
        // XLSX packages carry their write time: compare what the sheets hold instead.
        assertThat(f).as("%s differs from the generator's output", f).endsWith(".xlsx");
        assertThat(cells(SAMPLES.resolve(f))).as(f).isEqualTo(cells(temp.resolve(f)));
      }
    }
  }

  @Test
  void theRoundHasEnoughOperatorsCountriesAndRegions() {
    List<Operator> operators = SampleSet.operators();
    Set<String> countries = new TreeSet<>();
    operators.forEach(o -> countries.add(o.country()));
    Set<String> regions = new HashSet<>();
    countries.forEach(c -> regions.add(ItuRegions.regionOf(c)));
    assertThat(operators).hasSizeGreaterThanOrEqualTo(40);
    assertThat(countries).hasSizeGreaterThanOrEqualTo(14);
    assertThat(regions).containsExactlyInAnyOrderElementsOf(ItuRegions.REGIONS);
    assertThat(SampleSet.markets())
        .extracting(Market::country)
        .containsExactlyInAnyOrderElementsOf(countries);
  }

  /**
   * At least ten countries where every type reported in every quarter comes from three or more
   * operators and no operator has more than 60% of the country's spam of that type: their figures
   * pass the 3-operator and the dominance rule with room to spare.
   */
  @Test
  void tenCountriesOrMoreHaveThreeOperatorsAndNoneDominant() {
    // country → (type|quarter → operator → spam detected)
    Map<String, Map<String, Map<String, Long>>> spam = new TreeMap<>();
    for (List<String> r : validRows()) {
      String period = r.get(PERIOD);
      String quarter = period.contains("Q") ? period : quarterOf(period);
      spam.computeIfAbsent(r.get(COUNTRY), k -> new TreeMap<>())
          .computeIfAbsent(r.get(TYPE) + "|" + quarter, k -> new TreeMap<>())
          .merge(r.get(OPERATOR), Long.parseLong(r.get(DETECTED)), Long::sum);
    }
    List<String> publishable = new ArrayList<>();
    for (Map.Entry<String, Map<String, Map<String, Long>>> country : spam.entrySet()) {
      boolean everyCell = true;
      for (Map<String, Long> byOperator : country.getValue().values()) {
        long total = byOperator.values().stream().mapToLong(Long::longValue).sum();
        long top = byOperator.values().stream().mapToLong(Long::longValue).max().orElse(0);
        everyCell &= byOperator.size() >= 3 && top <= 0.6 * total;
      }
      if (everyCell) {
        publishable.add(country.getKey());
      }
    }
    assertThat(publishable).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void everyTypeCategoryAndRouteOccursOverSeveralQuarters() {
    Set<String> types = new HashSet<>();
    Set<String> categories = new HashSet<>();
    Set<String> routes = new HashSet<>();
    Set<String> quarters = new TreeSet<>();
    for (List<String> r : validRows()) {
      types.add(r.get(TYPE));
      categories.add(r.get(CATEGORY));
      routes.add(r.get(ROUTE));
      quarters.add(r.get(PERIOD).contains("Q") ? r.get(PERIOD) : quarterOf(r.get(PERIOD)));
    }
    ReturnFormat format = ReturnFormat.v1();
    assertThat(types).containsExactlyInAnyOrderElementsOf(format.field("spam_type").codes());
    assertThat(categories)
        .containsExactlyInAnyOrderElementsOf(format.field("content_category").codes());
    assertThat(routes).containsExactlyInAnyOrderElementsOf(format.field("entry_route").codes());
    // Five quarters or more, so that growth on the year shows.
    assertThat(quarters).hasSizeGreaterThanOrEqualTo(5).containsAll(SampleSet.QUARTERS);
  }

  /**
   * The phone operators of a country all see its three main senders of SMS and voice spam, so route
   * and source cells pool several operators.
   */
  @Test
  void theOperatorsOfACountryShareTheirMainSources() {
    Map<String, Map<String, Set<String>>> seenBy = new TreeMap<>();
    for (List<String> r : validRows()) {
      if (!List.of("sms", "voice").contains(r.get(TYPE))) {
        continue;
      }
      seenBy
          .computeIfAbsent(r.get(COUNTRY), k -> new TreeMap<>())
          .computeIfAbsent(r.get(SOURCE), k -> new TreeSet<>())
          .add(r.get(OPERATOR));
    }
    for (Market m : SampleSet.markets()) {
      long operators =
          SampleSet.operators().stream()
              .filter(o -> o.country().equals(m.country()) && o.services().containsKey("sms"))
              .count();
      for (String source : m.sources().subList(0, 3)) {
        assertThat(seenBy.get(m.country()).get(source))
            .as("operators of %s that report spam from %s", m.country(), source)
            .hasSize((int) operators);
      }
    }
  }

  @Test
  void everyFaultIsInAFileOfTheSet() {
    List<SampleSet.SampleFile> files = SampleSet.files(SEED);
    assertThat(Faults.all()).isNotEmpty();
    for (Faults.Fault fault : Faults.all()) {
      assertThat(files)
          .as("a file of %s with rows of %s", fault.operator(), fault.period())
          .anySatisfy(
              f -> {
                assertThat(f.path()).startsWith(fault.operator() + "/");
                assertThat(f.rows()).anyMatch(r -> r.get(PERIOD).equals(fault.period()));
              });
    }
    int rows = files.stream().mapToInt(f -> f.rows().size()).sum();
    // Rich enough to publish, small enough for a fast study and test suite.
    assertThat(rows).isBetween(3_000, 20_000);
  }

  /** The samples' README describes every operator and every fault of the generator. */
  @Test
  void theReadmeNamesEveryOperatorAndFault() throws IOException {
    String readme = Files.readString(SAMPLES.resolveSibling("README.md"));
    for (Operator o : SampleSet.operators()) {
      assertThat(readme).contains("| " + o.id() + " " + o.name() + " | " + o.country() + " |");
    }
    for (Faults.Fault f : Faults.all()) {
      assertThat(readme)
          .containsPattern("\\| " + f.operator() + " " + f.period() + ".*`" + f.rule() + "`");
    }
  }

  /** Rows without a deliberate fault: the ones ingest accepts (up to the period jump warning). */
  private static List<List<String>> validRows() {
    Set<String> types = new HashSet<>(ReturnFormat.v1().field("spam_type").codes());
    List<List<String>> out = new ArrayList<>();
    for (SampleSet.SampleFile f : SampleSet.files(SEED)) {
      if (f.path().startsWith("NG-NAIJANET/") && f.path().contains("2025-Q2.")) {
        continue; // superseded by the corrected file
      }
      for (List<String> r : f.rows()) {
        if (types.contains(r.get(TYPE))
            && r.get(DETECTED).matches("[0-9]+")
            && r.get(PERIOD).matches("[0-9]{4}-(Q[1-4]|[01][0-9])")
            && !r.get(ROUTE).isEmpty()
            && r.get(SOURCE).matches("[A-Z]{3}|unknown")
            && !r.get(SOURCE).equals("XXX")) {
          out.add(r);
        }
      }
    }
    return out;
  }

  private static String quarterOf(String month) {
    int m = Integer.parseInt(month.substring(5));
    return month.substring(0, 4) + "-Q" + ((m - 1) / 3 + 1);
  }

  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .filter(p -> !p.equals("README.md"))
          .sorted()
          .toList();
    }
  }

  private static Map<String, List<List<String>>> cells(Path xlsx) throws IOException {
    Map<String, List<List<String>>> out = new HashMap<>();
    DataFormatter format = new DataFormatter();
    try (InputStream in = Files.newInputStream(xlsx);
        Workbook wb = new XSSFWorkbook(in)) {
      for (Sheet sheet : wb) {
        List<List<String>> rows = new ArrayList<>();
        for (Row row : sheet) {
          List<String> values = new ArrayList<>();
          row.forEach(c -> values.add(c.getColumnIndex() + "=" + format.formatCellValue(c)));
          rows.add(values);
        }
        out.put(sheet.getSheetName(), rows);
      }
    }
    return out;
  }
}
