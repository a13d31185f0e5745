package org.spamtraffic.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.MutableProjection;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.catalyst.plans.logical.LeafNode;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The column expressions of a frame that only projects (select, withColumn) over one source of
 * rows, optimised by Spark and compiled by Spark's code generator, run row by row over rows a task
 * already holds.
 *
 * <p>Why not let Spark run the frame: a frame whose generated code is too big to JIT-compile falls
 * back from whole-stage code generation to one {@code UnsafeProjection} per projection, and each
 * copies every column, text included, into a new binary row; in {@code ingest-returns} those copies
 * were a fifth of the checking pass. Here each projection computes only its new columns, into a
 * reused mutable row, and its output is a view over its input and those values: a column passed
 * through is never copied, and the task hands the last view straight to its writers. The
 * expressions are exactly those Spark would run: the optimised plan's, with Spark's common
 * subexpression elimination.
 */
public final class ProjectionChain implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * One projection: the expressions it computes over the previous step's row, and for each output
   * column its place in that row joined with the computed values (a column passed through or
   * renamed is not copied).
   */
  private record Step(
      Seq<Expression> computed, Seq<Attribute> input, DataType[] types, StructType output, int[] at)
      implements Serializable {}

  private final List<Step> steps;

  private ProjectionChain(List<Step> steps) {
    this.steps = steps;
  }

  /**
   * The projections of {@code frame}'s optimised plan, innermost first.
   *
   * @param frame a frame of selects and derived columns over one leaf (for example a frame created
   *     from an empty RDD with the rows' schema): its leaf's columns are the input rows' columns
   * @throws IllegalStateException when the plan holds anything but projections over its leaf
   */
  public static ProjectionChain of(Dataset<Row> frame) {
    LogicalPlan plan = frame.queryExecution().optimizedPlan();
    List<Step> steps = new ArrayList<>();
    while (plan instanceof Project p) {
      steps.add(step(p));
      plan = p.child();
    }
    if (!(plan instanceof LeafNode)) {
      throw new IllegalStateException(
          "Expected only projections over the input rows, found " + plan.nodeName());
    }
    if (steps.isEmpty()) {
      throw new IllegalStateException("Expected at least one projection over the input rows");
    }
    Collections.reverse(steps);
    return new ProjectionChain(steps);
  }

  private static Step step(Project p) {
    List<Attribute> input = CollectionConverters.asJava(p.child().output());
    List<Expression> computed = new ArrayList<>();
    List<DataType> types = new ArrayList<>();
    List<StructField> output = new ArrayList<>();
    List<NamedExpression> list = CollectionConverters.asJava(p.projectList());
    int[] at = new int[list.size()];
    for (int j = 0; j < list.size(); j++) {
      NamedExpression named = list.get(j);
      Expression e = (Expression) named;
      Expression inner = e instanceof Alias a ? a.child() : e;
      int passed = inner instanceof Attribute attr ? indexOf(input, attr) : -1;
      if (passed >= 0) {
        at[j] = passed;
      } else {
        at[j] = input.size() + computed.size();
        computed.add(e);
        types.add(e.dataType());
      }
      output.add(new StructField(named.name(), e.dataType(), e.nullable(), Metadata.empty()));
    }
    return new Step(
        CollectionConverters.asScala(computed).toList(),
        p.child().output(),
        types.toArray(DataType[]::new),
        new StructType(output.toArray(StructField[]::new)),
        at);
  }

  private static int indexOf(List<Attribute> input, Attribute a) {
    for (int i = 0; i < input.size(); i++) {
      if (input.get(i).exprId().equals(a.exprId())) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Compiles the projections (once per task: the generated classes are cached per JVM) and works
   * out, for every column of every step, which row holds it: the input row, or the values one step
   * computed.
   */
  public Compiled compile(int partition) {
    int n = steps.size();
    InternalRow[] rows = new InternalRow[n + 1];
    MutableProjection[] projections = new MutableProjection[n];
    RowView[] inputs = new RowView[n];
    int width = steps.get(0).input().size();
    int[] from = new int[width];
    int[] at = new int[width];
    DataType[] types = new DataType[width];
    for (int i = 0; i < width; i++) {
      at[i] = i;
      types[i] = steps.get(0).input().apply(i).dataType();
    }
    for (int k = 0; k < n; k++) {
      Step s = steps.get(k);
      inputs[k] = new RowView(rows, from, at, types);
      MutableProjection p = MutableProjection.create(s.computed(), s.input());
      p.initialize(partition);
      p.target(new SpecificInternalRow(CollectionConverters.asScala(List.of(s.types())).toSeq()));
      projections[k] = p;
      int[] f = new int[s.at().length];
      int[] a = new int[s.at().length];
      DataType[] t = new DataType[s.at().length];
      for (int j = 0; j < f.length; j++) {
        int c = s.at()[j];
        boolean passed = c < from.length;
        f[j] = passed ? from[c] : k + 1;
        a[j] = passed ? at[c] : c - from.length;
        t[j] = s.output().fields()[j].dataType();
      }
      from = f;
      at = a;
      types = t;
    }
    return new Compiled(rows, projections, inputs, new RowView(rows, from, at, types));
  }

  /** The projections of one task; {@link #apply} reuses its output row. */
  public static final class Compiled {
    private final InternalRow[] rows;
    private final MutableProjection[] projections;
    private final RowView[] inputs;
    private final RowView output;

    private Compiled(
        InternalRow[] rows, MutableProjection[] projections, RowView[] inputs, RowView output) {
      this.rows = rows;
      this.projections = projections;
      this.inputs = inputs;
      this.output = output;
    }

    /** The view {@link #apply} returns, the same for every row. */
    public RowView output() {
      return output;
    }

    /**
     * The frame's row for {@code input}: a view over the input row and the values each step
     * computed. It, and everything it references, is valid until the next call: copy what must
     * outlive it.
     */
    public RowView apply(InternalRow input) {
      rows[0] = input;
      for (int k = 0; k < projections.length; k++) {
        rows[k + 1] = projections[k].apply(k == 0 ? input : inputs[k]);
      }
      return output;
    }
  }
}
