package org.spamtraffic.publish;

import java.util.List;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The smallest and largest value one unknown can take subject to linear equalities and
 * non-negativity: two linear programs, solved with ojAlgo (the adapter between the disclosure code
 * and the solver library, so that the solver can be changed in one place).
 */
final class FeasibleRange {
  /**
   * One equality {@code sum(coefficients[i] * x[variables[i]]) = constant}.
   *
   * @param variables indices of the unknowns
   * @param coefficients their coefficients
   * @param constant the right-hand side
   */
  record Equation(int[] variables, double[] coefficients, double constant) {}

  /**
   * A closed interval; infinite ends are {@link Double#POSITIVE_INFINITY} / 0 floor.
   *
   * @param low the smallest value
   * @param high the largest value
   * @param atLow every unknown at a point where the target is smallest (null when not solved)
   * @param atHigh every unknown at a point where it is largest (null when unbounded or not solved)
   */
  record Interval(double low, double high, double[] atLow, double[] atHigh) {
    Interval(double low, double high) {
      this(low, high, null, null);
    }
  }

  private FeasibleRange() {}

  /**
   * The range of unknown {@code target} among {@code unknowns} non-negative unknowns (each at most
   * {@code upper[i]} when that is finite) satisfying every equation; null when the solver fails
   * (the caller then treats the unknown as not proven protected).
   */
  static Interval of(int unknowns, double[] upper, List<Equation> equations, int target) {
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Variable[] x = new Variable[unknowns];
    for (int i = 0; i < unknowns; i++) {
      x[i] = model.addVariable("x" + i).lower(0);
      if (upper != null && Double.isFinite(upper[i])) {
        x[i].upper(upper[i]);
      }
    }
    int n = 0;
    for (Equation e : equations) {
      Expression row = model.addExpression("e" + n++).level(e.constant());
      for (int k = 0; k < e.variables().length; k++) {
        row.set(x[e.variables()[k]], e.coefficients()[k]);
      }
    }
    x[target].weight(1);
    Optimisation.Result max = model.maximise();
    Optimisation.Result min = model.minimise();
    double high;
    double[] atHigh = null;
    if (max.getState() == Optimisation.State.UNBOUNDED) {
      high = Double.POSITIVE_INFINITY;
    } else if (max.getState().isOptimal()) {
      high = max.doubleValue(target);
      atHigh = point(max, unknowns);
    } else {
      return null;
    }
    if (!min.getState().isOptimal()) {
      return null;
    }
    return new Interval(Math.max(0, min.doubleValue(target)), high, point(min, unknowns), atHigh);
  }

  private static double[] point(Optimisation.Result r, int unknowns) {
    double[] x = new double[unknowns];
    for (int i = 0; i < unknowns; i++) {
      x[i] = r.doubleValue(i);
    }
    return x;
  }
}
