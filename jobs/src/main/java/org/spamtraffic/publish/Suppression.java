package org.spamtraffic.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Primary and complementary cell suppression over a table's additive relations, in plain Java.
 *
 * <p>Each cell belongs to some <em>relations</em>: sets of cells whose figures add up to a figure a
 * reader can see (a region row and its country rows; the flows of one destination and that
 * destination's row in volumes, which {@code PublishJob} passes in the same solve). A withheld cell
 * that is the only withheld one in a relation can be recovered by subtraction, so one more cell of
 * that relation is withheld: the one with the smallest value (least information lost), ties broken
 * by position. This repeats until no relation has exactly one withheld cell, which always ends:
 * every round withholds one more cell.
 *
 * <p>Known limit, as in every "at least two" rule: two withheld cells in a relation reveal their
 * sum; when both come from the same dominant operator that sum is still that operator's. The
 * dominance test on each cell and the minimum number of operators make that rare, and the relations
 * are checked cell by cell, not solved as a linear system (no audit by linear programming).
 */
public final class Suppression {
  /** Why a cell is withheld. */
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
   * One cell of a table.
   *
   * @param operators operators the cell comes from
   * @param topOperatorShare largest single operator's share of it
   * @param value its size, to choose complementary cells (the smallest goes first)
   * @param relations keys of the relations it belongs to (cells with the same key add up to a
   *     visible figure)
   */
  public record Cell(
      int operators, double topOperatorShare, double value, List<String> relations) {}

  private Suppression() {}

  /**
   * The reason each cell is withheld, or null where it is published, in the order of {@code cells}.
   */
  public static Reason[] solve(List<Cell> cells, DisclosureRules rules) {
    Reason[] reasons = new Reason[cells.size()];
    Map<String, List<Integer>> relations = new HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      Cell c = cells.get(i);
      reasons[i] = rules.primaryReason(c.operators(), c.topOperatorShare()).orElse(null);
      for (String r : c.relations()) {
        relations.computeIfAbsent(r, k -> new ArrayList<>()).add(i);
      }
    }
    Deque<String> pending = new ArrayDeque<>(relations.keySet());
    while (!pending.isEmpty()) {
      String relation = pending.poll();
      List<Integer> members = relations.get(relation);
      int withheld = 0;
      int cheapest = -1;
      for (int i : members) {
        if (reasons[i] != null) {
          withheld++;
        } else if (cheapest < 0 || cells.get(i).value() < cells.get(cheapest).value()) {
          cheapest = i;
        }
      }
      if (withheld == 1 && cheapest >= 0) {
        reasons[cheapest] = Reason.COMPLEMENTARY;
        pending.addAll(cells.get(cheapest).relations());
      }
    }
    return reasons;
  }
}
