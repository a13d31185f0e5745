package org.spamtraffic.warehouse;

/**
 * Named points in a commit where a test's child process can be held and then killed ({@code kill
 * -9}), to show that a job killed anywhere leaves the previous study intact. Set the system
 * property {@value #PROPERTY} to a point's name; the process prints {@code paused at <name>} and
 * waits there forever. Unset (always, outside those tests), a point costs one property lookup.
 */
public final class Pause {
  /** The system property naming the point to hold at. */
  public static final String PROPERTY = "spamtraffic.test.pause-at";

  private Pause() {}

  /** Holds the process here if {@value #PROPERTY} names {@code point}. */
  public static void at(String point) {
    if (point.equals(System.getProperty(PROPERTY))) {
      System.out.println("paused at " + point);
      System.out.flush();
      while (true) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
