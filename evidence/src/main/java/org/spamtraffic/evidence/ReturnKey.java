package org.spamtraffic.evidence;

import java.io.Serializable;
import java.util.Comparator;

/**
 * The breakdown of one derived return row: the return's key columns other than operator and
 * destination, which are the same on every row of a derived return.
 */
public record ReturnKey(
    String period,
    String spamType,
    String contentCategory,
    String sourceCountry,
    String sourceNetwork,
    String entryRoute)
    implements Serializable, Comparable<ReturnKey> {

  private static final Comparator<ReturnKey> ORDER =
      Comparator.comparing(ReturnKey::period)
          .thenComparing(ReturnKey::spamType)
          .thenComparing(ReturnKey::contentCategory)
          .thenComparing(ReturnKey::sourceCountry)
          .thenComparing(ReturnKey::sourceNetwork)
          .thenComparing(ReturnKey::entryRoute);

  @Override
  public int compareTo(ReturnKey o) {
    return ORDER.compare(this, o);
  }
}
