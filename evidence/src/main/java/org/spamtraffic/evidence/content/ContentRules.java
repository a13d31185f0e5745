package org.spamtraffic.evidence.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content category of a message by transparent rules, read from {@code content-rules.json}
 * beside this class (each rule with its id, its test and why it means what it says): executable or
 * macro attachments mean malware; brand look-alike links, password forms and credential requests
 * mean phishing; advance-fee and payment-fraud phrases mean fraud or scam; offers and opt-out lines
 * mean commercial; nothing means unknown. Categories are tried in the file's order and the first
 * rule that fires decides; its id is recorded in the derivation of the row.
 */
public final class ContentRules implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The rule file, beside this class. */
  public static final String FILE = "content-rules.json";

  /** The rule id recorded when no rule fires. */
  public static final String NOTHING_FIRED = "category.no_rule_fired";

  private static final Pattern HOST =
      Pattern.compile("(?i)^(?:[a-z][a-z0-9+.-]*:)?//([^/:?#\\s]+)");
  private static final Pattern BARE_HOST =
      Pattern.compile("(?i)^(?:www\\.)?([a-z0-9-]+(\\.[a-z0-9-]+)+)");

  /**
   * The category and the rule that decided it.
   *
   * @param category a {@code content_category} code
   * @param rule the id of the rule that fired, or {@link #NOTHING_FIRED}
   */
  public record Verdict(String category, String rule) {}

  private record Rule(
      String id, String category, String test, Pattern pattern, List<Pattern> phrases, int min)
      implements Serializable {}

  private final String version;
  private final List<Rule> rules;
  private final Map<String, List<String>> brands;
  private final Set<String> secondLevel;

  private ContentRules(
      String version, List<Rule> rules, Map<String, List<String>> brands, Set<String> secondLevel) {
    this.version = version;
    this.rules = rules;
    this.brands = brands;
    this.secondLevel = secondLevel;
  }

  /** The project's rules. */
  public static ContentRules standard() {
    try (InputStream in = ContentRules.class.getResourceAsStream(FILE)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + FILE);
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + FILE, e);
    }
  }

  static ContentRules parse(JsonNode root) {
    List<String> order = new ArrayList<>();
    root.path("order").forEach(n -> order.add(n.asText()));
    List<Rule> rules = new ArrayList<>();
    for (String category : order) {
      for (JsonNode r : root.path("rules")) {
        if (!category.equals(r.path("category").asText())) {
          continue;
        }
        List<Pattern> phrases = new ArrayList<>();
        r.path("phrases").forEach(p -> phrases.add(compile(p.asText())));
        rules.add(
            new Rule(
                r.path("id").asText(),
                category,
                r.path("test").asText(),
                r.has("pattern") ? compile(r.path("pattern").asText()) : null,
                phrases,
                r.path("min").asInt(1)));
      }
    }
    Map<String, List<String>> brands = new LinkedHashMap<>();
    root.path("brands")
        .properties()
        .forEach(
            e -> {
              List<String> domains = new ArrayList<>();
              e.getValue().forEach(d -> domains.add(d.asText()));
              brands.put(e.getKey(), domains);
            });
    Set<String> sld = new HashSet<>();
    root.path("second_level_domains").forEach(n -> sld.add(n.asText()));
    return new ContentRules(root.path("version").asText(), rules, brands, sld);
  }

  /**
   * Rules are written in lower case and match lower-cased text (case-insensitive matching was
   * several times slower).
   */
  private static Pattern compile(String regex) {
    return Pattern.compile(regex);
  }

  /** The version of the rule file (recorded with the derivation). */
  public String version() {
    return version;
  }

  /** The category of {@code content}. */
  public Verdict classify(Content content) {
    String words = null;
    Map<String, Boolean> lookalike = new HashMap<>();
    for (Rule r : rules) {
      boolean fired;
      switch (r.test()) {
        case "attachment_name" -> fired = anyFinds(r.pattern(), content.attachmentNames());
        case "attachment_type" -> fired = anyFinds(r.pattern(), content.attachmentTypes());
        case "password_form" -> fired = content.passwordForm();
        case "list_unsubscribe" -> fired = content.listUnsubscribe();
        case "link_lookalike" ->
            fired = lookalike.computeIfAbsent("links", k -> anyLookalike(content.links()));
        case "text" -> {
          if (words == null) {
            words = (content.subject() + "\n" + content.text()).toLowerCase(Locale.ROOT);
          }
          fired = phrasesFound(r, words) >= r.min();
        }
        default -> throw new IllegalStateException("Unknown content test '" + r.test() + "'");
      }
      if (fired) {
        return new Verdict(r.category(), r.id());
      }
    }
    return new Verdict("unknown", NOTHING_FIRED);
  }

  private static boolean anyFinds(Pattern p, List<String> values) {
    for (String v : values) {
      if (p.matcher(v).find()) {
        return true;
      }
    }
    return false;
  }

  private static int phrasesFound(Rule r, String text) {
    int n = 0;
    for (Pattern p : r.phrases()) {
      if (p.matcher(text).find()) {
        n++;
        if (n >= r.min()) {
          return n;
        }
      }
    }
    return n;
  }

  private boolean anyLookalike(List<String> links) {
    for (String link : links) {
      String host = host(link);
      if (host != null && lookalike(host)) {
        return true;
      }
    }
    return false;
  }

  /** The host of a link, lower case, or null. */
  static String host(String link) {
    Matcher m = HOST.matcher(link.trim());
    String h;
    if (m.find()) {
      h = m.group(1);
    } else {
      Matcher b = BARE_HOST.matcher(link.trim());
      if (!b.find() || !link.trim().toLowerCase(Locale.ROOT).startsWith("www.")) {
        return null;
      }
      h = b.group(1);
    }
    int at = h.lastIndexOf('@');
    if (at >= 0) {
      h = h.substring(at + 1); // http://paypal.com@evil.example/ goes to evil.example
    }
    h = h.toLowerCase(Locale.ROOT);
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.isEmpty() || h.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')) ? null : h;
  }

  /**
   * Whether {@code host} passes for a brand's without being one of its domains: a label token is
   * the brand's name, or the registrable name is the brand's with look-alike characters ({@code
   * paypa1}, {@code rnicrosoft}) or one edit away ({@code paypall}, {@code amazom}).
   */
  boolean lookalike(String host) {
    String registrable = registrableName(host);
    String skeleton = skeleton(registrable);
    for (Map.Entry<String, List<String>> brand : brands.entrySet()) {
      String name = brand.getKey();
      if (ownedBy(host, brand.getValue())) {
        continue;
      }
      for (String token : host.split("[.-]")) {
        if (token.equals(name)) {
          return true;
        }
      }
      if (name.length() >= 5
          && !registrable.equals(name)
          && (skeleton.equals(name) || withinOneEdit(registrable, name))) {
        return true;
      }
    }
    return false;
  }

  private static boolean ownedBy(String host, List<String> domains) {
    for (String d : domains) {
      if (host.equals(d) || host.endsWith("." + d)) {
        return true;
      }
    }
    return false;
  }

  /** The label before the public suffix: {@code example} of {@code www.example.co.uk}. */
  private String registrableName(String host) {
    String[] labels = host.split("\\.");
    if (labels.length < 2) {
      return host;
    }
    int tld = labels.length - 1;
    int name = tld - 1;
    if (labels[tld].length() == 2 && secondLevel.contains(labels[name]) && name > 0) {
      name--;
    }
    return labels[name];
  }

  /** The name with look-alike characters read as the letters they imitate. */
  private static String skeleton(String s) {
    return s.replace("rn", "m")
        .replace("vv", "w")
        .replace('0', 'o')
        .replace('1', 'l')
        .replace('3', 'e')
        .replace('4', 'a')
        .replace('5', 's')
        .replace('7', 't')
        .replace("-", "");
  }

  /** Whether {@code a} and {@code b} differ by one insertion, deletion, substitution or swap. */
  static boolean withinOneEdit(String a, String b) {
    int la = a.length();
    int lb = b.length();
    if (Math.abs(la - lb) > 1 || a.equals(b)) {
      return false;
    }
    if (la == lb) {
      int first = -1;
      int diffs = 0;
      for (int i = 0; i < la; i++) {
        if (a.charAt(i) != b.charAt(i)) {
          if (diffs++ == 0) {
            first = i;
          }
        }
      }
      if (diffs == 1) {
        return true;
      }
      return diffs == 2
          && first + 1 < la
          && a.charAt(first) == b.charAt(first + 1)
          && a.charAt(first + 1) == b.charAt(first);
    }
    String longer = la > lb ? a : b;
    String shorter = la > lb ? b : a;
    int i = 0;
    while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
      i++;
    }
    return shorter.substring(i).equals(longer.substring(i + 1));
  }
}
