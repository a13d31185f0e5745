package org.spamtraffic.survey.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spamtraffic.survey.testing.Workbooks.lines;
import static org.spamtraffic.survey.testing.Workbooks.xlsx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.spamtraffic.language.Language;
import org.spamtraffic.survey.response.Finding;
import org.spamtraffic.survey.response.ResponseFile;

/**
 * What a French (or Arabic, Chinese, Russian) user reads for a broken form and a broken response
 * file: the whole message in their language, codes and the values they wrote quoted as they are,
 * and a library's own words only as a quoted technical detail.
 */
class FindingLanguagesTest {

  /** A form with one fault a row: expressions, parameters, an end with nothing open, a column. */
  private static FormReading brokenForm() {
    return FormReader.read(
        "broken.xlsx",
        xlsx(
            "survey",
            lines(
                "type,name,label,constraint,parameters,relevant,label fr",
                "integer,age,Age,. > 0 and,,,",
                "integer,n,N,frobnicate(.),,,",
                "text,t,T,,rows=abc,,",
                "select_one yesno,s,S,,randomize=maybe,,",
                "text,u,U,,,(${age} > 1,",
                "text,w,W,,,${age > 1,",
                "end_group,,,,,,"),
            "choices",
            lines("list_name,name,label", "yesno,yes,Yes", "yesno,no,No")));
  }

  @Test
  void aBrokenFormIsExplainedWhollyInTheReadersLanguage() {
    FormReading reading = brokenForm();
    List<String> codes = reading.findings().stream().map(FormFinding::code).toList();
    assertThat(codes)
        .contains(
            "expression-syntax",
            "unknown-function",
            "bad-parameter",
            "unmatched-end",
            "unknown-column");
    for (FormFinding f : reading.findings()) {
      String english = f.message(Language.ENGLISH);
      String french = f.message(Language.FRENCH);
      assertThat(french).as(english).isNotEqualTo(english);
      assertThat(englishWords(french)).as(french).isEmpty();
      for (Language l : List.of(Language.ARABIC, Language.CHINESE, Language.RUSSIAN)) {
        assertThat(latinWords(f.message(l))).as(f.message(l)).isEmpty();
      }
    }
    FormFinding function =
        reading.findings().stream()
            .filter(f -> f.code().equals("unknown-function"))
            .findFirst()
            .orElseThrow();
    assertThat(function.message(Language.FRENCH))
        .isEqualTo(
            "L’expression « frobnicate(.) » appelle frobnicate(), qui n’est pas une fonction"
                + " d’ODK XForms (voir getodk.github.io/xforms-spec/#xpath-functions)");
  }

  @Test
  void aBrokenResponseFileQuotesTheLibrarysWordsAsATechnicalDetail() {
    byte[] notAWorkbook = "PK\u0003\u0004 not a zip at all".getBytes(StandardCharsets.UTF_8);
    byte[] notJson = "{ not json".getBytes(StandardCharsets.UTF_8);
    for (Language l : List.of(Language.FRENCH, Language.ARABIC)) {
      List<Finding> findings = new ArrayList<>();
      findings.addAll(ResponseFile.read("answers.xlsx", notAWorkbook, l).findings());
      findings.addAll(ResponseFile.read("answers.json", notJson, l).findings());
      assertThat(findings).hasSize(2);
      for (Finding f : findings) {
        assertThat(f.rule()).isEqualTo(Finding.Rule.UNREADABLE_FILE);
        String message = f.message();
        assertThat(message).isEqualTo(f.message(l));
        assertThat(message)
            .contains(l == Language.FRENCH ? "(détail technique : « " : "(تفاصيل تقنية: «");
        if (l == Language.FRENCH) {
          assertThat(englishWords(message)).as(message).isEmpty();
        } else {
          assertThat(latinWords(message)).as(message).isEmpty();
        }
        // The same finding, said again in English, is the English text.
        assertThat(f.message(Language.ENGLISH)).contains("(technical detail: “");
      }
    }
  }

  /** Words of English that no French message is made of (outside quotes). */
  private static final Set<String> ENGLISH =
      Set.of(
          "the",
          "is",
          "are",
          "not",
          "of",
          "to",
          "and",
          "or",
          "a",
          "an",
          "it",
          "has",
          "no",
          "must",
          "be",
          "which",
          "calls",
          "function",
          "number",
          "whole",
          "column",
          "sheet",
          "row",
          "open",
          "nothing",
          "closes",
          "never",
          "closed",
          "valid",
          "cannot",
          "read",
          "file",
          "list",
          "technical",
          "detail",
          "write",
          "give",
          "language");

  /** Codes and formats that stay as they are in every language. */
  private static final Set<String> CODES =
      Set.of(
          "ODK",
          "XForms",
          "XPath",
          "XLSForm",
          "JSON",
          "CSV",
          "ZIP",
          "Excel",
          "KoboToolbox",
          "ODK Central",
          "xlsx",
          "xls",
          "getodk",
          "github",
          "io",
          "xforms",
          "spec",
          "xpath",
          "functions",
          "frobnicate",
          "and",
          "or",
          "choices",
          "survey",
          "true",
          "false",
          "rows",
          "randomize",
          "check",
          "form");

  /** Quoted text (values, expressions, a library's detail), in any language's quotation marks. */
  private static final Pattern QUOTED =
      Pattern.compile(
          "«[^»]*»|“[^”]*”|'[^']*'|\\$\\{[^}]*\\}|\\([^()]*\\(\\)[^()]*\\)|\\S+\\(\\)|\\S+=\\S+");

  private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z’']*");

  private static List<String> englishWords(String message) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(QUOTED.matcher(message).replaceAll(" "));
    while (m.find()) {
      String w = m.group().toLowerCase(Locale.ROOT);
      if (ENGLISH.contains(w) && !CODES.contains(m.group())) {
        out.add(m.group());
      }
    }
    return out;
  }

  /** Latin words outside quotes that are not codes: English left in a non-Latin script. */
  private static List<String> latinWords(String message) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(QUOTED.matcher(message).replaceAll(" "));
    while (m.find()) {
      if (!CODES.contains(m.group())) {
        out.add(m.group());
      }
    }
    return out;
  }
}
