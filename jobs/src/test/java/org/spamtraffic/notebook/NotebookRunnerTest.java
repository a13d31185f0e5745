package org.spamtraffic.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner on tiny inline notebooks, without Spark. */
class NotebookRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  // No Spark session: these notebooks never ask for one.
  private final NotebookRunner runner = new NotebookRunner(null, null);

  @Test
  void runsCellsInOrderAndKeepsTextImagesAndTheLastValue(@TempDir Path dir) throws Exception {
    ObjectNode notebook =
        notebook(
            markdown("# A notebook"),
            code(
                "%jars ../jobs/target/*.jar\n"
                    + "import java.awt.image.BufferedImage;\n"
                    + "int x = 20 + 1;\n"
                    + "System.out.println(\"x is \" + x);"),
            code(
                "var image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);\n"
                    + "System.out.println(\"before\");\n"
                    + "org.spamtraffic.notebook.Display.png(image);\n"
                    + "System.out.println(\"after\");\n"
                    + "x * 2"));

    NotebookRunner.Result result = runner.run("tiny.ipynb", notebook);

    assertThat(result.succeeded()).as(result.describe()).isTrue();
    assertThat(result.codeCells()).isEqualTo(2);
    assertThat(result.cellsRun()).isEqualTo(2);
    assertThat(result.images()).isEqualTo(1);
    assertThat(result.describe()).isEqualTo("tiny.ipynb: 2 code cells ran, 1 image");
    JsonNode cells = result.executed().path("cells");
    assertThat(cells.get(1).path("execution_count").asInt()).isEqualTo(1);
    assertThat(cells.get(2).path("execution_count").asInt()).isEqualTo(2);
    assertThat(text(cells.get(1).path("outputs").get(0))).isEqualTo("x is 21\n");

    JsonNode outputs = cells.get(2).path("outputs");
    assertThat(outputs).hasSize(4);
    assertThat(text(outputs.get(0))).isEqualTo("before\n");
    assertThat(outputs.get(1).path("output_type").asText()).isEqualTo("display_data");
    byte[] png = Base64.getDecoder().decode(outputs.get(1).path("data").path("image/png").asText());
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(40);
    assertThat(image.getHeight()).isEqualTo(30);
    assertThat(text(outputs.get(2))).isEqualTo("after\n");
    assertThat(outputs.get(3).path("output_type").asText()).isEqualTo("execute_result");
    assertThat(outputs.get(3).path("data").path("text/plain").get(0).asText()).isEqualTo("42");

    // The input is untouched; the executed copy keeps what makes it a Java notebook.
    assertThat(notebook.path("cells").get(1).path("outputs")).isEmpty();
    assertThat(result.executed().at("/metadata/kernelspec/language").asText()).isEqualTo("java");
    Path written = result.writeTo(dir);
    assertThat(JSON.readTree(Files.readString(written)).at("/cells/2/outputs/3/execution_count"))
        .hasToString("2");
  }

  @Test
  void stopsAtTheFirstFailingCellAndNamesItAndTheException() {
    ObjectNode notebook =
        notebook(
            markdown("# Fails in its second code cell"),
            code("int countries = 3;"),
            code(
                "System.out.println(\"checking\");\n"
                    + "if (countries < 5) {\n"
                    + "  throw new IllegalStateException(\"only \" + countries + \" countries\");\n"
                    + "}"),
            code("System.out.println(\"never\");"));

    NotebookRunner.Result result = runner.run("fails.ipynb", notebook);

    assertThat(result.succeeded()).isFalse();
    assertThat(result.cellsRun()).isEqualTo(1);
    NotebookRunner.CellFailure failure = result.failure().orElseThrow();
    assertThat(failure.codeCell()).isEqualTo(2);
    assertThat(failure.cell()).isEqualTo(3);
    assertThat(failure.line()).isEqualTo(2);
    assertThat(failure.snippet()).startsWith("if (countries < 5)");
    assertThat(failure.error()).startsWith("java.lang.IllegalStateException: only 3 countries");
    assertThat(result.describe())
        .startsWith("fails.ipynb: code cell [2] (cell 3 of the notebook) failed at line 2:")
        .contains("java.lang.IllegalStateException: only 3 countries");

    JsonNode cells = result.executed().path("cells");
    JsonNode outputs = cells.get(2).path("outputs");
    assertThat(text(outputs.get(0))).isEqualTo("checking\n");
    assertThat(outputs.get(1).path("output_type").asText()).isEqualTo("error");
    assertThat(outputs.get(1).path("ename").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(outputs.get(1).path("evalue").asText()).isEqualTo("only 3 countries");
    assertThat(cells.get(3).path("outputs")).isEmpty();
    assertThat(cells.get(3).path("execution_count").isNull()).isTrue();
  }

  @Test
  void reportsACompileErrorWithTheCompilersDiagnostic() {
    ObjectNode notebook =
        notebook(code("String country = \"KEN\";"), code("int rows = country;\nrows + 1"));

    NotebookRunner.Result result = runner.run("typo.ipynb", notebook);

    NotebookRunner.CellFailure failure = result.failure().orElseThrow();
    assertThat(failure.codeCell()).isEqualTo(2);
    assertThat(failure.snippet()).isEqualTo("int rows = country;");
    assertThat(failure.error())
        .startsWith("error: incompatible types: java.lang.String cannot be converted to int")
        .contains("int rows = country;\n           ^");
    assertThat(result.executed().at("/cells/1/outputs/0/ename").asText())
        .isEqualTo("CompilationError");
  }

  @Test
  void refusesMagicsThatTieANotebookToOneKernel() {
    NotebookRunner.Result result = runner.run("magic.ipynb", notebook(code("%time\nint x = 1;")));

    assertThat(result.failure().orElseThrow().error())
        .startsWith("line magic %time is not supported by the project's notebook runner");
  }

  @Test
  void reportsACellThatEndsInTheMiddleOfAStatement() {
    NotebookRunner.Result result =
        runner.run("open.ipynb", notebook(code("int x = 1;\nfor (int i = 0; i < 3; i++) {")));

    NotebookRunner.CellFailure failure = result.failure().orElseThrow();
    assertThat(failure.line()).isEqualTo(2);
    assertThat(failure.error())
        .isEqualTo("error: the cell ends in the middle of a statement (definitely incomplete)");
  }

  private static String text(JsonNode streamOutput) {
    assertThat(streamOutput.path("output_type").asText()).isEqualTo("stream");
    StringBuilder out = new StringBuilder();
    streamOutput.path("text").forEach(t -> out.append(t.asText()));
    return out.toString();
  }

  static ObjectNode notebook(ObjectNode... cells) {
    ObjectNode nb = JSON.createObjectNode();
    ArrayNode list = nb.putArray("cells");
    List.of(cells).forEach(list::add);
    ObjectNode meta = nb.putObject("metadata");
    ObjectNode kernel = meta.putObject("kernelspec");
    kernel.put("name", "java");
    kernel.put("display_name", "Java");
    kernel.put("language", "java");
    meta.putObject("language_info").put("name", "java");
    nb.put("nbformat", 4);
    nb.put("nbformat_minor", 5);
    return nb;
  }

  static ObjectNode code(String source) {
    ObjectNode cell = JSON.createObjectNode();
    cell.put("cell_type", "code");
    cell.putObject("metadata");
    cell.put("source", source);
    cell.putArray("outputs");
    cell.putNull("execution_count");
    return cell;
  }

  static ObjectNode markdown(String source) {
    ObjectNode cell = JSON.createObjectNode();
    cell.put("cell_type", "markdown");
    cell.putObject("metadata");
    cell.put("source", source);
    return cell;
  }
}
