package org.spamtraffic.survey.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.javarosa.xpath.expr.XPathBoolExpr;
import org.javarosa.xpath.expr.XPathCmpExpr;
import org.javarosa.xpath.expr.XPathEqExpr;
import org.javarosa.xpath.expr.XPathExpression;
import org.javarosa.xpath.expr.XPathFuncExpr;
import org.javarosa.xpath.expr.XPathNumericLiteral;
import org.javarosa.xpath.expr.XPathPathExpr;
import org.javarosa.xpath.expr.XPathStringLiteral;
import org.spamtraffic.language.Catalogue;

/**
 * Skip logic in words for people who fill in a form on paper or in Excel: {@code ${law} = 'yes'}
 * becomes "you answered 'Yes' to question 12". The common shapes are said in words (comparisons
 * with a choice, a number or nothing, {@code selected()}, {@code count-selected()}, {@code not()},
 * {@code and}, {@code or}); anything else is quoted as written, with question numbers for the
 * references. Phrases come from the {@code offline-form} catalogue of the form's language.
 */
public final class Words {
  /** What the words need to know about the form. */
  public interface Form {
    /** "question 12" for the question at {@code path} ({@code /data/g/q}), or null. */
    String question(String path);

    /** The label of choice {@code value} of the select at {@code path}, else the value. */
    String choice(String path, String value);
  }

  private final Form form;
  private final Catalogue texts;

  /** Words about {@code form}, in the language of {@code texts}. */
  public Words(Form form, Catalogue texts) {
    this.form = form;
    this.texts = texts;
  }

  /** The condition in words ("you answered 'Yes' to question 12 and ..."). */
  public String condition(Expression e) {
    String w = words(e.tree(), e);
    return w == null ? quoted(e) : w;
  }

  private String words(XPathExpression x, Expression e) {
    if (x instanceof XPathBoolExpr b) {
      List<XPathExpression> parts = new ArrayList<>();
      flatten(b, b.op, parts);
      String neither = b.op == XPathBoolExpr.AND ? neither(parts) : null;
      if (neither != null) {
        return neither;
      }
      List<String> said = new ArrayList<>();
      for (XPathExpression p : parts) {
        String w = words(p, e);
        if (w == null) {
          return null;
        }
        said.add(w);
      }
      return String.join(texts.text(b.op == XPathBoolExpr.AND ? "logic.and" : "logic.or"), said);
    }
    if (x instanceof XPathEqExpr eq) {
      String path = path(eq.a);
      Object value = literal(eq.b);
      if (path == null) {
        path = path(eq.b);
        value = literal(eq.a);
      }
      String q = path == null ? null : form.question(path);
      if (q == null || value == null) {
        return null;
      }
      if ("".equals(value)) {
        return texts.text(eq.equal ? "logic.empty" : "logic.answered", q);
      }
      String shown =
          value instanceof String v
              ? texts.text("logic.choice", form.choice(path, v))
              : number(value);
      return texts.text(eq.equal ? "logic.equals" : "logic.not-equals", shown, q);
    }
    if (x instanceof XPathCmpExpr c) {
      String path = path(c.a);
      Object value = literal(c.b);
      String q = path == null ? null : form.question(path);
      if (q == null || !(value instanceof Double)) {
        String count = countSelected(c.a);
        if (count != null && value instanceof Double d && c.op == XPathCmpExpr.GT && d == 0) {
          return texts.text("logic.ticked-some", count);
        }
        return null;
      }
      String key =
          c.op == XPathCmpExpr.GT
              ? "logic.more"
              : c.op == XPathCmpExpr.GTE
                  ? "logic.at-least"
                  : c.op == XPathCmpExpr.LT ? "logic.less" : "logic.at-most";
      return texts.text(key, q, number(value));
    }
    if (x instanceof XPathFuncExpr f) {
      String name = f.id.toString();
      if (name.equals("selected") && f.args.length == 2) {
        String path = path(f.args[0]);
        Object value = literal(f.args[1]);
        String q = path == null ? null : form.question(path);
        if (q != null && value instanceof String v) {
          return texts.text("logic.ticked", form.choice(path, v), q);
        }
        return null;
      }
      if (name.equals("not")
          && f.args.length == 1
          && f.args[0] instanceof XPathFuncExpr g
          && g.id.toString().equals("selected")
          && g.args.length == 2) {
        String path = path(g.args[0]);
        Object value = literal(g.args[1]);
        String q = path == null ? null : form.question(path);
        if (q != null && value instanceof String v) {
          return texts.text("logic.not-ticked", form.choice(path, v), q);
        }
      }
    }
    return null;
  }

  /** {@code ${q} != 'a' and ${q} != 'b'}: "your answer to question 5 is neither 'A' nor 'B'". */
  private String neither(List<XPathExpression> parts) {
    String path = null;
    List<String> values = new ArrayList<>();
    for (XPathExpression p : parts) {
      if (!(p instanceof XPathEqExpr eq) || eq.equal) {
        return null;
      }
      String here = path(eq.a);
      Object v = literal(eq.b);
      if (here == null
          || !(v instanceof String s)
          || s.isEmpty()
          || (path != null && !path.equals(here))) {
        return null;
      }
      path = here;
      values.add(texts.text("logic.choice", form.choice(here, s)));
    }
    String q = path == null ? null : form.question(path);
    if (q == null || values.size() < 2) {
      return null;
    }
    return texts.text(
        "logic.neither",
        q,
        String.join(", ", values.subList(0, values.size() - 1)),
        values.get(values.size() - 1));
  }

  private static void flatten(XPathExpression x, int op, List<XPathExpression> out) {
    if (x instanceof XPathBoolExpr b && b.op == op) {
      flatten(b.a, op, out);
      flatten(b.b, op, out);
    } else {
      out.add(x);
    }
  }

  private String countSelected(XPathExpression x) {
    if (x instanceof XPathFuncExpr f
        && f.id.toString().equals("count-selected")
        && f.args.length == 1) {
      String path = path(f.args[0]);
      return path == null ? null : form.question(path);
    }
    return null;
  }

  private static String path(XPathExpression x) {
    if (x instanceof XPathPathExpr p) {
      try {
        return p.getReference().toString(false);
      } catch (RuntimeException e) {
        return null;
      }
    }
    return null;
  }

  private static Object literal(XPathExpression x) {
    if (x instanceof XPathStringLiteral s) {
      return s.s;
    }
    if (x instanceof XPathNumericLiteral n) {
      return n.d;
    }
    return null;
  }

  private static String number(Object v) {
    double d = (Double) v;
    return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
  }

  private String quoted(Expression e) {
    String t = e.text();
    for (String name : e.references()) {
      String path = e.boundPath(name);
      String q = path == null ? null : form.question(path);
      t = t.replace("${" + name + "}", q == null ? name : q);
    }
    return texts.text("logic.as-written", t);
  }
}
