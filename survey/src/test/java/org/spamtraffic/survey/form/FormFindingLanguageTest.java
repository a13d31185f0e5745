package org.spamtraffic.survey.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spamtraffic.language.Language;
import org.spamtraffic.survey.sheet.Sheets;

/** A finding of check-form is said in each language, its hint included, its values unchanged. */
class FormFindingLanguageTest {
  @Test
  void aFindingAndItsHintReadInTheLanguageAsked() {
    FormReading reading =
        FormReader.read(
            "form",
            List.of(
                Sheets.csv(
                    "survey",
                    "type,name,label\ntxt,organisation,Organisation\n"
                        .getBytes(StandardCharsets.UTF_8))));
    FormFinding f =
        reading.errors().stream()
            .filter(e -> e.code().equals("unknown-type"))
            .findFirst()
            .orElseThrow();
    assertThat(f.toString())
        .isEqualTo(
            "sheet survey, row 2, column type: Unknown question type 'txt' (did you mean 'text'?)");
    assertThat(f.toString(Language.FRENCH))
        .isEqualTo(
            "feuille survey, ligne 2, colonne type: Type de question inconnu « txt » (vouliez-vous"
                + " dire « text » ?)");
    assertThat(f.message(Language.CHINESE)).isEqualTo("未知的问题类型“txt”（您是否指“text”？）");
    assertThat(f.verdict(Language.RUSSIAN)).startsWith("KoboToolbox и ODK Central отклоняют форму");
  }
}
