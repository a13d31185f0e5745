package org.spamtraffic.survey.form;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code parameters} column, as pyxform reads and checks it: {@code key=value} pairs separated
 * by spaces, commas or semicolons; keys and values lower-cased except {@code label} and {@code
 * value}; only the keys each question type accepts, with values of the right kind.
 */
final class Parameters {
  private Parameters() {}

  /** The pairs, or empty when the text is not {@code key=value} pairs. */
  static Optional<Map<String, String>> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return Optional.of(out);
    }
    String[] tokens = text.trim().split("(?<=[=])|(?=[=])|[\\s,;]+");
    List<String> t = new java.util.ArrayList<>();
    for (String s : tokens) {
      if (!s.isBlank()) {
        t.add(s.trim());
      }
    }
    if (t.size() % 3 != 0) {
      return Optional.empty();
    }
    for (int i = 0; i < t.size(); i += 3) {
      if (!t.get(i + 1).equals("=") || t.get(i).equals("=") || t.get(i + 2).equals("=")) {
        return Optional.empty();
      }
      String key = t.get(i).toLowerCase(Locale.ROOT);
      String value = t.get(i + 2);
      out.put(
          key, key.equals("label") || key.equals("value") ? value : value.toLowerCase(Locale.ROOT));
    }
    return Optional.of(out);
  }

  /**
   * What is wrong with {@code p} for a question of {@code type} ({@code typeText} as written), or
   * empty. {@code fromFile}: a select from a file.
   */
  static Optional<FormCheck.Hint> problem(
      Map<String, String> p, QuestionType type, String typeText, boolean fromFile) {
    Set<String> accepted = accepted(type, typeText, fromFile);
    if (accepted == null || p.isEmpty()) {
      return Optional.empty();
    }
    Set<String> extra = new TreeSet<>(p.keySet());
    extra.removeAll(accepted);
    if (!extra.isEmpty()) {
      return Optional.of(
          FormCheck.hint(
              "parameter.accepts",
              String.join(", ", new TreeSet<>(accepted)),
              String.join(", ", extra)));
    }
    for (Map.Entry<String, String> e : p.entrySet()) {
      String k = e.getKey();
      String v = e.getValue();
      switch (k) {
        case "randomize":
        case "allow-mock-accuracy":
        case "track-changes":
        case "identify-user":
        case "incremental":
          if (!v.equals("true") && !v.equals("false")) {
            return Optional.of(FormCheck.hint("parameter.boolean", k, v));
          }
          break;
        case "seed":
          if (!"true".equals(p.get("randomize"))) {
            return Optional.of(FormCheck.hint("parameter.seed-needs-randomize"));
          }
          if (!v.matches("-?\\d+(\\.\\d+)?") && !v.matches("\\$\\{[^}]+\\}")) {
            return Optional.of(FormCheck.hint("parameter.seed", v, "${reference}"));
          }
          break;
        case "capture-accuracy":
        case "warning-accuracy":
        case "start":
        case "end":
        case "step":
        case "tick_interval":
        case "placeholder":
          if (!v.matches("-?\\d+(\\.\\d+)?|-?\\.\\d+")) {
            return Optional.of(FormCheck.hint("parameter.number", k, v));
          }
          break;
        case "rows":
        case "max-pixels":
        case "location-min-interval":
        case "location-max-age":
          if (!v.matches("\\d+")) {
            return Optional.of(FormCheck.hint("parameter.whole", k, v));
          }
          break;
        case "quality":
          if (!(typeText.equals("background-audio")
                  ? Set.of("voice-only", "low", "normal")
                  : Set.of("voice-only", "low", "normal", "external"))
              .contains(v)) {
            return Optional.of(
                FormCheck.hint(
                    "parameter.one-of",
                    k,
                    typeText.equals("background-audio")
                        ? "voice-only, low, normal"
                        : "voice-only, low, normal, external",
                    v));
          }
          break;
        case "location-priority":
          if (!Set.of("no-power", "low-power", "balanced", "high-accuracy").contains(v)) {
            return Optional.of(
                FormCheck.hint(
                    "parameter.one-of", k, "no-power, low-power, balanced, high-accuracy", v));
          }
          break;
        case "track-changes-reasons":
          if (!v.equals("on-form-edit")) {
            return Optional.of(FormCheck.hint("parameter.must-be", k, "on-form-edit"));
          }
          break;
        default:
          break;
      }
    }
    if (typeText.equals("audit")) {
      List<String> location =
          List.of("location-priority", "location-min-interval", "location-max-age");
      long given = location.stream().filter(p::containsKey).count();
      if (given > 0 && given < 3) {
        return Optional.of(FormCheck.hint("parameter.audit-location", String.join(", ", location)));
      }
      if (given == 3
          && Long.parseLong(p.get("location-max-age"))
              < Long.parseLong(p.get("location-min-interval"))) {
        return Optional.of(FormCheck.hint("parameter.audit-age"));
      }
    }
    return Optional.empty();
  }

  private static Set<String> accepted(QuestionType type, String typeText, boolean fromFile) {
    if (typeText.equals("audit")) {
      return Set.of(
          "identify-user",
          "location-max-age",
          "location-min-interval",
          "location-priority",
          "track-changes",
          "track-changes-reasons");
    }
    if (typeText.equals("background-audio")) {
      return Set.of("quality");
    }
    switch (type) {
      case SELECT_ONE:
      case SELECT_MULTIPLE:
      case RANK:
        return fromFile
            ? Set.of("randomize", "seed", "value", "label")
            : Set.of("randomize", "seed");
      case TEXT:
        return typeText.equals("text") || typeText.equals("string") ? Set.of("rows") : null;
      case IMAGE:
        return Set.of("app", "max-pixels");
      case AUDIO:
        return Set.of("quality");
      case GEOPOINT:
        return Set.of(
            "allow-mock-accuracy", "capture-accuracy", "reference-geometry", "warning-accuracy");
      case GEOTRACE:
      case GEOSHAPE:
        return Set.of("allow-mock-accuracy", "incremental", "reference-geometry");
      case RANGE:
        return Set.of("start", "end", "step", "tick_interval", "placeholder", "tick_labelset");
      default:
        return null;
    }
  }
}
