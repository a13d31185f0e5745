package org.spamtraffic.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cell suppression over one independent block of the published tables: primary suppression by the
 * policy's threshold and dominance rules, then secondary (complementary) suppression until a
 * linear-programming audit shows that every primary cell keeps its protection interval against
 * every relation of the block at once.
 *
 * <p>A block has <em>units</em> (a row of a published table: withheld or published as a whole),
 * <em>cells</em> (one figure of a unit, such as its spam detected or its subscribers) and
 * <em>relations</em> between cells that a reader can derive from the published outputs ({@code
 * sum(coefficient x cell) = 0}: a region and its countries, an area's sources and its total, the
 * flows of a source and its world row, all hierarchies at once). A relation is kept only if the
 * true figures satisfy it exactly, so that it never misleads the audit.
 *
 * <p>The audit of a primary cell solves two linear programs: the smallest and the largest value of
 * the cell given that published cells are known and withheld cells are unknown and non-negative. To
 * keep each program small, only the withheld cells near the audited one (reached through shared
 * relations, at most a number of them that widens in steps: {@link #NEIGHBOURHOODS}) are unknowns;
 * withheld cells further away are held at their true values. That can only narrow the interval (it
 * adds constraints to the reader's problem), so a cell shown protected this way is protected
 * against the reader's whole problem. A cell the truncated problem shows pinned is audited against
 * its whole withheld component before anything more is withheld: the truncation alone can pin it
 * (on a round with many one-operator flows, every relation near a cell may be withheld already, so
 * the truncated problem offers no complement at all).
 *
 * <p>Every optimum found is a point the reader cannot rule out (a feasible point of the whole
 * problem: the unknowns at the optimum, every other cell at its true value), and it stays one as
 * more cells are withheld. So the largest and smallest value each cell takes at any point found are
 * kept, and a cell those already show protected on both sides needs no program of its own. When a
 * cell is not protected, the published unit that can best absorb a change of it (in a relation with
 * the cell, large enough, smallest first) is withheld too, and the cell is audited again.
 * Withholding more never narrows another cell's interval, so cells already shown protected stay
 * protected.
 */
public final class Suppression {
  /**
   * Withheld cells taken as unknowns in the audit of a cell: a first audit with the first number,
   * and each time the cell looks too narrow on a truncated problem, the next (the last: the whole
   * withheld component).
   */
  static final int[] NEIGHBOURHOODS = {40, 400, 2_000, Integer.MAX_VALUE};

  // Audits run at each step of NEIGHBOURHOODS (for the stats).
  private final long[] widenings = new long[NEIGHBOURHOODS.length];

  /** Why a unit is withheld. */
  public enum Reason {
    FEWER_OPERATORS("fewer_operators"),
    DOMINANCE("dominance"),
    COMPLEMENTARY("complementary");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    /** The value written in {@code suppression_reason}. */
    public String label() {
      return label;
    }
  }

  /**
   * What solving did.
   *
   * @param certified primary cells shown protected by a checked perturbation (no program)
   * @param audited primary cells audited by linear programming
   * @param programs linear programs solved (two per audit)
   * @param repairs units withheld because an audit found a cell too narrow
   * @param unprotected primary cells that could not be shown protected (must be 0)
   * @param widened audits solved at each step of {@link #NEIGHBOURHOODS}
   */
  public record Stats(
      long certified,
      long audited,
      long programs,
      long repairs,
      List<String> unprotected,
      List<Long> widened) {}

  private final List<String> unitIds = new ArrayList<>();
  private final IntList unitOperators = new IntList();
  private final DoubleList unitTopShare = new DoubleList();
  private final DoubleList unitCost = new DoubleList();
  private final List<IntList> unitCells = new ArrayList<>();

  private final IntList cellUnit = new IntList();
  private final DoubleList cellValue = new DoubleList();
  private final List<String> cellNames = new ArrayList<>();
  private final List<IntList> cellRelations = new ArrayList<>();
  private final List<DoubleList> cellCoefficients = new ArrayList<>();

  private final List<int[]> relationCells = new ArrayList<>();
  // The largest and smallest value of each cell at any feasible point found so far (NaN: none).
  private double[] reachedHigh = new double[0];
  private double[] reachedLow = new double[0];
  private final List<double[]> relationCoefficients = new ArrayList<>();
  private long droppedRelations;

  /**
   * Adds a unit.
   *
   * @param id what it is, for messages
   * @param operators distinct operators it comes from
   * @param topOperatorShare the largest operator's share of it (0..1)
   * @param cost what withholding it loses (its size): the smallest is withheld first
   * @return its index
   */
  public int unit(String id, int operators, double topOperatorShare, double cost) {
    unitIds.add(id);
    unitOperators.add(operators);
    unitTopShare.add(topOperatorShare);
    unitCost.add(cost);
    unitCells.add(new IntList());
    return unitIds.size() - 1;
  }

  private final java.util.BitSet hidden = new java.util.BitSet();

  /**
   * Adds a unit no reader ever sees (withheld from the start, never audited): the slack of a
   * relation that is only a bound, such as the spam of an area that no listed source accounts for
   * ({@code total = sum(parts) + slack}, slack unknown and non-negative).
   */
  public int hiddenUnit(String id) {
    int u = unit(id, Integer.MAX_VALUE, 0, Double.MAX_VALUE);
    hidden.set(u);
    return u;
  }

  private final java.util.BitSet known = new java.util.BitSet();

  /**
   * Adds a unit whose figures a reader already knows from another published table (such as a
   * national volume that {@code published_coverage} prints): never withheld, never a complement,
   * never audited; its cells enter the relations as published constants.
   */
  public int knownUnit(String id) {
    int u = unit(id, Integer.MAX_VALUE, 0, Double.MAX_VALUE);
    known.set(u);
    return u;
  }

  /** Adds a figure of {@code unit} (null counts as 0: nothing reported) and returns its index. */
  public int cell(int unit, String name, Number value) {
    cellUnit.add(unit);
    cellValue.add(value == null ? 0.0 : value.doubleValue());
    cellNames.add(name);
    cellRelations.add(new IntList());
    cellCoefficients.add(new DoubleList());
    unitCells.get(unit).add(cellUnit.size() - 1);
    return cellUnit.size() - 1;
  }

  /**
   * Adds the relation {@code sum(coefficients[i] x cells[i]) = 0} if the true figures satisfy it
   * (to a relative 1e-9); returns whether it was kept.
   */
  public boolean relate(int[] cells, double[] coefficients) {
    double sum = 0;
    double scale = 1;
    for (int i = 0; i < cells.length; i++) {
      double term = coefficients[i] * cellValue.get(cells[i]);
      sum += term;
      scale = Math.max(scale, Math.abs(term));
    }
    if (cells.length < 2 || Math.abs(sum) > 1e-9 * scale) {
      droppedRelations++;
      return false;
    }
    relationCells.add(cells.clone());
    relationCoefficients.add(coefficients.clone());
    int r = relationCells.size() - 1;
    for (int i = 0; i < cells.length; i++) {
      cellRelations.get(cells[i]).add(r);
      cellCoefficients.get(cells[i]).add(coefficients[i]);
    }
    return true;
  }

  /** A parent cell and its parts: {@code parent = sum(parts)}. */
  public boolean sum(int parent, int[] parts) {
    int[] cells = new int[parts.length + 1];
    double[] coefficients = new double[parts.length + 1];
    cells[0] = parent;
    coefficients[0] = 1;
    for (int i = 0; i < parts.length; i++) {
      cells[i + 1] = parts[i];
      coefficients[i + 1] = -1;
    }
    return relate(cells, coefficients);
  }

  /** Relations given that the true figures did not satisfy (and that were therefore left out). */
  public long droppedRelations() {
    return droppedRelations;
  }

  /** Units added so far. */
  public int units() {
    return unitIds.size();
  }

  /**
   * A way the audited cell could move without changing anything a reader sees: each listed cell
   * changes by {@code changes[i]} times the audited cell's change (which must be listed with 1). A
   * proposal only counts once checked: every listed cell withheld, every relation they touch
   * unchanged, no cell below zero at the protection interval's ends.
   */
  public record Perturbation(int[] cells, double[] changes) {}

  /** Proposes perturbations for a cell, cheaper to check than a linear program. */
  public interface Perturbations {
    /** Candidate perturbations of {@code cell}, best first (may be empty). */
    List<Perturbation> of(int cell);
  }

  private Perturbations perturbations = cell -> List.of();

  /** Where to find perturbations to try before a linear program (structural shortcuts). */
  public void perturbations(Perturbations proposals) {
    this.perturbations = proposals;
  }

  /** The value of a cell. */
  public double value(int cell) {
    return cellValue.get(cell);
  }

  private Reason[] reasons;
  private long certified;
  private long audited;
  private long programs;
  private long repairs;
  private final List<String> unprotected = new ArrayList<>();

  /** The reason each unit is withheld (null: published), in the order units were added. */
  public Reason[] solve(DisclosurePolicy policy) {
    int units = unitIds.size();
    reasons = new Reason[units];
    for (int u = 0; u < units; u++) {
      reasons[u] = policy.primaryReason(unitOperators.get(u), unitTopShare.get(u)).orElse(null);
    }
    boolean[] primary = new boolean[units];
    for (int u = 0; u < units; u++) {
      primary[u] = reasons[u] != null;
      if (hidden.get(u)) {
        reasons[u] = Reason.COMPLEMENTARY; // unknown to a reader, but not a figure to protect
      }
    }
    reachedHigh = new double[cellValue.size()];
    reachedLow = new double[cellValue.size()];
    for (int c = 0; c < reachedHigh.length; c++) {
      reachedHigh[c] = cellValue.get(c);
      reachedLow[c] = cellValue.get(c);
    }
    singletons(policy);
    for (int u = 0; u < units; u++) {
      if (!primary[u]) {
        continue;
      }
      IntList cells = unitCells.get(u);
      for (int k = 0; k < cells.size(); k++) {
        int c = cells.get(k);
        if (cellValue.get(c) > 0 && cellRelations.get(c).size() > 0) {
          protect(c, policy);
        }
      }
    }
    return reasons.clone();
  }

  /** What the last {@link #solve} did. */
  public Stats stats() {
    return new Stats(
        certified,
        audited,
        programs,
        repairs,
        List.copyOf(unprotected),
        Arrays.stream(widenings).boxed().toList());
  }

  private boolean withheld(int cell) {
    return reasons[cellUnit.get(cell)] != null;
  }

  /**
   * The classic first step: a relation with exactly one withheld cell gives it back by subtraction,
   * so one more of its units is withheld (large enough to hide it, smallest first). Cheap, and it
   * leaves the linear programs little to repair.
   */
  private void singletons(DisclosurePolicy policy) {
    Deque<Integer> pending = new ArrayDeque<>();
    for (int r = 0; r < relationCells.size(); r++) {
      pending.add(r);
    }
    while (!pending.isEmpty()) {
      int r = pending.poll();
      int lone = -1;
      int count = 0;
      for (int c : relationCells.get(r)) {
        if (withheld(c)) {
          count++;
          lone = c;
        }
      }
      if (count != 1) {
        continue;
      }
      int best = -1;
      for (int c : relationCells.get(r)) {
        if (!withheld(c)
            && !known.get(cellUnit.get(c))
            && better(c, best, policy.protection() * cellValue.get(lone))) {
          best = c;
        }
      }
      if (best >= 0) {
        withhold(cellUnit.get(best));
        IntList cells = unitCells.get(cellUnit.get(best));
        for (int k = 0; k < cells.size(); k++) {
          IntList rs = cellRelations.get(cells.get(k));
          for (int j = 0; j < rs.size(); j++) {
            pending.add(rs.get(j));
          }
        }
      }
    }
  }

  private void withhold(int unit) {
    reasons[unit] = Reason.COMPLEMENTARY;
  }

  /** Audits {@code cell} and withholds more until it is protected. */
  private void protect(int cell, DisclosurePolicy policy) {
    double delta = policy.protection() * cellValue.get(cell);
    for (Perturbation p : perturbations.of(cell)) {
      if (moves(cell, p, delta)) {
        certified++;
        return;
      }
    }
    if (policy.protects(cellValue.get(cell), reachedLow[cell], reachedHigh[cell])) {
      certified++; // by points found while auditing other cells
      return;
    }
    audited++;
    while (true) {
      // The cell may look pinned only because the withheld cells beyond the neighbourhood were
      // held at their true values: widen step by step, up to its whole withheld component, before
      // withholding more (a repair chosen on a truncated problem may hide nothing that matters, and
      // one may not even exist there: every relation of the neighbourhood withheld already). On the
      // whole component a cell still pinned always has a published complement in one of its
      // relations, or needs none (closedUnderWithholding).
      Neighbourhood n = null;
      boolean protectedNow = false;
      for (int step = 0; step < NEIGHBOURHOODS.length; step++) {
        n = neighbourhood(cell, NEIGHBOURHOODS[step]);
        FeasibleRange.Interval range = range(n);
        widenings[step]++;
        if (range != null && policy.protects(cellValue.get(cell), range.low(), range.high())) {
          protectedNow = true;
          break;
        }
        if (!n.truncated) {
          break;
        }
      }
      if (protectedNow) {
        return;
      }
      int unit = repairUnit(cell, n, policy);
      if (unit < 0 && closedUnderWithholding(cell)) {
        return;
      }
      if (unit < 0) {
        FeasibleRange.Interval last = range(n);
        unprotected.add(
            cellNames.get(cell)
                + " of "
                + unitIds.get(cellUnit.get(cell))
                + " [value "
                + cellValue.get(cell)
                + ", interval "
                + (last == null ? "solver failed" : last.low() + ".." + last.high())
                + ", unknowns "
                + n.cells.size()
                + (n.truncated ? " (truncated)" : "")
                + ", relations "
                + n.relations.size()
                + "]");
        return;
      }
      withhold(unit);
      repairs++;
    }
  }

  /**
   * Whether {@code p} moves {@code cell} by {@code delta} both ways while every relation holds and
   * every cell stays non-negative: then no reader can narrow the cell below its interval.
   */
  private boolean moves(int cell, Perturbation p, double delta) {
    Map<Integer, Double> change = new HashMap<>();
    boolean target = false;
    for (int i = 0; i < p.cells().length; i++) {
      int c = p.cells()[i];
      double d = p.changes()[i];
      if (!withheld(c) || cellValue.get(c) < delta * Math.abs(d)) {
        return false;
      }
      target |= c == cell && d == 1.0;
      IntList rs = cellRelations.get(c);
      DoubleList cs = cellCoefficients.get(c);
      for (int j = 0; j < rs.size(); j++) {
        change.merge(rs.get(j), cs.get(j) * d, Double::sum);
      }
    }
    if (!target) {
      return false;
    }
    for (double sum : change.values()) {
      if (Math.abs(sum) > 1e-9) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether every relation reachable from {@code cell} has only withheld members: then all those
   * relations read {@code sum = 0} over unknowns, and scaling every reachable cell by (1 - p) or (1
   * + p) satisfies them all, so the cell is protected.
   */
  private boolean closedUnderWithholding(int cell) {
    Neighbourhood all = neighbourhood(cell, Integer.MAX_VALUE);
    for (int r : all.relations) {
      for (int m : relationCells.get(r)) {
        if (!withheld(m)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Withheld cells near {@code cell}, and every relation that touches them. */
  private static final class Neighbourhood {
    final Map<Integer, Integer> index = new HashMap<>();
    final List<Integer> cells = new ArrayList<>();
    final Set<Integer> relations = new LinkedHashSet<>();
    boolean truncated;
  }

  private Neighbourhood neighbourhood(int cell, int limit) {
    Neighbourhood n = new Neighbourhood();
    Deque<Integer> queue = new ArrayDeque<>();
    n.index.put(cell, 0);
    n.cells.add(cell);
    queue.add(cell);
    while (!queue.isEmpty()) {
      int c = queue.poll();
      IntList rs = cellRelations.get(c);
      for (int j = 0; j < rs.size(); j++) {
        int r = rs.get(j);
        if (!n.relations.add(r)) {
          continue;
        }
        for (int m : relationCells.get(r)) {
          if (withheld(m) && !n.index.containsKey(m)) {
            if (n.cells.size() >= limit) {
              n.truncated = true;
              continue;
            }
            n.index.put(m, n.cells.size());
            n.cells.add(m);
            queue.add(m);
          }
        }
      }
    }
    return n;
  }

  /** The audited cell's range: cells outside the neighbourhood at their true values. */
  private FeasibleRange.Interval range(Neighbourhood n) {
    double scale = cellValue.get(n.cells.get(0));
    List<FeasibleRange.Equation> equations = new ArrayList<>(n.relations.size());
    for (int r : n.relations) {
      int[] members = relationCells.get(r);
      double[] coefficients = relationCoefficients.get(r);
      IntList vars = new IntList();
      DoubleList coefs = new DoubleList();
      double constant = 0;
      for (int i = 0; i < members.length; i++) {
        Integer v = n.index.get(members[i]);
        if (v != null) {
          vars.add(v);
          coefs.add(coefficients[i]);
        } else {
          constant -= coefficients[i] * cellValue.get(members[i]) / scale;
        }
      }
      equations.add(new FeasibleRange.Equation(vars.toArray(), coefs.toArray(), constant));
    }
    return solveReduced(n.cells, equations, scale);
  }

  /**
   * Substitutes every unknown that one equation alone determines (a relation with a single unknown
   * left, the common case at the edge of a neighbourhood), then solves the two programs over what
   * remains; the audited unknown is index 0.
   */
  private FeasibleRange.Interval solveReduced(
      List<Integer> cells, List<FeasibleRange.Equation> equations, double scale) {
    int unknowns = cells.size();
    double[] fixed = new double[unknowns];
    java.util.Arrays.fill(fixed, Double.NaN);
    boolean changed = true;
    List<FeasibleRange.Equation> live = new ArrayList<>(equations);
    while (changed) {
      changed = false;
      List<FeasibleRange.Equation> next = new ArrayList<>(live.size());
      for (FeasibleRange.Equation e : live) {
        IntList vars = new IntList();
        DoubleList coefs = new DoubleList();
        double constant = e.constant();
        for (int k = 0; k < e.variables().length; k++) {
          int v = e.variables()[k];
          if (Double.isNaN(fixed[v])) {
            vars.add(v);
            coefs.add(e.coefficients()[k]);
          } else {
            constant -= e.coefficients()[k] * fixed[v];
          }
        }
        if (vars.size() == 0) {
          continue;
        }
        if (vars.size() == 1) {
          fixed[vars.get(0)] = constant / coefs.get(0);
          changed = true;
          continue;
        }
        next.add(new FeasibleRange.Equation(vars.toArray(), coefs.toArray(), constant));
      }
      live = next;
      if (!Double.isNaN(fixed[0])) {
        double v = fixed[0] * scale;
        return new FeasibleRange.Interval(v, v);
      }
    }
    // Renumber the unknowns left, the audited one first.
    int[] renumber = new int[unknowns];
    java.util.Arrays.fill(renumber, -1);
    renumber[0] = 0;
    int count = 1;
    List<FeasibleRange.Equation> reduced = new ArrayList<>(live.size());
    for (FeasibleRange.Equation e : live) {
      int[] vars = e.variables().clone();
      for (int k = 0; k < vars.length; k++) {
        if (renumber[vars[k]] < 0) {
          renumber[vars[k]] = count++;
        }
        vars[k] = renumber[vars[k]];
      }
      reduced.add(new FeasibleRange.Equation(vars, e.coefficients(), e.constant()));
    }
    programs += 2;
    FeasibleRange.Interval range = FeasibleRange.of(count, null, reduced, 0);
    if (range == null) {
      return null;
    }
    for (double[] point : new double[][] {range.atLow(), range.atHigh()}) {
      if (point != null) {
        reached(cells, fixed, renumber, point, scale);
      }
    }
    return new FeasibleRange.Interval(range.low() * scale, range.high() * scale);
  }

  /**
   * Records a feasible point: the neighbourhood's cells at {@code point} (renumbered unknowns),
   * those an equation fixed at their fixed value, those left in no equation at their true value.
   */
  private void reached(
      List<Integer> cells, double[] fixed, int[] renumber, double[] point, double scale) {
    for (int i = 0; i < cells.size(); i++) {
      int c = cells.get(i);
      double x;
      if (!Double.isNaN(fixed[i])) {
        x = fixed[i] * scale;
      } else if (renumber[i] >= 0) {
        x = point[renumber[i]] * scale;
      } else {
        continue;
      }
      reachedHigh[c] = Math.max(reachedHigh[c], x);
      reachedLow[c] = Math.min(reachedLow[c], x);
    }
  }

  /**
   * The published unit to withhold so that {@code cell} can move: one with a figure in a relation
   * of the cell itself if there is one, else in a relation of its neighbourhood; among those, one
   * whose figure is large enough to absorb the protection interval, the smallest first.
   */
  private int repairUnit(int cell, Neighbourhood n, DisclosurePolicy policy) {
    double needed = policy.protection() * cellValue.get(cell);
    Set<Integer> own = new java.util.HashSet<>();
    IntList rs = cellRelations.get(cell);
    for (int j = 0; j < rs.size(); j++) {
      own.add(rs.get(j));
    }
    int best = -1;
    int bestDistance = Integer.MAX_VALUE;
    for (int r : n.relations) {
      int distance = own.contains(r) ? 0 : 1;
      for (int c : relationCells.get(r)) {
        if (withheld(c) || known.get(cellUnit.get(c))) {
          continue;
        }
        if (best < 0
            || distance < bestDistance
            || distance == bestDistance && better(c, best, needed)) {
          best = c;
          bestDistance = distance;
        }
      }
    }
    return best < 0 ? -1 : cellUnit.get(best);
  }

  /**
   * Whether published cell {@code c} is a better complement than {@code best}: large enough to hide
   * {@code needed} beats too small; then the cheaper unit; then the earlier one.
   */
  private boolean better(int c, int best, double needed) {
    if (best < 0) {
      return true;
    }
    boolean enough = cellValue.get(c) >= needed;
    boolean bestEnough = cellValue.get(best) >= needed;
    if (enough != bestEnough) {
      return enough;
    }
    if (!enough) {
      return cellValue.get(c) > cellValue.get(best);
    }
    double cost = unitCost.get(cellUnit.get(c));
    double bestCost = unitCost.get(cellUnit.get(best));
    return cost < bestCost || cost == bestCost && c < best;
  }

  /** A growable int array (no boxing in the block's indexes). */
  static final class IntList {
    private int[] values = new int[4];
    private int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int get(int i) {
      return values[i];
    }

    int size() {
      return size;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }

  /** A growable double array. */
  static final class DoubleList {
    private double[] values = new double[4];
    private int size;

    void add(double v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    double get(int i) {
      return values[i];
    }

    int size() {
      return size;
    }

    double[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
