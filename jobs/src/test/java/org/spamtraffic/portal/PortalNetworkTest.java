package org.spamtraffic.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who the portal believes a client is: sign-in failures are throttled per address and per token,
 * and the forwarded client address and scheme are believed only from the trusted proxy (here
 * 127.0.0.7), which also makes cookies Secure and adds HSTS. Requests come from chosen loopback
 * addresses (raw sockets bound to 127.0.0.x).
 */
class PortalNetworkTest {
  private static final String PROXY = "127.0.0.7";

  @TempDir static Path temp;
  private static Portal portal;
  private static String token;
  private static String otherToken;

  @BeforeAll
  static void start() {
    Path users = temp.resolve("users.json");
    token = Credentials.at(users).create("KE-NET", Credentials.Role.OPERATOR);
    otherToken = Credentials.at(users).create("KE-NET2", Credentials.Role.OPERATOR);
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
                        3, 8, 32, Duration.ofSeconds(10), Duration.ofSeconds(30), 2048))
                .withNetwork(new Portal.Network(PROXY, false, null)),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @AfterAll
  static void stop() {
    portal.close();
  }

  /** GET /api/submissions from {@code from} with these extra header lines; the whole answer. */
  private static String get(String from, String path, String headers) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(from, 0));
      s.connect(new InetSocketAddress("127.0.0.1", portal.port()), 5_000);
      s.setSoTimeout(10_000);
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
              + headers
              + "\r\n";
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String bearer(String t) {
    return "Authorization: Bearer " + t + "\r\n";
  }

  @Test
  void failingCredentialsAreThrottledPerAddressAndPerToken() throws Exception {
    // Three wrong tokens from one address: the fourth attempt, even with a good token, waits.
    for (int i = 0; i < 3; i++) {
      assertThat(get("127.0.0.20", "/api/submissions", bearer("t00000000000" + i + ".wrong")))
          .startsWith("HTTP/1.1 401");
    }
    String throttled = get("127.0.0.20", "/api/submissions", bearer(token));
    assertThat(throttled).startsWith("HTTP/1.1 429").contains("Retry-After: 60");
    assertThat(throttled)
        .contains(
            "Too many sign-in attempts from your address or for this token in the last minute.");
    // Another address is not held back.
    assertThat(get("127.0.0.21", "/api/submissions", bearer(token))).startsWith("HTTP/1.1 200");

    // One token id guessed from three addresses: a fourth address guessing it waits too.
    String id = token.substring(0, token.indexOf('.'));
    for (int i = 0; i < 3; i++) {
      assertThat(get("127.0.0.3" + i, "/api/submissions", bearer(id + ".guess" + i)))
          .startsWith("HTTP/1.1 401");
    }
    assertThat(get("127.0.0.39", "/api/submissions", bearer(id + ".guess9")))
        .startsWith("HTTP/1.1 429");
  }

  @Test
  void forwardedHeadersAreBelievedOnlyFromTheTrustedProxy() throws Exception {
    String https = "X-Forwarded-Proto: https\r\nX-Forwarded-For: 198.51.100.4\r\n";
    // From the proxy: the request is HTTPS, so cookies are Secure and HSTS is sent.
    String viaProxy = get(PROXY, "/signin", https);
    assertThat(viaProxy).startsWith("HTTP/1.1 200");
    assertThat(viaProxy).contains("Strict-Transport-Security: max-age=31536000");
    assertThat(cookieLine(viaProxy)).contains("Secure").contains("HttpOnly");
    // From anyone else the same headers are ignored.
    String direct = get("127.0.0.8", "/signin", https);
    assertThat(direct).doesNotContain("Strict-Transport-Security");
    assertThat(cookieLine(direct)).doesNotContain("Secure").contains("HttpOnly");
  }

  @Test
  void throttlingFollowsTheForwardedClientBehindTheProxy() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(
              get(
                  PROXY,
                  "/api/submissions",
                  "X-Forwarded-For: 198.51.100.9\r\n" + bearer("t11111111111" + i + ".wrong")))
          .startsWith("HTTP/1.1 401");
    }
    assertThat(
            get(
                PROXY,
                "/api/submissions",
                "X-Forwarded-For: 198.51.100.9\r\n" + bearer(otherToken)))
        .startsWith("HTTP/1.1 429");
    // Another client behind the same proxy is not held back.
    assertThat(
            get(
                PROXY,
                "/api/submissions",
                "X-Forwarded-For: 198.51.100.10\r\n" + bearer(otherToken)))
        .startsWith("HTTP/1.1 200");
  }

  private static String cookieLine(String answer) {
    return answer
        .lines()
        .filter(l -> l.startsWith("Set-Cookie: " + Portal.SIGN_IN_COOKIE))
        .findFirst()
        .orElseThrow();
  }
}
