package org.spamtraffic.survey.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.spamtraffic.survey.form.FormFinding;
import org.spamtraffic.survey.form.FormReader;
import org.spamtraffic.survey.form.FormReading;

/**
 * Prints the reader's verdict on every XLSForm of a folder, one line each ({@code file, accept or
 * refuse, codes, first error}), for {@code survey/corpus/agreement.py} to set beside pyxform's
 * verdicts. A measuring tool, run by hand (see survey/README.md, "Agreement with pyxform").
 */
public final class Verdicts {
  private Verdicts() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files =
          s.filter(
                  p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return (n.endsWith(".xlsx") || n.endsWith(".xls")) && !n.startsWith("~$");
                  })
              .sorted()
              .toList();
    }
    for (Path f : files) {
      String verdict;
      String codes;
      String first;
      long t0 = System.nanoTime();
      try {
        FormReading r = FormReader.read(f);
        verdict = r.ok() ? "accept" : "refuse";
        codes =
            r.findings().stream()
                .map(FormFinding::code)
                .distinct()
                .collect(Collectors.joining(","));
        first = r.errors().isEmpty() ? "" : r.errors().get(0).toString();
      } catch (RuntimeException e) {
        verdict = "crash";
        codes = "";
        first = e.toString();
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println(
          dir.relativize(f)
              + "\t"
              + verdict
              + "\t"
              + codes
              + "\t"
              + first.replaceAll("\\s+", " ")
              + "\t"
              + ms);
    }
  }
}
