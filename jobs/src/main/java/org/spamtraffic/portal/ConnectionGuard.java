package org.spamtraffic.portal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * What Jetty's own settings leave to the portal against slow and many clients, as a bean on the
 * connector (Jetty's public listener interfaces): at most {@code maxPerAddress} open connections
 * per client address (more are closed as soon as they open), and a request header deadline: a
 * connection whose next request line and headers have not arrived {@code headerTimeout} after it
 * opened, or after its previous response, is closed, however slowly it trickles bytes (the idle
 * timeout only bounds the gap between two bytes). Request bodies are bounded by Jetty's minimum
 * request data rate and idle timeout, set on the {@code HttpConfiguration} and the connector.
 */
final class ConnectionGuard implements Connection.Listener, HttpChannel.Listener {
  private final int maxPerAddress;
  private final Duration headerTimeout;
  private final Scheduler scheduler;
  private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
  private final Map<Connection, Watch> watched = new ConcurrentHashMap<>();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong headerTimeouts = new AtomicLong();

  /** One open connection: its address and which request's header it is waiting for. */
  private static final class Watch {
    final InetAddress address;
    final AtomicLong generation = new AtomicLong();
    volatile Scheduler.Task deadline;

    Watch(InetAddress address) {
      this.address = address;
    }
  }

  /**
   * @param maxPerAddress most open connections from one address, 0 for no limit (behind a proxy,
   *     every connection comes from the proxy: limit there instead)
   * @param headerTimeout longest wait for a request's line and headers
   * @param scheduler the connector's scheduler
   */
  ConnectionGuard(int maxPerAddress, Duration headerTimeout, Scheduler scheduler) {
    this.maxPerAddress = maxPerAddress;
    this.headerTimeout = headerTimeout;
    this.scheduler = scheduler;
  }

  /** Connections closed because their address had too many open. */
  long refused() {
    return refused.get();
  }

  /** Connections closed because a request header did not arrive in time. */
  long headerTimeouts() {
    return headerTimeouts.get();
  }

  @Override
  public void onOpened(Connection connection) {
    InetSocketAddress remote = connection.getEndPoint().getRemoteAddress();
    InetAddress address = remote == null ? null : remote.getAddress();
    Watch w = new Watch(address);
    watched.put(connection, w);
    if (address != null && maxPerAddress > 0) {
      int open = perAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
      if (open > maxPerAddress) {
        refused.incrementAndGet();
        connection.getEndPoint().close();
        return;
      }
    }
    awaitHeader(connection, w);
  }

  @Override
  public void onClosed(Connection connection) {
    Watch w = watched.remove(connection);
    if (w == null) {
      return;
    }
    cancel(w);
    if (w.address != null && maxPerAddress > 0) {
      perAddress.computeIfPresent(w.address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
  }

  @Override
  public void onRequestBegin(Request request) {
    Watch w = watched.get(request.getHttpChannel().getConnection());
    if (w != null) {
      w.generation.incrementAndGet();
      cancel(w);
    }
  }

  @Override
  public void onComplete(Request request) {
    Connection c = request.getHttpChannel().getConnection();
    Watch w = watched.get(c);
    if (w != null) {
      awaitHeader(c, w);
    }
  }

  private void awaitHeader(Connection connection, Watch w) {
    long generation = w.generation.incrementAndGet();
    w.deadline =
        scheduler.schedule(
            () -> {
              if (w.generation.get() == generation && watched.containsKey(connection)) {
                headerTimeouts.incrementAndGet();
                connection.getEndPoint().close();
              }
            },
            headerTimeout.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  private static void cancel(Watch w) {
    Scheduler.Task t = w.deadline;
    if (t != null) {
      t.cancel();
    }
  }
}
