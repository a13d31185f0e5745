package org.spamtraffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/spamtraffic notebooks run}: executed copies, one line per notebook, exit code. */
class NotebooksCommandTest {
  @TempDir Path temp;

  @Test
  void writesExecutedCopiesAndExitsOneWhenANotebookFails() throws Exception {
    Path good = notebook("good.ipynb", "int x = 6 * 7;\\nSystem.out.println(x);");
    Path bad = notebook("bad.ipynb", "int y = 1;\\nint z = y / 0;");
    Path out = temp.resolve("out");

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    // picocli prints to System.out, which the command line captures here.
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      exit =
          SpamTraffic.execute(
              "notebooks",
              "run",
              "--master",
              "local[1]",
              "--out",
              out.toString(),
              good.toString(),
              bad.toString());
    } finally {
      System.setOut(original);
    }

    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(exit).isEqualTo(1);
    assertThat(text)
        .contains("good.ipynb: 1 code cells ran, 0 images")
        .contains("bad.ipynb: code cell [1] (cell 1 of the notebook) failed at line 2:")
        .contains("java.lang.ArithmeticException: / by zero");
    assertThat(Files.readString(out.resolve("notebooks/good.ipynb"))).contains("42\\n");
    assertThat(Files.readString(out.resolve("notebooks/bad.ipynb")))
        .contains("\"ename\" : \"java.lang.ArithmeticException\"");
  }

  private Path notebook(String name, String source) throws Exception {
    Path file = temp.resolve(name);
    Files.writeString(
        file,
        "{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {}, \"execution_count\": null,"
            + " \"outputs\": [], \"source\": \""
            + source
            + "\"}], \"metadata\": {\"kernelspec\": {\"name\": \"java\", \"language\": \"java\","
            + " \"display_name\": \"Java\"}}, \"nbformat\": 4, \"nbformat_minor\": 5}",
        StandardCharsets.UTF_8);
    return file;
  }
}
