package org.spamtraffic.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator return format, read once from {@code schemas/return-v1.schema.json}. Everything that
 * checks, casts, templates or documents a return derives from this object: the column list, code
 * lists, labels, header spellings and rule messages.
 */
public final class ReturnFormat {
  /** The schema file on the classpath, relative to {@code schemas/}. */
  public static final String SCHEMA_FILE = "return-v1.schema.json";

  private static final ReturnFormat V1 = load(Schemas.json(SCHEMA_FILE));

  private final int version;
  private final List<Field> fields;
  private final Map<String, Field> byName;
  private final Map<String, String> headerIndex;
  private final List<String> key;
  private final List<String> serviceLevelKey;
  private final Map<String, Rule> rules;
  private final Set<String> languages;

  private ReturnFormat(
      int version,
      List<Field> fields,
      List<String> key,
      List<String> serviceLevelKey,
      Map<String, Rule> rules) {
    this.version = version;
    this.fields = List.copyOf(fields);
    this.key = List.copyOf(key);
    this.serviceLevelKey = List.copyOf(serviceLevelKey);
    this.rules = Collections.unmodifiableMap(rules);
    Map<String, Field> names = new LinkedHashMap<>();
    Map<String, String> headers = new LinkedHashMap<>();
    Set<String> langs = new HashSet<>();
    for (Field f : fields) {
      names.put(f.name(), f);
      headers.put(Field.normaliseHeader(f.name()), f.name());
      f.aliases().forEach(a -> headers.putIfAbsent(Field.normaliseHeader(a), f.name()));
      f.labels().values().forEach(l -> headers.putIfAbsent(Field.normaliseHeader(l), f.name()));
      langs.addAll(f.labels().keySet());
    }
    this.byName = Collections.unmodifiableMap(names);
    this.headerIndex = Collections.unmodifiableMap(headers);
    this.languages = Set.copyOf(langs);
  }

  /** Version 1 of the return format. */
  public static ReturnFormat v1() {
    return V1;
  }

  /** The format's version number. */
  public int version() {
    return version;
  }

  /** The columns, in schema order. */
  public List<Field> fields() {
    return fields;
  }

  /** The column called {@code name}. */
  public Field field(String name) {
    Field f = byName.get(name);
    if (f == null) {
      throw new IllegalArgumentException("No column '" + name + "' in return format v" + version);
    }
    return f;
  }

  /** The columns that identify one measurement: a file may hold each key once. */
  public List<String> key() {
    return key;
  }

  /** The columns within which service-level measures must agree (operator, period, type). */
  public List<String> serviceLevelKey() {
    return serviceLevelKey;
  }

  /** Every rule by id, in schema order: cell, row, return, then file rules. */
  public Map<String, Rule> rules() {
    return rules;
  }

  /** The rule {@code id}. */
  public Rule rule(String id) {
    Rule r = rules.get(id);
    if (r == null) {
      throw new IllegalArgumentException("No rule '" + id + "' in return format v" + version);
    }
    return r;
  }

  /** Languages that have labels for every column. */
  public Set<String> languages() {
    return languages;
  }

  /**
   * The canonical column a header stands for, matching names, aliases and labels in any language
   * regardless of case, spaces, dashes and underscores.
   */
  public Optional<String> columnForHeader(String header) {
    return Optional.ofNullable(headerIndex.get(Field.normaliseHeader(header)));
  }

  static ReturnFormat load(JsonNode root) {
    Set<String> required = new HashSet<>();
    root.path("required").forEach(n -> required.add(n.asText()));
    List<Field> fields = new ArrayList<>();
    root.path("properties")
        .properties()
        .forEach(e -> fields.add(field(e.getKey(), e.getValue(), required.contains(e.getKey()))));
    Map<String, Rule> rules = new LinkedHashMap<>();
    root.path("x-rules").forEach(r -> rules.put(r.path("id").asText(), rule(r, "error")));
    root.path("x-file-rules").forEach(r -> rules.put(r.path("id").asText(), rule(r, "error")));
    return new ReturnFormat(
        root.path("x-version").asInt(),
        fields,
        strings(root.path("x-key")),
        strings(root.path("x-service-level-key")),
        rules);
  }

  private static Field field(String name, JsonNode n, boolean required) {
    FieldKind kind;
    if ("integer".equals(n.path("type").asText())) {
      kind = FieldKind.MEASURE;
    } else if (n.has("enum")) {
      kind = FieldKind.CODE;
    } else if ("iso3166-alpha3".equals(n.path("x-codelist").asText())) {
      kind = FieldKind.COUNTRY;
    } else if ("period".equals(name)) {
      kind = FieldKind.PERIOD;
    } else {
      kind = FieldKind.TEXT;
    }
    Optional<Pattern> pattern =
        kind == FieldKind.TEXT && n.has("pattern")
            ? Optional.of(Pattern.compile(n.path("pattern").asText()))
            : Optional.empty();
    Map<String, Map<String, String>> codeLabels = new LinkedHashMap<>();
    n.path("x-code-labels")
        .properties()
        .forEach(e -> codeLabels.put(e.getKey(), map(e.getValue())));
    return new Field(
        name,
        kind,
        required,
        strings(n.path("enum")),
        pattern,
        n.path("maxLength").asInt(0),
        n.path("x-allow-unknown").asBoolean(false)
            || strings(n.path("enum")).contains(Field.UNKNOWN)
            || (n.has("pattern") && n.path("pattern").asText().contains(Field.UNKNOWN)),
        "service".equals(n.path("x-level").asText()),
        map(n.path("x-labels")),
        codeLabels,
        strings(n.path("x-aliases")),
        n.path("description").asText(),
        n.path("x-example").asText());
  }

  private static Rule rule(JsonNode r, String defaultLevel) {
    return new Rule(
        r.path("id").asText(),
        Rule.Level.valueOf(r.path("level").asText(defaultLevel).toUpperCase(Locale.ROOT)),
        r.path("scope").asText("file"),
        r.path("description").asText(r.path("message").asText()),
        r.path("message").asText());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Map<String, String> map(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
