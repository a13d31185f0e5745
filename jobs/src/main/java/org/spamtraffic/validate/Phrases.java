package org.spamtraffic.validate;

import com.ibm.icu.text.ListFormatter;
import com.ibm.icu.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spamtraffic.language.Catalogue;
import org.spamtraffic.language.Language;

/**
 * Words that code puts into a file finding's {@code {value}} or {@code {other}} (why a file could
 * not be read: "it is no longer in the landing folder"), as catalogue texts {@code phrase.*} of
 * {@value Messages#CATALOGUE}. A finding keeps them in English, as it keeps its message (the
 * warehouse's language, and what {@code rejects} and {@code validate --json} hold); {@link #in}
 * recognises an English phrase and says it in another language, its arguments with it, so that a
 * finding saved once reads in any of the six. A value that is no phrase (a column name, a sheet
 * name, a count) stays as it is.
 *
 * <p>An English phrase's arguments are plain {@code {0}}, {@code {1}}: an argument may itself be a
 * phrase ("line 12" in "line 12 has more than 1,000 fields"; such parts have {@code .part.} in
 * their key), and a whole number in English digits ("1,000") is written again as the other language
 * writes numbers.
 */
public final class Phrases {
  /** The key prefix of the phrases in the checks' catalogue. */
  public static final String PREFIX = "phrase.";

  /**
   * Phrases that are only ever an argument of another ({@code phrase.read.part.line}: "line 12"):
   * never taken for a whole value, which may be a sheet an operator called "line 12".
   */
  private static final String PART = ".part.";

  private static final Pattern ENGLISH_NUMBER = Pattern.compile("[0-9]{1,3}(,[0-9]{3})*");
  private static final String OPEN = "\uE000";
  private static final String CLOSE = "\uE001";

  /** Each English phrase as a pattern that matches it whole, the longest first. */
  private static final List<Known> KNOWN = known();

  private static final String MORE = "rows.part.more";
  private static final String RANGE = "rows.part.range";

  /**
   * The separators of an English list: ICU's ("a, b, and c", "a and b") and the older "a, b and c".
   */
  private static final Pattern ENGLISH_LIST = Pattern.compile(", and |, | and ");

  /**
   * A whole number in a row list or range: English digits, grouped or not (as earlier versions).
   */
  private static final Pattern DIGITS = Pattern.compile("[0-9]+|[0-9]{1,3}(,[0-9]{3})+");

  private static final Pattern ENGLISH_MORE = english(MORE);
  private static final Pattern ENGLISH_RANGE = english(RANGE);

  /** A phrase: its key, its English pattern, and which argument each captured group holds. */
  private record Known(String key, Pattern english, int[] groups) {}

  private Phrases() {}

  /** Every phrase's key (without its prefix), for tests that hold each to its translations. */
  public static List<String> keys() {
    return KNOWN.stream().map(k -> k.key().substring(PREFIX.length())).sorted().toList();
  }

  /** The phrase {@code key} (without its prefix) in English, with {@code args}. */
  public static String english(String key, Object... args) {
    return Messages.catalogue(Language.ENGLISH).text(PREFIX + key, args);
  }

  /**
   * {@code text} in {@code language} when it is an English phrase (its arguments translated too),
   * else {@code text} unchanged; null stays null.
   */
  public static String in(Language language, String text) {
    if (text == null || language == Language.ENGLISH) {
      return text;
    }
    if (ENGLISH_NUMBER.matcher(text).matches()) {
      // A count a phrase-less value holds ("1,000" columns): as the language writes numbers.
      return NumberFormat.getIntegerInstance(language.locale())
          .format(Long.parseLong(text.replace(",", "")));
    }
    return translated(language, text, 0).or(() -> list(language, text)).orElse(text);
  }

  /**
   * Row numbers, sorted, as {@code language} writes a list of them ({@code ListFormatter}: "12, 15,
   * and 40" in English, "12, 15 и 40" in Russian, "12、15和40" in Chinese), its last item "N more"
   * (said with the language's plural, {@code phrase.rows.part.more}) when {@code more} is above 0.
   */
  public static String rowList(Language language, List<Long> named, long more) {
    NumberFormat numbers = NumberFormat.getIntegerInstance(language.locale());
    List<String> items = new ArrayList<>();
    named.forEach(n -> items.add(numbers.format(n)));
    if (more > 0) {
      items.add(Messages.catalogue(language).text(PREFIX + MORE, more));
    }
    return ListFormatter.getInstance(language.locale()).format(items);
  }

  /** "from 5 to 7" in {@code language} ({@code phrase.rows.part.range}). */
  public static String range(Language language, long min, long max) {
    return Messages.catalogue(language).text(PREFIX + RANGE, min, max);
  }

  /**
   * An English {@link #rowList} (as {@code duplicate_key}'s value holds it) in {@code language}:
   * the same numbers, joined as the language joins a list, "N more" with its plural; {@code text}
   * unchanged when it is no such list. The English of earlier versions ("12, 15 and 3 more") reads
   * too.
   */
  public static String rows(Language language, String text) {
    if (text == null || language == Language.ENGLISH) {
      return text;
    }
    String[] items = ENGLISH_LIST.split(text, -1);
    List<Long> named = new ArrayList<>();
    long more = 0;
    for (int i = 0; i < items.length; i++) {
      Matcher m = ENGLISH_MORE.matcher(items[i]);
      if (DIGITS.matcher(items[i]).matches()) {
        named.add(number(items[i]));
      } else if (i == items.length - 1
          && i > 0
          && m.matches()
          && DIGITS.matcher(m.group(1)).matches()) {
        more = number(m.group(1));
      } else {
        return text;
      }
    }
    return rowList(language, named, more);
  }

  /**
   * An English {@link #range} (as {@code service_level_consistent}'s value holds it) in {@code
   * language}; {@code text} unchanged when it is no range.
   */
  public static String range(Language language, String text) {
    if (text == null || language == Language.ENGLISH) {
      return text;
    }
    Matcher m = ENGLISH_RANGE.matcher(text);
    if (m.matches()
        && DIGITS.matcher(m.group(1)).matches()
        && DIGITS.matcher(m.group(2)).matches()) {
      return range(language, number(m.group(1)), number(m.group(2)));
    }
    return text;
  }

  private static long number(String english) {
    return Long.parseLong(english.replace(",", ""));
  }

  /**
   * The English phrase {@code key} (without its prefix) as a pattern with its arguments' groups.
   */
  private static Pattern english(String key) {
    return KNOWN.stream()
        .filter(k -> k.key().equals(PREFIX + key))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No phrase " + PREFIX + key))
        .english();
  }

  /**
   * A list of phrases joined by ", " (the kinds of active content a workbook holds), each said in
   * {@code language} and joined as the language joins a list; empty when any item is no phrase. An
   * item may itself hold ", " ("links to other workbooks (in Excel: Data, Edit Links, Break
   * Link)"), so pieces are put together until they make a phrase.
   */
  private static Optional<String> list(Language language, String text) {
    String[] pieces = text.split(", ", -1);
    if (pieces.length < 2) {
      return Optional.empty();
    }
    List<String> items = new ArrayList<>();
    String item = null;
    for (String piece : pieces) {
      item = item == null ? piece : item + ", " + piece;
      Optional<String> said = translated(language, item, 0);
      if (said.isPresent()) {
        items.add(said.get());
        item = null;
      }
    }
    if (item != null) {
      return Optional.empty();
    }
    return Optional.of(ListFormatter.getInstance(language.locale()).format(items));
  }

  private static Optional<String> translated(Language language, String text, int depth) {
    if (depth > 3) {
      return Optional.empty();
    }
    for (Known k : KNOWN) {
      if (depth == 0 && k.key().contains(PART)) {
        continue;
      }
      Matcher m = k.english().matcher(text);
      if (!m.matches()) {
        continue;
      }
      Object[] args = new Object[k.groups().length];
      for (int g = 0; g < args.length; g++) {
        int i = k.groups()[g];
        String arg = m.group(g + 1);
        Optional<String> inner = translated(language, arg, depth + 1);
        args[i] =
            inner.isPresent()
                ? inner.get()
                : ENGLISH_NUMBER.matcher(arg).matches()
                    ? (Object) Long.valueOf(arg.replace(",", ""))
                    : arg;
      }
      try {
        return Optional.of(Messages.catalogue(language).text(k.key(), args));
      } catch (IllegalArgumentException e) {
        // An argument the translation cannot take (a plural given no number): the English stays.
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Each English phrase written with marked arguments, then its literal parts quoted: the pattern
   * that matches the phrase whatever its arguments are.
   */
  private static List<Known> known() {
    Catalogue english = Messages.catalogue(Language.ENGLISH);
    List<Known> out = new ArrayList<>();
    for (String key : english.keys()) {
      if (!key.startsWith(PREFIX)) {
        continue;
      }
      int count = Catalogue.arguments(english.pattern(key)).size();
      Object[] marks = new Object[count];
      for (int i = 0; i < count; i++) {
        marks[i] = OPEN + i + CLOSE;
      }
      String marked = english.text(key, marks);
      StringBuilder regex = new StringBuilder();
      Matcher m = Pattern.compile(OPEN + "([0-9]+)" + CLOSE).matcher(marked);
      int at = 0;
      int[] groups = new int[count];
      int g = 0;
      while (m.find()) {
        regex.append(Pattern.quote(marked.substring(at, m.start()))).append("(.+?)");
        groups[g++] = Integer.parseInt(m.group(1));
        at = m.end();
      }
      regex.append(Pattern.quote(marked.substring(at)));
      out.add(new Known(key, Pattern.compile(regex.toString(), Pattern.DOTALL), groups));
    }
    // A longer phrase first: "line 3" must not take the place of "line 3 starts a field...".
    out.sort(Comparator.comparingInt((Known k) -> -k.english().pattern().length()));
    return List.copyOf(out);
  }
}
