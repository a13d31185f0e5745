package org.spamtraffic.survey.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spamtraffic.survey.sheet.Sheet;

/**
 * The corpus of forms of {@code src/test/resources/forms/}: the features of the XLSForm
 * specification (xlsform.org's sections, written afresh), pyxform's leniencies, and each error
 * pyxform or ODK Validate reports. Every file is a form in pyxform's markdown table notation with
 * its expected verdict beside it: {@code verdict: accept|refuse} and {@code codes:} (for a refused
 * form, exactly its error codes; for an accepted one, warnings it must carry).
 */
class FormCorpusTest {
  /** A form of the corpus: its file, expected verdict and codes, and its sheets. */
  record Case(String file, boolean accept, Set<String> codes, List<Sheet> sheets) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Case> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(FormCorpusTest.class.getResource("/forms").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<Case> out = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        out.add(parse(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
      }
      return out.stream();
    }
  }

  /** pyxform's markdown: a row whose first cell is filled names a sheet; then header and rows. */
  static Case parse(String file, String text) {
    boolean accept = true;
    Set<String> codes = new LinkedHashSet<>();
    List<Sheet> sheets = new ArrayList<>();
    String name = null;
    List<String> header = null;
    List<Sheet.Row> rows = new ArrayList<>();
    int number = 0;
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.startsWith("verdict:")) {
        accept = l.substring(8).strip().equals("accept");
      } else if (l.startsWith("codes:")) {
        Arrays.stream(l.substring(6).split("[,\\s]+"))
            .filter(c -> !c.isBlank())
            .forEach(codes::add);
      } else if (l.startsWith("|")) {
        List<String> cells = new ArrayList<>();
        for (String c :
            l.substring(1, l.endsWith("|") ? l.length() - 1 : l.length()).split("\\|", -1)) {
          cells.add(c.strip());
        }
        if (!cells.get(0).isEmpty()) {
          if (name != null) {
            sheets.add(new Sheet(name, header == null ? List.of() : header, rows));
          }
          name = cells.get(0);
          header = null;
          rows = new ArrayList<>();
          number = 0;
          continue;
        }
        List<String> values = cells.subList(1, cells.size());
        number++;
        if (header == null) {
          header = new ArrayList<>(values);
        } else if (values.stream().anyMatch(v -> !v.isEmpty())) {
          List<String> padded = new ArrayList<>(values);
          while (padded.size() < header.size()) {
            padded.add("");
          }
          rows.add(new Sheet.Row(number, padded));
        }
      }
    }
    if (name != null) {
      sheets.add(new Sheet(name, header == null ? List.of() : header, rows));
    }
    return new Case(file, accept, codes, sheets);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void eachFormGetsItsVerdict(Case c) {
    FormReading r = FormReader.read(c.file(), c.sheets());
    Set<String> errors = r.errors().stream().map(FormFinding::code).collect(Collectors.toSet());
    Set<String> warnings = r.warnings().stream().map(FormFinding::code).collect(Collectors.toSet());
    if (c.accept()) {
      assertThat(r.errors()).as(c.file()).isEmpty();
      assertThat(warnings).as(c.file() + " warnings").containsAll(c.codes());
    } else {
      assertThat(r.ok()).as(c.file()).isFalse();
      assertThat(errors).as(c.file() + " errors " + r.errors()).isEqualTo(c.codes());
    }
    // Every finding says where it is and what the tools would do, never a stack trace.
    r.findings()
        .forEach(
            f -> {
              assertThat(f.message()).doesNotContain("Exception").isNotBlank();
              assertThat(f.verdict()).isNotBlank();
            });
  }

  @Test
  void theCorpusCoversTheSpecificationAndEveryCheck() throws Exception {
    List<Case> all = corpus().toList();
    assertThat(all).hasSizeGreaterThanOrEqualTo(60);
    Set<String> seen = new LinkedHashSet<>();
    for (Case c : all) {
      FormReader.read(c.file(), c.sheets()).findings().forEach(f -> seen.add(f.code()));
    }
    // Every error check of FormCheck that a form can trigger from its sheets alone.
    Set<String> expected = new LinkedHashSet<>();
    for (FormCheck check : FormCheck.values()) {
      if (check.level() == FormCheck.Level.ERROR && check != FormCheck.UNREADABLE_FILE) {
        expected.add(check.code());
      }
    }
    assertThat(seen).containsAll(expected);
    try (InputStream in = getClass().getResourceAsStream("/forms/spec-basic-types.md")) {
      assertThat(in).isNotNull();
    }
  }
}
