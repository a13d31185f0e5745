package org.spamtraffic.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spamtraffic.schema.Schemas;

/**
 * The parameter table of {@code docs/investment-model.md} (section 9) is the default parameter
 * file's, row by row; and every parameter has a findable source or a justified assumption.
 */
class ParameterTableTest {
  private static final JsonNode FILE = Schemas.json(ParameterFile.DEFAULT);

  @Test
  void theDocumentsTableIsTheParameterFile() throws IOException {
    List<String> doc = documentTable();
    List<String> expected = render();
    assertThat(doc)
        .as(
            "docs/investment-model.md section 9 must be the table rendered from"
                + " schemas/investment-parameters-default.json; expected:%n%s",
            String.join("\n", expected))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void everyParameterHasAFindableSourceOrAJustifiedAssumption() throws IOException {
    int cited = 0;
    int assumed = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = FILE.path("parameters").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode p = e.getValue();
      String source = p.path("source").asText();
      String reasoning = p.path("reasoning").asText();
      assertThat(reasoning).as(e.getKey() + " reasoning").hasSizeGreaterThan(40).endsWith(".");
      // No citation of a file that is not in the repository.
      assertThat(source + reasoning).as(e.getKey()).doesNotContain("DOMAIN.md");
      if (source.equals(ParameterFile.ASSUMPTION)) {
        assumed++;
      } else {
        cited++;
        // A findable source names a year.
        assertThat(source).as(e.getKey() + " source").containsPattern("(19|20)[0-9]{2}");
        if (p.has("url")) {
          assertThat(p.path("url").asText()).startsWith("http");
        }
      }
    }
    String doc = Files.readString(document(), StandardCharsets.UTF_8);
    assertThat(doc)
        .contains(
            String.format(
                Locale.ROOT,
                "Of the %d parameters, %d cite a source and %d are assumptions",
                cited + assumed,
                cited,
                assumed));
    assertThat(cited).isGreaterThanOrEqualTo(13);
  }

  /** The table as section 9 shows it, from the file. */
  static List<String> render() {
    List<String> out = new ArrayList<>();
    out.add("| Parameter | Unit | Low | Base | High | Source | From source to values |");
    out.add("|---|---|---:|---:|---:|---|---|");
    for (Iterator<Map.Entry<String, JsonNode>> it = FILE.path("parameters").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode p = e.getValue();
      out.add(
          String.format(
              Locale.ROOT,
              "| `%s` | %s | %s | %s | %s | %s | %s |",
              e.getKey(),
              cell(p.path("unit").asText()),
              number(p.path("low")),
              number(p.path("base")),
              number(p.path("high")),
              cell(source(p)),
              cell(p.path("reasoning").asText())));
    }
    out.add("");
    out.add("| Setting | Unit | Value | Source | From source to value |");
    out.add("|---|---|---:|---|---|");
    for (Iterator<Map.Entry<String, JsonNode>> it = FILE.path("settings").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode s = e.getValue();
      out.add(
          String.format(
              Locale.ROOT,
              "| `%s` | %s | %s | %s | %s |",
              e.getKey(),
              cell(s.path("unit").asText()),
              number(s.path("value")),
              cell(source(s)),
              cell(s.path("reasoning").asText())));
    }
    return out;
  }

  private static String source(JsonNode p) {
    String s = p.path("source").asText();
    if (s.equals(ParameterFile.ASSUMPTION)) {
      s = "*assumption*";
    }
    return p.has("url") ? s + " <" + p.path("url").asText() + ">" : s;
  }

  private static String number(JsonNode n) {
    if (n.isIntegralNumber()) {
      long v = n.asLong();
      return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,d", v) : Long.toString(v);
    }
    return Double.toString(n.asDouble());
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  private static Path document() {
    return Path.of(System.getProperty("user.dir")).resolve("../docs/investment-model.md");
  }

  private static List<String> documentTable() throws IOException {
    List<String> out = new ArrayList<>();
    boolean inside = false;
    for (String line : Files.readAllLines(document(), StandardCharsets.UTF_8)) {
      if (line.startsWith("<!-- parameters:")) {
        inside = true;
      } else if (line.startsWith("<!-- end parameters")) {
        break;
      } else if (inside) {
        out.add(line);
      }
    }
    return out;
  }
}
