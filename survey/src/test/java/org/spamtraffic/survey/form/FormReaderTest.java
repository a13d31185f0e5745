package org.spamtraffic.survey.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.spamtraffic.survey.testing.Workbooks.lines;
import static org.spamtraffic.survey.testing.Workbooks.xlsx;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormReaderTest {
  /** A household-style form written by hand: nested groups, a repeat, or_other, 3 languages. */
  static final String HOUSEHOLD_SURVEY =
      lines(
          "type,name,label::English (en),label::French (fr),label::Spanish (es),required,relevant,constraint,constraint_message::English (en)",
          "start,start,,,,,,,",
          "begin_group,place,Place,Lieu,Lugar,,,,",
          "select_one region or_other,region,Region,Région,Región,yes,,,",
          "begin group,details,Details,Détails,Detalles,,${region} != 'north',,",
          "integer,people,People,Personnes,Personas,yes,,. > 0 and . < 50,Between 1 and 49",
          "end group,details,,,,,,,",
          "end_group,place,,,,,,,",
          "begin_repeat,member,Member,Membre,Miembro,,,,",
          "text,member_name,Name,Nom,Nombre,,,,",
          "select_multiple skills,member_skills,Skills,Compétences,Habilidades,,,count-selected(.) <= 2,At most two",
          "end_repeat,member,,,,,,,",
          "note,thanks,Thank you,Merci,Gracias,,,,");

  static final String HOUSEHOLD_CHOICES =
      lines(
          "list_name,name,label::English (en),label::French (fr),label::Spanish (es)",
          "region,north,North,Nord,Norte",
          "region,south,South,Sud,Sur",
          "skills,read,Reading,Lecture,Lectura",
          "skills,write,Writing,Écriture,Escritura",
          "skills,count,Counting,Calcul,Cálculo");
  static final String HOUSEHOLD_SETTINGS =
      lines("form_title,form_id,version,default_language", "Household,household,3,English (en)");

  @Test
  void readsGroupsRepeatsOrOtherAndLanguages() {
    FormReading reading =
        FormReader.read(
            "household.xlsx",
            xlsx(
                "survey",
                HOUSEHOLD_SURVEY,
                "choices",
                HOUSEHOLD_CHOICES,
                "settings",
                HOUSEHOLD_SETTINGS));
    assertThat(reading.errors()).isEmpty();
    Form form = reading.form();
    assertThat(form.id()).isEqualTo("household");
    assertThat(form.version()).isEqualTo("3");
    assertThat(form.languages()).containsExactly("English (en)", "French (fr)", "Spanish (es)");
    assertThat(form.language("fr")).contains("French (fr)");
    assertThat(form.groups())
        .extracting(Group::path, Group::repeat)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("place", false),
            org.assertj.core.groups.Tuple.tuple("place/details", false),
            org.assertj.core.groups.Tuple.tuple("member", true));
    assertThat(form.questions())
        .extracting(Question::name)
        .containsExactly(
            "start", "region", "region_other", "people", "member_name", "member_skills", "thanks");
    Question region = form.question("region").orElseThrow();
    assertThat(region.orOther()).isTrue();
    assertThat(region.path()).isEqualTo("place/region");
    assertThat(region.required()).isNotNull();
    assertThat(region.label("Spanish (es)")).isEqualTo("Región");
    Question other = form.question("region_other").orElseThrow();
    assertThat(other.type()).isEqualTo(QuestionType.TEXT);
    assertThat(other.relevant().text()).isEqualTo("selected(${region}, 'other')");
    Question people = form.question("people").orElseThrow();
    assertThat(people.path()).isEqualTo("place/details/people");
    assertThat(people.groups()).extracting(Group::name).containsExactly("place", "details");
    assertThat(people.groups().get(1).relevant().text()).isEqualTo("${region} != 'north'");
    assertThat(people.constraintMessages()).containsEntry("English (en)", "Between 1 and 49");
    assertThat(form.question("member_skills").orElseThrow().repeat().name()).isEqualTo("member");
    assertThat(form.question("start").orElseThrow().type()).isEqualTo(QuestionType.METADATA);
    assertThat(form.choiceLists().get("skills").resolve("Écriture").orElseThrow().name())
        .isEqualTo("write");
  }

  @Test
  void readsAFormWithPlainLabelsAndNoSettings() {
    FormReading reading =
        FormReader.read(
            "plain.xlsx",
            xlsx(
                "survey",
                lines(
                    "type,name,label,hint,required",
                    "today,today,,,",
                    "text,village,Village name,As written on the sign,true",
                    "date,visit,Date of visit,,",
                    "decimal,price,Price of bread,,"),
                "choices",
                lines("list_name,name,label")));
    assertThat(reading.errors()).isEmpty();
    assertThat(reading.form().languages()).containsExactly("default");
    assertThat(reading.form().defaultLanguage()).isEqualTo("default");
    assertThat(reading.form().question("village").orElseThrow().hints())
        .containsEntry("default", "As written on the sign");
    assertThat(reading.form().question("visit").orElseThrow().type()).isEqualTo(QuestionType.DATE);
  }

  @Test
  void reportsEveryErrorWithSheetRowColumnAndCode() {
    FormReading reading =
        FormReader.read(
            "bad.xlsx",
            xlsx(
                "survey",
                lines(
                    "type,name,label,relevant,constraint",
                    "select_one colours,colour,Colour,,",
                    "text,name,Name,,",
                    "text,name,Name again,,",
                    "frobnicate,where,Where,,",
                    "text,email,Email,,\"frobnicate(., '@')\"",
                    "text,nick,Nickname,${nobody} = 'x',",
                    "begin_group,g,Group,,",
                    "text,inside,Inside,,"),
                "choices",
                lines("list_name,name,label", "sizes,s,Small", "sizes,s,Small again")));
    assertThat(reading.ok()).isFalse();
    assertThat(reading.errors())
        .extracting(FormFinding::code, FormFinding::where)
        .containsExactlyInAnyOrder(
            tuple("duplicate-choice", "sheet choices, row 3, column name"),
            tuple("list-not-found", "sheet survey, row 2, column type"),
            tuple("duplicate-name", "sheet survey, row 4, column name"),
            tuple("unknown-type", "sheet survey, row 5, column type"),
            tuple("unknown-function", "sheet survey, row 6, column constraint"),
            tuple("unknown-reference", "sheet survey, row 7, column relevant"),
            tuple("unclosed-group", "sheet survey, row 8, column type"));
    assertThat(reading.errors())
        .extracting(FormFinding::message)
        .contains(
            "Choice 's' is twice in list 'sizes' (first on row 2); if that is meant, set"
                + " allow_choice_duplicates to yes on the settings sheet",
            "${nobody} names no question, group or repeat of the form",
            "The group 'g' is never closed (add an end_group row)");
    assertThat(reading.errors().get(0).verdict()).startsWith("KoboToolbox and ODK Central refuse");
    assertThatThrownBy(reading::orThrow)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The XLSForm bad.xlsx has 7 error(s):");
  }

  @Test
  void refusesAWorkbookWithoutSurveySheetAndAFileThatIsNoWorkbook() {
    FormReading noSurvey =
        FormReader.read(
            "x.xlsx",
            xlsx(
                "servey",
                lines("type,name,label", "text,a,A"),
                "choices",
                lines("list_name,name,label")));
    assertThat(noSurvey.errors())
        .extracting(FormFinding::toString)
        .containsExactly(
            "The form has no sheet named 'survey' (its sheets: servey, choices) (is 'servey' it,"
                + " misspelt?)");
    assertThat(
            FormReader.read(
                    "x.xlsx", "not a workbook".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .errors()
                .get(0)
                .message())
        .startsWith("The file cannot be read as an XLSForm workbook (.xlsx or .xls)");
  }

  @Test
  void readsPyxformsLegacySpellingsUnnamedNotesCommentRowsAndALoneSheet() {
    FormReading reading =
        FormReader.read(
            "legacy.xlsx",
            xlsx(
                "Sheet1",
                lines(
                    "type,name,label",
                    "select one from yes_no,a,A",
                    "select all that apply from yes_no or specify other,b,B",
                    "string,c,C",
                    "int,d,D",
                    "get start time,st,",
                    "note,,Hello",
                    ",,",
                    "text,e,E")));
    // A lone sheet is the survey; yes_no has no choices sheet here, so that is the one error.
    assertThat(reading.errors()).extracting(FormFinding::code).containsOnly("no-choices-sheet");
    FormReading ok =
        FormReader.read(
            "legacy.xlsx",
            xlsx(
                "survey",
                lines(
                    "type,name,label,notes for us",
                    "select one from yes_no,a,A,",
                    "select all that apply from yes_no or specify other,b,B,",
                    "string,c,C,",
                    "int,d,D,",
                    "get start time,st,,",
                    "note,,Hello,",
                    ",,,a comment"),
                "choices",
                lines("list name,name,label", "yes_no,yes,Yes", "yes_no,no,No")));
    assertThat(ok.errors()).isEmpty();
    Form f = ok.form();
    assertThat(f.questions())
        .extracting(Question::name, q -> q.type().xlsformName())
        .containsExactly(
            tuple("a", "select_one"),
            tuple("b", "select_multiple"),
            tuple("b_other", "text"),
            tuple("c", "text"),
            tuple("d", "integer"),
            tuple("st", "metadata"),
            tuple("generated_note_name_7", "note"));
    assertThat(ok.warnings())
        .extracting(FormFinding::code)
        .contains("generated-name", "comment-row", "unknown-column");
  }

  @Test
  void readsLabelsInEverySpellingAndNeverDropsOne() {
    FormReading single =
        FormReader.read(
            "colon.xlsx",
            xlsx("survey", lines("type,name,label:english,label:french", "text,a,Name,Nom")));
    assertThat(single.errors()).isEmpty();
    assertThat(single.form().question("a").orElseThrow().labels())
        .containsEntry("english", "Name")
        .containsEntry("french", "Nom");
    // Mixed: with '::' on the sheet, 'hint:french' is no translation: a warning names it.
    FormReading mixed =
        FormReader.read(
            "mixed.xlsx",
            xlsx(
                "survey",
                lines("type,name,label::English (en),hint:french", "text,a,Name,Un nom")));
    assertThat(mixed.warnings())
        .extracting(FormFinding::code, FormFinding::column)
        .contains(tuple("unknown-column", "hint:french"));
    assertThat(mixed.form().question("a").orElseThrow().otherColumns())
        .containsEntry("hint:french", "Un nom");
    FormReading twice =
        FormReader.read("twice.xlsx", xlsx("survey", lines("type,name,label,label", "text,a,A,B")));
    assertThat(twice.errors()).extracting(FormFinding::code).containsExactly("duplicate-header");
  }

  @Test
  void honoursAllowChoiceDuplicatesAndReadsAnEmptyChoicesSheet() {
    String survey = lines("type,name,label", "select_one yn,a,A");
    String choices = lines("list_name,name,label", "yn,yes,Yes", "yn,yes,Oui");
    assertThat(FormReader.read("d.xlsx", xlsx("survey", survey, "choices", choices)).ok())
        .isFalse();
    assertThat(
            FormReader.read(
                    "d.xlsx",
                    xlsx(
                        "survey",
                        survey,
                        "choices",
                        choices,
                        "settings",
                        lines("allow_choice_duplicates", "yes")))
                .ok())
        .isTrue();
  }

  @Test
  void readsCalculationsChoiceFiltersRepeatsAndTheirLogic() {
    FormReading reading =
        FormReader.read(
            "logic.xlsx",
            xlsx(
                "survey",
                lines(
                    "type,name,label,calculation,choice_filter,repeat_count,default,trigger,required,required_message,appearance",
                    "select_one country,country,Country,,,,,,yes,Say which country,minimal",
                    "select_one city,city,City,,country = ${country},,,,,,",
                    "integer,n,How many,,,,2,,,,",
                    "begin_repeat,person,Person,,,${n},,,,,",
                    "text,pname,Name,,,,,,,,",
                    "begin_repeat,visit,Visit,,,,,,,,",
                    "date,when,When,,,,today(),,,,",
                    "end_repeat,visit,,,,,,,,,",
                    "end_repeat,person,,,,,,,,,",
                    "calculate,total,,count(${pname}),,,,,,,",
                    "datetime,stamp,Stamp,now(),,,,${n},,,"),
                "choices",
                lines(
                    "list_name,name,label,country",
                    "country,KEN,Kenya,",
                    "country,SEN,Senegal,",
                    "city,nairobi,Nairobi,KEN",
                    "city,dakar,Dakar,SEN")));
    assertThat(reading.errors()).isEmpty();
    Form f = reading.form();
    assertThat(f.question("city").orElseThrow().logic().choiceFilter().text())
        .isEqualTo("country = ${country}");
    assertThat(f.question("country").orElseThrow().requiredMessages())
        .containsEntry("default", "Say which country");
    assertThat(f.question("country").orElseThrow().appearance()).isEqualTo("minimal");
    assertThat(f.question("when").orElseThrow().repeat().path()).isEqualTo("person/visit");
    assertThat(f.question("when").orElseThrow().logic().dynamicDefault().text())
        .isEqualTo("today()");
    assertThat(f.question("n").orElseThrow().logic().defaultValue()).isEqualTo("2");
    assertThat(f.question("n").orElseThrow().logic().dynamicDefault()).isNull();
    assertThat(f.groups().get(0).repeatCount().text()).isEqualTo("${n}");
    assertThat(f.question("total").orElseThrow().calculation().xpath())
        .isEqualTo("count( /data/person/pname )");
    assertThat(f.question("stamp").orElseThrow().logic().trigger()).containsExactly("n");
    assertThat(f.choiceLists().get("city").choices().get(0).columns())
        .containsEntry("country", "KEN");
  }

  @Test
  void theQuestionnaireBuildsIntoAnXlsFormThatReadsBackTheSame(@TempDir Path dir) throws Exception {
    Form fromText = Questionnaire.form();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FormWorkbook.write(Questionnaire.sheets(), out);
    Path file = dir.resolve("questionnaire.xlsx");
    Files.write(file, out.toByteArray());
    FormReading reading = FormReader.read(file);
    assertThat(reading.errors()).isEmpty();
    Form fromXlsx = reading.form();
    assertThat(fromXlsx.questions()).hasSameSizeAs(fromText.questions());
    for (int i = 0; i < fromText.questions().size(); i++) {
      Question a = fromText.questions().get(i);
      Question b = fromXlsx.questions().get(i);
      assertThat(List.of(b.name(), b.path(), b.type(), String.valueOf(b.listName()), b.labels()))
          .isEqualTo(
              List.of(a.name(), a.path(), a.type(), String.valueOf(a.listName()), a.labels()));
    }
    assertThat(fromXlsx.choiceLists()).isEqualTo(fromText.choiceLists());
  }

  @Test
  void theQuestionnaireAsksWhatTheStudyNeeds() {
    Form form = Questionnaire.form();
    assertThat(form.id()).isEqualTo("itu_spam_questionnaire");
    assertThat(form.languages())
        .containsExactly(
            "English (en)",
            "Français (fr)",
            "Español (es)",
            "العربية (ar)",
            "中文 (zh)",
            "Русский (ru)");
    assertThat(form.defaultLanguage()).isEqualTo("English (en)");
    for (String type : List.of("email", "sms", "voice", "ip_messaging", "ip_multimedia")) {
      assertThat(form.question("volume_" + type)).isPresent();
      assertThat(form.question("trend_" + type).orElseThrow().relevant()).isNotNull();
    }
    for (String q :
        List.of(
            "country",
            "mobile_subscriptions",
            "email_mailboxes",
            "internet_users",
            "has_antispam_law",
            "has_enforcement_authority",
            "has_national_contact_point",
            "has_incident_response",
            "has_awareness_programme",
            "has_training_programme",
            "investment_current",
            "investment_planned",
            "investment_currency",
            "main_routes",
            "source_regions",
            "assistance_needed")) {
      assertThat(form.question(q)).as(q).isPresent();
    }
    assertThat(form.choiceLists().get("country").choices()).hasSize(249);
    assertThat(form.choiceLists().get("area").choices()).hasSize(14); // 13 areas and none
    // Every question has a label in each of the six languages (QuestionnaireLanguagesTest holds
    // them to JavaRosa).
    form.questions().stream()
        .filter(q -> q.type() != QuestionType.METADATA)
        .forEach(q -> assertThat(q.labels()).as(q.name()).containsOnlyKeys(form.languages()));
  }
}
