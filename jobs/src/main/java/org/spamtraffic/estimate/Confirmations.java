package org.spamtraffic.estimate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The analyst's list of operator figures that ingest flagged with a warning (such as {@code
 * period_jump}) and that have since been confirmed, for example by the operator in writing: only a
 * confirmed figure sizes equipment. A CSV file with a header and the columns {@code operator_id},
 * {@code spam_type} and {@code period} (as in the warning: {@code 2025-07} or {@code 2025-Q3}); any
 * further columns ({@code confirmed_by}, {@code note}...) are the analyst's record and are ignored.
 * A figure the operator corrects by resubmitting needs no entry: ingest then checks the new figure.
 */
public final class Confirmations {
  private static final String OPERATOR = "^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$";
  private static final String PERIOD = "^[0-9]{4}-(Q[1-4]|0[1-9]|1[0-2])$";

  private final Set<String> keys;

  private Confirmations(Set<String> keys) {
    this.keys = Collections.unmodifiableSet(keys);
  }

  /** No figure confirmed. */
  public static Confirmations none() {
    return new Confirmations(new LinkedHashSet<>());
  }

  /**
   * Reads a confirmation list.
   *
   * @param in the file's content (closed by the caller)
   * @param source the file's name, for messages
   * @throws IllegalArgumentException naming every line that is not a confirmation
   */
  public static Confirmations read(InputStream in, String source) {
    Set<String> keys = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String header = r.readLine();
      if (header == null) {
        throw new IllegalArgumentException(
            "Confirmation list "
                + source
                + " is empty: it needs the header operator_id,spam_type,period");
      }
      List<String> columns = List.of(header.replace("\uFEFF", "").trim().split("\\s*,\\s*"));
      int op = columns.indexOf("operator_id");
      int type = columns.indexOf("spam_type");
      int period = columns.indexOf("period");
      if (op < 0 || type < 0 || period < 0) {
        throw new IllegalArgumentException(
            "Confirmation list "
                + source
                + ": the header must name operator_id, spam_type and period, got '"
                + header
                + "'");
      }
      String line;
      int n = 1;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        int needed = Math.max(op, Math.max(type, period));
        if (cells.length <= needed) {
          problems.add("line " + n + " has " + cells.length + " cells, fewer than the header's");
          continue;
        }
        String o = cells[op].trim();
        String t = cells[type].trim().toLowerCase(Locale.ROOT);
        String p = cells[period].trim();
        List<String> wrong = new ArrayList<>();
        if (!o.matches(OPERATOR)) {
          wrong.add("operator_id '" + o + "' is not an operator id");
        }
        if (typeByKey(t) == null) {
          wrong.add(
              "spam_type '" + t + "' is not one of email, sms, voice, ip_messaging, ip_multimedia");
        }
        if (!p.matches(PERIOD)) {
          wrong.add("period '" + p + "' is not a month (2025-07) or quarter (2025-Q3)");
        }
        if (wrong.isEmpty()) {
          keys.add(key(t, o, p));
        } else {
          problems.add("line " + n + ": " + String.join("; ", wrong));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read confirmation list " + source, e);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Confirmation list " + source + ": " + String.join("; ", problems));
    }
    return new Confirmations(keys);
  }

  /** A list confirming exactly these {@code "<spam type> <operator_id> <period>"} keys (tests). */
  static Confirmations of(String... typeOperatorPeriod) {
    return new Confirmations(new LinkedHashSet<>(List.of(typeOperatorPeriod)));
  }

  /** How many figures the list confirms. */
  public int size() {
    return keys.size();
  }

  /**
   * Whether {@code warning}, an entry of {@code country_profile.<type>_warnings} ({@code
   * "<operator_id> <period> <rule>"}), is confirmed for {@code type}.
   */
  public boolean confirms(SpamType type, String warning) {
    String[] parts = warning.split(" ");
    return parts.length >= 2 && keys.contains(key(type.key(), parts[0], parts[1]));
  }

  private static String key(String type, String operator, String period) {
    return type + " " + operator + " " + period;
  }

  private static SpamType typeByKey(String key) {
    for (SpamType t : SpamType.values()) {
      if (t.key().equals(key)) {
        return t;
      }
    }
    return null;
  }
}
