package org.spamtraffic.report.document;

import com.ibm.icu.number.LocalizedNumberFormatter;
import com.ibm.icu.number.Notation;
import com.ibm.icu.number.NumberFormatter;
import com.ibm.icu.number.Precision;
import com.ibm.icu.number.Scale;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Objects;
import org.spamtraffic.report.chart.ValueFormat;

/**
 * How a published value is printed in the report: rounded as a statistics office prints it, in the
 * report's language; "withheld" for a cell disclosure control withheld, a dash for none. The only
 * place the document turns numbers into text, so that tests can read them back the same way.
 *
 * <ul>
 *   <li>In sentences, counts and money have three significant figures, with a word for large units
 *       ({@code 4.92 billion}, {@code 416 million}, {@code 12,300}); shares one decimal ({@code
 *       8.4%}); scores two decimals.
 *   <li>In tables, a column of counts has one unit for all its cells (stated in its heading: {@code
 *       Spam detected (millions)}), chosen from its largest value, and as many decimals as give
 *       that value three significant figures.
 * </ul>
 *
 * Rounding is half-up and happens only here: stored values keep their full precision.
 */
public final class Printed {
  /** Printed for a cell that has no value (not reported, not applicable). */
  public static final String NONE = "–";

  private final Labels labels;

  /** Printing in {@code labels}' language. */
  public Printed(Labels labels) {
    this.labels = labels;
  }

  /** {@code value} printed with {@code format}, rounded for a sentence. */
  public String value(Object value, ValueFormat format, boolean suppressed) {
    if (suppressed) {
      return labels.get("suppressed");
    }
    if (value == null) {
      return NONE;
    }
    if (value instanceof Number n) {
      return number(n, format);
    }
    return value.toString();
  }

  /** {@code value} printed with {@code format}, never suppressed. */
  public String value(Object value, ValueFormat format) {
    return value(value, format, false);
  }

  /** A number rounded for a sentence ("4.92 billion", "8.4%", "USD 2.47 billion"). */
  public String number(Number n, ValueFormat format) {
    switch (format) {
      case PERCENT:
        return base()
            .unit(com.ibm.icu.util.NoUnit.PERCENT)
            .scale(Scale.powerOfTen(2))
            .precision(Precision.fixedFraction(1))
            .format(n)
            .toString();
      case SCORE:
        return base().precision(Precision.fixedFraction(2)).format(n).toString();
      case USD:
        return labels.format("unit.usd", count(n));
      case YEAR:
        return Long.toString(Math.round(n.doubleValue()));
      case COUNT:
      case DECIMAL:
      default:
        return count(n);
    }
  }

  /** A share of a rule (0.85) as a whole percentage, "85%", in the report's language. */
  public String wholePercent(double share) {
    return base()
        .unit(com.ibm.icu.util.NoUnit.PERCENT)
        .scale(Scale.powerOfTen(2))
        .precision(Precision.maxFraction(1))
        .format(share)
        .toString();
  }

  private String count(Number n) {
    double v = Math.abs(n.doubleValue());
    if (v < 1000 && v == Math.rint(v)) {
      return base().format(n).toString();
    }
    LocalizedNumberFormatter f = base().precision(Precision.maxSignificantDigits(3));
    if (v >= 1_000_000) {
      f = f.notation(Notation.compactLong());
    }
    return f.format(n).toString();
  }

  private LocalizedNumberFormatter base() {
    return NumberFormatter.withLocale(labels.locale()).roundingMode(RoundingMode.HALF_UP);
  }

  /**
   * The unit a column of counts is printed in, chosen from its largest value so that it has three
   * to four digits before the decimal point or three significant figures.
   */
  public enum Unit {
    ONE(0),
    THOUSAND(3),
    MILLION(6),
    BILLION(9);

    private final int exponent;

    Unit(int exponent) {
      this.exponent = exponent;
    }

    /** The unit of a column whose values are {@code values} (nulls ignored). */
    public static Unit of(Collection<? extends Number> values) {
      double max =
          values.stream()
              .filter(Objects::nonNull)
              .mapToDouble(x -> Math.abs(x.doubleValue()))
              .max()
              .orElse(0);
      if (max >= 10_000_000_000d) {
        return BILLION;
      }
      if (max >= 10_000_000) {
        return MILLION;
      }
      if (max >= 100_000) {
        return THOUSAND;
      }
      return ONE;
    }

    /** How big one unit is. */
    public double size() {
      return Math.pow(10, exponent);
    }
  }

  /**
   * A printer for one column of counts or money: one unit for the column, the largest in which its
   * smallest non-zero value still has three digits, and every value rounded to three significant
   * figures in it (480,000 and 3,320 millions, not 480 and 3 billions).
   */
  public Column column(Collection<? extends Number> values, ValueFormat format) {
    double min =
        values.stream()
            .filter(Objects::nonNull)
            .mapToDouble(x -> Math.abs(x.doubleValue()))
            .filter(x -> x > 0)
            .min()
            .orElse(0);
    Unit unit = Unit.ONE;
    for (Unit u : Unit.values()) {
      if (min / u.size() >= 100) {
        unit = u;
      }
    }
    return new Column(unit, 0);
  }

  /** A column's unit and decimals; {@link #cell} prints one of its values. */
  public final class Column {
    private final Unit unit;
    private final int decimals;

    private Column(Unit unit, int decimals) {
      this.unit = unit;
      this.decimals = decimals;
    }

    /** The unit, for the heading. */
    public Unit unit() {
      return unit;
    }

    /** The heading with the unit: "Spam detected (millions)"; unchanged for units of one. */
    public String heading(String heading) {
      return unit == Unit.ONE
          ? heading
          : labels.format(
              "unit.heading",
              heading,
              labels.get("unit." + unit.name().toLowerCase(java.util.Locale.ROOT)));
    }

    /** One value of the column. */
    public String cell(Object value, boolean suppressed) {
      if (suppressed) {
        return labels.get("suppressed");
      }
      if (!(value instanceof Number n)) {
        return value == null ? NONE : value.toString();
      }
      double scaled = n.doubleValue() / unit.size();
      return base()
          .scale(Scale.powerOfTen(-unit.exponent))
          .precision(
              Math.abs(scaled) >= 100
                  ? Precision.maxSignificantDigits(3)
                  : Precision.fixedFraction(decimals))
          .format(n)
          .toString();
    }
  }
}
