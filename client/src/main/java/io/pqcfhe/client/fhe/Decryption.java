package io.pqcfhe.client.fhe;

import java.util.OptionalInt;

/**
 * Decrypted values. {@code precisionBits} is the server's estimate (server-held keys); the client that
 * decrypts locally has none to give.
 */
public record Decryption(double[] values, OptionalInt precisionBits) {
  public Decryption {
    values = values.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }
}
