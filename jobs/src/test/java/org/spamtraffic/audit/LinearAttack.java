package org.spamtraffic.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * A reader's linear-programming attack, written apart from the publish job (it shares no code with
 * it): quantities are known (published) or unknown (withheld, non-negative), related by linear
 * constraints {@code low <= sum(a x) <= high}; for every target the attack computes the smallest
 * and largest value consistent with all constraints at once, as tau-ARGUS's audit and sdcTable's
 * {@code attack} do.
 *
 * <p>To solve fewer programs, every optimal point found is a feasible point of the reader's
 * problem, so it shows every other target it pushes far enough as protected on that side; only
 * targets no point has shown protected get a program of their own. Each target's verdict still
 * rests on an exact optimum or on a feasible point, never on an approximation.
 */
final class LinearAttack {
  /** A relation the reader knows, with what it is for messages. */
  record Constraint(String why, int[] vars, double[] coefs, double low, double high) {}

  /**
   * A target narrowed below its protection interval.
   *
   * @param target the withheld figure
   * @param truth its true value
   * @param low smallest value consistent with everything published
   * @param high largest value
   * @param pinnedBy the relations it takes part in
   */
  record Leak(String target, double truth, double low, double high, List<String> pinnedBy) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%s = %,.2f is pinned to [%,.2f, %,.2f] by %s",
          target,
          truth,
          low,
          high,
          pinnedBy);
    }
  }

  private final Map<String, Integer> index = new LinkedHashMap<>();
  private final List<String> names = new ArrayList<>();
  private final List<Double> truth = new ArrayList<>();
  private final List<Double> known = new ArrayList<>();
  private final List<Constraint> constraints = new ArrayList<>();
  long programs;

  /** The quantity {@code name} (created unknown on first use, with its true value). */
  int quantity(String name, double trueValue) {
    Integer i = index.get(name);
    if (i != null) {
      return i;
    }
    index.put(name, names.size());
    names.add(name);
    truth.add(trueValue);
    known.add(Double.NaN);
    return names.size() - 1;
  }

  boolean has(String name) {
    return index.containsKey(name);
  }

  int of(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException("No quantity " + name);
    }
    return i;
  }

  /** The reader knows {@code name} = {@code value}. */
  void know(String name, double value) {
    known.set(of(name), value);
  }

  boolean isKnown(String name) {
    return !Double.isNaN(known.get(of(name)));
  }

  double trueValue(int i) {
    return truth.get(i);
  }

  /** {@code low <= sum(coefs x names) <= high}. */
  void constrain(String why, List<String> quantities, List<Double> coefs, double low, double high) {
    int[] v = new int[quantities.size()];
    double[] a = new double[quantities.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = of(quantities.get(i));
      a[i] = coefs.get(i);
    }
    constraints.add(new Constraint(why, v, a, low, high));
  }

  /** Whether the true values satisfy {@code sum(coefs x names) = 0} (relative 1e-9). */
  boolean holds(List<String> quantities, List<Double> coefs) {
    double sum = 0;
    double scale = 1;
    for (int i = 0; i < quantities.size(); i++) {
      double t = coefs.get(i) * truth.get(of(quantities.get(i)));
      sum += t;
      scale = Math.max(scale, Math.abs(t));
    }
    return Math.abs(sum) <= 1e-9 * scale;
  }

  /** Every target's feasible interval; the leaks are those narrower than {@code protection}. */
  List<Leak> attack(List<String> targets, double protection) {
    int n = names.size();
    // Substitute known quantities; link unknowns that share a constraint.
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    List<Constraint> reduced = new ArrayList<>();
    List<List<Integer>> byVar = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byVar.add(new ArrayList<>());
    }
    for (Constraint c : constraints) {
      List<Integer> vars = new ArrayList<>();
      List<Double> coefs = new ArrayList<>();
      double shift = 0;
      for (int k = 0; k < c.vars().length; k++) {
        double value = known.get(c.vars()[k]);
        if (Double.isNaN(value)) {
          vars.add(c.vars()[k]);
          coefs.add(c.coefs()[k]);
        } else {
          shift += c.coefs()[k] * value;
        }
      }
      if (vars.isEmpty()) {
        continue;
      }
      Constraint r =
          new Constraint(
              c.why(),
              vars.stream().mapToInt(Integer::intValue).toArray(),
              coefs.stream().mapToDouble(Double::doubleValue).toArray(),
              c.low() - shift,
              c.high() - shift);
      reduced.add(r);
      for (int v : r.vars()) {
        byVar.get(v).add(reduced.size() - 1);
        union(parent, v, r.vars()[0]);
      }
    }
    Map<Integer, List<Integer>> components = new HashMap<>();
    List<Leak> leaks = new ArrayList<>();
    for (String t : targets) {
      int i = of(t);
      if (!Double.isNaN(known.get(i)) && truth.get(i) > 0) {
        // A withheld figure that another published table prints.
        double v = known.get(i);
        leaks.add(new Leak(t, truth.get(i), v, v, List.of("published directly")));
      }
      if (Double.isNaN(known.get(i)) && truth.get(i) > 0) {
        components.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
      }
    }
    for (List<Integer> component : components.values()) {
      leaks.addAll(attack(component, reduced, byVar, parent, protection));
    }
    return leaks;
  }

  private List<Leak> attack(
      List<Integer> targets,
      List<Constraint> reduced,
      List<List<Integer>> byVar,
      int[] parent,
      double protection) {
    int root = find(parent, targets.get(0));
    List<Integer> vars = new ArrayList<>();
    Map<Integer, Integer> local = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      if (Double.isNaN(known.get(i)) && find(parent, i) == root && !byVar.get(i).isEmpty()) {
        local.put(i, vars.size());
        vars.add(i);
      }
    }
    // Scaled unknowns (x = scale y) keep the program's numbers near 1.
    double[] scale = new double[vars.size()];
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Variable[] y = new Variable[vars.size()];
    for (int k = 0; k < vars.size(); k++) {
      scale[k] = Math.max(1, truth.get(vars.get(k)));
      y[k] = model.addVariable("y" + k).lower(0);
    }
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int v : vars) {
      for (int c : byVar.get(v)) {
        if (!seen.add(c)) {
          continue;
        }
        Constraint k = reduced.get(c);
        double norm = 0;
        for (int j = 0; j < k.vars().length; j++) {
          norm = Math.max(norm, Math.abs(k.coefs()[j]) * scale[local.get(k.vars()[j])]);
        }
        norm = Math.max(norm, 1e-12);
        Expression e = model.addExpression("c" + c);
        if (Double.isFinite(k.low())) {
          e.lower(k.low() / norm);
        }
        if (Double.isFinite(k.high())) {
          e.upper(k.high() / norm);
        }
        for (int j = 0; j < k.vars().length; j++) {
          int l = local.get(k.vars()[j]);
          e.set(y[l], k.coefs()[j] * scale[l] / norm);
        }
      }
    }
    Map<Integer, double[]> bounds = new LinkedHashMap<>();
    for (int t : targets) {
      bounds.put(t, new double[] {Double.NaN, Double.NaN});
    }
    // One program pushing every target up, one pushing every target down, then one per target
    // that no point has yet shown protected.
    solve(model, y, scale, vars, local, targets, bounds, protection, true, null);
    solve(model, y, scale, vars, local, targets, bounds, protection, false, null);
    List<Leak> leaks = new ArrayList<>();
    for (int t : targets) {
      double v = truth.get(t);
      double[] b = bounds.get(t);
      if (!(b[1] >= v * (1 + protection) * (1 - 1e-7))) {
        b[1] = solve(model, y, scale, vars, local, targets, bounds, protection, true, t);
      }
      if (!(b[0] <= v * (1 - protection) * (1 + 1e-7))) {
        b[0] = solve(model, y, scale, vars, local, targets, bounds, protection, false, t);
      }
      if (b[1] < v * (1 + protection) * (1 - 1e-7) || b[0] > v * (1 - protection) * (1 + 1e-7)) {
        List<String> why = new ArrayList<>();
        for (int c : byVar.get(t)) {
          if (why.size() < 6) {
            why.add(reduced.get(c).why());
          }
        }
        leaks.add(new Leak(names.get(t), v, b[0], b[1], why));
      }
    }
    return leaks;
  }

  /**
   * Maximises (or minimises) one target, or the sum of all scaled targets when {@code target} is
   * null; records what the optimal point shows of every target; returns the target's optimum.
   */
  private double solve(
      ExpressionsBasedModel model,
      Variable[] y,
      double[] scale,
      List<Integer> vars,
      Map<Integer, Integer> local,
      List<Integer> targets,
      Map<Integer, double[]> bounds,
      double protection,
      boolean up,
      Integer target) {
    for (Variable v : y) {
      v.weight(0);
    }
    if (target == null) {
      for (int t : targets) {
        y[local.get(t)].weight(1);
      }
    } else {
      y[local.get(target)].weight(1);
    }
    programs++;
    Optimisation.Result r = up ? model.maximise() : model.minimise();
    if (r.getState() == Optimisation.State.UNBOUNDED) {
      if (target != null) {
        return up ? Double.POSITIVE_INFINITY : 0;
      }
      return Double.NaN;
    }
    if (!r.getState().isFeasible()) {
      throw new IllegalStateException(
          "The reader's problem has no solution (a relation does not hold): " + r.getState());
    }
    for (int t : targets) {
      double x = r.doubleValue(local.get(t)) * scale[local.get(t)];
      double[] b = bounds.get(t);
      if (up) {
        b[1] = Double.isNaN(b[1]) ? x : Math.max(b[1], x);
      } else {
        b[0] = Double.isNaN(b[0]) ? x : Math.min(b[0], x);
      }
    }
    if (target == null) {
      return Double.NaN;
    }
    double x = r.doubleValue(local.get(target)) * scale[local.get(target)];
    return up ? x : Math.max(0, x);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    parent[find(parent, a)] = find(parent, b);
  }
}
