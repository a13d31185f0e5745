package org.spamtraffic.survey.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
  void reportsEveryErrorWithSheetRowAndColumn() {
    FormReading reading =
        FormReader.read(
            "bad.xlsx",
            xlsx(
                "survey",
                lines(
                    "type,name,label,relevant,constraint",
                    "select_one colours,colour,Colour,,",
                    "text,name,Name,,",
                    "integer,name,Age,,",
                    "geopoint,where,Where,,",
                    "text,email,Email,,\"regex(., '@')\"",
                    "text,nick,Nickname,${nobody} = 'x',",
                    "begin_group,g,Group,,",
                    "text,inside,Inside,,"),
                "choices",
                lines("list_name,name,label", "sizes,s,Small", "sizes,s,Small again")));
    assertThat(reading.ok()).isFalse();
    assertThat(reading.errors())
        .extracting(FormFinding::toString)
        .containsExactlyInAnyOrder(
            "sheet choices, row 3, column name: Duplicate choice 's' in list 'sizes'",
            "sheet survey, row 2, column type: Choice list 'colours' is not defined in the choices sheet",
            "sheet survey, row 4, column name: Duplicate name 'name' (first used on row 3)",
            "sheet survey, row 5, column type: Unsupported type 'geopoint' (supported: select_one,"
                + " select_multiple, integer, decimal, text, date, note, begin_group, end_group,"
                + " begin_repeat, end_repeat, and metadata such as start, end, today)",
            "sheet survey, row 6, column constraint: Expression 'regex(., '@')': function regex()"
                + " is not supported (supported: not, selected, count-selected, true, false)",
            "sheet survey, row 7, column relevant: Expression '${nobody} = 'x'' refers to"
                + " ${nobody}, which is no question",
            "sheet survey, row 8, column type: Group 'g' is never closed");
    assertThatThrownBy(reading::orThrow)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The XLSForm bad.xlsx has 7 error(s):");
  }

  @Test
  void refusesAWorkbookWithoutSurveySheetAndAFileThatIsNoWorkbook() {
    assertThat(FormReader.read("x.xlsx", xlsx("choices", lines("list_name,name,label"))).errors())
        .extracting(FormFinding::toString)
        .containsExactly("sheet survey: The form has no 'survey' sheet");
    assertThat(
            FormReader.read(
                    "x.xlsx", "not a workbook".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .errors()
                .get(0)
                .message())
        .startsWith("Not a readable workbook (an XLSForm is an .xlsx or .xls file)");
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
    assertThat(form.languages()).containsExactly("English (en)", "French (fr)");
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
    // Every question has an English and a French label.
    form.questions().stream()
        .filter(q -> q.type() != QuestionType.METADATA)
        .forEach(
            q -> assertThat(q.labels()).as(q.name()).containsKeys("English (en)", "French (fr)"));
  }
}
