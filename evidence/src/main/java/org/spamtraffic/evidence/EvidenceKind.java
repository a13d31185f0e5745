package org.spamtraffic.evidence;

import java.util.Locale;

/** The kinds of evidence derive-returns reads, and the spam type (return code) each one counts. */
public enum EvidenceKind {
  /** Spam-trap, quarantine or abuse mailboxes: mbox, Maildir, .eml files. */
  EMAIL("email", "email"),
  /** SMS firewall logs (CSV): every message the firewall saw, with its verdict. */
  SMS("sms", "sms"),
  /** Messages subscribers forwarded to the 7726 short code (CSV): each one a user report. */
  SMS_REPORTS("sms-reports", "sms"),
  /** Call detail records (CSV). */
  VOICE("voice", "voice");

  private final String code;
  private final String spamType;

  EvidenceKind(String code, String spamType) {
    this.code = code;
    this.spamType = spamType;
  }

  /** The name used on the command line and in outputs ({@code sms-reports}). */
  public String code() {
    return code;
  }

  /** The return's {@code spam_type} code this evidence counts. */
  public String spamType() {
    return spamType;
  }

  /** Whether the evidence is a CSV log rather than mail. */
  public boolean isLog() {
    return this != EMAIL;
  }

  /** The kind named {@code code}; fails naming the kinds there are. */
  public static EvidenceKind of(String code) {
    String c = code.trim().toLowerCase(Locale.ROOT);
    for (EvidenceKind k : values()) {
      if (k.code.equals(c)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "No evidence kind '" + code + "'; use one of email, sms, sms-reports, voice");
  }
}
