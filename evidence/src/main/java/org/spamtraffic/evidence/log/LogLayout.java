package org.spamtraffic.evidence.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.spamtraffic.evidence.EvidenceKind;
import org.spamtraffic.schema.ReturnFormat;

/**
 * How an operator's CSV log is laid out: which header names its columns, how its times are written,
 * and what its verdict, interconnect and verification values mean. The documented layout (see
 * {@code docs/derive-returns.md}) needs no file; a mapping file (JSON) names what differs:
 *
 * <pre>{@code
 * {"delimiter": ";", "time_format": "dd/MM/yyyy HH:mm:ss", "time_zone": "Africa/Nairobi",
 *  "columns": {"sender": "A-Number", "time": "Submit Time", "verdict": "Action"},
 *  "verdicts": {"BLK": "blocked", "PASS": "clean"},
 *  "routes": {"SMPP-AGG-1": "a2p_aggregator", "IGW": "international_gateway"}}
 * }</pre>
 */
public final class LogLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Logical columns every kind reads, and the ones each kind requires. */
  public enum Column {
    SENDER("sender", "from", "a_number", "anumber", "originator", "source_addr", "msisdn_from"),
    RECIPIENT("recipient", "to", "b_number", "bnumber", "destination", "dest_addr", "msisdn_to"),
    REPORTER("reporter", "reported_by", "reporting_number", "subscriber"),
    CALLER("caller", "calling", "calling_number", "a_number", "anumber", "cli", "from"),
    CALLEE("callee", "called", "called_number", "b_number", "bnumber", "to"),
    TIME(
        "time",
        "timestamp",
        "date",
        "datetime",
        "date_time",
        "submit_time",
        "start_time",
        "received",
        "reported_at"),
    VERDICT("verdict", "action", "decision", "result", "disposition", "status"),
    INTERCONNECT(
        "interconnect",
        "route",
        "ingress",
        "trunk",
        "trunk_group",
        "origin_route",
        "interconnect_type"),
    MCC_MNC("mcc_mnc", "mccmnc", "origin_mcc_mnc", "hplmn", "origin_network"),
    TEXT("text", "message", "body", "content", "message_text"),
    CATEGORY("category", "content_category", "classification"),
    DURATION("duration", "duration_s", "duration_seconds", "seconds", "billsec"),
    ATTESTATION("attestation", "shaken_attestation", "attest", "stir_attestation"),
    VERIFICATION(
        "verification",
        "verstat",
        "shaken_verification",
        "verification_status",
        "stir_verification");

    private final String name;
    private final List<String> aliases;

    Column(String name, String... aliases) {
      this.name = name;
      this.aliases = List.of(aliases);
    }

    /** The documented header. */
    public String header() {
      return name;
    }

    List<String> spellings() {
      List<String> all = new ArrayList<>();
      all.add(name);
      all.addAll(aliases);
      return all;
    }

    static Column of(String name) {
      for (Column c : values()) {
        if (c.name.equals(name)) {
          return c;
        }
      }
      throw new IllegalArgumentException("No log column '" + name + "'");
    }
  }

  /** The columns a kind of log must have. */
  public static Set<Column> required(EvidenceKind kind) {
    return switch (kind) {
      case SMS -> Set.of(Column.SENDER, Column.TIME, Column.VERDICT);
      case SMS_REPORTS -> Set.of(Column.SENDER, Column.TIME);
      case VOICE -> Set.of(Column.CALLER, Column.TIME, Column.DURATION);
      case EMAIL -> throw new IllegalArgumentException("Mail has no CSV layout");
    };
  }

  /** The columns a kind of log reads (others are ignored, and never copied anywhere). */
  public static Set<Column> read(EvidenceKind kind) {
    return switch (kind) {
      case SMS, SMS_REPORTS ->
          Set.of(
              Column.SENDER,
              Column.TIME,
              Column.VERDICT,
              Column.INTERCONNECT,
              Column.MCC_MNC,
              Column.TEXT,
              Column.CATEGORY);
      case VOICE ->
          Set.of(
              Column.CALLER,
              Column.TIME,
              Column.DURATION,
              Column.INTERCONNECT,
              Column.ATTESTATION,
              Column.VERIFICATION,
              Column.VERDICT,
              Column.CATEGORY);
      case EMAIL -> throw new IllegalArgumentException("Mail has no CSV layout");
    };
  }

  private static final Map<String, String> VERDICTS = new LinkedHashMap<>();
  private static final Map<String, String> ROUTES = new LinkedHashMap<>();
  private static final Map<String, String> VERIFICATIONS = new LinkedHashMap<>();

  static {
    for (String v :
        List.of(
            "blocked",
            "block",
            "blocked_spam",
            "reject",
            "rejected",
            "drop",
            "dropped",
            "deny",
            "denied",
            "barred",
            "discarded")) {
      VERDICTS.put(v, "blocked");
    }
    for (String v :
        List.of(
            "spam",
            "flagged",
            "tagged",
            "suspect",
            "suspected",
            "spam_delivered",
            "delivered_spam",
            "allowed_spam",
            "monitor",
            "reported",
            "fraud",
            "robocall")) {
      VERDICTS.put(v, "spam");
    }
    for (String v :
        List.of(
            "clean",
            "ham",
            "allow",
            "allowed",
            "pass",
            "passed",
            "ok",
            "delivered",
            "legitimate",
            "not_spam",
            "accepted",
            "answered",
            "completed")) {
      VERDICTS.put(v, "clean");
    }
    for (String v : List.of("on_net", "onnet", "on-net", "internal", "own_network")) {
      ROUTES.put(v, "on_net");
    }
    for (String v :
        List.of(
            "domestic",
            "domestic_interconnect",
            "national",
            "national_interconnect",
            "interconnect")) {
      ROUTES.put(v, "domestic_interconnect");
    }
    for (String v :
        List.of(
            "international",
            "international_gateway",
            "intl",
            "igw",
            "foreign",
            "international_interconnect")) {
      ROUTES.put(v, "international_gateway");
    }
    for (String v : List.of("a2p", "a2p_aggregator", "aggregator", "smpp", "esme", "bulk")) {
      ROUTES.put(v, "a2p_aggregator");
    }
    for (String v : List.of("grey_route", "gray_route", "sim_box", "simbox", "bypass")) {
      ROUTES.put(v, "grey_route");
    }
    for (String v : List.of("internet", "ott", "voip", "sip_internet")) {
      ROUTES.put(v, "internet");
    }
    for (String v :
        List.of(
            "passed",
            "pass",
            "tn_validation_passed",
            "tn-validation-passed",
            "valid",
            "verified",
            "ok")) {
      VERIFICATIONS.put(v, "passed");
    }
    for (String v :
        List.of(
            "failed",
            "fail",
            "tn_validation_failed",
            "tn-validation-failed",
            "invalid",
            "not_verified")) {
      VERIFICATIONS.put(v, "failed");
    }
    for (String v : List.of("none", "no_tn_validation", "no-tn-validation", "not_checked", "")) {
      VERIFICATIONS.put(v, "none");
    }
  }

  private final char delimiter;
  private final String charset;
  private final Map<Column, String> columns;
  private final String timeFormat;
  private final String timeZone;
  private final Map<String, String> verdicts;
  private final Map<String, String> routes;
  private final Map<String, String> verifications;
  private final Map<String, String> categories;
  private final String source;
  private transient TimeReader times;

  private LogLayout(
      char delimiter,
      String charset,
      Map<Column, String> columns,
      String timeFormat,
      String timeZone,
      Map<String, String> verdicts,
      Map<String, String> routes,
      Map<String, String> verifications,
      Map<String, String> categories,
      String source) {
    this.delimiter = delimiter;
    this.charset = charset;
    this.columns = columns;
    this.timeFormat = timeFormat;
    this.timeZone = timeZone;
    this.verdicts = verdicts;
    this.routes = routes;
    this.verifications = verifications;
    this.categories = categories;
    this.source = source;
  }

  /** The documented layout: comma-separated UTF-8, documented headers, times in UTC. */
  public static LogLayout documented() {
    return new LogLayout(
        ',',
        "UTF-8",
        Map.of(),
        null,
        "UTC",
        VERDICTS,
        ROUTES,
        VERIFICATIONS,
        categoryCodes(),
        "documented");
  }

  /** The documented layout changed by the mapping file {@code file}; fails naming what is wrong. */
  public static LogLayout read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the layout file " + file + ": " + e, e);
    }
    String d = root.path("delimiter").asText(",");
    if (d.equals("\\t") || d.equalsIgnoreCase("tab")) {
      d = "\t";
    }
    if (d.length() != 1) {
      throw new IllegalArgumentException(
          "Layout " + file + ": delimiter must be one character, not '" + d + "'");
    }
    String charset = root.path("charset").asText("UTF-8");
    if (!Charset.isSupported(charset)) {
      throw new IllegalArgumentException("Layout " + file + ": unknown charset '" + charset + "'");
    }
    Map<Column, String> columns = new LinkedHashMap<>();
    root.path("columns")
        .properties()
        .forEach(e -> columns.put(Column.of(e.getKey()), e.getValue().asText()));
    String zone = root.path("time_zone").asText("UTC");
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "Layout " + file + ": unknown time zone '" + zone + "'", e);
    }
    String format = root.hasNonNull("time_format") ? root.path("time_format").asText() : null;
    if (format != null) {
      TimeReader.check(format);
    }
    var routeCodes = ReturnFormat.v1().field("entry_route").codes();
    var categoryCodes = ReturnFormat.v1().field("content_category").codes();
    return new LogLayout(
        d.charAt(0),
        charset,
        columns,
        format,
        zone,
        merge(root.path("verdicts"), VERDICTS, List.of("blocked", "spam", "clean"), file),
        merge(root.path("routes"), ROUTES, routeCodes, file),
        merge(root.path("verification"), VERIFICATIONS, List.of("passed", "failed", "none"), file),
        merge(root.path("categories"), categoryCodes(), categoryCodes, file),
        file.getFileName().toString());
  }

  private static Map<String, String> categoryCodes() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String c : ReturnFormat.v1().field("content_category").codes()) {
      m.put(c, c);
    }
    m.put("scam", "fraud_scam");
    m.put("fraud", "fraud_scam");
    m.put("advertising", "commercial");
    m.put("marketing", "commercial");
    return m;
  }

  private static Map<String, String> merge(
      JsonNode given, Map<String, String> defaults, List<String> allowed, Path file) {
    Map<String, String> m = new LinkedHashMap<>();
    given
        .properties()
        .forEach(
            e -> {
              String to = e.getValue().asText();
              if (!allowed.contains(to)) {
                throw new IllegalArgumentException(
                    "Layout "
                        + file
                        + ": '"
                        + e.getKey()
                        + "' maps to '"
                        + to
                        + "', not one of "
                        + allowed);
              }
              m.put(normalise(e.getKey()), to);
            });
    defaults.forEach(m::putIfAbsent);
    return m;
  }

  private static final java.util.regex.Pattern SEPARATORS =
      java.util.regex.Pattern.compile("[\\s-]+");

  /** Values and headers compared lower case, with spaces and dashes as underscores. */
  public static String normalise(String value) {
    return SEPARATORS.matcher(value.trim().toLowerCase(Locale.ROOT)).replaceAll("_");
  }

  /** The field separator. */
  public char delimiter() {
    return delimiter;
  }

  /** The charset of the file. */
  public Charset charset() {
    return Charset.forName(charset);
  }

  /** The header spellings that stand for {@code column}: the mapping's, else the documented. */
  List<String> headersOf(Column column) {
    String mapped = columns.get(column);
    return mapped != null ? List.of(normalise(mapped)) : column.spellings();
  }

  /** How times are read. */
  public TimeReader times() {
    if (times == null) {
      times = new TimeReader(timeFormat, ZoneId.of(timeZone));
    }
    return times;
  }

  /** The verdict ({@code blocked}, {@code spam}, {@code clean}) a log value means, or null. */
  public String verdict(String value) {
    return verdicts.get(normalise(value));
  }

  /** The entry route an interconnect value means, or null. */
  public String route(String value) {
    return routes.get(normalise(value));
  }

  /** The verification result ({@code passed}, {@code failed}, {@code none}), or null. */
  public String verification(String value) {
    return verifications.get(normalise(value));
  }

  /** The content category code a category value means, or null. */
  public String category(String value) {
    return categories.get(normalise(value));
  }

  /** The mapping file's name, or {@code documented}. */
  public String source() {
    return source;
  }
}
