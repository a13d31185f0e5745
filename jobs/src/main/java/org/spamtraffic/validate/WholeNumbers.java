package org.spamtraffic.validate;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Counts as operators write them: plain digits, thousands grouped by one separator used
 * consistently ({@code 1,234,567}, {@code 1.234.567}, {@code 1 234 567}, {@code 1'234'567}),
 * grouping with zero decimals ({@code 1,234.00}), or zero decimals alone ({@code 1234.0}). A single
 * {@code ,} or {@code .} before exactly three digits ({@code 1.500}) is ambiguous and refused.
 * Shared by both evaluators (the Spark checks use {@link #GROUPED}, {@link #ZERO_DECIMALS} and
 * {@link #AMBIGUOUS} as they are).
 */
public final class WholeNumbers {
  /**
   * Plain integers, the fast path: what Spark's {@code try_cast(x AS BIGINT)} accepts on a trimmed
   * string (optional sign, ASCII digits, within the range of a long).
   */
  public static final String PLAIN = "^[+-]?[0-9]+$";

  /**
   * Grouped thousands, with optional zero decimals; group 1 is the integer part. Greedy groups make
   * {@code 1,250,000} all integer, while {@code 1.234,00} ends in decimals.
   */
  public static final String GROUPED =
      "^([0-9]{1,3}(?:([,.' \u00A0\u202F])[0-9]{3})(?:\\2[0-9]{3})*)(?:[.,]0+)?$";

  /** Zero decimals after plain digits: 1234.0 or 1234,00; group 1 is the integer part. */
  public static final String ZERO_DECIMALS =
      "^([0-9]{4,}|[0-9]{1,3}(?=[.,](?:0|00|0000+)$))[.,]0+$";

  /** One comma or dot before exactly three digits: could be 1.5 thousand or 1.500. */
  public static final String AMBIGUOUS = "^[0-9]{1,3}[.,][0-9]{3}$";

  /** Negative numbers in any accepted form. */
  public static final String NEGATIVE = "^-\\s*[0-9].*";

  private static final Pattern PLAIN_P = Pattern.compile(PLAIN);
  private static final Pattern GROUPED_P = Pattern.compile(GROUPED);
  private static final Pattern ZERO_P = Pattern.compile(ZERO_DECIMALS);
  private static final Pattern AMBIGUOUS_P = Pattern.compile(AMBIGUOUS);
  private static final Pattern NEGATIVE_P = Pattern.compile(NEGATIVE);

  private WholeNumbers() {}

  /**
   * The outcome of reading a count.
   *
   * @param value the count, or null when refused
   * @param rule the rule that refused it, or null
   */
  public record Outcome(Long value, String rule) {}

  /** Reads a trimmed, non-empty count. */
  public static Outcome read(String trimmed) {
    if (PLAIN_P.matcher(trimmed).matches()) {
      long v;
      try {
        v = Long.parseLong(trimmed);
      } catch (NumberFormatException overflow) {
        return new Outcome(null, "whole_number");
      }
      return v < 0 ? new Outcome(null, "negative") : new Outcome(v, null);
    }
    if (AMBIGUOUS_P.matcher(trimmed).matches()) {
      return new Outcome(null, "ambiguous_number");
    }
    java.util.regex.Matcher grouped = GROUPED_P.matcher(trimmed);
    java.util.regex.Matcher zeros = ZERO_P.matcher(trimmed);
    String integer = grouped.matches() ? grouped.group(1) : zeros.matches() ? zeros.group(1) : null;
    if (integer != null) {
      try {
        return new Outcome(Long.parseLong(integer.replaceAll("[^0-9]", "")), null);
      } catch (NumberFormatException overflow) {
        return new Outcome(null, "whole_number");
      }
    }
    if (NEGATIVE_P.matcher(trimmed).matches()) {
      return new Outcome(null, "negative");
    }
    return new Outcome(null, "whole_number");
  }

  /** A suggestion for the message: the digits of the value, or an example. */
  public static String suggestion(String raw) {
    String digits = raw == null ? "" : raw.replaceAll("[^0-9]", "");
    return digits.isEmpty() ? "1250000" : digits.toLowerCase(Locale.ROOT);
  }
}
