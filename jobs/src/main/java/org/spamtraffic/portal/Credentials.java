package org.spamtraffic.portal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The portal's access tokens, kept in a JSON file that holds only salted SHA-256 hashes: a token is
 * shown once, when it is created, and cannot be read back. A token is {@code <id>.<secret>}: the id
 * finds the entry, the 256-bit random secret is checked against the hash in constant time (a fast
 * hash is enough for random secrets of that length; passwords would need PBKDF2). Revoking keeps
 * the entry, marked revoked, so that the request log's ids stay explainable.
 *
 * <p>The file is read again whenever it changes, so a token revoked with {@code bin/spamtraffic
 * tokens revoke} is refused at once by a running portal.
 */
public final class Credentials {
  /** What a token lets its holder do. */
  public enum Role {
    /** Uploads returns and sees its own submissions. */
    OPERATOR,
    /** Sees every operator's submissions. */
    ANALYST;

    /** Lower-case name, as written in the file and on the command line. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The role called {@code code}. */
    public static Role of(String code) {
      for (Role r : values()) {
        if (r.code().equals(code)) {
          return r;
        }
      }
      throw new IllegalArgumentException("Unknown role '" + code + "'; use operator or analyst");
    }
  }

  /**
   * One token as stored.
   *
   * @param id public part of the token, also used to revoke it
   * @param operator the operator id the token acts for (an analyst's name for analysts)
   * @param role operator or analyst
   * @param salt hex salt
   * @param hash hex SHA-256 of salt and secret
   * @param created when it was created
   * @param revoked when it was revoked, or null
   */
  public record Entry(
      String id,
      String operator,
      String role,
      String salt,
      String hash,
      String created,
      String revoked) {
    /** Whether the token is still valid. */
    public boolean active() {
      return revoked == null;
    }
  }

  /** Who a valid token belongs to. */
  public record Principal(String tokenId, String operator, Role role) {
    /** Whether this principal may see {@code operator}'s submissions. */
    public boolean maySee(String operatorId) {
      return role == Role.ANALYST || operator.equals(operatorId);
    }
  }

  /** Operator ids: the return format's pattern, which also makes them safe folder names. */
  public static final Pattern OPERATOR_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private List<Entry> entries = List.of();
  private FileTime loadedAt;

  private Credentials(Path file) {
    this.file = file;
  }

  /** The credentials kept in {@code file} (created on the first token). */
  public static Credentials at(Path file) {
    Credentials c = new Credentials(file);
    c.reloadIfChanged();
    return c;
  }

  /** Creates a token and returns it in full: the only time it can be seen. */
  public synchronized String create(String operator, Role role) {
    if (!OPERATOR_ID.matcher(operator).matches()) {
      throw new IllegalArgumentException(
          "Operator id '"
              + operator
              + "' is not valid: 2 to 40 letters, digits, dots, dashes or underscores");
    }
    reloadIfChanged();
    String id = "t" + hex(6);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    String salt = hex(16);
    List<Entry> next = new ArrayList<>(entries);
    next.add(
        new Entry(
            id, operator, role.code(), salt, hash(salt, secret), Instant.now().toString(), null));
    save(next);
    return id + "." + secret;
  }

  /** Revokes the token {@code id}; returns whether it was active. */
  public synchronized boolean revoke(String id) {
    reloadIfChanged();
    boolean found = false;
    List<Entry> next = new ArrayList<>();
    for (Entry e : entries) {
      if (e.id().equals(id) && e.active()) {
        found = true;
        next.add(
            new Entry(
                e.id(),
                e.operator(),
                e.role(),
                e.salt(),
                e.hash(),
                e.created(),
                Instant.now().toString()));
      } else {
        next.add(e);
      }
    }
    if (found) {
      save(next);
    }
    return found;
  }

  /** Every token, active or revoked, without secrets (there are none to show). */
  public synchronized List<Entry> list() {
    reloadIfChanged();
    return entries;
  }

  /** Who holds {@code token}, if it is a valid, unrevoked token. */
  public synchronized Optional<Principal> verify(String token) {
    if (token == null) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot == token.length() - 1 || token.length() > 200) {
      return Optional.empty();
    }
    String id = token.substring(0, dot);
    String secret = token.substring(dot + 1);
    reloadIfChanged();
    for (Entry e : entries) {
      if (e.id().equals(id) && e.active()) {
        byte[] expected = HexFormat.of().parseHex(e.hash());
        byte[] actual = HexFormat.of().parseHex(hash(e.salt(), secret));
        if (MessageDigest.isEqual(expected, actual)) {
          return Optional.of(new Principal(e.id(), e.operator(), Role.of(e.role())));
        }
      }
    }
    return Optional.empty();
  }

  private void reloadIfChanged() {
    try {
      if (!Files.exists(file)) {
        entries = List.of();
        loadedAt = null;
        return;
      }
      FileTime modified = Files.getLastModifiedTime(file);
      if (modified.equals(loadedAt)) {
        return;
      }
      entries =
          List.copyOf(
              JSON.readValue(
                  Files.readString(file, StandardCharsets.UTF_8),
                  new TypeReference<List<Entry>>() {}));
      loadedAt = modified;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the credentials file " + file, e);
    }
  }

  private void save(List<Entry> next) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, ".credentials-", ".json");
      try {
        // Hashes only, but still nobody else's business.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system (Windows): the folder's permissions apply.
      }
      Files.writeString(temp, JSON.writeValueAsString(next), StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      entries = List.copyOf(next);
      // Force a re-read on the next call even if the clock's resolution hides the change.
      loadedAt = null;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the credentials file " + file, e);
    }
  }

  private static String hash(String salt, String secret) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(HexFormat.of().parseHex(salt));
      d.update(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static String hex(int n) {
    return HexFormat.of().formatHex(bytes(n));
  }
}
