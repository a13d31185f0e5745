package org.spamtraffic.evidence;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts a derivation keeps: per return row its measures and how often each derivation rule
 * applied, per service (period and spam type) the records seen, and per evidence kind the inputs
 * read, used and unusable (by reason). Nothing else: no address, number or text of an input.
 * Tallies of parts of the evidence merge into the tally of the whole (Spark tasks).
 */
public final class Tally implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The measures of one return row and the rules that made it. */
  public static final class Row implements Serializable {
    private static final long serialVersionUID = 1L;
    private long detected;
    private long blocked;
    private long delivered;
    private long userReports;
    private final Map<String, Long> notes = new HashMap<>();

    /** Spam messages or calls counted in the row. */
    public long detected() {
      return detected;
    }

    /** Of those, blocked. */
    public long blocked() {
      return blocked;
    }

    /** Of those, delivered to users. */
    public long delivered() {
      return delivered;
    }

    /** User reports among them. */
    public long userReports() {
      return userReports;
    }

    /** How many inputs of the row each derivation note applied to, by note. */
    public Map<String, Long> notes() {
      return new TreeMap<>(notes);
    }

    private void merge(Row o) {
      detected += o.detected;
      blocked += o.blocked;
      delivered += o.delivered;
      userReports += o.userReports;
      o.notes.forEach((k, v) -> notes.merge(k, v, Long::sum));
    }
  }

  /** Inputs of one evidence kind: read = spam + clean + unusable. */
  public static final class Inputs implements Serializable {
    private static final long serialVersionUID = 1L;
    private long spam;
    private long clean;
    private long unusable;
    private final Map<String, Long> byReason = new HashMap<>();

    /** Inputs read. */
    public long read() {
      return spam + clean + unusable;
    }

    /** Inputs counted as spam. */
    public long spam() {
      return spam;
    }

    /** Inputs counted as clean traffic. */
    public long clean() {
      return clean;
    }

    /** Inputs used: spam + clean. */
    public long used() {
      return spam + clean;
    }

    /** Inputs that could not be used. */
    public long unusable() {
      return unusable;
    }

    /** Unusable inputs by reason. */
    public Map<String, Long> byReason() {
      return new TreeMap<>(byReason);
    }

    private void merge(Inputs o) {
      spam += o.spam;
      clean += o.clean;
      unusable += o.unusable;
      o.byReason.forEach((k, v) -> byReason.merge(k, v, Long::sum));
    }
  }

  private final Map<ReturnKey, Row> rows = new HashMap<>();
  private final Map<String, Long> traffic = new HashMap<>();
  private final Map<EvidenceKind, Inputs> inputs = new HashMap<>();

  /** Counts one outcome of an input of {@code kind}. */
  public void add(EvidenceKind kind, Outcome outcome) {
    Inputs in = inputs.computeIfAbsent(kind, k -> new Inputs());
    if (outcome instanceof Outcome.Spam s) {
      in.spam++;
      Row r = rows.computeIfAbsent(s.key(), k -> new Row());
      if (s.detected()) {
        r.detected++;
        if (s.blocked()) {
          r.blocked++;
        }
        if (s.delivered()) {
          r.delivered++;
        }
      }
      if (s.userReport()) {
        r.userReports++;
      }
      for (String n : s.notes()) {
        r.notes.merge(n, 1L, Long::sum);
      }
      if (carriesTraffic(kind)) {
        traffic.merge(serviceKey(s.key().period(), s.key().spamType()), 1L, Long::sum);
      }
    } else if (outcome instanceof Outcome.Clean c) {
      in.clean++;
      if (carriesTraffic(kind)) {
        traffic.merge(serviceKey(c.period(), c.spamType()), 1L, Long::sum);
      }
    } else if (outcome instanceof Outcome.Unusable u) {
      in.unusable++;
      in.byReason.merge(u.reason(), 1L, Long::sum);
    }
  }

  /** Adds every count of {@code other} to this tally; returns this. */
  public Tally merge(Tally other) {
    other.rows.forEach((k, r) -> rows.computeIfAbsent(k, x -> new Row()).merge(r));
    other.traffic.forEach((k, v) -> traffic.merge(k, v, Long::sum));
    other.inputs.forEach((k, v) -> inputs.computeIfAbsent(k, x -> new Inputs()).merge(v));
    return this;
  }

  /** The return rows, in return order. */
  public Map<ReturnKey, Row> rows() {
    return Collections.unmodifiableMap(new TreeMap<>(rows));
  }

  /** Records of firewall logs and CDRs (spam and clean) of one service in one period. */
  public long traffic(String period, String spamType) {
    return traffic.getOrDefault(serviceKey(period, spamType), 0L);
  }

  /** Inputs by evidence kind, for the kinds read. */
  public Map<EvidenceKind, Inputs> inputs() {
    return Collections.unmodifiableMap(new TreeMap<>(inputs));
  }

  /** Inputs of every kind together. */
  public Inputs allInputs() {
    Inputs all = new Inputs();
    inputs.values().forEach(all::merge);
    return all;
  }

  /** Firewall logs and CDRs see all traffic, spam or not; mailboxes and reports see spam only. */
  public static boolean carriesTraffic(EvidenceKind kind) {
    return kind == EvidenceKind.SMS || kind == EvidenceKind.VOICE;
  }

  private static String serviceKey(String period, String spamType) {
    return period + '\t' + spamType;
  }
}
