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
  void refusesWhatItDoesNotSupportNamingTheExpression() {
    assertThatThrownBy(() -> Expression.parse("regex(., '^[a-z]+$')"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(
            "Expression 'regex(., '^[a-z]+$')': function regex() is not supported (supported:"
                + " not, selected, count-selected, true, false)");
    assertThatThrownBy(() -> Expression.parse("${a} + 1 > 2"))
        .hasMessageContaining("arithmetic operator '+' is not supported");
    assertThatThrownBy(() -> Expression.parse("/data/a = 1"))
        .hasMessageContaining("character '/' is not supported");
    assertThatThrownBy(() -> Expression.parse("${a} = 'open"))
        .hasMessageContaining("a string is not closed");
    assertThatThrownBy(() -> Expression.parse("1 < ${a} < 3"))
        .hasMessageContaining("chained comparison");
    assertThatThrownBy(() -> Expression.parse("selected(${a})"))
        .hasMessageContaining("selected() takes 2 argument(s), not 1");
    assertThatThrownBy(() -> Expression.parse("${a} = 1 and"))
        .hasMessageContaining("it ends too early");
  }
}
