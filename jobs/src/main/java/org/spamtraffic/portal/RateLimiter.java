package org.spamtraffic.portal;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Uploads allowed per operator in a sliding window (for example 10 a minute): enough for a person
 * fixing a file, not for a script gone wrong.
 */
final class RateLimiter {
  private final int perWindow;
  private final long windowMillis;
  private final Clock clock;
  private final Map<String, Deque<Long>> recent = new HashMap<>();

  RateLimiter(int perWindow, long windowMillis, Clock clock) {
    if (perWindow < 1) {
      throw new IllegalArgumentException("Uploads per minute must be at least 1, not " + perWindow);
    }
    this.perWindow = perWindow;
    this.windowMillis = windowMillis;
    this.clock = clock;
  }

  /** Whether {@code key} may upload now; counts the upload when it may. */
  synchronized boolean tryAcquire(String key) {
    long now = clock.millis();
    Deque<Long> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
    while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
      times.pollFirst();
    }
    if (times.size() >= perWindow) {
      return false;
    }
    times.addLast(now);
    return true;
  }

  int perWindow() {
    return perWindow;
  }
}
