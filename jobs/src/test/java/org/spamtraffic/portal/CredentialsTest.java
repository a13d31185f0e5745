package org.spamtraffic.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens are checked exactly: another case, a missing character or a revoked token is refused. */
class CredentialsTest {
  @TempDir Path temp;

  @Test
  void onlyTheExactActiveTokenIsAccepted() {
    Credentials c = Credentials.at(temp.resolve("users.json"));
    String token = c.create("KE-KILIMA", Credentials.Role.OPERATOR);
    assertThat(c.verify(token)).map(Credentials.Principal::operator).hasValue("KE-KILIMA");
    assertThat(c.verify(token.toUpperCase(Locale.ROOT))).isEmpty();
    assertThat(c.verify(token.substring(0, token.length() - 1))).isEmpty();
    assertThat(c.verify(token + " ")).isEmpty();
    c.revoke(token.substring(0, token.indexOf('.')));
    assertThat(c.verify(token)).isEmpty();
  }
}
