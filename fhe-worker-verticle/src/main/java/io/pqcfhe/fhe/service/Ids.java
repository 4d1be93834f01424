package io.pqcfhe.fhe.service;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The ids one request creates (contexts, keys, ciphertexts): a prefix and 128 bits, random. Unguessable,
 * though a guess would not help: lookups are per session. One instance per request, used by one thread.
 */
final class Ids {
  private final SecureRandom random;

  private Ids(SecureRandom random) {
    this.random = random;
  }

  static Ids random(SecureRandom random) {
    return new Ids(random);
  }

  String next(String prefix) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }
}
