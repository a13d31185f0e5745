package org.spamtraffic.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spamtraffic.report.data.PublishedTables;
import org.spamtraffic.report.table.ContractTexts;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.schema.Rule;
import org.spamtraffic.schema.TableContract;

/**
 * Every catalogue is complete in all six languages: each translation has exactly the English keys
 * (plus, for the checks, a translation of every rule message of the return format), each text takes
 * the same arguments as its English source, parses as an ICU MessageFormat pattern, and the file
 * says that it awaits a professional translator's review.
 */
class CatalogueCompletenessTest {
  /**
   * A catalogue, the keys each translation needs beyond the English file's (with their English
   * source), and the keys (or key prefixes ending in a dot) whose text may be the same in a
   * translation as in English (language names written in themselves, codes).
   */
  record Surface(String baseName, Map<String, String> extraSources, Set<String> mayEqualEnglish) {
    @Override
    public String toString() {
      return baseName;
    }
  }

  /** The plain {name} placeholders of the return format's rule messages. */
  private static final Pattern RULE_PLACEHOLDER = Pattern.compile("\\{([a-z]+)\\}");

  static Stream<Surface> surfaces() {
    Map<String, String> rules = new TreeMap<>();
    for (Rule r : ReturnFormat.v1().rules().values()) {
      rules.put("rule." + r.id(), r.message());
      if (!r.description().isEmpty() && !r.description().equals(r.message())) {
        rules.put("description." + r.id(), r.description());
      }
    }
    return Stream.of(
        new Surface(
            "org.spamtraffic.validate.messages",
            rules,
            Set.of("level.error", "checks.error", "checks.comment.error")),
        new Surface(
            "org.spamtraffic.intake.template.words", columns(), Set.of("sheet.instructions")),
        new Surface(
            "org.spamtraffic.portal.messages",
            Map.of(),
            Set.of("language.", "level.error", "history.kilobytes")),
        // The report: words that some languages write as English does (Figure, Europe, Internet).
        new Surface(
            "spamtraffic.report.messages",
            Map.of(),
            Set.of(
                "figure",
                "cover.purpose.text",
                "region.Europe",
                "route.internet",
                "workbook.description",
                "unit.million")),
        // The questionnaire's surfaces (survey module, and check-form's own lines here).
        new Surface("spamtraffic.survey.messages.form-checks", Map.of(), Set.of()),
        new Surface("spamtraffic.survey.messages.response-findings", Map.of(), Set.of()),
        new Surface("spamtraffic.survey.messages.offline-form", Map.of(), Set.of()),
        new Surface("spamtraffic.survey.messages.check-form", Map.of(), Set.of("level.error")),
        // What the report's tables and columns hold: the table contracts are the English source.
        // Two column meanings are formulas over column names, the same in every language.
        new Surface(
            ContractTexts.CATALOGUE,
            contracts(),
            Set.of(
                ContractTexts.columnKey("investment_totals", "need_usd"),
                ContractTexts.columnKey("survey_distributions", "share"))));
  }

  /**
   * What every table a report may publish holds, what a row of it means and what each column holds:
   * the contracts' texts (schemas/tables), translated as contract.* in the report workbook.
   */
  private static Map<String, String> contracts() {
    Map<String, String> out = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("..", "schemas", "tables"))) {
      files = s.filter(p -> p.toString().endsWith(".schema.json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path f : files) {
      TableContract c = TableContract.load(f.getFileName().toString().replace(".schema.json", ""));
      if (!PublishedTables.mayRead(c)) {
        continue;
      }
      out.put(ContractTexts.descriptionKey(c.name()), c.description());
      out.put(ContractTexts.rowKey(c.name()), c.row());
      for (TableContract.Column column : c.columns()) {
        out.put(ContractTexts.columnKey(c.name(), column.name()), column.description());
      }
    }
    assertThat(out).as("texts of the contracts of published tables").hasSizeGreaterThan(100);
    return out;
  }

  /** What each column of the return means: the format's descriptions, translated as column.*. */
  private static Map<String, String> columns() {
    Map<String, String> out = new TreeMap<>();
    for (org.spamtraffic.schema.Field f : ReturnFormat.v1().fields()) {
      out.put("column." + f.name(), f.description());
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("surfaces")
  void everyLanguageHasEveryKeyWithTheSameArguments(Surface s) {
    Properties english = load(s.baseName(), null);
    // A catalogue whose English source is elsewhere (the table contracts) may have no English keys.
    assertThat(english.isEmpty() && s.extraSources().isEmpty())
        .as("the English source of %s is empty", s.baseName())
        .isFalse();
    List<String> problems = new ArrayList<>();
    for (Language language : Language.values()) {
      if (language == Language.ENGLISH) {
        continue;
      }
      String file = path(s.baseName(), language.code());
      Properties translated = load(s.baseName(), language.code());
      Set<String> expected = new TreeSet<>(english.stringPropertyNames());
      expected.addAll(s.extraSources().keySet());
      Set<String> missing = new TreeSet<>(expected);
      missing.removeAll(translated.stringPropertyNames());
      Set<String> extra = new TreeSet<>(translated.stringPropertyNames());
      extra.removeAll(expected);
      if (!missing.isEmpty()) {
        problems.add(file + " lacks " + missing);
      }
      if (!extra.isEmpty()) {
        problems.add(file + " has keys English has not: " + extra);
      }
      for (String key : translated.stringPropertyNames()) {
        String text = translated.getProperty(key);
        String source =
            english.containsKey(key) ? english.getProperty(key) : s.extraSources().get(key);
        if (source == null) {
          continue;
        }
        if (text.isBlank()) {
          problems.add(file + " " + key + " is empty");
          continue;
        }
        boolean plain = s.extraSources().containsKey(key);
        Set<String> want = plain ? placeholders(source) : Catalogue.arguments(source);
        Set<String> got;
        try {
          got = plain ? placeholders(text) : Catalogue.arguments(text);
        } catch (IllegalArgumentException e) {
          problems.add(file + " " + key + " is not a MessageFormat pattern: " + e.getMessage());
          continue;
        }
        if (!want.equals(got)) {
          problems.add(file + " " + key + " takes " + got + ", English " + want);
        }
        if (text.equals(source)
            && source.matches(".*[a-z]{4,}.*")
            && s.mayEqualEnglish().stream()
                .noneMatch(k -> k.endsWith(".") ? key.startsWith(k) : k.equals(key))) {
          problems.add(file + " " + key + " is the English text, untranslated");
        }
      }
      if (!header(s.baseName(), language.code()).contains("professional translator")) {
        problems.add(file + " does not say that it needs review by a professional translator");
      }
      if (!header(s.baseName(), language.code()).contains("Reviewer, check:")) {
        problems.add(file + " does not list what a reviewer checks (docs/translation.md)");
      }
    }
    assertThat(problems).as("catalogue %s", s.baseName()).isEmpty();
  }

  private static Set<String> placeholders(String template) {
    Set<String> out = new TreeSet<>();
    Matcher m = RULE_PLACEHOLDER.matcher(template);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String path(String baseName, String language) {
    return baseName.replace('.', '/') + (language == null ? "" : "_" + language) + ".properties";
  }

  private static Properties load(String baseName, String language) {
    String path = path(baseName, language);
    try (InputStream in =
        CatalogueCompletenessTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as("catalogue file %s", path).isNotNull();
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String header(String baseName, String language) {
    String path = path(baseName, language);
    try (InputStream in =
        CatalogueCompletenessTest.class.getClassLoader().getResourceAsStream(path)) {
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return all.substring(0, Math.min(all.length(), 600));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
