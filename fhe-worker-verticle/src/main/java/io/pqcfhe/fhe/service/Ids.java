package io.pqcfhe.fhe.service;

import io.pqcfhe.protocol.Addresses;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The ids one request creates (contexts, keys, ciphertexts): a prefix and 128 bits. Random in a single
 * process: unguessable, though a guess would not help (lookups are per session). Derived from the operation
 * id when the request carries one, so that a retried operation writes the same ids: the first 16 bytes of
 * SHA-256("pqcfhe-id" 0x00 operation id 0x00 index), the index counting the ids the request created before.
 * One instance per request, used by one thread.
 */
final class Ids {
  private final SecureRandom random;
  private final String operationId;
  private int index;

  private Ids(SecureRandom random, String operationId) {
    this.random = random;
    this.operationId = operationId;
  }

  static Ids random(SecureRandom random) {
    return new Ids(random, null);
  }

  /** @throws IllegalArgumentException when {@code operationId} is not 32 lower-case hex digits */
  static Ids derived(String operationId) {
    requireOperationId(operationId);
    return new Ids(null, operationId);
  }

  static void requireOperationId(String operationId) {
    if (!Addresses.isOperationId(operationId)) {
      throw new IllegalArgumentException("an operation id is 32 lower-case hex digits");
    }
  }

  String next(String prefix) {
    byte[] bytes = operationId == null ? randomBytes() : derivedBytes(index++);
    return prefix + HexFormat.of().formatHex(bytes);
  }

  private byte[] randomBytes() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return bytes;
  }

  private byte[] derivedBytes(int index) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update("pqcfhe-id\0".getBytes(StandardCharsets.US_ASCII));
      sha256.update(operationId.getBytes(StandardCharsets.US_ASCII));
      sha256.update((byte) 0);
      sha256.update(Integer.toString(index).getBytes(StandardCharsets.US_ASCII));
      return Arrays.copyOf(sha256.digest(), 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
