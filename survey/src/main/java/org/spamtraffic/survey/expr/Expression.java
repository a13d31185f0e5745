package org.spamtraffic.survey.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.javarosa.core.model.condition.EvaluationContext;
import org.javarosa.core.model.condition.IFunctionHandler;
import org.javarosa.xpath.XPathException;
import org.javarosa.xpath.XPathParseTool;
import org.javarosa.xpath.expr.XPathExpression;
import org.javarosa.xpath.expr.XPathFuncExpr;
import org.javarosa.xpath.parser.XPathSyntaxException;

/**
 * An XLSForm expression ({@code relevant}, {@code constraint}, {@code required}, {@code
 * calculation}, {@code choice_filter}, {@code default}, {@code repeat_count}, or a scoring rule's
 * condition): the XPath language of ODK XForms with {@code ${name}} references.
 *
 * <p>Parsing and evaluation are JavaRosa's, the reference implementation that ODK Collect runs, so
 * an expression means here exactly what it means on a phone: arithmetic, comparisons, {@code and},
 * {@code or}, {@code if()}, {@code coalesce()}, {@code regex()} (whole-value match, as in ODK),
 * {@code selected()}, {@code selected-at()}, {@code count-selected()}, {@code string-length()},
 * {@code concat()}, {@code substr()}, {@code today()}, {@code now()}, {@code date()}, {@code
 * decimal-date-time()}, {@code round()}, {@code int()}, {@code number()}, {@code sum()} and {@code
 * count()} over repeats, {@code position()}, {@code indexed-repeat()}, {@code once()}, {@code
 * jr:choice-name()} and the rest of the ODK function list. A {@code ${name}} reference becomes the
 * question's absolute path ({@code /data/group/name}); inside a repeat JavaRosa binds it to the
 * current repeat instance, outside it to every instance (so {@code sum(${amount})} adds them up),
 * as pyxform's relative paths do.
 */
public final class Expression {
  /** {@code ${name}}, with the spaces pyxform tolerates inside the braces. */
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{\\s*([^}]*?)\\s*\\}");

  private static final String LAST_SAVED = "last-saved#";

  private static final Pattern NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_.\\-]*");

  private static final Pattern FUNCTION =
      Pattern.compile("([A-Za-z_][\\w.\\-]*(?::[\\w.\\-]+)?)\\s*\\(");

  /**
   * The functions of the ODK XForms specification that JavaRosa evaluates, plus those ODK registers
   * around it ({@code jr:choice-name}, {@code pulldata}).
   */
  static final Set<String> FUNCTIONS =
      Set.of(
          "if",
          "coalesce",
          "regex",
          "selected",
          "selected-at",
          "count-selected",
          "jr:choice-name",
          "jr:itext",
          "string-length",
          "concat",
          "substr",
          "substring-before",
          "substring-after",
          "translate",
          "contains",
          "starts-with",
          "ends-with",
          "normalize-space",
          "lower-case",
          "upper-case",
          "string",
          "number",
          "int",
          "round",
          "floor",
          "ceiling",
          "abs",
          "pow",
          "log",
          "log10",
          "exp",
          "exp10",
          "sqrt",
          "sin",
          "cos",
          "tan",
          "asin",
          "acos",
          "atan",
          "atan2",
          "pi",
          "boolean",
          "boolean-from-string",
          "true",
          "false",
          "not",
          "today",
          "now",
          "date",
          "date-time",
          "decimal-date-time",
          "decimal-time",
          "format-date",
          "format-date-time",
          "sum",
          "count",
          "count-non-empty",
          "max",
          "min",
          "position",
          "last",
          "name",
          "local-name",
          "indexed-repeat",
          "once",
          "random",
          "uuid",
          "digest",
          "base64-decode",
          "join",
          "checklist",
          "weighted-checklist",
          "area",
          "distance",
          "geofence",
          "current",
          "instance",
          "pulldata",
          "randomize",
          "version",
          "property",
          "encrypt-string",
          "trim",
          "replace",
          "id");

  private final String text;
  private final String xpath;
  private final Set<String> references;
  private final Set<String> unknownReferences;
  private final Map<String, String> paths;
  private final XPathExpression compiled;

  private Expression(
      String text,
      String xpath,
      Set<String> references,
      Set<String> unknown,
      Map<String, String> paths,
      XPathExpression compiled) {
    this.text = text;
    this.xpath = xpath;
    this.references = references;
    this.unknownReferences = unknown;
    this.paths = paths;
    this.compiled = compiled;
  }

  /**
   * Parses {@code text} with every {@code ${name}} taken as {@code /data/name} (a flat form: the
   * scoring rules, or a form with no groups).
   *
   * @throws ExpressionException naming the expression and what is wrong with it
   */
  public static Expression parse(String text) {
    return parse(text, null);
  }

  /**
   * Parses {@code text}, where {@code paths} gives the absolute path ({@code /data/group/name}) of
   * every question name a {@code ${name}} may refer to; a name it does not have is recorded in
   * {@link #unknownReferences()} and bound to {@code /data/name}.
   *
   * @throws ExpressionException naming the expression and what is wrong with it
   */
  public static Expression parse(String text, Map<String, String> paths) {
    if (text == null || text.isBlank()) {
      throw new ExpressionException("empty", "");
    }
    // pyxform turns curly quotes (typed by spreadsheet programs) into straight ones.
    String t =
        text.trim()
            .replace('\u2018', '\'')
            .replace('\u2019', '\'')
            .replace('\u201c', '"')
            .replace('\u201d', '"');
    Set<String> refs = new LinkedHashSet<>();
    Set<String> unknown = new LinkedHashSet<>();
    Map<String, String> bound = new LinkedHashMap<>();
    Matcher m = REFERENCE.matcher(t);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      boolean lastSaved = name.startsWith(LAST_SAVED);
      if (lastSaved) {
        name = name.substring(LAST_SAVED.length());
      }
      if (!NAME.matcher(name).matches()) {
        throw new ExpressionException("bad-name", t, "${" + name + "}");
      }
      refs.add(name);
      String path = paths == null ? null : paths.get(name);
      if (path == null) {
        if (paths != null) {
          unknown.add(name);
        }
        path = "/data/" + name;
      }
      if (lastSaved) {
        // The answer of the last form saved on the device: nothing here, as on a first use.
        path = "instance('" + Instance.LAST_SAVED + "')" + path;
      } else {
        bound.put(name, path);
      }
      m.appendReplacement(b, Matcher.quoteReplacement(" " + path + " "));
    }
    m.appendTail(b);
    if (b.indexOf("${") >= 0) {
      throw new ExpressionException("unclosed-reference", t, "${name}");
    }
    String xpath = b.toString().trim();
    checkQuotesAndBrackets(t, xpath);
    XPathExpression compiled;
    try {
      compiled = XPathParseTool.parseXPath(xpath);
    } catch (XPathSyntaxException | RuntimeException e) {
      throw new ExpressionException("not-xpath", t);
    }
    if (compiled == null) {
      throw new ExpressionException("empty", t);
    }
    for (String f : functions(xpath)) {
      if (!FUNCTIONS.contains(f)) {
        throw new ExpressionException("unknown-function", t, f);
      }
    }
    return new Expression(
        t,
        xpath,
        Collections.unmodifiableSet(refs),
        Collections.unmodifiableSet(unknown),
        Collections.unmodifiableMap(bound),
        compiled);
  }

  /** The expression as written. */
  public String text() {
    return text;
  }

  /** The XPath evaluated: references replaced by paths. */
  public String xpath() {
    return xpath;
  }

  /** The path a reference is bound to, or null. */
  String boundPath(String name) {
    return paths.get(name);
  }

  /** JavaRosa's parse tree, for {@link Words}. */
  XPathExpression tree() {
    return compiled;
  }

  /** The question names it refers to with {@code ${name}}, in order of appearance. */
  public Set<String> references() {
    return references;
  }

  /** References to names the form has no question for (only when parsed with paths). */
  public Set<String> unknownReferences() {
    return unknownReferences;
  }

  /** Whether it reads {@code .} (the value being checked): constraints do. */
  public boolean usesSelf() {
    String s = withoutStrings(xpath);
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '.') {
        continue;
      }
      char before = i > 0 ? s.charAt(i - 1) : ' ';
      char after = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
      boolean inWord = Character.isLetterOrDigit(before) || before == '_' || before == '-';
      if (!inWord && !Character.isDigit(after)) {
        return true;
      }
    }
    return false;
  }

  /** Whether it calls {@code function}. */
  public boolean calls(String function) {
    return functions(xpath).contains(function);
  }

  /**
   * Evaluates in {@code instance} with {@code context} as {@code .}.
   *
   * @throws ExpressionException when the data cannot be evaluated (a type mismatch, say)
   */
  public Object evaluate(Instance instance, Instance.Node context) {
    return evaluate(instance, context, null);
  }

  /** Evaluates with {@code $value} bound to {@code value} (an itemset check: is it offered?). */
  public boolean test(Instance instance, Instance.Node context, String value) {
    return XPathFuncExpr.toBoolean(evaluate(instance, context, value));
  }

  private Object evaluate(Instance instance, Instance.Node context, String value) {
    EvaluationContext base = new EvaluationContext(instance.main(), instance.secondary());
    base.addFunctionHandler(new ChoiceName(instance));
    base.addFunctionHandler(new PullData());
    EvaluationContext ec =
        new EvaluationContext(
            base, (context == null ? instance.root() : context).element().getRef());
    ec.setOriginalContext(ec.getContextRef());
    if (value != null) {
      ec.setVariable("value", value);
    }
    try {
      return XPathFuncExpr.unpack(compiled.eval(instance.main(), ec));
    } catch (XPathException | IllegalArgumentException | IndexOutOfBoundsException e) {
      // JavaRosa's words are English: kept as a quoted technical detail.
      throw new ExpressionException("evaluation", text, String.valueOf(e.getMessage()));
    }
  }

  /** Evaluates to true or false (XPath {@code boolean()}). */
  public boolean test(Instance instance, Instance.Node context) {
    return XPathFuncExpr.toBoolean(evaluate(instance, context));
  }

  /** Evaluates to text (XPath {@code string()}). */
  public String string(Instance instance, Instance.Node context) {
    return XPathFuncExpr.toString(evaluate(instance, context));
  }

  /**
   * Evaluates to true or false over answers given by question name (a flat view: the scoring
   * rules). Each reference is put at its bound path, {@code .} at {@code /data/_self}.
   */
  public boolean test(Answers answers) {
    Instance instance = Instance.of("data");
    Map<String, Instance.Node> nodes = new HashMap<>();
    for (Map.Entry<String, String> e : paths.entrySet()) {
      Instance.Node n = instance.root();
      String[] steps = e.getValue().split("/");
      for (int i = 2; i < steps.length; i++) {
        n = n.child(steps[i]);
      }
      nodes.put(e.getKey(), n);
    }
    nodes.forEach((name, node) -> node.setText(answers.value(name)));
    Instance.Node self = instance.root().child("_self");
    self.setText(answers.self());
    return test(instance, self);
  }

  @Override
  public String toString() {
    return text;
  }

  /** Answers by question name, for {@link #test(Answers)}. */
  public interface Answers {
    /** The answer to question {@code name}, or "" / null when not answered. */
    String value(String name);

    /** The value being checked ({@code .}), or "" outside a constraint. */
    default String self() {
      return "";
    }
  }

  private static List<String> functions(String xpath) {
    List<String> out = new ArrayList<>();
    Matcher m = FUNCTION.matcher(withoutStrings(xpath));
    while (m.find()) {
      int before = m.start() - 1;
      // "a/b(" is a path step, not a call; node tests such as node() are XPath too.
      if (before >= 0 && xpath.charAt(before) == '/') {
        continue;
      }
      String f = m.group(1);
      if (!f.equals("node")
          && !f.equals("text")
          && !f.equals("and")
          && !f.equals("or")
          && !f.equals("div")
          && !f.equals("mod")) {
        out.add(f);
      }
    }
    return out;
  }

  private static String withoutStrings(String s) {
    return s.replaceAll("'[^']*'", "''").replaceAll("\"[^\"]*\"", "\"\"");
  }

  private static void checkQuotesAndBrackets(String text, String xpath) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < xpath.length(); i++) {
      char c = xpath.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (--depth < 0) {
          throw new ExpressionException("closes-nothing", text);
        }
      } else if (c == '\u2018' || c == '\u2019' || c == '\u201c' || c == '\u201d') {
        throw new ExpressionException("curly-quotes", text);
      }
    }
    if (quote != 0) {
      throw new ExpressionException("unclosed-quote", text);
    }
    if (depth > 0) {
      throw new ExpressionException("unclosed-bracket", text, depth);
    }
  }

  /** {@code jr:choice-name(value, 'path')}: the label of a choice of the select at path. */
  private static final class ChoiceName implements IFunctionHandler {
    private final Instance instance;

    ChoiceName(Instance instance) {
      this.instance = instance;
    }

    @Override
    public String getName() {
      return "jr:choice-name";
    }

    @Override
    public List<Class<?>[]> getPrototypes() {
      return List.of();
    }

    @Override
    public boolean rawArgs() {
      return true;
    }

    @Override
    public Object eval(Object[] args, EvaluationContext ec) {
      if (args.length != 2) {
        throw new XPathException("jr:choice-name() takes 2 arguments");
      }
      return instance.choiceLabel(
          XPathFuncExpr.toString(args[1]), XPathFuncExpr.toString(args[0]).trim());
    }
  }

  /**
   * {@code pulldata()} reads a CSV attached to the form on the phone; answers arrive with the
   * looked-up value already stored, so here it gives "" (as a missing file gives on the phone).
   */
  private static final class PullData implements IFunctionHandler {
    @Override
    public String getName() {
      return "pulldata";
    }

    @Override
    public List<Class<?>[]> getPrototypes() {
      return List.of();
    }

    @Override
    public boolean rawArgs() {
      return true;
    }

    @Override
    public Object eval(Object[] args, EvaluationContext ec) {
      return "";
    }
  }
}
