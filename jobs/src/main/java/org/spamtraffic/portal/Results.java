package org.spamtraffic.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.spamtraffic.language.Language;
import org.spamtraffic.schema.ReturnFormat;
import org.spamtraffic.validate.FileOwner;
import org.spamtraffic.validate.Messages;

/**
 * The saved result of each upload ({@code <state>/results/<operator>/<key>.json}, and the marked
 * workbook beside it as {@code <key>.xlsx}), who may read it, and what it says in words. The key is
 * the stored file's name when the file was kept, else the upload's id.
 */
final class Results {
  /** An upload's id when its file was not kept. */
  static final Pattern UPLOAD_ID = Pattern.compile("^r-[0-9a-f]{16}$");

  /** The rule that marks a macro-enabled workbook. */
  static final String MACROS = "file.macro_enabled";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;

  Results(Path state) {
    this.root = state.resolve("results");
  }

  /** The operator's folder; the id is checked, so it cannot climb out of the state folder. */
  Path folder(String operator) {
    if (!Credentials.OPERATOR_ID.matcher(operator).matches()) {
      throw new IllegalArgumentException("Not an operator id: '" + operator + "'");
    }
    return root.resolve(operator);
  }

  void save(String operator, String key, Map<String, Object> result) {
    try {
      Files.createDirectories(folder(operator));
      JSON.writeValue(folder(operator).resolve(key + ".json").toFile(), result);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the result " + key, e);
    }
  }

  /** Where the marked workbook of {@code key} is (or would be). */
  Path annotated(String operator, String key) {
    return folder(operator).resolve(key + ".xlsx");
  }

  /** The saved result, if {@code who} may see it; empty for anything malformed or foreign. */
  Optional<Map<String, Object>> read(Credentials.Principal who, String operator, String key) {
    if (who == null
        || operator == null
        || key == null
        || !Credentials.OPERATOR_ID.matcher(operator).matches()
        || !(UPLOAD_ID.matcher(key).matches() || Landing.STORED_NAME.matcher(key).matches())
        || !who.maySee(operator)) {
      return Optional.empty();
    }
    Path file = folder(operator).resolve(key + ".json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = JSON.readValue(file.toFile(), LinkedHashMap.class);
      return Optional.of(m);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the saved result " + file, e);
    }
  }

  /**
   * The result as the API answers it: the saved JSON, its links, the verdict in words, and every
   * finding's message in the language of {@code texts} (rule ids, codes and values stay as they
   * are).
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> answer(String operator, String key, Map<String, Object> saved, Texts texts) {
    Map<String, Object> m = new LinkedHashMap<>(saved);
    m.put("language", texts.language().code());
    m.put("result_url", "/results/" + operator + "/" + key);
    m.put("annotated_url", "/results/" + operator + "/" + key + "/annotated.xlsx");
    Object findings = m.get("findings");
    if (findings instanceof List<?> list) {
      List<Map<String, Object>> told = new ArrayList<>();
      for (Object f : list) {
        Map<String, Object> finding = new LinkedHashMap<>((Map<String, Object>) f);
        finding.put("message", message(finding, texts.language()));
        told.add(finding);
      }
      m.put("findings", told);
    }
    m.put("message", verdict(m, texts));
    if (!Boolean.TRUE.equals(m.get("stored"))) {
      m.put("error", m.get("message"));
    }
    return m;
  }

  /** Whether no row can be used and rows name another operator than the sender. */
  static boolean sentForAnother(Map<String, Object> r) {
    return number(r, "rows_accepted") == 0 && byRule(r).containsKey(FileOwner.SENDER_RULE);
  }

  /** Whether the file is a workbook with macros (the portal keeps no active content). */
  static boolean hasMacros(Map<String, Object> r) {
    return byRule(r).containsKey(MACROS);
  }

  /**
   * A saved finding's message in {@code language}: rendered again from its rule and values, so that
   * a result saved in one language reads in any; the saved (English) message when the rule is not
   * one of the return format's.
   */
  static String message(Map<String, Object> finding, Language language) {
    String saved = String.valueOf(finding.get("message"));
    Object rule = finding.get("rule");
    if (language == Language.ENGLISH
        || rule == null
        || !ReturnFormat.v1().rules().containsKey(rule.toString())) {
      return saved;
    }
    return Messages.render(
        language,
        rule.toString(),
        text(finding.get("column")),
        text(finding.get("value")),
        text(finding.get("other")));
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }

  /** The result in one or two plain sentences, in the language of {@code texts}. */
  @SuppressWarnings("unchecked")
  String verdict(Map<String, Object> r, Texts texts) {
    long read = number(r, "rows_read");
    long accepted = number(r, "rows_accepted");
    long rejected = number(r, "rows_rejected");
    if (r.get("reader_failure") != null) {
      return texts.get(
          "verdict.reader_failed",
          org.spamtraffic.validate.Phrases.in(
              texts.language(), String.valueOf(r.get("reader_failure"))));
    }
    if (hasMacros(r)) {
      return texts.get("verdict.macros");
    }
    if (sentForAnother(r)) {
      return texts.get(
          "verdict.another_operator", number(byRule(r), FileOwner.SENDER_RULE), r.get("sender"));
    }
    List<Map<String, Object>> findings = (List<Map<String, Object>>) r.get("findings");
    String fileError =
        findings.stream()
            .filter(f -> f.get("row") == null && "error".equals(f.get("level")))
            .map(f -> message(f, texts.language()))
            .findFirst()
            .orElse(null);
    if (fileError != null && read == 0) {
      return texts.get("verdict.unreadable", fileError).strip();
    }
    switch (String.valueOf(r.get("status"))) {
      case "accepted":
        return texts.get("verdict.accepted", read);
      case "accepted_with_rejects":
        return texts.get("verdict.accepted_with_rejects", accepted, rejected);
      case "rejected":
        return read == 0
            ? texts.get("verdict.header_only")
            : texts.get("verdict.all_rejected", read);
      default:
        return texts.get("verdict.unreadable", fileError == null ? "" : fileError).strip();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> byRule(Map<String, Object> r) {
    Object m = r.get("by_rule");
    return m instanceof Map ? (Map<String, Object>) m : Map.of();
  }

  private static long number(Map<String, Object> r, String key) {
    Object v = r.get(key);
    return v instanceof Number n ? n.longValue() : 0;
  }
}
