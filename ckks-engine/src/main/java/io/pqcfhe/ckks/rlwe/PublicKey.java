package io.pqcfhe.ckks.rlwe;

import java.util.Arrays;

/**
 * A public key: an encryption of zero (−(a·s + e), a) at the key level in NTT form, SEAL's layout
 * (polynomial p, prime j, value i at {@code (p·k + j)·N + i}). Immutable and thread-safe.
 */
public final class PublicKey {

  private final int degree;
  private final long[] data;
  private final UniformSeed seed;

  /** Takes ownership of {@code values} (2·k·N values); {@code seed} may be null. */
  public PublicKey(int degree, long[] values, UniformSeed seed) {
    if (values.length % (2 * degree) != 0) {
      throw new IllegalArgumentException("public key data length is not 2·k·N");
    }
    this.degree = degree;
    this.data = values;
    this.seed = seed;
  }

  public int degree() {
    return degree;
  }

  public int limbCount() {
    return data.length / (2 * degree);
  }

  /** A copy of the values, SEAL order. */
  public long[] data() {
    return Arrays.copyOf(data, data.length);
  }

  long[] values() {
    return data;
  }

  /** The seed of the second polynomial, or null (e.g. loaded from an unseeded save). */
  public UniformSeed seed() {
    return seed;
  }
}
