package org.spamtraffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spamtraffic.survey.form.FormReader;
import org.spamtraffic.survey.form.FormWorkbook;
import org.spamtraffic.survey.response.ResponseFile;
import org.spamtraffic.survey.response.SourceFormat;
import org.spamtraffic.survey.sheet.Sheet;
import org.spamtraffic.survey.sheet.Sheets;

/** check-form and template, through the real command line (no Spark). */
class SurveyCommandsTest {
  /** Exit code and what the command printed. */
  record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int exit = SpamTraffic.execute(args);
      return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private static Path questionnaireFolder() {
    return Path.of("").toAbsolutePath().getParent().resolve("survey/questionnaire");
  }

  @Test
  void checkFormDescribesAGoodForm() {
    Run r = run("check-form", questionnaireFolder().toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("Form itu_spam_questionnaire, version 2026.1")
        .contains(
            "Languages: English (en), Français (fr), Español (es), العربية (ar), 中文 (zh),"
                + " Русский (ru)")
        .contains("legislation/law_regime")
        .contains("relevant: ${has_antispam_law} = 'yes'")
        .contains("country              249:");
  }

  @Test
  void checkFormListsEveryErrorWithSheetAndRowAndExitsNonZero(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.xlsx");
    Sheet survey =
        Sheets.csv(
            "survey",
            ("type,name,label\nselect_one colours,colour,Colour\ntext,colour,Again\n")
                .getBytes(StandardCharsets.UTF_8));
    try (var out = Files.newOutputStream(bad)) {
      FormWorkbook.write(
          java.util.List.of(new Sheet("survey", survey.header(), survey.rows())), out);
    }
    Run text = run("check-form", bad.toString());
    assertThat(text.exit()).isEqualTo(1);
    assertThat(text.out())
        .contains("REFUSED   " + bad + ": 2 error(s)")
        .contains(
            "  error   sheet survey, row 2, column type: '"
                + "select_one colours' needs a choices"
                + " sheet with the columns list_name, name and label [no-choices-sheet]")
        .contains(
            "  error   sheet survey, row 3, column name: Name 'colour' is used twice in the"
                + " survey: questions, groups and repeats must be unique within their group"
                + " [duplicate-name]")
        .contains("What the tools do: KoboToolbox and ODK Central refuse the form");

    Run json = run("check-form", bad.toString(), "--json");
    assertThat(json.exit()).isEqualTo(1);
    JsonNode n = new ObjectMapper().readTree(json.out()).path("forms").get(0);
    assertThat(n.path("ok").asBoolean()).isFalse();
    assertThat(n.path("errors").get(1).path("row").asInt()).isEqualTo(3);
    assertThat(n.path("errors").get(1).path("sheet").asText()).isEqualTo("survey");
    assertThat(n.path("errors").get(1).path("code").asText()).isEqualTo("duplicate-name");

    // The same findings in the language a focal point asks for; codes stay as they are.
    Run french = run("check-form", "--lang", "fr", bad.toString());
    assertThat(french.exit()).isEqualTo(1);
    assertThat(french.out())
        .contains("REFUSÉE   " + bad + " : 2 erreur(s)")
        .contains(
            "  erreur  feuille survey, ligne 3, colonne name: Le nom « colour » est utilisé deux"
                + " fois dans le formulaire : questions, groupes et répétitions doivent être"
                + " uniques dans leur groupe [duplicate-name]")
        .contains("Ce que font les outils : KoboToolbox et ODK Central refusent le formulaire");
    Run arabic = run("check-form", "--lang", "ar", bad.toString());
    assertThat(arabic.out()).contains("الورقة survey").contains("[duplicate-name]");
    assertThat(run("check-form", "--lang", "de", bad.toString()).err())
        .contains("use one of en, fr, es, ar, zh, ru");

    Run missing = run("check-form", dir.resolve("nope.xlsx").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.out()).contains("no such file").doesNotContain("Exception");
  }

  @Test
  void checkFormTakesABatchWithOneLineEachAndASummary(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("forms/more"));
    write(dir.resolve("forms/a-good.xlsx"), "type,name,label\ntext,a,A\n");
    write(dir.resolve("forms/b-warned.xlsx"), "type,name,label,my notes\ntext,a,A,x\n");
    write(dir.resolve("forms/more/c-bad.xlsx"), "type,name,label\nfrobnicate,a,A\n");
    Files.writeString(dir.resolve("forms/readme.txt"), "not a form");
    Run r = run("check-form", dir.resolve("forms").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out().lines())
        .containsExactly(
            "accepted  " + dir.resolve("forms/a-good.xlsx") + ": 1 questions",
            "accepted  " + dir.resolve("forms/b-warned.xlsx") + ": 1 questions, 1 warning(s)",
            "REFUSED   "
                + dir.resolve("forms/more/c-bad.xlsx")
                + ": 1 error(s); first: sheet survey, row 2, column type: Unknown question type"
                + " 'frobnicate' [unknown-type]",
            "3 form(s): 2 accepted (1 with warnings), 1 refused");
    Run json =
        run(
            "check-form",
            "--json",
            dir.resolve("forms/a-good.xlsx").toString(),
            dir.resolve("forms/b-warned.xlsx").toString());
    assertThat(json.exit()).isZero();
    JsonNode n = new ObjectMapper().readTree(json.out());
    assertThat(n.path("summary").path("accepted").asInt()).isEqualTo(2);
    assertThat(n.path("forms").get(1).path("warnings").get(0).path("code").asText())
        .isEqualTo("unknown-column");
    assertThat(n.path("forms").get(1).path("warnings").get(0).path("tools").asText())
        .startsWith("KoboToolbox and ODK accept the form");
  }

  private static void write(Path file, String surveyCsv) throws Exception {
    Sheet survey = Sheets.csv("survey", surveyCsv.getBytes(StandardCharsets.UTF_8));
    try (var out = Files.newOutputStream(file)) {
      FormWorkbook.write(
          java.util.List.of(new Sheet("survey", survey.header(), survey.rows())), out);
    }
  }

  @Test
  void checkFormJsonOfAGoodForm() throws Exception {
    Run r = run("check-form", "--json", questionnaireFolder().toString());
    assertThat(r.exit()).isZero();
    JsonNode n = new ObjectMapper().readTree(r.out()).path("forms").get(0);
    assertThat(n.path("ok").asBoolean()).isTrue();
    assertThat(n.path("languages").toString())
        .isEqualTo(
            "[\"English (en)\",\"Français (fr)\",\"Español (es)\",\"العربية (ar)\",\"中文"
                + " (zh)\",\"Русский (ru)\"]");
    assertThat(n.path("choice_lists").path("yes_no").toString())
        .isEqualTo("[\"yes\",\"no\",\"dont_know\"]");
  }

  @Test
  void templateWritesTheOfflineFormInFrenchForOneCountry(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("forms/SEN.xlsx");
    Run r =
        run(
            "template",
            "--questionnaire",
            "--lang",
            "fr",
            "--country",
            "sen",
            "--out",
            out.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("in Français (fr) for SEN");
    ResponseFile read = ResponseFile.read(out.toString(), Files.readAllBytes(out));
    assertThat(read.submissions()).hasSize(1);
    assertThat(read.submissions().get(0).format()).isEqualTo(SourceFormat.OFFLINE_FORM);
    assertThat(read.submissions().get(0).cells())
        .containsEntry("_language", "Français (fr)")
        .containsEntry("country", "Sénégal (le)");
  }

  @Test
  void templateWritesTheXlsFormThatReadsBackWithoutErrors(@TempDir Path dir) {
    Path out = dir.resolve("xlsform.xlsx");
    Run r = run("template", "--questionnaire", "--xlsform", "--out", out.toString());
    assertThat(r.exit()).isZero();
    assertThat(FormReader.read(out).errors()).isEmpty();
  }

  @Test
  void templateWithoutQuestionnaireWritesTheOperatorsReturnTemplate(@TempDir Path dir) {
    Path out = dir.resolve("x.xlsx");
    Run r = run("template", "--out", out.toString(), "--lang", "fr");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("return, fr");
    // An empty template is a return with its header and no rows yet.
    org.spamtraffic.validate.ValidationReport report =
        new org.spamtraffic.validate.ReturnValidator(
                new org.apache.hadoop.conf.Configuration(),
                org.spamtraffic.validate.ReturnValidator.Options.DEFAULT)
            .validate(out.toString());
    assertThat(report.file().mapping().missingRequired()).isEmpty();
    assertThat(report.findings()).extracting(f -> f.rule()).contains("file.header_only");
  }

  @Test
  void templateRefusesALanguageWithoutLabels(@TempDir Path dir) {
    Run r =
        run(
            "template",
            "--questionnaire",
            "--lang",
            "de",
            "--out",
            dir.resolve("x.xlsx").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("The questionnaire has no labels in 'de' (it has English (en), Français (fr),")
        .doesNotContain("Exception");
  }

  @Test
  void templateWritesOneWorkbookPerCountry(@TempDir Path dir) throws Exception {
    Run r =
        run(
            "template",
            "--questionnaire",
            "--lang",
            "en",
            "--country",
            "KEN,NGA",
            "--out",
            dir.resolve("forms").toString());
    assertThat(r.exit()).isZero();
    for (String code : java.util.List.of("KEN", "NGA")) {
      Path f = dir.resolve("forms/" + code + "-questionnaire-en.xlsx");
      ResponseFile read = ResponseFile.read(f.toString(), Files.readAllBytes(f));
      assertThat(read.submissions().get(0).cells().get("country"))
          .isEqualTo(code.equals("KEN") ? "Kenya" : "Nigeria");
    }
  }

  @Test
  void templateWithoutOutSaysWhatIsNeeded() {
    Run r = run("template", "--questionnaire");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--out is needed");
    Run bare = run("template");
    assertThat(bare.exit()).isEqualTo(2);
    assertThat(bare.err()).contains("--out is needed");
  }
}
