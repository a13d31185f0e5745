package org.spamtraffic.portal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Browser sessions and their anti-forgery tokens. A session is a random 256-bit id in a cookie,
 * held in memory (a restart signs everyone out), ended by sign-out, an hour without use, twelve
 * hours in all, or the revocation of its token. Forms carry a token derived from the session id
 * (or, for the sign-in form, from a pre-session cookie) with HMAC-SHA256 under a key drawn when the
 * portal starts: OWASP's signed double-submit pattern, so that a page on another site, which can
 * neither read the cookie nor compute the HMAC, cannot forge a form.
 */
final class Sessions {
  static final Duration IDLE = Duration.ofHours(1);
  static final Duration LIFETIME = Duration.ofHours(12);
  private static final int MAX_SESSIONS = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One signed-in browser: which token it signed in with, and when. */
  record Session(String id, String token, Instant created, Instant lastSeen) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final byte[] key = randomBytes(32);
  private final Clock clock;

  Sessions(Clock clock) {
    this.clock = clock;
  }

  /** A new random id, for a session or a pre-session cookie. */
  static String newId() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
  }

  /** Opens a session for {@code token}; returns its id (always new: no session fixation). */
  String open(String token) {
    Instant now = clock.instant();
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.values().removeIf(s -> expired(s, now));
      if (sessions.size() >= MAX_SESSIONS) {
        sessions.values().stream()
            .min(Comparator.comparing(Session::lastSeen))
            .ifPresent(s -> sessions.remove(s.id()));
      }
    }
    String id = newId();
    sessions.put(id, new Session(id, token, now, now));
    return id;
  }

  /** The live session {@code id}, touched; empty when unknown or expired. */
  Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session s = sessions.get(id);
    Instant now = clock.instant();
    if (s == null || expired(s, now)) {
      if (s != null) {
        sessions.remove(id);
      }
      return Optional.empty();
    }
    Session touched = new Session(s.id(), s.token(), s.created(), now);
    sessions.put(id, touched);
    return Optional.of(touched);
  }

  void close(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  private static boolean expired(Session s, Instant now) {
    return s.lastSeen().plus(IDLE).isBefore(now) || s.created().plus(LIFETIME).isBefore(now);
  }

  /** The anti-forgery token of forms sent with the cookie value {@code bound}. */
  String formToken(String bound) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] tag = mac.doFinal(("form:" + bound).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code submitted} is the form token of {@code bound} (constant-time comparison). */
  boolean formTokenMatches(String bound, String submitted) {
    if (bound == null || submitted == null) {
      return false;
    }
    return MessageDigest.isEqual(
        formToken(bound).getBytes(StandardCharsets.US_ASCII),
        submitted.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
