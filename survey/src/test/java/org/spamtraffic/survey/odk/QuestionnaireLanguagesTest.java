package org.spamtraffic.survey.odk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.GroupDef;
import org.javarosa.core.model.IFormElement;
import org.javarosa.core.model.QuestionDef;
import org.javarosa.core.model.SelectChoice;
import org.javarosa.core.model.instance.AbstractTreeElement;
import org.javarosa.core.model.instance.InstanceInitializationFactory;
import org.javarosa.core.model.instance.TreeElement;
import org.javarosa.core.services.locale.Localizer;
import org.javarosa.core.services.storage.StorageManager;
import org.javarosa.core.services.storage.util.DummyIndexedStorageUtility;
import org.javarosa.model.xform.XFormsModule;
import org.javarosa.xform.util.XFormUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spamtraffic.language.Language;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.FormReader;
import org.spamtraffic.survey.form.FormReading;
import org.spamtraffic.survey.form.Questionnaire;

/**
 * The questionnaire speaks the six ITU languages in ODK's own engine: its XForm (as pyxform writes
 * it, {@link XFormWriter}) loads in JavaRosa, which offers the six languages, and in each of them
 * every group, question and choice has a label, every hint English has is there, and every
 * constraint and required message English has is there, none left in English.
 */
class QuestionnaireLanguagesTest {
  private static final Pattern ITEXT = Pattern.compile("jr:itext\\('([^']+)'\\)");

  /**
   * Texts that are rightly the same in a translation as in English: codes, names, and words the
   * language borrows (each with the languages where that is so).
   */
  private static final Map<String, Set<String>> SAME_AS_ENGLISH =
      Map.of(
          "SMS", Set.of("fr", "es", "ru"),
          "CIRT", Set.of("fr"),
          "Stable", Set.of("fr"),
          "Service", Set.of("fr"),
          "Europe", Set.of("fr"),
          "Opt-out", Set.of("fr"),
          "No", Set.of("es"));

  private static Form form;
  private static FormDef def;

  @BeforeAll
  static void load() throws Exception {
    FormReading reading = FormReader.read("questionnaire", Questionnaire.sheets());
    assertThat(reading.errors()).isEmpty();
    form = reading.form();
    new XFormsModule().registerModule();
    StorageManager.setStorageFactory((name, type) -> new DummyIndexedStorageUtility<>(), true);
    // -Dquestionnaire.xform=FILE checks an XForm pyxform wrote instead (survey/README.md).
    String given = System.getProperty("questionnaire.xform");
    byte[] xml =
        given == null || given.isBlank()
            ? XFormWriter.write(form).getBytes(StandardCharsets.UTF_8)
            : java.nio.file.Files.readAllBytes(java.nio.file.Path.of(given));
    def = XFormUtils.getFormFromInputStream(new ByteArrayInputStream(xml));
    def.initialize(true, new InstanceInitializationFactory());
  }

  @Test
  void javaRosaOffersTheSixLanguagesWithEnglishAsDefault() {
    Localizer l = def.getLocalizer();
    List<String> codes = new ArrayList<>();
    for (String locale : l.getAvailableLocales()) {
      codes.add(code(locale));
    }
    assertThat(codes).containsExactlyElementsOf(Language.codes());
    assertThat(l.getDefaultLocale()).isEqualTo("English (en)");
    // The column names are each language's own name, as the language switch of Collect,
    // Enketo and KoboToolbox shows them.
    for (Language language : Language.values()) {
      assertThat(l.getAvailableLocales())
          .contains(language.nativeName() + " (" + language.code() + ")");
    }
  }

  @Test
  void everyLabelHintAndMessageIsThereInEveryLanguage() {
    List<String> problems = new ArrayList<>();
    Map<String, String> english = texts("English (en)", problems);
    assertThat(english).hasSizeGreaterThan(150);
    for (String locale : def.getLocalizer().getAvailableLocales()) {
      Map<String, String> texts = texts(locale, problems);
      for (Map.Entry<String, String> e : english.entrySet()) {
        String text = texts.get(e.getKey());
        if (text == null || text.isBlank()) {
          problems.add(locale + ": no text for " + e.getKey());
        } else if (!locale.equals("English (en)")
            && text.equals(e.getValue())
            && !mayEqualEnglish(e.getKey(), text, code(locale))) {
          problems.add(
              locale
                  + ": "
                  + e.getKey()
                  + " is the English text (missing, or untranslated): '"
                  + text
                  + "'");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void constraintAndRequiredMessagesReachJavaRosaInEveryLanguage() {
    // The message a focal point reads on the phone is JavaRosa's evaluation of jr:itext(...).
    TreeElement people = find(def.getMainInstance().getRoot(), "people_trained");
    assertThat(people).isNotNull();
    Localizer l = def.getLocalizer();
    Map<String, String> shown = new TreeMap<>();
    for (String locale : l.getAvailableLocales()) {
      l.setLocale(locale);
      shown.put(
          code(locale),
          people
              .getConstraint()
              .getConstraintMessage(def.getEvaluationContext(), def.getMainInstance(), null));
    }
    l.setToDefault();
    assertThat(shown)
        .containsEntry("en", "A count between 0 and 1000000")
        .containsEntry("fr", "Un nombre entre 0 et 1000000")
        .containsEntry("ar", "عدد بين 0 و1000000")
        .containsEntry("zh", "0 至 1000000 之间的数量");
    assertThat(shown.values()).doesNotContainNull().doesNotHaveDuplicates();
  }

  /**
   * Every text of one language as JavaRosa holds it, by what it labels ({@code label
   * /data/volume/volume_email}, {@code choice yes_no yes}, {@code constraint
   * /data/legislation/law_year}).
   */
  private static Map<String, String> texts(String locale, List<String> problems) {
    Map<String, String> out = new TreeMap<>();
    walk(def, locale, out);
    instance(def.getMainInstance().getRoot(), locale, out, problems);
    return out;
  }

  private static void walk(IFormElement element, String locale, Map<String, String> out) {
    Localizer l = def.getLocalizer();
    if (element instanceof QuestionDef q) {
      String ref = String.valueOf(q.getBind().getReference());
      out.put("label " + ref, raw(l, locale, q.getTextID()));
      if (q.getHelpTextID() != null) {
        out.put("hint " + ref, raw(l, locale, q.getHelpTextID()));
      }
      if (q.getChoices() != null) {
        for (SelectChoice c : q.getChoices()) {
          out.put("choice " + ref + " " + c.getValue(), raw(l, locale, c.getTextID()));
        }
      }
      if (q.getDynamicChoices() != null) {
        // pyxform's itemsets: instance('list')/root/item, each with its itextId and name.
        String list = q.getDynamicChoices().nodesetRef.getInstanceName();
        AbstractTreeElement root = def.getNonMainInstance(list).getRoot();
        for (int i = 0; i < root.getNumChildren(); i++) {
          AbstractTreeElement item = root.getChildAt(i);
          String name = item.getChild("name", 0).getValue().uncast().getString();
          String id = item.getChild("itextId", 0).getValue().uncast().getString();
          out.put("choice " + list + " " + name, raw(l, locale, id));
        }
      }
    } else if (element instanceof GroupDef g) {
      if (g.getTextID() != null) {
        out.put("label " + g.getBind().getReference(), raw(l, locale, g.getTextID()));
      }
    }
    if (element.getChildren() != null) {
      for (IFormElement child : element.getChildren()) {
        walk(child, locale, out);
      }
    }
  }

  private static void instance(
      TreeElement e, String locale, Map<String, String> out, List<String> problems) {
    Localizer l = def.getLocalizer();
    String ref = String.valueOf(e.getRef());
    if (e.getConstraint() != null) {
      l.setLocale(locale);
      out.put(
          "constraint " + ref,
          e.getConstraint()
              .getConstraintMessage(def.getEvaluationContext(), def.getMainInstance(), null));
      l.setToDefault();
    }
    String required = e.getBindAttributeValue(XFormWriter.JR, "requiredMsg");
    if (e.isRequired()) {
      if (required == null) {
        problems.add(ref + " is required but has no required message");
      } else {
        Matcher m = ITEXT.matcher(required);
        assertThat(m.matches()).as(required).isTrue();
        out.put("required " + ref, raw(l, locale, m.group(1)));
      }
    }
    for (int i = 0; i < e.getNumChildren(); i++) {
      instance(e.getChildAt(i), locale, out, problems);
    }
  }

  private static String raw(Localizer l, String locale, String id) {
    return id == null ? null : l.getRawText(locale, id);
  }

  private static TreeElement find(TreeElement e, String name) {
    if (name.equals(e.getName())) {
      return e;
    }
    for (int i = 0; i < e.getNumChildren(); i++) {
      TreeElement found = find(e.getChildAt(i), name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static boolean mayEqualEnglish(String key, String text, String code) {
    // Country names and currency codes come from the UN and ISO lists: many are the same words.
    if (key.startsWith("choice country ") || key.startsWith("choice currency ")) {
      return true;
    }
    return SAME_AS_ENGLISH.getOrDefault(text, Set.of()).contains(code);
  }

  private static String code(String locale) {
    return locale.substring(locale.lastIndexOf('(') + 1, locale.length() - 1);
  }
}
