package org.spamtraffic.notebook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The outputs of one running cell, in nbformat 4 shape: text streams, rich display data, the value
 * of the last expression and the error. What the cell prints is kept in order with what it
 * displays: a display closes the text printed before it.
 */
final class CellOutputs {
  private final ArrayNode outputs = JsonNodeFactory.instance.arrayNode();
  private final ByteArrayOutputStream stdoutBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderrBytes = new ByteArrayOutputStream();
  private final PrintStream stdout = new PrintStream(stdoutBytes, true, StandardCharsets.UTF_8);
  private final PrintStream stderr = new PrintStream(stderrBytes, true, StandardCharsets.UTF_8);
  private int images;

  PrintStream stdout() {
    return stdout;
  }

  PrintStream stderr() {
    return stderr;
  }

  synchronized void display(Map<String, String> mimeBundle) {
    flushStdout();
    ObjectNode out = outputs.addObject();
    out.put("output_type", "display_data");
    ObjectNode data = out.putObject("data");
    mimeBundle.forEach((mime, value) -> data.set(mime, lines(mime, value)));
    out.putObject("metadata");
    if (mimeBundle.containsKey("image/png")) {
      images++;
    }
  }

  synchronized void result(int executionCount, String text) {
    flushStdout();
    ObjectNode out = outputs.addObject();
    out.put("output_type", "execute_result");
    out.put("execution_count", executionCount);
    out.putObject("data").set("text/plain", lines("text/plain", text));
    out.putObject("metadata");
  }

  synchronized void error(String name, String value, String traceback) {
    flushStdout();
    flushStderr();
    ObjectNode out = outputs.addObject();
    out.put("output_type", "error");
    out.put("ename", name);
    out.put("evalue", value);
    ArrayNode lines = out.putArray("traceback");
    traceback.lines().forEach(lines::add);
  }

  /** Closes the streams and returns every output, in order. */
  synchronized ArrayNode finish() {
    flushStdout();
    flushStderr();
    return outputs;
  }

  int images() {
    return images;
  }

  private void flushStdout() {
    stream("stdout", stdoutBytes);
  }

  private void flushStderr() {
    stream("stderr", stderrBytes);
  }

  private void stream(String name, ByteArrayOutputStream bytes) {
    if (bytes.size() == 0) {
      return;
    }
    ObjectNode out = outputs.addObject();
    out.put("output_type", "stream");
    out.put("name", name);
    out.set("text", lines("text/plain", bytes.toString(StandardCharsets.UTF_8)));
    bytes.reset();
  }

  /** nbformat stores text as a list of lines that keep their line ends; images as one string. */
  private static com.fasterxml.jackson.databind.JsonNode lines(String mime, String value) {
    if (mime.startsWith("image/")) {
      return JsonNodeFactory.instance.textNode(value);
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) == '\n') {
        out.add(value.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < value.length()) {
      out.add(value.substring(start));
    }
    return out;
  }
}
