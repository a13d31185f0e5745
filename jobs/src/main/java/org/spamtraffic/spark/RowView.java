package org.spamtraffic.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.CalendarInterval;
import org.apache.spark.unsafe.types.GeographyVal;
import org.apache.spark.unsafe.types.GeometryVal;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.unsafe.types.VariantVal;

/**
 * A row whose column {@code i} is column {@code at[i]} of row {@code from[i]} of a shared array of
 * rows: one level of indirection, however many projections the columns came through, and nothing
 * copied. The rows of the array may be replaced between reads (a task's current input and the
 * values computed from it); the view always reads the current ones. Read-only.
 */
public final class RowView extends InternalRow {
  private static final long serialVersionUID = 1L;

  private final InternalRow[] rows;
  private final int[] from;
  private final int[] at;
  private final DataType[] types;

  RowView(InternalRow[] rows, int[] from, int[] at, DataType[] types) {
    this.rows = rows;
    this.from = from;
    this.at = at;
    this.types = types;
  }

  /**
   * A view of the first {@code types.length} columns of one row at a time, set with {@link #of}:
   * for a writer that takes fewer columns than the row holds.
   */
  public static RowView columnsOf(DataType[] types) {
    int[] at = new int[types.length];
    for (int i = 0; i < at.length; i++) {
      at[i] = i;
    }
    return new RowView(new InternalRow[1], new int[types.length], at, types.clone());
  }

  /** This view, now over {@code row} (a view made by {@link #columnsOf}). */
  public RowView of(InternalRow row) {
    rows[0] = row;
    return this;
  }

  /** A view of some of this view's columns, in the order given, over the same rows. */
  public RowView select(int[] columns) {
    int[] f = new int[columns.length];
    int[] a = new int[columns.length];
    DataType[] t = new DataType[columns.length];
    for (int i = 0; i < columns.length; i++) {
      f[i] = from[columns[i]];
      a[i] = at[columns[i]];
      t[i] = types[columns[i]];
    }
    return new RowView(rows, f, a, t);
  }

  @Override
  public int numFields() {
    return at.length;
  }

  @Override
  public void setNullAt(int i) {
    throw new UnsupportedOperationException("A row view is read-only");
  }

  @Override
  public void update(int i, Object value) {
    throw new UnsupportedOperationException("A row view is read-only");
  }

  @Override
  public InternalRow copy() {
    Object[] values = new Object[at.length];
    for (int i = 0; i < at.length; i++) {
      Object v = isNullAt(i) ? null : get(i, types[i]);
      values[i] =
          v instanceof UTF8String s
              ? s.copy()
              : v instanceof InternalRow r
                  ? r.copy()
                  : v instanceof ArrayData d ? d.copy() : v instanceof MapData m ? m.copy() : v;
    }
    return new GenericInternalRow(values);
  }

  @Override
  public boolean isNullAt(int i) {
    return rows[from[i]].isNullAt(at[i]);
  }

  @Override
  public boolean getBoolean(int i) {
    return rows[from[i]].getBoolean(at[i]);
  }

  @Override
  public byte getByte(int i) {
    return rows[from[i]].getByte(at[i]);
  }

  @Override
  public short getShort(int i) {
    return rows[from[i]].getShort(at[i]);
  }

  @Override
  public int getInt(int i) {
    return rows[from[i]].getInt(at[i]);
  }

  @Override
  public long getLong(int i) {
    return rows[from[i]].getLong(at[i]);
  }

  @Override
  public float getFloat(int i) {
    return rows[from[i]].getFloat(at[i]);
  }

  @Override
  public double getDouble(int i) {
    return rows[from[i]].getDouble(at[i]);
  }

  @Override
  public Decimal getDecimal(int i, int precision, int scale) {
    return rows[from[i]].getDecimal(at[i], precision, scale);
  }

  @Override
  public UTF8String getUTF8String(int i) {
    return rows[from[i]].getUTF8String(at[i]);
  }

  @Override
  public byte[] getBinary(int i) {
    return rows[from[i]].getBinary(at[i]);
  }

  @Override
  public GeographyVal getGeography(int i) {
    return rows[from[i]].getGeography(at[i]);
  }

  @Override
  public GeometryVal getGeometry(int i) {
    return rows[from[i]].getGeometry(at[i]);
  }

  @Override
  public CalendarInterval getInterval(int i) {
    return rows[from[i]].getInterval(at[i]);
  }

  @Override
  public VariantVal getVariant(int i) {
    return rows[from[i]].getVariant(at[i]);
  }

  @Override
  public InternalRow getStruct(int i, int numFields) {
    return rows[from[i]].getStruct(at[i], numFields);
  }

  @Override
  public ArrayData getArray(int i) {
    return rows[from[i]].getArray(at[i]);
  }

  @Override
  public MapData getMap(int i) {
    return rows[from[i]].getMap(at[i]);
  }

  @Override
  public Object get(int i, DataType type) {
    return rows[from[i]].get(at[i], type);
  }
}
