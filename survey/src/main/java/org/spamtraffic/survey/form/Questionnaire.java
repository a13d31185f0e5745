package org.spamtraffic.survey.form;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.spamtraffic.survey.sheet.Sheet;
import org.spamtraffic.survey.sheet.Sheets;

/**
 * The study's own questionnaire to Member States, kept as text in {@code survey/questionnaire/}
 * ({@code survey.csv}, {@code choices.csv}, {@code settings.csv}) and read from the classpath.
 */
public final class Questionnaire {
  /** Classpath folder of the questionnaire's files. */
  public static final String ROOT = "spamtraffic/survey/questionnaire/";

  private Questionnaire() {}

  /** The questionnaire's three sheets, as text. */
  public static List<Sheet> sheets() {
    List<Sheet> out = new ArrayList<>();
    for (String name : List.of("survey", "choices", "settings")) {
      Sheet s = Sheets.csv(name, bytes(name + ".csv"));
      out.add(new Sheet(name, s.header(), s.rows()));
    }
    return out;
  }

  /** The questionnaire, read and checked. */
  public static Form form() {
    return FormReader.read("survey/questionnaire", sheets()).orThrow();
  }

  /** A file of the questionnaire folder, from the classpath. */
  public static byte[] bytes(String file) {
    try (InputStream in = Questionnaire.class.getClassLoader().getResourceAsStream(ROOT + file)) {
      if (in == null) {
        throw new IllegalStateException("No " + ROOT + file + " on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + ROOT + file, e);
    }
  }
}
