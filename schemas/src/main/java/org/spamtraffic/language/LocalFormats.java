package org.spamtraffic.language;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers, percentages and periods as a language writes them, from CLDR through ICU4J: {@code 1 250
 * 000} and {@code 46,7 %} in French, {@code T4 2025} for the quarter, {@code ٤٦٫٧٪} in Arabic,
 * {@code 2025年第4季度} in Chinese. Never the machine's default locale.
 */
public final class LocalFormats {
  private static final Pattern QUARTER = Pattern.compile("^([0-9]{4})-Q([1-4])$");
  private static final Pattern MONTH = Pattern.compile("^([0-9]{4})-(0[1-9]|1[0-2])$");

  private final Language language;
  private final ULocale locale;

  private LocalFormats(Language language) {
    this.language = language;
    this.locale = ULocale.forLocale(language.locale());
  }

  /** The formats of {@code language}. */
  public static LocalFormats of(Language language) {
    return new LocalFormats(language);
  }

  /** The language these formats write. */
  public Language language() {
    return language;
  }

  /** A whole number with the language's grouping: 1,250,000 · 1 250 000 · 1.250.000. */
  public String number(long n) {
    return NumberFormat.getIntegerInstance(locale).format(n);
  }

  /** A fraction (0.467) as a percentage with {@code digits} decimals: 46.7% · 46,7 %. */
  public String percent(double fraction, int digits) {
    NumberFormat f = NumberFormat.getPercentInstance(locale);
    f.setMinimumFractionDigits(digits);
    f.setMaximumFractionDigits(digits);
    return f.format(fraction);
  }

  /**
   * A period of the return format ({@code 2025-Q4} or {@code 2025-03}) as the language writes it
   * (Q4 2025, T4 2025, 2025年第4季度; March 2025, mars 2025); anything else is returned as it is.
   */
  public String period(String period) {
    if (period == null) {
      return "";
    }
    Matcher q = QUARTER.matcher(period);
    if (q.matches()) {
      return format("yQQQ", Integer.parseInt(q.group(1)), (Integer.parseInt(q.group(2)) - 1) * 3);
    }
    Matcher m = MONTH.matcher(period);
    if (m.matches()) {
      return format("yMMMM", Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)) - 1);
    }
    return period;
  }

  private String format(String skeleton, int year, int month) {
    DateFormat f = DateFormat.getInstanceForSkeleton(skeleton, locale);
    TimeZone utc = TimeZone.getTimeZone("UTC");
    f.setTimeZone(utc);
    Calendar c = Calendar.getInstance(utc, locale);
    c.clear();
    c.set(year, month, 1);
    return f.format(c.getTime());
  }
}
