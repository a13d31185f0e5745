package org.spamtraffic.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 300 slow clients trickle sign-in requests at the portal on loopback, some from one address and
 * some from fifty, half of them never finishing their headers and half never finishing their form
 * body, while a person signs in from another address. The per-address connection cap, the header
 * deadline, Jetty's minimum request data rate and idle timeout keep the sign-in answering: every
 * probe gets its page and its session within the probe's timeout, and every slow connection is
 * closed by the server. The loops are bounded (30 rounds of 100 ms), so the test takes seconds.
 */
class PortalSlowClientsTest {
  private static final int ROUNDS = 30;
  private static final Duration ROUND = Duration.ofMillis(100);
  private static final int PROBE_TIMEOUT_MILLIS = 3_000;
  private static final int CAP = 10;

  @TempDir static Path temp;
  private static Portal portal;
  private static String token;

  @BeforeAll
  static void start() {
    Path users = temp.resolve("users.json");
    token = Credentials.at(users).create("KE-PERSON", Credentials.Role.OPERATOR);
    portal =
        Portal.start(
            new Portal.Options(
                    "127.0.0.1",
                    0,
                    temp.resolve("landing"),
                    temp.resolve("state"),
                    users,
                    null,
                    1_000_000,
                    10)
                .withLimits(
                    new Portal.Limits(
                        10, 8, CAP, Duration.ofMillis(1500), Duration.ofSeconds(2), 1024)),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @AfterAll
  static void stop() {
    portal.close();
  }

  /** One slow client: its socket and whether it trickles its headers or its body. */
  private record Slow(Socket socket, boolean headers) {}

  @Test
  void slowClientsDoNotStarveTheSignIn() throws Exception {
    List<Slow> slow = new ArrayList<>();
    try {
      // 150 from one address, 150 from 50 addresses (3 each, under the cap).
      for (int i = 0; i < 300; i++) {
        String from = i < 150 ? "127.0.0.2" : "127.0.3." + (1 + (i - 150) % 50);
        boolean headers = i % 2 == 0;
        Socket s = connect(from);
        String start =
            headers
                ? "POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                : "POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 2000\r\n\r\ntoken=";
        writeQuietly(s, start.getBytes(StandardCharsets.US_ASCII));
        slow.add(new Slow(s, headers));
      }
      long slowestProbe = 0;
      int probes = 0;
      for (int round = 0; round < ROUNDS; round++) {
        for (Slow s : slow) {
          writeQuietly(s.socket(), new byte[] {'a'});
        }
        long t0 = System.nanoTime();
        signInAsAPerson();
        slowestProbe = Math.max(slowestProbe, (System.nanoTime() - t0) / 1_000_000);
        probes++;
        Thread.sleep(ROUND.toMillis());
      }
      System.out.printf(
          "slow clients: %d probes, slowest sign-in %d ms, %d connections refused by the"
              + " per-address cap, %d closed at the header deadline%n",
          probes, slowestProbe, portal.connectionsRefused(), portal.headerTimeouts());
      assertThat(probes).isEqualTo(ROUNDS);
      // The 150 from 127.0.0.2 beyond the cap were refused as they opened.
      assertThat(portal.connectionsRefused()).isGreaterThanOrEqualTo(150 - CAP);
      // Every header trickler admitted was closed at the deadline (75 from the 50 addresses).
      assertThat(portal.headerTimeouts()).isGreaterThanOrEqualTo(75);
      // And the server has closed every slow connection, header or body.
      for (Slow s : slow) {
        assertThat(closedByServer(s.socket()))
            .as("a slow %s connection is closed", s.headers() ? "header" : "body")
            .isTrue();
      }
    } finally {
      for (Slow s : slow) {
        s.socket().close();
      }
    }
  }

  private static Socket connect(String from) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(from, 0));
    s.connect(new InetSocketAddress("127.0.0.1", portal.port()), 2_000);
    s.setSoTimeout(50);
    return s;
  }

  private static void writeQuietly(Socket s, byte[] bytes) {
    try {
      s.getOutputStream().write(bytes);
      s.getOutputStream().flush();
    } catch (IOException e) {
      // Closed by the server: what the defences do.
    }
  }

  /** Whether the server has closed {@code s}: its input ends (after any answer it sent). */
  private static boolean closedByServer(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    byte[] buffer = new byte[4096];
    try {
      while (true) {
        if (in.read(buffer) < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");
  private static final Pattern SIGN_IN_COOKIE =
      Pattern.compile("Set-Cookie: (" + Portal.SIGN_IN_COOKIE + "=[^;]+)");

  /** GET /signin then POST the form, from 127.0.0.1, each within the probe's timeout. */
  private static void signInAsAPerson() throws IOException {
    String page = exchange("GET /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertThat(page).startsWith("HTTP/1.1 200");
    Matcher csrf = FORM_TOKEN.matcher(page);
    Matcher cookie = SIGN_IN_COOKIE.matcher(page);
    assertThat(csrf.find()).isTrue();
    assertThat(cookie.find()).isTrue();
    String form =
        "csrf="
            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
            + "&token="
            + URLEncoder.encode(token, StandardCharsets.UTF_8);
    String answer =
        exchange(
            "POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nCookie: "
                + cookie.group(1)
                + "\r\nContent-Length: "
                + form.length()
                + "\r\n\r\n"
                + form);
    assertThat(answer).startsWith("HTTP/1.1 302").contains("Set-Cookie: " + Portal.SESSION_COOKIE);
  }

  private static String exchange(String request) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", portal.port()), PROBE_TIMEOUT_MILLIS);
      s.setSoTimeout(PROBE_TIMEOUT_MILLIS);
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void anUploadThatTakesLongerThanTheHeaderDeadlineButKeepsUpIsReceived() throws Exception {
    // About 120 KB sent in 25 pieces over 2.5 s (48 KB/s): slower than the 1.5 s header deadline
    // allows for headers, far above the 1 KB/s body minimum.
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 800; i++) {
      rows.append(Uploads.row("KE-PERSON", "2025-Q1", "AS" + (10_000 + i), 1_000)).append('\n');
    }
    byte[] csv = (Uploads.HEADER + "\n" + rows).getBytes(StandardCharsets.UTF_8);
    PortalClient.Multipart m = PortalClient.multipart("long.csv", csv);
    String head =
        "POST /api/returns HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "Authorization: Bearer "
            + token
            + "\r\nContent-Type: "
            + m.contentType()
            + "\r\nContent-Length: "
            + m.body().length
            + "\r\n\r\n";
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", portal.port()), 2_000);
      s.setSoTimeout(20_000);
      s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      int pieces = 25;
      int size = (m.body().length + pieces - 1) / pieces;
      for (int i = 0; i < pieces; i++) {
        int from = i * size;
        int to = Math.min(m.body().length, from + size);
        s.getOutputStream().write(m.body(), from, to - from);
        s.getOutputStream().flush();
        Thread.sleep(ROUND.toMillis());
      }
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 201");
    }
  }
}
