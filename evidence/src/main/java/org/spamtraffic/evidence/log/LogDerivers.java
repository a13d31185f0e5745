package org.spamtraffic.evidence.log;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spamtraffic.evidence.EvidenceKind;
import org.spamtraffic.evidence.Outcome;
import org.spamtraffic.evidence.PeriodScope;
import org.spamtraffic.evidence.ReturnKey;
import org.spamtraffic.evidence.content.Content;
import org.spamtraffic.evidence.content.ContentRules;
import org.spamtraffic.evidence.phone.Senders;

/**
 * Turns a record of an SMS firewall log, a 7726 report file or a CDR file into an outcome. The
 * sender's number gives the source country and range (or the log's MCC-MNC the network); the
 * interconnect gives the route ({@link Routes}); the verdict, or for calls the operator's call-rate
 * threshold, says whether it was spam. Recipients' and reporters' numbers are never read.
 */
public final class LogDerivers implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Pattern MCC_MNC = Pattern.compile("^([0-9]{3})[-/ ]?([0-9]{2,3})$");
  private static final Pattern URL =
      Pattern.compile(
          "(?i)\\b(?:https?://|www\\.)[^\\s\"'<>]+|\\b[a-z0-9-]+\\.(?:ly|link|info|top|xyz|click|me|co|com|net)/[^\\s]*");

  private final String operatorCountry;
  private final Senders senders;
  private final ContentRules content;
  private final PeriodScope periods;
  private final String phoneDataNote;

  /** Derivers for an operator of {@code operatorCountry} (alpha-3). */
  public LogDerivers(
      String operatorCountry,
      Senders senders,
      ContentRules content,
      PeriodScope periods,
      String phoneDataNote) {
    this.operatorCountry = operatorCountry;
    this.senders = senders;
    this.content = content;
    this.periods = periods;
    this.phoneDataNote = phoneDataNote;
  }

  /**
   * An SMS firewall record or a 7726 report ({@code kind} SMS or SMS_REPORTS). A report counts as
   * spam detected and delivered unless {@code reportsAlsoInLog}: when a firewall log of the same
   * traffic is read too, the reported message is already counted there, and the report adds only to
   * user reports.
   */
  public Outcome sms(EvidenceKind kind, LogRow row, LogLayout layout, boolean reportsAlsoInLog) {
    TimeAndPeriod t = timeAndPeriod(kind, row, layout);
    if (t.unusable != null) {
      return t.unusable;
    }
    boolean blocked = false;
    if (kind == EvidenceKind.SMS) {
      String verdict = layout.verdict(row.get(LogLayout.Column.VERDICT));
      if (verdict == null) {
        return unusable(kind, row, "log.unknown_verdict", clip(row.get(LogLayout.Column.VERDICT)));
      }
      if (verdict.equals("clean")) {
        return new Outcome.Clean(t.period, "sms");
      }
      blocked = verdict.equals("blocked");
    }
    List<String> notes = new ArrayList<>();
    notes.add(kind == EvidenceKind.SMS ? "spam.log_verdict" : "spam.user_report");
    Senders.Origin origin = senders.of(row.get(LogLayout.Column.SENDER));
    String network = network(row, origin, notes);
    String route = Routes.of(row, layout, origin, operatorCountry, notes);
    String category = category(row, layout, notes);
    boolean report = kind == EvidenceKind.SMS_REPORTS;
    if (report && reportsAlsoInLog) {
      notes.add("spam.report_counted_in_log");
    }
    return new Outcome.Spam(
        new ReturnKey(t.period, "sms", category, origin.country(), network, route),
        !(report && reportsAlsoInLog),
        blocked,
        !blocked,
        report,
        notes);
  }

  /** A call detail record; {@code rates} applies the call-rate threshold, or is null. */
  public Outcome voice(LogRow row, LogLayout layout, CallRates rates) {
    TimeAndPeriod t = timeAndPeriod(EvidenceKind.VOICE, row, layout);
    if (t.unusable != null) {
      return t.unusable;
    }
    Optional<Long> duration = duration(row.get(LogLayout.Column.DURATION));
    if (duration.isEmpty()) {
      return unusable(
          EvidenceKind.VOICE, row, "log.bad_duration", clip(row.get(LogLayout.Column.DURATION)));
    }
    String verdict = null;
    String verdictValue = row.get(LogLayout.Column.VERDICT);
    if (!verdictValue.isEmpty()) {
      verdict = layout.verdict(verdictValue);
      if (verdict == null) {
        return unusable(EvidenceKind.VOICE, row, "log.unknown_verdict", clip(verdictValue));
      }
    }
    List<String> notes = new ArrayList<>();
    boolean byVerdict = verdict != null && !verdict.equals("clean");
    String caller = row.get(LogLayout.Column.CALLER);
    boolean byRate =
        rates != null
            && rates.robocall(
                caller, t.time.atZone(layout.times().zone()).toLocalDate(), duration.get());
    if (!byVerdict && !byRate) {
      return new Outcome.Clean(t.period, "voice");
    }
    notes.add(byVerdict ? "spam.log_verdict" : "spam.call_rate");
    boolean blocked = "blocked".equals(verdict);
    Senders.Origin origin = senders.of(caller);
    String country = origin.country();
    String network = network(row, origin, notes);
    String verification =
        row.has(LogLayout.Column.VERIFICATION)
            ? layout.verification(row.get(LogLayout.Column.VERIFICATION))
            : null;
    if (row.has(LogLayout.Column.VERIFICATION)) {
      if (verification == null) {
        notes.add("shaken.verification_unmapped");
      } else {
        notes.add("shaken.verification_" + verification);
      }
    }
    String attestation = row.get(LogLayout.Column.ATTESTATION).toUpperCase(java.util.Locale.ROOT);
    if (!attestation.isEmpty()) {
      notes.add(
          attestation.matches("[ABC]")
              ? "shaken.attestation_" + attestation
              : "shaken.attestation_other");
    }
    if ("failed".equals(verification)) {
      // A caller id that failed verification is likely spoofed: its number says nothing of origin.
      notes.add("spoof.verification_failed");
      country = "unknown";
      network = "unknown";
    }
    if (origin.kind() == Senders.Kind.INVALID) {
      notes.add("spoof.invalid_number");
    } else if (origin.kind() == Senders.Kind.UNALLOCATED) {
      notes.add("spoof.unallocated_number");
    }
    String route = Routes.of(row, layout, origin, operatorCountry, notes);
    String category = category(row, layout, notes);
    return new Outcome.Spam(
        new ReturnKey(t.period, "voice", category, country, network, route),
        true,
        blocked,
        !blocked,
        false,
        notes);
  }

  /** The caller-day of a CDR for counting call rates, or empty when the record is unusable. */
  public static Optional<CallRates.CallerDay> callerDay(LogRow row, LogLayout layout) {
    Optional<Instant> t = layout.times().read(row.get(LogLayout.Column.TIME));
    Optional<Long> d = duration(row.get(LogLayout.Column.DURATION));
    if (t.isEmpty() || d.isEmpty()) {
      return Optional.empty();
    }
    LocalDate day = t.get().atZone(layout.times().zone()).toLocalDate();
    return Optional.of(new CallRates.CallerDay(row.get(LogLayout.Column.CALLER), day));
  }

  private String network(LogRow row, Senders.Origin origin, List<String> notes) {
    notes.add(Routes.senderNote(origin));
    Matcher m = MCC_MNC.matcher(row.get(LogLayout.Column.MCC_MNC));
    if (m.matches()) {
      notes.add("network.mcc_mnc");
      return m.group(1) + "-" + m.group(2);
    }
    if (origin.kind() == Senders.Kind.NUMBER) {
      notes.add("network.number_range");
      notes.add(phoneDataNote);
      if (origin.carrier() != null) {
        notes.add("network.carrier=" + origin.carrier());
      }
      return origin.range();
    }
    notes.add("network.unknown");
    return "unknown";
  }

  private String category(LogRow row, LogLayout layout, List<String> notes) {
    String given = row.get(LogLayout.Column.CATEGORY);
    if (!given.isEmpty()) {
      String c = layout.category(given);
      if (c != null) {
        notes.add("category.log_column");
        return c;
      }
      notes.add("category.unmapped");
      return "unknown";
    }
    String text = row.get(LogLayout.Column.TEXT);
    if (!text.isEmpty()) {
      List<String> links = new ArrayList<>();
      Matcher u = URL.matcher(text);
      while (u.find()) {
        links.add(u.group().startsWith("http") ? u.group() : "http://" + u.group());
      }
      ContentRules.Verdict v = content.classify(Content.ofText(text, links));
      notes.add("category=" + v.rule());
      return v.category();
    }
    notes.add("category.not_in_log");
    return "unknown";
  }

  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,9}");
  private static final Pattern DECIMAL_SECONDS = Pattern.compile("[0-9]{1,9}\\.[0-9]+");
  private static final Pattern HMS = Pattern.compile("^([0-9]{1,3}):([0-5][0-9]):([0-5][0-9])$");

  private static Optional<Long> duration(String value) {
    String v = value.trim();
    if (!v.isEmpty() && v.length() <= 9 && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.of(Long.parseLong(v)); // whole seconds, most logs' form, without a regex
    }
    if (SECONDS.matcher(v).matches()) {
      return Optional.of(Long.parseLong(v));
    }
    if (DECIMAL_SECONDS.matcher(v).matches()) {
      return Optional.of((long) Math.floor(Double.parseDouble(v)));
    }
    Matcher hms = HMS.matcher(v);
    if (hms.matches()) {
      return Optional.of(
          Long.parseLong(hms.group(1)) * 3600
              + Long.parseLong(hms.group(2)) * 60
              + Long.parseLong(hms.group(3)));
    }
    return Optional.empty();
  }

  private TimeAndPeriod timeAndPeriod(EvidenceKind kind, LogRow row, LogLayout layout) {
    String value = row.get(LogLayout.Column.TIME);
    Optional<Instant> t = layout.times().read(value);
    if (t.isEmpty()) {
      return new TimeAndPeriod(null, null, unusable(kind, row, "log.bad_time", clip(value)));
    }
    Optional<String> p = periods.periodOf(t.get());
    if (p.isEmpty()) {
      return new TimeAndPeriod(
          null, null, unusable(kind, row, "outside_period", periods.toString()));
    }
    return new TimeAndPeriod(t.get(), p.get(), null);
  }

  private record TimeAndPeriod(Instant time, String period, Outcome.Unusable unusable) {}

  private static Outcome.Unusable unusable(
      EvidenceKind kind, LogRow row, String reason, String detail) {
    return new Outcome.Unusable(kind, row.where(), reason, detail);
  }

  /** A value quoted in a message (a verdict, a time): short, and only from non-personal columns. */
  private static String clip(String v) {
    return v.length() <= 40 ? v : v.substring(0, 40) + "…";
  }
}
