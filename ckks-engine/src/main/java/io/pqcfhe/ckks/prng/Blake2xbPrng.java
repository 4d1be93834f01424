package io.pqcfhe.ckks.prng;

/**
 * SEAL's {@code Blake2xbPRNG}: block {@code c} = BLAKE2Xb(key = seed, message = c as 8 LE bytes,
 * 4096 bytes).
 */
public final class Blake2xbPrng extends SealPrng {

  private final Blake2xb xof = new Blake2xb();
  private final byte[] key;
  private final byte[] counterBytes = new byte[Long.BYTES];

  Blake2xbPrng(PrngSeed seed) {
    super(seed);
    this.key = seed.bytes();
  }

  @Override
  public PrngType type() {
    return PrngType.BLAKE2XB;
  }

  @Override
  void fillBlock(PrngSeed seed, long counter, byte[] block) {
    putLittleEndianLong(counterBytes, 0, counter);
    xof.generate(key, counterBytes, counterBytes.length, block);
  }
}
