package io.pqcfhe.launcher.cluster.fhe;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Operation ids ({@link io.pqcfhe.protocol.Addresses#OPERATION_ID_HEADER}): 128 bits from a CSPRNG in lower-case
 * hex, one per fhe.* request a gateway routes, the same on its retry. A worker derives the ids it creates from it
 * and keeps the answer under it, so a retried request writes nothing twice and gets the first answer. Random,
 * not a counter: ids of different gateways never collide, and one session cannot guess another's.
 */
final class OperationIds {
  static final int BYTES = 16;
  private static final HexFormat HEX = HexFormat.of();

  private final SecureRandom random;

  OperationIds(SecureRandom random) {
    this.random = random;
  }

  String next() {
    byte[] bits = new byte[BYTES];
    random.nextBytes(bits);
    return HEX.formatHex(bits);
  }

  /** Whether {@code id} has the form {@link #next()} gives: {@value #BYTES} bytes in lower-case hex. */
  static boolean isWellFormed(String id) {
    if (id == null || id.length() != 2 * BYTES) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
