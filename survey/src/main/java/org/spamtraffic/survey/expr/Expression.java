package org.spamtraffic.survey.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed XLSForm expression ({@code relevant}, {@code constraint}, {@code required}, or a scoring
 * rule's condition), limited to the subset that ODK, KoboToolbox and SurveyCTO forms use most:
 * comparisons ({@code = != < <= > >=}), {@code and}, {@code or}, {@code not()}, {@code selected()},
 * {@code count-selected()}, {@code true()}, {@code false()}, {@code .} (the answer being checked),
 * {@code ${name}} references, and string and number literals. Anything else is refused by {@link
 * #parse(String)} with a message naming it, so that a form is never evaluated wrongly in silence.
 *
 * <p>Evaluation follows XPath 1.0 as ODK does: an answer is a string (empty when not answered); a
 * comparison with a number compares numbers, and an empty or non-numeric answer then compares false
 * (except {@code !=}); {@code <}, {@code >} and friends always compare numbers; a select_multiple
 * answer is its choice names separated by spaces.
 */
public final class Expression {
  private final String text;
  private final Node root;

  private Expression(String text, Node root) {
    this.text = text;
    this.root = root;
  }

  /**
   * Parses {@code text}.
   *
   * @throws ExpressionException naming the expression and what is not supported or wrong
   */
  public static Expression parse(String text) {
    if (text == null || text.isBlank()) {
      throw new ExpressionException("Empty expression");
    }
    return new Expression(text.trim(), new Parser(text.trim()).parseAll());
  }

  /** The expression as written. */
  public String text() {
    return text;
  }

  /** The question names it refers to with {@code ${name}}, in order of appearance. */
  public Set<String> references() {
    Set<String> out = new LinkedHashSet<>();
    root.collect(out);
    return out;
  }

  /** Whether it uses {@code .} (the answer being checked): only constraints may. */
  public boolean usesSelf() {
    return root.usesSelf();
  }

  /** Evaluates to true or false (XPath {@code boolean()} of the result). */
  public boolean test(Answers answers) {
    return truth(root.eval(answers));
  }

  @Override
  public String toString() {
    return text;
  }

  /** What an expression reads: answers by question name, and the answer being checked. */
  public interface Answers {
    /** The answer to question {@code name}, or "" when not answered. */
    String value(String name);

    /** The answer being checked ({@code .}), or "" outside a constraint. */
    default String self() {
      return "";
    }
  }

  private static boolean truth(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Double d) {
      return d != 0 && !d.isNaN();
    }
    return !((String) v).isEmpty();
  }

  private static double number(Object v) {
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    String s = ((String) v).trim();
    if (s.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String string(Object v) {
    if (v instanceof Double d) {
      return d == Math.rint(d) && !Double.isInfinite(d)
          ? Long.toString(d.longValue())
          : d.toString();
    }
    return v.toString();
  }

  private static List<String> choices(Object v) {
    String s = string(v).trim();
    return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
  }

  private interface Node {
    Object eval(Answers a);

    default void collect(Set<String> refs) {}

    default boolean usesSelf() {
      return false;
    }
  }

  private record Literal(Object value) implements Node {
    @Override
    public Object eval(Answers a) {
      return value;
    }
  }

  private record Ref(String name) implements Node {
    @Override
    public Object eval(Answers a) {
      String v = a.value(name);
      return v == null ? "" : v;
    }

    @Override
    public void collect(Set<String> refs) {
      refs.add(name);
    }
  }

  private record Self() implements Node {
    @Override
    public Object eval(Answers a) {
      String v = a.self();
      return v == null ? "" : v;
    }

    @Override
    public boolean usesSelf() {
      return true;
    }
  }

  private record Call(String function, List<Node> args) implements Node {
    @Override
    public Object eval(Answers a) {
      switch (function) {
        case "not":
          return !truth(args.get(0).eval(a));
        case "true":
          return true;
        case "false":
          return false;
        case "selected":
          return choices(args.get(0).eval(a)).contains(string(args.get(1).eval(a)).trim());
        case "count-selected":
          return (double) choices(args.get(0).eval(a)).size();
        default:
          throw new IllegalStateException("Parser let through function " + function);
      }
    }

    @Override
    public void collect(Set<String> refs) {
      args.forEach(n -> n.collect(refs));
    }

    @Override
    public boolean usesSelf() {
      return args.stream().anyMatch(Node::usesSelf);
    }
  }

  private record Binary(String op, Node left, Node right) implements Node {
    @Override
    public Object eval(Answers a) {
      if (op.equals("and")) {
        return truth(left.eval(a)) && truth(right.eval(a));
      }
      if (op.equals("or")) {
        return truth(left.eval(a)) || truth(right.eval(a));
      }
      Object l = left.eval(a);
      Object r = right.eval(a);
      if (op.equals("=") || op.equals("!=")) {
        boolean equal;
        if (l instanceof Boolean || r instanceof Boolean) {
          equal = truth(l) == truth(r);
        } else if (l instanceof Double || r instanceof Double) {
          // XPath: NaN equals nothing, so an empty answer is never = 0 (but is != 0).
          equal = number(l) == number(r);
        } else {
          equal = string(l).equals(string(r));
        }
        return op.equals("=") == equal;
      }
      double x = number(l);
      double y = number(r);
      switch (op) {
        case "<":
          return x < y;
        case "<=":
          return x <= y;
        case ">":
          return x > y;
        case ">=":
          return x >= y;
        default:
          throw new IllegalStateException("Parser let through operator " + op);
      }
    }

    @Override
    public void collect(Set<String> refs) {
      left.collect(refs);
      right.collect(refs);
    }

    @Override
    public boolean usesSelf() {
      return left.usesSelf() || right.usesSelf();
    }
  }

  /**
   * Recursive descent over: or := and ('or' and)*; and := cmp ('and' cmp)*; cmp := unit (op unit)?.
   */
  private static final class Parser {
    private final String text;
    private final List<String> tokens;
    private int pos;

    Parser(String text) {
      this.text = text;
      this.tokens = tokenize(text);
    }

    Node parseAll() {
      Node n = or();
      if (pos < tokens.size()) {
        throw error("unexpected '" + tokens.get(pos) + "'");
      }
      return n;
    }

    private Node or() {
      Node n = and();
      while (peek("or")) {
        pos++;
        n = new Binary("or", n, and());
      }
      return n;
    }

    private Node and() {
      Node n = comparison();
      while (peek("and")) {
        pos++;
        n = new Binary("and", n, comparison());
      }
      return n;
    }

    private Node comparison() {
      Node n = unit();
      if (pos < tokens.size()) {
        String t = tokens.get(pos);
        if (List.of("=", "!=", "<", "<=", ">", ">=").contains(t)) {
          pos++;
          Node right = unit();
          if (pos < tokens.size()
              && List.of("=", "!=", "<", "<=", ">", ">=").contains(tokens.get(pos))) {
            throw error("chained comparison '" + tokens.get(pos) + "': use 'and'");
          }
          return new Binary(t, n, right);
        }
        if (List.of("+", "-", "*", "div", "mod", "|").contains(t)) {
          throw error("arithmetic operator '" + t + "' is not supported");
        }
      }
      return n;
    }

    private Node unit() {
      if (pos >= tokens.size()) {
        throw error("it ends too early");
      }
      String t = tokens.get(pos++);
      if (t.equals("(")) {
        Node n = or();
        expect(")");
        return n;
      }
      if (t.equals(".")) {
        return new Self();
      }
      if (t.startsWith("${")) {
        return new Ref(t.substring(2, t.length() - 1));
      }
      if (t.startsWith("'") || t.startsWith("\"")) {
        return new Literal(t.substring(1, t.length() - 1));
      }
      if (Character.isDigit(t.charAt(0)) || (t.startsWith("-") && t.length() > 1)) {
        try {
          return new Literal(Double.parseDouble(t));
        } catch (NumberFormatException e) {
          throw error("'" + t + "' is not a number");
        }
      }
      if (t.matches("[A-Za-z_][A-Za-z0-9_.:-]*")) {
        if (pos < tokens.size() && tokens.get(pos).equals("(")) {
          pos++;
          List<Node> args = new ArrayList<>();
          if (!peek(")")) {
            args.add(or());
            while (peek(",")) {
              pos++;
              args.add(or());
            }
          }
          expect(")");
          return call(t, args);
        }
        throw error(
            "'" + t + "' is not supported (only ${name} references, '.', literals and functions)");
      }
      throw error("unexpected '" + t + "'");
    }

    private Node call(String function, List<Node> args) {
      int arity;
      switch (function) {
        case "not":
        case "count-selected":
          arity = 1;
          break;
        case "selected":
          arity = 2;
          break;
        case "true":
        case "false":
          arity = 0;
          break;
        default:
          throw error(
              "function "
                  + function
                  + "() is not supported (supported: not, selected, count-selected, true,"
                  + " false)");
      }
      if (args.size() != arity) {
        throw error(function + "() takes " + arity + " argument(s), not " + args.size());
      }
      return new Call(function, List.copyOf(args));
    }

    private boolean peek(String t) {
      return pos < tokens.size() && tokens.get(pos).equals(t);
    }

    private void expect(String t) {
      if (!peek(t)) {
        throw error(
            "expected '"
                + t
                + "'"
                + (pos < tokens.size() ? " at '" + tokens.get(pos) + "'" : " at the end"));
      }
      pos++;
    }

    private ExpressionException error(String what) {
      return new ExpressionException("Expression '" + text + "': " + what);
    }

    private List<String> tokenize(String s) {
      List<String> out = new ArrayList<>();
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '$') {
          int end = s.indexOf('}', i);
          if (i + 1 >= s.length() || s.charAt(i + 1) != '{' || end < 0) {
            throw error("a reference must look like ${name}");
          }
          String name = s.substring(i + 2, end).trim();
          if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
            throw error("'${" + name + "}' is not a valid question name");
          }
          out.add("${" + name + "}");
          i = end + 1;
        } else if (c == '\'' || c == '"') {
          int end = s.indexOf(c, i + 1);
          if (end < 0) {
            throw error("a string is not closed");
          }
          out.add(s.substring(i, end + 1));
          i = end + 1;
        } else if (Character.isDigit(c)
            || (c == '-'
                && i + 1 < s.length()
                && Character.isDigit(s.charAt(i + 1))
                && (out.isEmpty() || isOperatorOrOpen(out.get(out.size() - 1))))) {
          int j = i + 1;
          while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
            j++;
          }
          out.add(s.substring(i, j));
          i = j;
        } else if (c == '.' && (i + 1 >= s.length() || s.charAt(i + 1) != '.')) {
          if (i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
            int j = i + 1;
            while (j < s.length() && Character.isDigit(s.charAt(j))) {
              j++;
            }
            out.add("0" + s.substring(i, j));
            i = j;
          } else {
            out.add(".");
            i++;
          }
        } else if (c == '!' || c == '<' || c == '>') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '=') {
            out.add(s.substring(i, i + 2));
            i += 2;
          } else if (c == '!') {
            throw error("'!' must be followed by '='");
          } else {
            out.add(String.valueOf(c));
            i++;
          }
        } else if ("=(),+-*|".indexOf(c) >= 0) {
          out.add(String.valueOf(c));
          i++;
        } else if (Character.isLetter(c) || c == '_') {
          int j = i + 1;
          while (j < s.length()
              && (Character.isLetterOrDigit(s.charAt(j)) || "_-:.".indexOf(s.charAt(j)) >= 0)) {
            j++;
          }
          out.add(s.substring(i, j));
          i = j;
        } else {
          throw error("character '" + c + "' is not supported");
        }
      }
      return out;
    }

    private static boolean isOperatorOrOpen(String t) {
      return List.of("=", "!=", "<", "<=", ">", ">=", "(", ",", "and", "or").contains(t);
    }
  }
}
