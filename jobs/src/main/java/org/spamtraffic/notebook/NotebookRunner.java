package org.spamtraffic.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a Jupyter notebook written for a JShell-based Java kernel (JJava, IJava) without Jupyter:
 * reads the {@code .ipynb}, runs its code cells in order with the JDK's {@code jdk.jshell} API in
 * this JVM and on this JVM's class path, and returns the notebook with its outputs filled in, or
 * the first cell that failed.
 *
 * <p>What a cell shows is what a kernel would show: what it prints ({@code stdout}, {@code
 * stderr}), what it hands to {@link Display} (PNG images, tables), the value of its last
 * expression, and the error that stopped it. Each notebook gets a fresh JShell, as it would get a
 * fresh kernel; all notebooks of one runner share its Spark session through {@link
 * NotebookContext}.
 *
 * <p>Line magics that put things on the class path ({@code %jars}, {@code %classpath}, {@code
 * %maven}...) are skipped: the runner already runs on the project's class path. Other magics are
 * errors, because they would mean the notebook depends on one kernel.
 *
 * <p>Cells run in the same JVM (JShell's local execution engine) so that Spark runs in one process
 * and images reach the runner as objects. Cells should give Spark column expressions and SQL, not
 * Java lambdas: Spark's executors cannot load classes that JShell defines.
 */
public final class NotebookRunner {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LINE_MAGIC = Pattern.compile("^%([A-Za-z][A-Za-z0-9_]*)\\b.*$");
  private static final Set<String> CLASSPATH_MAGICS =
      Set.of(
          "jars",
          "classpath",
          "maven",
          "mavenRepo",
          "addMavenDependency",
          "addMavenDependencies",
          "loadFromPOM");
  private static final int TRACEBACK_FRAMES = 12;

  private final SparkSession spark;
  private final org.spamtraffic.warehouse.Warehouse warehouse;

  /**
   * A runner whose notebooks run on {@code spark} over {@code warehouse}.
   *
   * @param spark the session {@link NotebookContext#spark()} returns to cells; null for notebooks
   *     that need none (a cell that asks then opens its own)
   * @param warehouse the warehouse {@link NotebookContext#warehouse()} returns to cells (as of the
   *     commit it reads: every notebook of the run sees the same study); null to let cells open
   *     their own
   */
  public NotebookRunner(SparkSession spark, org.spamtraffic.warehouse.Warehouse warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  /**
   * What running one notebook gave.
   *
   * @param name the notebook's file name
   * @param executed the notebook with outputs and execution counts, as Jupyter would save it
   * @param codeCells code cells in the notebook
   * @param cellsRun code cells that ran to the end
   * @param images PNG images the cells displayed
   * @param failure the cell that failed, if one did (later cells did not run)
   */
  public record Result(
      String name,
      ObjectNode executed,
      int codeCells,
      int cellsRun,
      int images,
      Optional<CellFailure> failure) {
    /** Whether every code cell ran without error. */
    public boolean succeeded() {
      return failure.isEmpty();
    }

    /** One line (or a few) for people: what ran, or where and why it stopped. */
    public String describe() {
      return failure
          .map(f -> name + ": " + f.describe())
          .orElse(
              String.format(
                  Locale.ROOT,
                  "%s: %d code cells ran, %d image%s",
                  name,
                  cellsRun,
                  images,
                  images == 1 ? "" : "s"));
    }

    /** Writes the executed notebook to {@code folder}, under the notebook's name. */
    public Path writeTo(Path folder) {
      try {
        Files.createDirectories(folder);
        Path target = folder.resolve(name);
        JSON.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), executed);
        return target;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the executed notebook to " + folder, e);
      }
    }
  }

  /**
   * The cell that stopped a notebook.
   *
   * @param cell position of the cell in the notebook, 1 for the first (markdown cells count)
   * @param codeCell position among code cells, 1 for the first: the {@code [n]} Jupyter shows
   * @param snippet the statement or declaration that failed, as written in the cell
   * @param line line of the cell where that snippet starts, 1 for the first
   * @param error the compiler's diagnostic or the exception, as a kernel prints it
   */
  public record CellFailure(int cell, int codeCell, String snippet, int line, String error) {
    /** Where and why, in a few lines. */
    public String describe() {
      return String.format(
          Locale.ROOT,
          "code cell [%d] (cell %d of the notebook) failed at line %d:%n  %s%n%s",
          codeCell,
          cell,
          line,
          snippet.strip().replace("\n", "\n  "),
          error.strip());
    }
  }

  /** Reads and runs the notebook at {@code notebook}. */
  public Result run(Path notebook) {
    ObjectNode parsed;
    try {
      JsonNode tree = JSON.readTree(notebook.toFile());
      if (!(tree instanceof ObjectNode o) || !tree.path("cells").isArray()) {
        throw new IllegalArgumentException(
            notebook + " is not a Jupyter notebook: no \"cells\" array at the top level");
      }
      parsed = o;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read notebook " + notebook, e);
    }
    return run(notebook.getFileName().toString(), parsed);
  }

  /**
   * Runs {@code notebook} (nbformat 4 JSON), leaving it untouched.
   *
   * @param name the notebook's file name, for messages and the executed copy
   */
  public Result run(String name, ObjectNode notebook) {
    ObjectNode executed = notebook.deepCopy();
    ArrayNode cells = (ArrayNode) executed.path("cells");
    int codeCells = 0;
    for (JsonNode c : cells) {
      if ("code".equals(c.path("cell_type").asText())) {
        codeCells++;
      }
    }
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ClassLoader originalLoader = Thread.currentThread().getContextClassLoader();
    NotebookContext.provide(spark, warehouse);
    int ran = 0;
    int images = 0;
    Optional<CellFailure> failure = Optional.empty();
    // No input: a cell that reads System.in would otherwise take the caller's (in a Surefire
    // fork, its command channel).
    try (JShell shell =
        JShell.builder().executionEngine("local").in(InputStream.nullInputStream()).build()) {
      for (String entry : compileClassPath()) {
        shell.addToClasspath(entry);
      }
      int codeCell = 0;
      for (int i = 0; i < cells.size(); i++) {
        ObjectNode cell = (ObjectNode) cells.get(i);
        if (!"code".equals(cell.path("cell_type").asText())) {
          continue;
        }
        codeCell++;
        if (failure.isPresent()) {
          // Jupyter stops at the first error; later cells keep no outputs from an earlier run.
          cell.set("outputs", JSON.createArrayNode());
          cell.putNull("execution_count");
          continue;
        }
        CellOutputs outputs = new CellOutputs();
        System.setOut(outputs.stdout());
        System.setErr(outputs.stderr());
        Display.capture(outputs);
        try {
          failure = runCell(shell, source(cell), i + 1, codeCell, outputs);
        } finally {
          Display.capture(null);
          System.setOut(originalOut);
          System.setErr(originalErr);
        }
        cell.set("outputs", outputs.finish());
        cell.put("execution_count", codeCell);
        images += outputs.images();
        if (failure.isEmpty()) {
          ran++;
        }
      }
    } finally {
      NotebookContext.provide(null, null);
      // JShell's local engine makes its class loader the thread's context loader.
      Thread.currentThread().setContextClassLoader(originalLoader);
    }
    return new Result(name, executed, codeCells, ran, images, failure);
  }

  private Optional<CellFailure> runCell(
      JShell shell, String source, int cellNumber, int codeCell, CellOutputs outputs) {
    String code;
    try {
      code = withoutClasspathMagics(source);
    } catch (IllegalArgumentException e) {
      outputs.error("UnsupportedMagic", e.getMessage(), e.getMessage());
      return Optional.of(
          new CellFailure(cellNumber, codeCell, firstLine(source), 1, e.getMessage()));
    }
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    String remaining = code;
    int consumed = 0;
    String lastValue = null;
    while (!remaining.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
      int line = lineOf(code, consumed + leadingBlank(remaining));
      if (!info.completeness().isComplete()) {
        String message =
            "error: the cell ends in the middle of a statement ("
                + info.completeness().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + ")";
        outputs.error("CompilationError", message, message + "\n" + remaining.strip());
        return Optional.of(new CellFailure(cellNumber, codeCell, remaining, line, message));
      }
      String snippet = info.source();
      consumed += remaining.length() - info.remaining().length();
      remaining = info.remaining();
      if (snippet == null || snippet.isBlank()) {
        continue;
      }
      lastValue = null;
      for (SnippetEvent event : shell.eval(snippet)) {
        if (event.causeSnippet() != null) {
          continue; // a dependent snippet's update, not what this snippet did
        }
        String error = errorOf(shell, event, outputs);
        if (error != null) {
          return Optional.of(new CellFailure(cellNumber, codeCell, snippet.strip(), line, error));
        }
        if (showsValue(event.snippet())) {
          lastValue = event.value();
        }
      }
    }
    if (lastValue != null) {
      outputs.result(codeCell, lastValue);
    }
    return Optional.empty();
  }

  /** The error a kernel would print for {@code event}, added to the outputs; null when none. */
  private static String errorOf(JShell shell, SnippetEvent event, CellOutputs outputs) {
    JShellException thrown = event.exception();
    if (thrown != null) {
      String name;
      String message;
      if (thrown instanceof EvalException e) {
        name = e.getExceptionClassName();
        message = e.getMessage() == null ? "" : e.getMessage();
      } else if (thrown instanceof UnresolvedReferenceException u) {
        name = "UnresolvedReference";
        message =
            "cannot use "
                + u.getSnippet().source().strip()
                + ": it refers to "
                + shell.unresolvedDependencies(u.getSnippet()).collect(Collectors.joining(", "))
                + ", which is not defined";
      } else {
        name = thrown.getClass().getName();
        message = String.valueOf(thrown.getMessage());
      }
      String traceback = traceback(thrown);
      outputs.error(name, message, traceback);
      return traceback;
    }
    Snippet snippet = event.snippet();
    switch (event.status()) {
      case REJECTED -> {
        String diagnostics =
            shell
                .diagnostics(snippet)
                .filter(Diag::isError)
                .map(d -> diagnostic(snippet.source(), d))
                .collect(Collectors.joining("\n"));
        if (diagnostics.isEmpty()) {
          diagnostics = "error: the snippet was rejected";
        }
        outputs.error("CompilationError", firstLine(diagnostics), diagnostics);
        return diagnostics;
      }
      case RECOVERABLE_DEFINED, RECOVERABLE_NOT_DEFINED -> {
        String missing =
            snippet instanceof jdk.jshell.DeclarationSnippet d
                ? shell.unresolvedDependencies(d).collect(Collectors.joining(", "))
                : "?";
        String message = "error: cannot find symbol: " + missing;
        outputs.error("CompilationError", message, message);
        return message;
      }
      default -> {
        return null;
      }
    }
  }

  private static String diagnostic(String source, Diag d) {
    String message = d.getMessage(Locale.ROOT);
    long at = d.getStartPosition();
    if (at < 0 || at > source.length()) {
      return "error: " + message;
    }
    int start = source.lastIndexOf('\n', (int) Math.max(0, at - 1)) + 1;
    int end = source.indexOf('\n', (int) at);
    String line = source.substring(start, end < 0 ? source.length() : end);
    return "error: " + message + "\n" + line + "\n" + " ".repeat((int) at - start) + "^";
  }

  private static String traceback(JShellException thrown) {
    StringBuilder out = new StringBuilder();
    Throwable t = thrown;
    boolean first = true;
    while (t != null) {
      String name =
          t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
      out.append(first ? "" : "Caused by: ")
          .append(name)
          .append(t.getMessage() == null ? "" : ": " + t.getMessage())
          .append('\n');
      StackTraceElement[] frames = t.getStackTrace();
      for (int i = 0; i < Math.min(frames.length, TRACEBACK_FRAMES); i++) {
        out.append("\tat ").append(frames[i]).append('\n');
      }
      if (frames.length > TRACEBACK_FRAMES) {
        out.append("\t... ").append(frames.length - TRACEBACK_FRAMES).append(" more\n");
      }
      first = false;
      t = t.getCause() == t ? null : t.getCause();
    }
    return out.toString();
  }

  /** Whether a kernel shows the value of this snippet: expressions, not declarations. */
  private static boolean showsValue(Snippet snippet) {
    return snippet.kind() == Snippet.Kind.EXPRESSION
        || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
  }

  /** The cell without its class-path magics (blank lines instead, to keep line numbers). */
  static String withoutClasspathMagics(String source) {
    if (source.startsWith("%%")) {
      throw new IllegalArgumentException(
          "cell magic "
              + firstLine(source).strip()
              + " is not supported by the project's notebook runner: write the cell in Java");
    }
    List<String> lines = new ArrayList<>();
    for (String line : source.split("\n", -1)) {
      Matcher m = LINE_MAGIC.matcher(line);
      if (m.matches()) {
        if (!CLASSPATH_MAGICS.contains(m.group(1))) {
          throw new IllegalArgumentException(
              "line magic %"
                  + m.group(1)
                  + " is not supported by the project's notebook runner (only class-path magics,"
                  + " which it skips: "
                  + String.join(", ", new java.util.TreeSet<>(CLASSPATH_MAGICS))
                  + ")");
        }
        line = "";
      }
      lines.add(line);
    }
    return String.join("\n", lines);
  }

  private static String source(JsonNode cell) {
    JsonNode source = cell.path("source");
    if (source.isArray()) {
      StringBuilder out = new StringBuilder();
      source.forEach(s -> out.append(s.asText()));
      return out.toString();
    }
    return source.asText();
  }

  private static String firstLine(String s) {
    int end = s.indexOf('\n');
    return end < 0 ? s : s.substring(0, end);
  }

  private static int leadingBlank(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int lineOf(String code, int offset) {
    int line = 1;
    for (int i = 0; i < Math.min(offset, code.length()); i++) {
      if (code.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /**
   * This JVM's class path, for JShell's compiler. Jars that only point at others through their
   * manifest (Surefire's booter jar, launcher jars) are followed, because javac in JShell sees only
   * the entries it is given.
   */
  static List<String> compileClassPath() {
    Set<String> entries = new LinkedHashSet<>();
    String surefire = System.getProperty("surefire.test.class.path");
    List<String> roots = new ArrayList<>();
    roots.addAll(List.of(System.getProperty("java.class.path", "").split(File.pathSeparator)));
    if (surefire != null) {
      roots.addAll(List.of(surefire.split(File.pathSeparator)));
    }
    for (String root : roots) {
      addWithManifest(root, entries);
    }
    return new ArrayList<>(entries);
  }

  private static void addWithManifest(String entry, Set<String> entries) {
    if (entry.isBlank() || !entries.add(entry) || !entry.endsWith(".jar")) {
      return;
    }
    Path jar = Path.of(entry);
    if (!Files.isRegularFile(jar)) {
      return;
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String classPath =
          manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (classPath == null) {
        return;
      }
      URI base = jar.toAbsolutePath().getParent().toUri();
      for (String relative : classPath.trim().split("\\s+")) {
        if (!relative.isEmpty()) {
          URI resolved = base.resolve(relative);
          if ("file".equals(resolved.getScheme())) {
            addWithManifest(Path.of(resolved).toString(), entries);
          }
        }
      }
    } catch (IOException e) {
      // An unreadable jar on the class path is the JVM's business, not the compiler's.
    }
  }
}
