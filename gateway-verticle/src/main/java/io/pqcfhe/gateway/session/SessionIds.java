package io.pqcfhe.gateway.session;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable session ids: 256 random bits from SecureRandom, base64url without padding. */
public final class SessionIds {
  private static final int RANDOM_BYTES = 32;
  private final SecureRandom random;

  public SessionIds(SecureRandom random) {
    this.random = random;
  }

  public String next() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return "sess-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
