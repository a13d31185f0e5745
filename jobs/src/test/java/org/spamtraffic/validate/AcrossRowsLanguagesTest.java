package org.spamtraffic.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.spamtraffic.language.Language;
import org.spamtraffic.schema.ReturnFormat;

/**
 * The values code builds for the rules across rows (the rows of {@code duplicate_key}, the two
 * figures of {@code service_level_consistent}) are said in the reader's language: its list, its
 * plural and its numbers, with no English word left.
 */
class AcrossRowsLanguagesTest {
  private static final List<Language> OTHERS =
      List.of(
          Language.FRENCH, Language.SPANISH, Language.ARABIC, Language.CHINESE, Language.RUSSIAN);

  /** The English words the two values were built of. */
  private static final Pattern ENGLISH = Pattern.compile("\\b(and|more|from|to)\\b");

  @Test
  void englishKeepsItsListAndRange() {
    assertThat(ReturnChecks.rowList(List.of(40L, 12L))).isEqualTo("12 and 40");
    assertThat(ReturnChecks.rowList(List.of(77L, 12L, 40L))).isEqualTo("12, 40, and 77");
    assertThat(ReturnChecks.rowList(rows(8))).isEqualTo("1, 2, 3, 4, 5, and 3 more");
    assertThat(ReturnChecks.range(1000, 1200)).isEqualTo("from 1,000 to 1,200");
  }

  @Test
  void aDuplicateKeyFindingHasNoEnglishInAnotherLanguage() {
    List<String> left = new ArrayList<>();
    for (Language l : OTHERS) {
      for (int n : new int[] {2, 3, 5, 6, 7, 8, 10, 16, 26, 105}) {
        Finding f = Finding.of(null, 1, ReturnChecks.duplicate(rows(n)));
        String said = f.message(l);
        Matcher m = ENGLISH.matcher(said);
        if (m.find()) {
          left.add(l.code() + ", " + n + " rows: " + m.group() + " in: " + said);
        }
        assertThat(said).contains(ReturnChecks.rowList(l, rows(n)));
      }
    }
    assertThat(left).isEmpty();
  }

  @Test
  void eachLanguageListsRowsAsItListsThings() {
    List<Long> three = List.of(12L, 15L, 40L);
    String english = ReturnChecks.rowList(three);
    assertThat(Phrases.rows(Language.FRENCH, english)).isEqualTo("12, 15 et 40");
    assertThat(Phrases.rows(Language.SPANISH, english)).isEqualTo("12, 15 y 40");
    assertThat(Phrases.rows(Language.RUSSIAN, english)).isEqualTo("12, 15 и 40");
    assertThat(Phrases.rows(Language.CHINESE, english)).isEqualTo("12、15和40");
    assertThat(Phrases.rows(Language.ARABIC, english)).isEqualTo("12 و15 و40");
    assertThat(Messages.render(Language.RUSSIAN, "duplicate_key", null, english, null))
        .startsWith("строки 12, 15 и 40 описывают одного и того же оператора");
    // Chinese names the rows after the rule, so that "另外 3 行" never follows "第".
    assertThat(
            Messages.render(
                Language.CHINESE, "duplicate_key", null, ReturnChecks.rowList(rows(8)), null))
        .isEqualTo("以下各行描述的是同一运营商、期间、类型、类别和路由：1、2、3、4、5和另外 3 行；每一细分只保留一行。");
  }

  @Test
  void theRowsLeftOverTakeTheLanguagesPlural() {
    // Five rows are named; the rest are counted: 1, 2, 3, 5, 11, 21 and 100 more.
    Map<Integer, String> russian =
        Map.of(
            1, "ещё 1 строка",
            2, "ещё 2 строки",
            5, "ещё 5 строк",
            11, "ещё 11 строк",
            21, "ещё 21 строка",
            100, "ещё 100 строк");
    Map<Integer, String> arabic =
        Map.of(
            1, "صف آخر",
            2, "صفّان آخران",
            3, "3 صفوف أخرى",
            11, "11 صفًا آخر",
            100, "100 صف آخر");
    russian.forEach(
        (more, words) ->
            assertThat(said(Language.RUSSIAN, 5 + more)).endsWith("5 и " + words).contains("1, 2"));
    arabic.forEach(
        (more, words) -> assertThat(said(Language.ARABIC, 5 + more)).endsWith("5 و" + words));
    assertThat(said(Language.FRENCH, 6)).isEqualTo("1, 2, 3, 4, 5 et 1 autre");
    assertThat(said(Language.FRENCH, 8)).isEqualTo("1, 2, 3, 4, 5 et 3 autres");
    assertThat(said(Language.SPANISH, 6)).isEqualTo("1, 2, 3, 4, 5 y otra");
    assertThat(said(Language.SPANISH, 8)).isEqualTo("1, 2, 3, 4, 5 y otras 3");
    assertThat(said(Language.CHINESE, 8)).isEqualTo("1、2、3、4、5和另外 3 行");
  }

  @Test
  void whatAnEarlierVersionStoredReadsToo() {
    // rowList before ICU: no comma before "and", digits not grouped.
    assertThat(Phrases.rows(Language.RUSSIAN, "12, 15, 17, 20, 1234 and 3 more"))
        .isEqualTo(Phrases.rowList(Language.RUSSIAN, List.of(12L, 15L, 17L, 20L, 1234L), 3))
        .startsWith("12, 15, 17, 20, 1")
        .endsWith("234 и ещё 3 строки");
    assertThat(Phrases.range(Language.SPANISH, "from 5 to 7")).isEqualTo("de 5 a 7");
    // A value that is no row list stays as it is.
    assertThat(Phrases.rows(Language.FRENCH, "12, x and 3 more")).isEqualTo("12, x and 3 more");
  }

  @Test
  void aRangeIsSaidWithTheLanguagesNumbers() {
    for (Language l : OTHERS) {
      String said =
          Messages.render(
              l, "service_level_consistent", "total_traffic", ReturnChecks.range(1000, 1200), null);
      assertThat(ENGLISH.matcher(said).find()).as(said).isFalse();
      assertThat(said).contains(ReturnChecks.range(l, 1000, 1200)).contains("total_traffic");
    }
    assertThat(ReturnChecks.range(Language.RUSSIAN, 5, 7)).isEqualTo("от 5 до 7");
    assertThat(ReturnChecks.range(Language.ARABIC, 5, 7)).isEqualTo("من 5 إلى 7");
    assertThat(ReturnChecks.range(Language.CHINESE, 5, 7)).isEqualTo("从 5 到 7");
    assertThat(ReturnChecks.range(Language.FRENCH, 1000, 1200))
        .isEqualTo("de 1\u202f000 à 1\u202f200");
  }

  @Test
  void theChecksAcrossRowsGiveTheseValues() {
    // The values come from ReturnChecks.check itself: eight rows with one key and eight service
    // sizes, 1002 to 1009.
    List<ReturnChecks.ValidRow> valid = new ArrayList<>();
    for (long row = 2; row <= 9; row++) {
      valid.add(valid(row, Long.toString(1000 + row)));
    }
    List<Problem> second = ReturnChecks.check(valid).get(2L);
    assertThat(second)
        .extracting(Problem::rule)
        .containsExactly("service_level_consistent", "duplicate_key");
    assertThat(Finding.of(null, 2, second.get(1)).message(Language.RUSSIAN))
        .startsWith("строки 2, 3, 4, 5, 6 и ещё 3 строки описывают");
    assertThat(Finding.of(null, 2, second.get(0)).message(Language.SPANISH))
        .contains("(de 1.002 a 1.009)");
    assertThat(Finding.of(null, 2, second.get(0)).message(Language.ENGLISH))
        .contains("(from 1,002 to 1,009)");
  }

  private static ReturnChecks.ValidRow valid(long row, String serviceSize) {
    String[] cells = {
      "KE-KILIMA",
      "Op",
      "KEN",
      "2025-Q1",
      "sms",
      "phishing",
      "IND",
      "AS1",
      "international_gateway",
      "KEN",
      serviceSize,
      "100000",
      "500",
      "400",
      "100",
      "3"
    };
    String[] ordered = new String[ReturnFormat.v1().fields().size()];
    List<String> header = org.spamtraffic.generate.ReturnGenerator.HEADER;
    for (int i = 0; i < header.size(); i++) {
      ordered[RowCheck.index(header.get(i))] = cells[i];
    }
    RowCheck.Checked checked = RowCheck.check(ordered, -1, ordered.length);
    assertThat(checked.valid()).as(String.join(",", cells)).isTrue();
    return new ReturnChecks.ValidRow(row, checked);
  }

  private static String said(Language language, int rows) {
    return Phrases.rows(language, ReturnChecks.rowList(rows(rows)));
  }

  private static List<Long> rows(int n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }
}
