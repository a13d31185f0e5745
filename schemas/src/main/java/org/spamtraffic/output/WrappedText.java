package org.spamtraffic.output;

/**
 * How many lines a text takes when a spreadsheet cell wraps it: spreadsheet programs do not all
 * grow a row to fit wrapped text when they open a file (LibreOffice keeps the stored height when
 * printing), so writers set row heights from this. Widths are in Latin character widths, the unit
 * of a column's width; a Chinese character (and any full-width one) takes two.
 */
public final class WrappedText {
  private WrappedText() {}

  /** How many Latin character widths {@code text} takes on one line. */
  public static int displayWidth(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      width += isWide(cp) ? 2 : 1;
      i += Character.charCount(cp);
    }
    return width;
  }

  /**
   * The lines {@code text} takes in a cell {@code chars} Latin characters wide (at least 1; each
   * line break starts a line).
   */
  public static int lines(String text, int chars) {
    if (chars < 1) {
      throw new IllegalArgumentException("A cell is at least one character wide, not " + chars);
    }
    if (text == null || text.isEmpty()) {
      return 1;
    }
    int lines = 0;
    for (String part : text.split("\n", -1)) {
      lines += Math.max(1, (displayWidth(part) + chars - 1) / chars);
    }
    return lines;
  }

  private static boolean isWide(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL
        || (cp >= 0x3000 && cp <= 0x303F)
        || (cp >= 0xFF00 && cp <= 0xFF60);
  }
}
