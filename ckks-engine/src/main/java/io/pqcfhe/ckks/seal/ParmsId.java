package io.pqcfhe.ckks.seal;

import io.pqcfhe.ckks.prng.SealHash;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * SEAL's {@code parms_id}: BLAKE2b with a 32-byte digest over the 64-bit little-endian words
 * [scheme, N, q0 … q(k−1), plain modulus] of one level's parameters. Never serialized as such, but
 * every ciphertext and key starts with the one of its level.
 */
public final class ParmsId {

  public static final int BYTES = 32;

  /** SEAL's {@code scheme_type::ckks}. */
  static final int SCHEME_CKKS = 2;

  private final byte[] bytes;

  private ParmsId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The parms_id of CKKS parameters with degree {@code n} and these primes (plain modulus 0). */
  public static ParmsId ofCkks(int n, long[] moduli) {
    byte[] words = new byte[8 * (moduli.length + 3)];
    putLong(words, 0, SCHEME_CKKS);
    putLong(words, 8, n);
    for (int i = 0; i < moduli.length; i++) {
      putLong(words, 16 + 8 * i, moduli[i]);
    }
    // The last word, the plain modulus, is 0 for CKKS: already zero.
    return new ParmsId(SealHash.blake2b256(words));
  }

  /** The parms_id held in these 32 bytes, as SEAL writes them. */
  public static ParmsId of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("a parms_id has 32 bytes");
    }
    return new ParmsId(bytes.clone());
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  void writeTo(SealOutput out) {
    out.bytes(bytes);
  }

  /** Lowercase hex of the 32 bytes in SEAL's order (its four words, little-endian). */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParmsId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }

  private static void putLong(byte[] b, int off, long v) {
    for (int i = 0; i < 8; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }
}
