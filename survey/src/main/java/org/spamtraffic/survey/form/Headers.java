package org.spamtraffic.survey.form;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The columns of one sheet, as pyxform reads its headers ({@code parsing/sheet_headers.py}):
 * aliases resolved ({@code caption} is {@code label}, {@code relevance} is {@code relevant}, {@code
 * list name} is {@code list_name}), case and spaces normalised ({@code Constraint Message}), and a
 * language or media kind split off with {@code ::} ({@code label::French (fr)}), or with a single
 * {@code :} when no header of the sheet uses {@code ::} ({@code label:English}, the old spelling).
 *
 * <p>Each column gets a meaning ({@code label}, {@code relevant}, {@code image}, ...) and, for the
 * translatable ones, a language. Two different headers with the same meaning are an error, as in
 * pyxform; a header repeated as such ({@code label} twice) is another.
 */
final class Headers {
  /** A column: where it is, what it means, and its language when it has one. */
  record Column(int index, String header, String meaning, String language) {}

  /** Meanings whose columns carry text per language. */
  static final Set<String> TRANSLATABLE =
      Set.of(
          "label",
          "hint",
          "guidance_hint",
          "constraint_message",
          "required_message",
          "image",
          "big-image",
          "audio",
          "video");

  /** Survey headers pyxform knows, by meaning (after snake-casing), with their aliases. */
  private static final Map<String, String> SURVEY_ALIASES = new HashMap<>();

  private static final Map<String, String> CHOICES_ALIASES = new HashMap<>();

  private static final Map<String, String> SETTINGS_ALIASES = new HashMap<>();

  /** Survey meanings the specification defines (everything else is an unknown column). */
  static final Set<String> SURVEY_MEANINGS =
      Set.of(
          "type",
          "name",
          "label",
          "hint",
          "guidance_hint",
          "required",
          "required_message",
          "relevant",
          "constraint",
          "constraint_message",
          "calculation",
          "choice_filter",
          "default",
          "trigger",
          "appearance",
          "read_only",
          "parameters",
          "repeat_count",
          "image",
          "big-image",
          "audio",
          "video",
          "autoplay",
          "rows",
          "intent",
          "save_to",
          "disabled",
          "sms_field",
          "compact_tag",
          "no_app_error_string",
          "list_name",
          "note",
          "extra_data",
          "query",
          "itemset",
          "media");

  static {
    for (String m : SURVEY_MEANINGS) {
      SURVEY_ALIASES.put(m, m);
    }
    SURVEY_ALIASES.put("caption", "label");
    SURVEY_ALIASES.put("relevance", "relevant");
    SURVEY_ALIASES.put("constraining_message", "constraint_message");
    SURVEY_ALIASES.put("jr:constraintmsg", "constraint_message");
    SURVEY_ALIASES.put("calculate", "calculation");
    SURVEY_ALIASES.put("command", "type");
    SURVEY_ALIASES.put("tag", "name");
    SURVEY_ALIASES.put("value", "name");
    SURVEY_ALIASES.put("readonly", "read_only");
    SURVEY_ALIASES.put("count", "repeat_count");
    SURVEY_ALIASES.put("jr:count", "repeat_count");
    SURVEY_ALIASES.put("requiredmsg", "required_message");
    SURVEY_ALIASES.put("jr:requiredmsg", "required_message");
    SURVEY_ALIASES.put("noapperrorstring", "no_app_error_string");
    SURVEY_ALIASES.put("body", "body");

    for (String m :
        List.of(
            "list_name", "name", "label", "image", "big-image", "audio", "video", "sms_option")) {
      CHOICES_ALIASES.put(m, m);
    }
    CHOICES_ALIASES.put("caption", "label");
    CHOICES_ALIASES.put("value", "name");

    SETTINGS_ALIASES.put("set_form_title", "form_title");
    SETTINGS_ALIASES.put("set_form_id", "form_id");
    SETTINGS_ALIASES.put("id_string", "form_id");
  }

  /** Which sheet's rules apply. */
  enum Kind {
    SURVEY,
    CHOICES,
    SETTINGS
  }

  private final List<Column> columns = new ArrayList<>();
  private final Map<String, List<Column>> byMeaning = new LinkedHashMap<>();
  private final List<FormFinding> findings = new ArrayList<>();

  Headers(String sheet, List<String> header, Kind kind) {
    boolean doubleColon = header.stream().anyMatch(h -> h.contains("::"));
    Map<String, Integer> seenExact = new HashMap<>();
    Map<String, String> seenKey = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).trim().replaceAll(" +", " ");
      if (h.isEmpty()) {
        continue;
      }
      Integer first = seenExact.putIfAbsent(h, i);
      if (first != null) {
        findings.add(FormCheck.DUPLICATE_HEADER.at(sheet, 1, h, h));
        continue;
      }
      Column c = column(i, h, doubleColon, kind);
      String key = c.meaning() + "\u0000" + (c.language() == null ? "" : c.language());
      String other = seenKey.get(key);
      if (other != null && !c.meaning().startsWith("?")) {
        findings.add(FormCheck.ALIAS_CONFLICT.at(sheet, 1, h, other, h));
        continue;
      }
      seenKey.put(key, h);
      columns.add(c);
      byMeaning.computeIfAbsent(c.meaning(), k -> new ArrayList<>()).add(c);
    }
  }

  /** Every column, in sheet order. */
  List<Column> columns() {
    return columns;
  }

  /** Duplicate headers and headers that mean the same column. */
  List<FormFinding> findings() {
    return findings;
  }

  /** The column that means {@code meaning} without a language, or -1. */
  int index(String meaning) {
    for (Column c : byMeaning.getOrDefault(meaning, List.of())) {
      if (c.language() == null) {
        return c.index();
      }
    }
    List<Column> all = byMeaning.getOrDefault(meaning, List.of());
    return all.size() == 1 && !TRANSLATABLE.contains(meaning) ? all.get(0).index() : -1;
  }

  /** Whether some column means {@code meaning}. */
  boolean has(String meaning) {
    return byMeaning.containsKey(meaning);
  }

  /** The columns of a translatable meaning, by language ({@code defaultLanguage} when none). */
  Map<String, Integer> translated(String meaning, String defaultLanguage) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Column c : byMeaning.getOrDefault(meaning, List.of())) {
      String language = c.language() == null ? defaultLanguage : c.language();
      // A column in the default language by name wins over the bare column, as in pyxform.
      if (c.language() == null && out.containsKey(language)) {
        continue;
      }
      out.put(language, c.index());
    }
    return out;
  }

  private static Column column(int index, String header, boolean doubleColon, Kind kind) {
    String[] tokens;
    if (doubleColon || header.contains("::")) {
      tokens = header.split("::", -1);
    } else {
      tokens = header.split(":", -1);
      // jr:count and friends keep their namespace prefix.
      List<String> joined = new ArrayList<>();
      for (int i = 0; i < tokens.length; i++) {
        if (tokens[i].trim().equals("jr") && i + 1 < tokens.length) {
          joined.add("jr:" + tokens[++i]);
        } else {
          joined.add(tokens[i]);
        }
      }
      tokens = joined.toArray(new String[0]);
    }
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = tokens[i].trim();
    }
    String first = snake(tokens[0]);
    Map<String, String> aliases =
        kind == Kind.SURVEY
            ? SURVEY_ALIASES
            : kind == Kind.CHOICES ? CHOICES_ALIASES : SETTINGS_ALIASES;
    String meaning = aliases.get(first);
    int rest = 1;
    if (first.equals("media") && tokens.length > 1) {
      meaning = snake(tokens[1]);
      rest = 2;
    } else if ((first.equals("bind") || first.equals("control") || first.equals("instance"))
        && tokens.length > 1) {
      String attribute = tokens[1].toLowerCase(Locale.ROOT);
      meaning = aliases.getOrDefault(attribute, first + ":" + tokens[1]);
      rest = 2;
    }
    if (meaning == null) {
      if (kind == Kind.SETTINGS) {
        return new Column(index, header, first, null);
      }
      // Unknown: kept as written (a choice_filter may read a choices column of any name).
      return new Column(index, header, "?" + header, null);
    }
    String language = null;
    if (tokens.length > rest && TRANSLATABLE.contains(meaning)) {
      language = String.join("::", java.util.Arrays.copyOfRange(tokens, rest, tokens.length));
      if (language.isEmpty()) {
        language = null;
      }
    } else if (tokens.length > rest) {
      // A language on a column that has none (relevant::fr): pyxform keeps it, nobody reads it.
      return new Column(index, header, "?" + header, null);
    }
    return new Column(index, header, meaning, language);
  }

  /** pyxform's {@code to_snake_case}: runs of spaces become one underscore, lower case. */
  static String snake(String s) {
    return String.join("_", s.trim().split("\\s+")).toLowerCase(Locale.ROOT);
  }
}
