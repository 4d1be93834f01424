package io.pqcfhe.ckks.prng;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * SEAL's {@code HashFunction}: BLAKE2b with a 32-byte digest, unkeyed (what {@code parms_id} is
 * made of). Lives here so that BouncyCastle is imported by this package only.
 */
public final class SealHash {

  public static final int BYTES = 32;

  private SealHash() {}

  /** BLAKE2b-256 of {@code data}. */
  public static byte[] blake2b256(byte[] data) {
    Blake2bDigest blake2b = new Blake2bDigest(BYTES * 8);
    blake2b.update(data, 0, data.length);
    byte[] out = new byte[BYTES];
    blake2b.doFinal(out, 0);
    return out;
  }
}
