package org.spamtraffic.survey.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The functions of the ODK XForms specification (getodk.github.io/xforms-spec, "XPath Functions" in
 * _sections/30-bindings.md), one assertion per statement the specification makes, over an instance
 * with a repeat: what ODK Collect computes, through JavaRosa.
 */
class OdkSpecExamplesTest {
  private Instance instance;
  private Instance.Node second;

  @BeforeEach
  void instance() {
    instance = Instance.of("data");
    Instance.Node root = instance.root();
    root.child("name").setText("Maria Silva");
    root.child("age").setInteger(42);
    root.child("born").setDate(LocalDate.of(1970, 1, 11));
    root.child("services").setText("water power");
    root.child("empty").setText("");
    String[] names = {"Ana", "Bia", "Caio"};
    long[] ages = {34, 7, 19};
    for (int i = 0; i < 3; i++) {
      Instance.Node r = root.child("household").addRepeat("person");
      r.child("pname").setText(names[i]);
      r.child("page").setInteger(ages[i]);
      r.child("pos");
      if (i == 1) {
        second = r;
      }
    }
    instance.addChoiceLabels("/data/services", Map.of("water", "Running water", "power", "Power"));
    instance.addSecondary(
        "cities",
        List.of(
            Map.of("name", "nairobi", "label", "Nairobi", "country", "KEN"),
            Map.of("name", "mombasa", "label", "Mombasa", "country", "KEN"),
            Map.of("name", "dakar", "label", "Dakar", "country", "SEN")));
  }

  private String string(String xpath) {
    return Expression.parse(xpath).string(instance, instance.root());
  }

  private String inSecond(String xpath) {
    return Expression.parse(xpath).string(instance, second.child("pos"));
  }

  @Test
  void stringFunctions() {
    assertThat(string("concat('a', /data/age, 'b')")).isEqualTo("a42b");
    assertThat(string("string-length(/data/name)")).isEqualTo("11");
    assertThat(string("substr(/data/name, 0, 5)")).isEqualTo("Maria");
    assertThat(string("substr(/data/name, 6)")).isEqualTo("Silva");
    assertThat(string("coalesce(/data/empty, /data/name)")).isEqualTo("Maria Silva");
    assertThat(string("if(/data/age > 40, 'over', 'under')")).isEqualTo("over");
    assertThat(string("contains(/data/name, 'Sil')")).isEqualTo("true");
    assertThat(string("normalize-space('  a   b ')")).isEqualTo("a b");
  }

  @Test
  void booleanFunctions() {
    // "returns false for any argument that is not 'true' or '1'"
    assertThat(string("boolean-from-string('1')")).isEqualTo("true");
    assertThat(string("boolean-from-string('yes')")).isEqualTo("false");
    // regex: ODK matches the whole value (JavaRosa uses Pattern.matches).
    assertThat(string("regex('abc123', '[a-z]+[0-9]+')")).isEqualTo("true");
    assertThat(string("regex('abc123', '[a-z]+')")).isEqualTo("false");
    // checklist: the count of true answers between min and max inclusive.
    assertThat(string("checklist(1, 2, 'yes', 'no', 1 > 2)")).isEqualTo("true");
  }

  @Test
  void numberFunctions() {
    // int(): "discarding the fractional component".
    assertThat(string("int(-3.7)")).isEqualTo("-3");
    // round(): "a second argument may be provided to specify the number of decimals".
    assertThat(string("round(2.345, 2)")).isEqualTo("2.35");
    // number(): a date becomes days since 1970-01-01. JavaRosa (what Collect runs) does so for a
    // date answer; for a date written as a text literal it gives NaN, unlike the spec's wording.
    assertThat(string("number(/data/born)")).isEqualTo("10");
    assertThat(string("number('1970-01-11')")).isEqualTo("NaN");
    assertThat(string("number('abc')")).isEqualTo("NaN");
    assertThat(string("pow(2, 10)")).isEqualTo("1024");
    assertThat(string("1 div 0")).isEqualTo("Infinity");
  }

  @Test
  void dateFunctions() {
    assertThat(string("decimal-date-time('1970-01-02T00:00:00Z')")).isEqualTo("1");
    assertThat(string("date(10)")).startsWith("1970-01-11");
    assertThat(string("format-date(/data/born, '%Y-%m')")).isEqualTo("1970-01");
    assertThat(string("today() > /data/born")).isEqualTo("true");
    assertThat(string("decimal-date-time(now()) > 20000")).isEqualTo("true");
    assertThat(string("/data/born + 1 = 11")).isEqualTo("true");
  }

  @Test
  void selectFunctions() {
    assertThat(string("selected(/data/services, 'power')")).isEqualTo("true");
    assertThat(string("selected(/data/services, 'pow')")).isEqualTo("false");
    // selected-at: "the 0-based index ... or empty string if the item does not exist".
    assertThat(string("selected-at(/data/services, 0)")).isEqualTo("water");
    assertThat(string("selected-at(/data/services, 1)")).isEqualTo("power");
    assertThat(string("selected-at(/data/services, 5)")).isEqualTo("");
    assertThat(string("count-selected(/data/services)")).isEqualTo("2");
    assertThat(string("jr:choice-name('water', '/data/services')")).isEqualTo("Running water");
  }

  @Test
  void repeatAndNodeSetFunctions() {
    assertThat(string("count(/data/household/person)")).isEqualTo("3");
    assertThat(string("sum(/data/household/person/page)")).isEqualTo("60");
    assertThat(string("count-non-empty(/data/household/person/pname)")).isEqualTo("3");
    assertThat(string("max(/data/household/person/page)")).isEqualTo("34");
    // indexed-repeat: "a single node value ... by selecting the 1-based index of a repeat".
    assertThat(string("indexed-repeat(/data/household/person/pname, /data/household/person, 3)"))
        .isEqualTo("Caio");
    // position(..): the 1-based position of the current repeat instance.
    assertThat(inSecond("position(..)")).isEqualTo("2");
    // An absolute path inside a repeat means the current instance (as pyxform's ../name).
    assertThat(inSecond("/data/household/person/pname")).isEqualTo("Bia");
    // once(): the value is kept when the node already has one.
    second.child("pos").setText("9");
    assertThat(inSecond("once(7)")).isEqualTo("9");
  }

  @Test
  void instanceAndCurrent() {
    // "instance() ... doesn't switch the document root for predicates": /data/... is the form.
    instance.root().child("country").setText("KEN");
    assertThat(string("count(instance('cities')/root/item[country = /data/country])"))
        .isEqualTo("2");
    assertThat(
            Expression.parse("count(instance('cities')/root/item[country = current()/../country])")
                .string(instance, instance.root().child("country")))
        .isEqualTo("2");
  }
}
