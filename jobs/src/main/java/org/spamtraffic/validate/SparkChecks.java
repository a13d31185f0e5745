package org.spamtraffic.validate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.spamtraffic.schema.Countries;
import org.spamtraffic.schema.Field;
import org.spamtraffic.schema.FieldKind;
import org.spamtraffic.schema.ReturnFormat;

/**
 * The Spark evaluator of the cell and row rules: column expressions derived from the return format
 * (no row-by-row interpreter), so that Spark's code generation runs them. Mirrors {@link CellCheck}
 * and {@link RowCheck}; the same regular expressions and code lists serve both.
 *
 * <p>Input columns: {@code raw_<field>} (strings). Output: {@code <field>} typed, {@code
 * _e_<field>} the rule broken or null, and the row rules' {@code _e_*} columns.
 */
public final class SparkChecks {
  private SparkChecks() {}

  /** The raw input column of a field. */
  public static Column raw(String field) {
    return col("raw_" + field);
  }

  /** The error column of a field or row rule. */
  public static String errorColumn(String name) {
    return "_e_" + name;
  }

  /**
   * Checks every field, in two projections so that each expression stays small and a typed value
   * computed once is referenced, not recomputed: typed values, then the rule broken. Expects {@code
   * raw_<field>} already stripped of surrounding whitespace (the readers strip every cell, see
   * {@code RawRow}); adds {@code <field>} (typed) and {@code _e_<field>}.
   */
  public static Dataset<Row> checkFields(Dataset<Row> raw) {
    List<Field> fields = ReturnFormat.v1().fields();
    Map<String, Column> typed = new LinkedHashMap<>();
    for (Field f : fields) {
      typed.put(f.name(), typed(f, raw(f.name())));
    }
    Dataset<Row> v = raw.withColumns(typed);
    Map<String, Column> errors = new LinkedHashMap<>();
    for (Field f : fields) {
      errors.put(errorColumn(f.name()), error(f, raw(f.name()), col(f.name())));
    }
    return v.withColumns(errors);
  }

  /** The typed value of a trimmed field, or null when empty or refused. */
  static Column typed(Field field, Column t) {
    FieldKind kind = field.kind();
    switch (kind) {
      case TEXT:
        return when(fits(field, t), t);
      case CODE:
        Column map = mapOf(Codes.spellings(field));
        Column l = lower(t);
        return coalesce(element_at(map, l), element_at(map, regexp_replace(l, Codes.FOLD, "_")));
      case COUNTRY:
        Column u = upper(t);
        Column c = when(u.isin(Countries.alpha3().toArray()), u);
        return field.allowsUnknown() ? c.when(u.equalTo("UNKNOWN"), lit(Field.UNKNOWN)) : c;
      case PERIOD:
        return period(upper(t));
      case MEASURE:
        return measureValue(t);
    }
    throw new AssertionError(kind);
  }

  /** The rule a trimmed field breaks, given its typed value, or null. */
  static Column error(Field field, Column t, Column typed) {
    Column empty = t.isNull().or(t.equalTo(""));
    Column missing = field.required() ? lit("required") : lit(null).cast(DataTypes.StringType);
    Column onlyIfRefused = when(empty, missing).when(typed.isNotNull(), lit(null).cast("string"));
    FieldKind kind = field.kind();
    switch (kind) {
      case TEXT:
        return onlyIfRefused.otherwise(lit("pattern"));
      case CODE:
        return onlyIfRefused.otherwise(lit("code"));
      case COUNTRY:
        return onlyIfRefused.otherwise(lit("country_code"));
      case PERIOD:
        return onlyIfRefused.otherwise(lit("period"));
      case MEASURE:
        return onlyIfRefused.otherwise(measureRule(t));
    }
    throw new AssertionError(kind);
  }

  private static Column fits(Field field, Column t) {
    Column fits = t.isNotNull().and(t.notEqual(""));
    if (field.pattern().isPresent()) {
      fits = fits.and(t.rlike(field.pattern().get().pattern()));
    }
    if (field.maxLength() > 0) {
      fits = fits.and(length(t).leq(field.maxLength()));
    }
    return fits;
  }

  /** The canonical period of an upper-cased, trimmed value, or null. */
  static Column period(Column u) {
    Column c = when(u.rlike(Periods.CANONICAL), u);
    for (Periods.Spelling s : Periods.SPELLINGS) {
      Column replaced = regexp_replace(u, s.pattern(), s.replacement());
      Column padded =
          when(
                  length(replaced)
                      .equalTo(6)
                      .and(substring(replaced, 5, 1).equalTo("-"))
                      .and(substring(replaced, 6, 1).notEqual("Q")),
                  concat(substring(replaced, 1, 5), lit("0"), substring(replaced, 6, 1)))
              .otherwise(replaced);
      c = c.when(u.rlike(s.pattern()), padded);
    }
    Column serial = floor(u.cast(DataTypes.DoubleType)).cast(DataTypes.IntegerType);
    Column inRange = serial.between(Periods.SERIAL_MIN, Periods.SERIAL_MAX);
    return c.when(
        u.rlike(Periods.SERIAL).and(inRange),
        date_format(date_add(to_date(lit("1899-12-30")), serial), "yyyy-MM"));
  }

  /**
   * The value of a trimmed count: Spark's own cast first (it accepts exactly {@link
   * WholeNumbers#PLAIN}); the grouped forms only when that fails.
   */
  static Column measureValue(Column t) {
    Column fast = t.try_cast("bigint");
    Column integer =
        when(t.rlike(WholeNumbers.AMBIGUOUS), lit(null).cast("string"))
            .when(
                t.rlike(WholeNumbers.GROUPED), functions.regexp_extract(t, WholeNumbers.GROUPED, 1))
            .when(
                t.rlike(WholeNumbers.ZERO_DECIMALS),
                functions.regexp_extract(t, WholeNumbers.ZERO_DECIMALS, 1));
    Column slow = regexp_replace(integer, "[^0-9]", "").try_cast("bigint");
    return when(fast.isNotNull(), when(fast.geq(0), fast)).otherwise(slow);
  }

  /** Why a non-empty count was refused (evaluated only for refused values). */
  static Column measureRule(Column t) {
    return when(t.rlike(WholeNumbers.PLAIN).and(t.startsWith("-")), lit("negative"))
        .when(t.rlike(WholeNumbers.AMBIGUOUS), lit("ambiguous_number"))
        .when(t.rlike(WholeNumbers.NEGATIVE), lit("negative"))
        .otherwise(lit("whole_number"));
  }

  /**
   * Row rules over the typed columns, by output column: blocked ≤ detected, detected ≤ total,
   * malformed line.
   */
  public static Map<String, Column> rowRules() {
    Map<String, Column> rules = new LinkedHashMap<>();
    rules.put(
        errorColumn("blocked"),
        when(col("spam_blocked").gt(col("spam_detected")), lit("blocked_le_detected")));
    rules.put(
        errorColumn("total"),
        when(col("spam_detected").gt(col("total_traffic")), lit("detected_le_total")));
    rules.put(errorColumn("malformed"), when(col("_field_count").geq(0), lit("malformed_row")));
    return rules;
  }

  /** True when no cell or row rule is broken. */
  public static Column valid() {
    Column ok = lit(true);
    for (Field f : ReturnFormat.v1().fields()) {
      ok = ok.and(col(errorColumn(f.name())).isNull());
    }
    return ok.and(col(errorColumn("blocked")).isNull())
        .and(col(errorColumn("total")).isNull())
        .and(col(errorColumn("malformed")).isNull());
  }

  /**
   * The problems of a row as an array of (column, rule, value, other) structs, in the same order as
   * {@link RowCheck}: cell rules in column order, then row rules.
   */
  public static Column problems() {
    List<Column> items = new ArrayList<>();
    for (Field f : ReturnFormat.v1().fields()) {
      items.add(problem(lit(f.name()), col(errorColumn(f.name())), raw(f.name()), lit(null)));
    }
    items.add(
        problem(
            lit("spam_blocked"),
            col(errorColumn("blocked")),
            raw("spam_blocked"),
            raw("spam_detected")));
    items.add(
        problem(
            lit("spam_detected"),
            col(errorColumn("total")),
            raw("spam_detected"),
            raw("total_traffic")));
    items.add(
        problem(
            lit(null),
            col(errorColumn("malformed")),
            col("_field_count").cast("string"),
            col("_width").cast("string")));
    return functions.filter(
        array(items.toArray(Column[]::new)), p -> p.getField("rule").isNotNull());
  }

  private static Column problem(Column column, Column rule, Column value, Column other) {
    return struct(
        column.cast("string").as("column"),
        rule.as("rule"),
        value.cast("string").as("value"),
        other.cast("string").as("other"));
  }

  private static Column mapOf(Map<String, String> entries) {
    List<Column> kv = new ArrayList<>();
    entries.forEach(
        (k, v) -> {
          kv.add(lit(k));
          kv.add(lit(v));
        });
    return functions.map(kv.toArray(Column[]::new));
  }
}
