package org.spamtraffic.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import org.spamtraffic.publish.Suppression.Reason;

/**
 * Suppression on tables small enough to work by hand, each checked two ways: the pattern a person
 * gets by following the rules (threshold, dominance, smallest sufficient complement), and a
 * reader's linear program written here, apart from the job's, over what is left published.
 */
class SuppressionTest {
  private static final DisclosurePolicy POLICY = new DisclosurePolicy(3, 0.85, 0.10);

  /**
   * One hierarchy: a total of 600 over A = 100 (one operator), B = 200, C = 300. A alone withheld
   * is the total minus B minus C; the smallest other part that can hide it (B) goes with it, and
   * then A + B = 300 is all a reader knows: A anywhere in [0, 300].
   */
  @Test
  void aLoneWithheldPartTakesTheSmallestPartThatHidesItWithIt() {
    Table t = new Table();
    int a = t.unit("A", 1, 1.0, 100);
    int b = t.unit("B", 5, 0.3, 200);
    int c = t.unit("C", 4, 0.4, 300);
    int total = t.unit("total", 10, 0.2, 600);
    t.sum(total, a, b, c);

    Reason[] reasons = t.solve();

    assertThat(reasons).containsExactly(Reason.FEWER_OPERATORS, Reason.COMPLEMENTARY, null, null);
    assertThat(t.readerRange(a)).containsExactly(0.0, 300.0);
    assertThat(t.suppression.stats().unprotected()).isEmpty();
  }

  /** A figure from five operators of which one has 90% is withheld for dominance. */
  @Test
  void aDominatedFigureIsWithheldEvenFromManyOperators() {
    Table t = new Table();
    int a = t.unit("A", 5, 0.90, 1_000);
    int b = t.unit("B", 4, 0.40, 2_000);
    int c = t.unit("C", 6, 0.30, 3_000);
    int total = t.unit("total", 15, 0.30, 6_000);
    t.sum(total, a, b, c);

    Reason[] reasons = t.solve();

    assertThat(reasons[a]).isEqualTo(Reason.DOMINANCE);
    assertThat(reasons[b]).isEqualTo(Reason.COMPLEMENTARY);
    assertThat(t.protects(a)).isTrue();
  }

  /**
   * Issue 14's Egypt case by hand: four countries in two regional hierarchies that cut across each
   * other (A, B in region R1 and C, D in R2; but A, D in S2 and B, C in S1), and the world. A (one
   * operator) with its smallest complement in one hierarchy is still given back by the other (S2 -
   * D = A when D is published), so protecting each hierarchy on its own is not enough. The job must
   * leave A at least 10% of slack on both sides against every relation at once.
   */
  @Test
  void overlappingHierarchiesAreProtectedTogether() {
    Table t = new Table();
    int a = t.unit("A", 1, 1.0, 100);
    int b = t.unit("B", 5, 0.3, 200);
    int c = t.unit("C", 4, 0.4, 300);
    int d = t.unit("D", 6, 0.2, 400);
    int r1 = t.unit("R1", 6, 0.3, 300);
    int r2 = t.unit("R2", 10, 0.2, 700);
    int s1 = t.unit("S1", 9, 0.2, 500);
    int s2 = t.unit("S2", 7, 0.3, 500);
    int world = t.unit("world", 16, 0.1, 1_000);
    t.sum(r1, a, b);
    t.sum(r2, c, d);
    t.sum(s1, b, c);
    t.sum(s2, a, d);
    t.sum(world, r1, r2);
    t.sum(world, s1, s2);

    Reason[] reasons = t.solve();

    assertThat(reasons[a]).isEqualTo(Reason.FEWER_OPERATORS);
    double[] range = t.readerRange(a);
    assertThat(range[0]).as("smallest A a reader can prove").isLessThanOrEqualTo(90.0);
    assertThat(range[1]).as("largest A a reader can prove").isGreaterThanOrEqualTo(110.0);
    assertThat(t.suppression.stats().unprotected()).isEmpty();
    // Withholding within one hierarchy only (A and B, R1 published or not) would leave S2 - D.
    assertThat(reasons[d] != null || reasons[s2] != null)
        .as("A is hidden in S2 too (D or S2 withheld)")
        .isTrue();
  }

  /** Nothing primary: nothing withheld. */
  @Test
  void aTableWithNoPrimaryFigureIsPublishedWhole() {
    Table t = new Table();
    int a = t.unit("A", 3, 0.5, 100);
    int b = t.unit("B", 4, 0.5, 200);
    int total = t.unit("total", 7, 0.3, 300);
    t.sum(total, a, b);

    assertThat(t.solve()).containsOnlyNulls();
  }

  /** One cell per unit, and the reader's own linear program over what is published. */
  private static final class Table {
    final Suppression suppression = new Suppression();
    final List<Double> values = new ArrayList<>();
    final List<int[]> sums = new ArrayList<>();
    Reason[] reasons;

    int unit(String id, int operators, double topShare, double value) {
      int u = suppression.unit(id, operators, topShare, value);
      int cell = suppression.cell(u, id, value);
      assertThat(cell).isEqualTo(u);
      values.add(value);
      return u;
    }

    void sum(int parent, int... parts) {
      assertThat(suppression.sum(parent, parts)).as("the figures add up").isTrue();
      int[] relation = new int[parts.length + 1];
      relation[0] = parent;
      System.arraycopy(parts, 0, relation, 1, parts.length);
      sums.add(relation);
    }

    Reason[] solve() {
      reasons = suppression.solve(POLICY);
      return reasons;
    }

    boolean protects(int cell) {
      double[] range = readerRange(cell);
      double v = values.get(cell);
      return range[0] <= v * (1 - POLICY.protection()) && range[1] >= v * (1 + POLICY.protection());
    }

    /** [min, max] of a cell over every non-negative table that agrees with the published cells. */
    double[] readerRange(int target) {
      return new double[] {optimum(target, false), optimum(target, true)};
    }

    private double optimum(int target, boolean maximise) {
      ExpressionsBasedModel model = new ExpressionsBasedModel();
      List<Variable> x = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        Variable v = model.addVariable("x" + i).lower(0);
        if (reasons[i] == null) {
          v.level(values.get(i)); // published: known to the reader
        }
        x.add(v);
      }
      for (int r = 0; r < sums.size(); r++) {
        int[] relation = sums.get(r);
        Expression e = model.addExpression("sum" + r).level(0);
        e.set(x.get(relation[0]), 1);
        for (int i = 1; i < relation.length; i++) {
          e.set(x.get(relation[i]), -1);
        }
      }
      x.get(target).weight(1);
      Optimisation.Result result = maximise ? model.maximise() : model.minimise();
      assertThat(result.getState().isOptimal()).as("reader's LP %s", result.getState()).isTrue();
      return Math.round(result.getValue() * 1e6) / 1e6;
    }
  }
}
