package org.spamtraffic.evidence.mail;

import java.util.List;

/** The corpus's trusted relays, for tests outside this package. */
public final class OriginAgainstSpamAssassinTestAccess {
  private OriginAgainstSpamAssassinTestAccess() {}

  /** The corpus owner's relays. */
  public static List<String> trusted() {
    return OriginAgainstSpamAssassinTest.CORPUS_TRUSTED;
  }
}
