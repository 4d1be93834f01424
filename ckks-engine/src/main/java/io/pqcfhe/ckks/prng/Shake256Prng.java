package io.pqcfhe.ckks.prng;

import org.bouncycastle.crypto.digests.SHAKEDigest;

/** SEAL's {@code Shake256PRNG}: block {@code c} = SHAKE256(seed ‖ c as 8 LE bytes), 4096 bytes. */
public final class Shake256Prng extends SealPrng {

  private final SHAKEDigest shake = new SHAKEDigest(256);
  private final byte[] input = new byte[PrngSeed.BYTES + Long.BYTES];

  Shake256Prng(PrngSeed seed) {
    super(seed);
    seed.copyTo(input, 0);
  }

  @Override
  public PrngType type() {
    return PrngType.SHAKE256;
  }

  @Override
  void fillBlock(PrngSeed seed, long counter, byte[] block) {
    putLittleEndianLong(input, PrngSeed.BYTES, counter);
    shake.update(input, 0, input.length);
    shake.doFinal(block, 0, block.length);
  }
}
