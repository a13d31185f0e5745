package org.spamtraffic.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spamtraffic.language.Language;

/**
 * Finds English left on a page meant for another language: in a page in Arabic, Chinese or Russian,
 * any word in Latin letters that is not a code or a name meant to stay (column names, rule ids,
 * ISO, CSV, the language switch's own names); in French and Spanish, any of the English words that
 * a portal page is made of.
 */
final class EnglishLeft {
  /** Words meant to stay in every language: codes, formats, product names, language names. */
  private static final Set<String> STAYS =
      Set.of(
          "unknown",
          "alpha",
          "English",
          "Français",
          "Español",
          "Excel",
          "Bearer",
          "Authorization",
          "operator_id",
          "file");

  /** English words a page of the portal is made of; none belongs on a French or Spanish page. */
  private static final Set<String> ENGLISH_WORDS =
      Set.of(
          "the",
          "and",
          "your",
          "you",
          "is",
          "are",
          "not",
          "of",
          "to",
          "with",
          "row",
          "rows",
          "send",
          "sign",
          "what",
          "where",
          "checks",
          "upload",
          "template",
          "download",
          "submissions",
          "accepted",
          "rejected",
          "warnings",
          "read",
          "kept",
          "waiting",
          "file's");

  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_.'’-]+");
  private static final Pattern LATIN_WORD = Pattern.compile("^[A-Za-z][A-Za-z'’]*$");

  private EnglishLeft() {}

  /** The visible text of an HTML page: tags, comments and the head dropped, entities kept. */
  static String visibleText(String html) {
    String body = html.replaceAll("(?s)<head>.*?</head>", " ");
    body = body.replaceAll("(?s)<!--.*?-->", " ");
    return body.replaceAll("(?s)<[^>]*>", " ").replaceAll("\\s+", " ").strip();
  }

  /**
   * The English words left in {@code text}, a page in {@code language}, after removing {@code
   * names} (file names, operator ids: values the person gave).
   */
  static List<String> in(String text, Language language, String... names) {
    String t = text;
    for (String n : names) {
      t = t.replace(n, " ");
    }
    List<String> left = new ArrayList<>();
    Matcher m = TOKEN.matcher(t);
    while (m.find()) {
      String w = m.group().replaceAll("^[.'’-]+|[.'’-]+$", "");
      if (w.isEmpty() || STAYS.contains(w)) {
        continue;
      }
      boolean english =
          switch (language) {
            case ARABIC, CHINESE, RUSSIAN -> LATIN_WORD.matcher(w).matches() && !isCode(w);
            case FRENCH, SPANISH -> ENGLISH_WORDS.contains(w.toLowerCase(java.util.Locale.ROOT));
            case ENGLISH -> false;
          };
      if (english) {
        left.add(w);
      }
    }
    return left;
  }

  /** A code that stays: all capitals (ISO, CSV, XLSX, KB, UTC, TOKEN), a letter (column G). */
  private static boolean isCode(String w) {
    return w.equals(w.toUpperCase(java.util.Locale.ROOT));
  }
}
