package org.spamtraffic.intake;

import java.util.NoSuchElementException;

/**
 * The iterator half of every {@link RowSource}: a reader only says how to fetch its next row; the
 * look-ahead that {@code hasNext} needs is kept here, once. The first row is fetched on the first
 * {@code hasNext}, not in the reader's constructor.
 */
abstract class LookaheadRows implements RowSource {
  private RawRow next;
  private boolean started;

  /** The next row after the header, or null when the file has no more. */
  protected abstract RawRow fetch();

  @Override
  public final boolean hasNext() {
    if (!started) {
      next = fetch();
      started = true;
    }
    return next != null;
  }

  @Override
  public final RawRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    RawRow r = next;
    next = fetch();
    return r;
  }
}
