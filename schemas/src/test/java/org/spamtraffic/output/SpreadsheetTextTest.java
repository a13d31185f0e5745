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
}
