package org.spamtraffic.portal;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Events allowed per key in a sliding window (for example 10 uploads an operator a minute, or 10
 * failed sign-ins an address a minute): enough for a person, not for a script gone wrong. Keys
 * whose window is empty are forgotten, so many keys cost no lasting memory.
 */
final class RateLimiter {
  private static final int PRUNE_ABOVE = 10_000;

  private final int perWindow;
  private final long windowMillis;
  private final Clock clock;
  private final Map<String, Deque<Long>> recent = new HashMap<>();

  RateLimiter(int perWindow, long windowMillis, Clock clock) {
    if (perWindow < 1) {
      throw new IllegalArgumentException("A rate limit must allow at least 1, not " + perWindow);
    }
    this.perWindow = perWindow;
    this.windowMillis = windowMillis;
    this.clock = clock;
  }

  /** Whether {@code key} may act now; counts the act when it may. */
  synchronized boolean tryAcquire(String key) {
    if (!allows(key)) {
      return false;
    }
    record(key);
    return true;
  }

  /** Whether {@code key} is still under its limit (counts nothing). */
  synchronized boolean allows(String key) {
    Deque<Long> times = recent.get(key);
    if (times == null) {
      return true;
    }
    expire(times, clock.millis());
    return times.size() < perWindow;
  }

  /** Counts one act of {@code key}. */
  synchronized void record(String key) {
    long now = clock.millis();
    if (recent.size() > PRUNE_ABOVE) {
      recent.values().removeIf(t -> expire(t, now));
    }
    Deque<Long> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
    expire(times, now);
    times.addLast(now);
  }

  /** Drops times out of the window; returns whether none is left. */
  private boolean expire(Deque<Long> times, long now) {
    while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
      times.pollFirst();
    }
    return times.isEmpty();
  }

  int perWindow() {
    return perWindow;
  }
}
