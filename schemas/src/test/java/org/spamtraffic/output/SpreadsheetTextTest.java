package org.spamtraffic.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpreadsheetTextTest {
  @Test
  void formulaLikeTextGetsAnApostrophe() {
    for (String attack :
        new String[] {
          "=HYPERLINK(\"http://evil.example\",\"click\")",
          "=cmd|' /C calc'!A0",
          "+1+cmd|' /C calc'!A0",
          "-2+3",
          "@SUM(A1:A2)",
          "\t=1",
          "\r=1",
          "\uFF1D1+1"
        }) {
      assertThat(SpreadsheetText.isFormulaLike(attack)).as(attack).isTrue();
      assertThat(SpreadsheetText.neutralised(attack)).isEqualTo("'" + attack);
    }
  }

  @Test
  void otherTextAndPlainNumbersAreLeftAlone() {
    for (String text :
        new String[] {"Société", "KE-KILIMA", "-12", "-0.5", "+3", "1=1", " =1", ""}) {
      assertThat(SpreadsheetText.neutralised(text)).as(text).isEqualTo(text);
    }
    assertThat(SpreadsheetText.neutralised(null)).isNull();
  }

  @Test
  void aReaderGetsBackExactlyWhatWasNeutralised() {
    for (String value :
        new String[] {
          "=HYPERLINK(\"http://x.example\",\"AS1\")",
          "+869*",
          "-2+3",
          "@SUM(1)",
          "'=1",
          "'",
          "''x",
          "O'Brien",
          "-12",
          "Société",
          ""
        }) {
      String written = SpreadsheetText.neutralised(value);
      assertThat(SpreadsheetText.isFormulaLike(written)).as(written).isFalse();
      assertThat(SpreadsheetText.original(written)).as(value).isEqualTo(value);
    }
    assertThat(SpreadsheetText.neutralised("'=1")).isEqualTo("''=1");
    assertThat(SpreadsheetText.original(null)).isNull();
  }
}
