package org.spamtraffic.survey.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionTest {
  private static Expression.Answers answers(Map<String, String> values, String self) {
    return new Expression.Answers() {
      @Override
      public String value(String name) {
        return values.get(name);
      }

      @Override
      public String self() {
        return self;
      }
    };
  }

  private static boolean eval(String expression, Map<String, String> values) {
    return Expression.parse(expression).test(answers(values, ""));
  }

  @Test
  void comparesNumbersAsNumbersAndTextAsText() {
    Map<String, String> v = Map.of("n", "12", "s", "yes");
    assertThat(eval("${n} > 9", v)).isTrue(); // as text "12" < "9"
    assertThat(eval("${n} = 12.0", v)).isTrue();
    assertThat(eval("${n} <= 11", v)).isFalse();
    assertThat(eval("${s} = 'yes'", v)).isTrue();
    assertThat(eval("${s} != \"yes\"", v)).isFalse();
    assertThat(eval("${n} >= -3", v)).isTrue();
  }

  @Test
  void anEmptyAnswerIsNeverANumber() {
    Map<String, String> v = Map.of();
    assertThat(eval("${n} > 0", v)).isFalse();
    assertThat(eval("${n} < 0", v)).isFalse();
    assertThat(eval("${n} = 0", v)).isFalse();
    assertThat(eval("${n} != 0", v)).isTrue();
    assertThat(eval("${n} = ''", v)).isTrue();
    assertThat(eval("${n} != ''", v)).isFalse();
  }

  @Test
  void combinesWithAndOrNotAndParentheses() {
    Map<String, String> v = Map.of("a", "1", "b", "2");
    assertThat(eval("${a} = 1 and ${b} = 2", v)).isTrue();
    assertThat(eval("${a} = 2 or ${b} = 2", v)).isTrue();
    assertThat(eval("not(${a} = 1) or ${b} = 3", v)).isFalse();
    assertThat(eval("${a} = 2 and ${b} = 2 or ${a} = 1", v)).isTrue(); // and binds tighter
    assertThat(eval("${a} = 2 and (${b} = 2 or ${a} = 1)", v)).isFalse();
    assertThat(eval("true() and not(false())", v)).isTrue();
  }

  @Test
  void readsSelectMultipleAnswers() {
    Map<String, String> v = Map.of("m", "filtering network", "none", "");
    assertThat(eval("selected(${m}, 'network')", v)).isTrue();
    assertThat(eval("selected(${m}, 'net')", v)).isFalse();
    assertThat(eval("count-selected(${m}) = 2", v)).isTrue();
    assertThat(eval("count-selected(${none}) = 0", v)).isTrue();
  }

  @Test
  void dotIsTheAnswerBeingChecked() {
    Expression e = Expression.parse("not(selected(., 'none') and count-selected(.) > 1)");
    assertThat(e.usesSelf()).isTrue();
    assertThat(e.test(answers(Map.of(), "none"))).isTrue();
    assertThat(e.test(answers(Map.of(), "none filtering"))).isFalse();
    assertThat(Expression.parse(". >= 1980 and . <= 2026").test(answers(Map.of(), "2003")))
        .isTrue();
    assertThat(Expression.parse(". >= 1980 and . <= 2026").test(answers(Map.of(), "1850")))
        .isFalse();
  }

  @Test
  void listsTheQuestionsItReads() {
    assertThat(Expression.parse("${a} = 'x' or selected(${b}, ${a})").references())
        .containsExactly("a", "b");
  }

  @Test
  void refusesWhatOdkRefusesNamingTheExpression() {
    assertThatThrownBy(() -> Expression.parse("frobnicate(., 2)"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(
            "Expression 'frobnicate(., 2)' calls frobnicate(), which is no function of ODK XForms"
                + " (see getodk.github.io/xforms-spec/#xpath-functions)");
    assertThatThrownBy(() -> Expression.parse("${a} = 'open"))
        .hasMessageContaining("a text in quotes is not closed");
    assertThatThrownBy(() -> Expression.parse("(${a} = 1"))
        .hasMessageContaining("1 '(' never closed");
    assertThatThrownBy(() -> Expression.parse("${a} = = 1"))
        .hasMessageContaining("is not valid ODK XPath");
    assertThatThrownBy(() -> Expression.parse("${a b} = 1"))
        .hasMessageContaining("'${a b}' is not a valid question name");
    assertThatThrownBy(() -> Expression.parse("${a = 1"))
        .hasMessageContaining("(a closing brace is missing)");
  }

  @Test
  void acceptsTheFullLanguageAndCurlyQuotes() {
    // Arithmetic, if(), regex() and friends were refused by the old subset; ODK has them all.
    Map<String, String> v = Map.of("a", "4", "b", "abc");
    assertThat(eval("${a} + 1 > 4 and ${a} * 2 = 8 and ${a} div 2 = 2 and ${a} mod 3 = 1", v))
        .isTrue();
    assertThat(eval("if(${a} > 3, 'big', 'small') = 'big'", v)).isTrue();
    assertThat(eval("regex(${b}, '[a-c]+')", v)).isTrue();
    assertThat(eval("string-length(${b}) = 3", v)).isTrue();
    // Spreadsheet programs type curly quotes; pyxform (and so this) reads them as quotes.
    assertThat(eval("${b} = \u2018abc\u2019", v)).isTrue();
  }

  @Test
  void bindsReferencesToTheQuestionsPaths() {
    Expression e = Expression.parse("${x} > 1 and ${y} = ''", Map.of("x", "/data/g/x"));
    assertThat(e.xpath()).isEqualTo("/data/g/x  > 1 and  /data/y  = ''");
    assertThat(e.unknownReferences()).containsExactly("y");
  }
}
