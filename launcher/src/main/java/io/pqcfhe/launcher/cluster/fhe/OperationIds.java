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
}
