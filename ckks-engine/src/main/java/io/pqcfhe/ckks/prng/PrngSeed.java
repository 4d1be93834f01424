package io.pqcfhe.ckks.prng;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 64-byte seed of a SEAL PRNG. In seeded ciphertexts and keys the seed is public (it only
 * expands the uniform polynomial {@code a}); it is still compared in constant time and copied
 * defensively, so no caller can change a seed after the fact.
 */
public final class PrngSeed {

  /** SEAL's {@code prng_seed_byte_count}: eight 64-bit words. */
  public static final int BYTES = 64;

  private final byte[] bytes;

  private PrngSeed(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A seed holding a copy of exactly {@value #BYTES} bytes. */
  public static PrngSeed of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException(
          "a PRNG seed has " + BYTES + " bytes, not " + bytes.length);
    }
    return new PrngSeed(bytes.clone());
  }

  /** A fresh seed from {@code random}. */
  public static PrngSeed random(SecureRandom random) {
    byte[] b = new byte[BYTES];
    random.nextBytes(b);
    return new PrngSeed(b);
  }

  /** A copy of the seed bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Writes the seed into {@code out} at {@code offset}. */
  public void copyTo(byte[] out, int offset) {
    System.arraycopy(bytes, 0, out, offset, BYTES);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrngSeed other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "PrngSeed[" + HexFormat.of().formatHex(bytes, 0, 4) + "…]";
  }
}
