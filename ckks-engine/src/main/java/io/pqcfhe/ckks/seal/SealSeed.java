package io.pqcfhe.ckks.seal;

import io.pqcfhe.ckks.prng.PrngSeed;
import io.pqcfhe.ckks.prng.PrngType;
import io.pqcfhe.ckks.prng.SealPrng;

/**
 * SEAL's {@code UniformRandomGeneratorInfo}: the PRNG type and the public seed from which the
 * second polynomial of a seeded ciphertext or key is expanded. Saved as a nested object of 81
 * bytes.
 */
public record SealSeed(PrngType type, PrngSeed seed) {

  static final int SAVE_BYTES = SealHeader.BYTES + 1 + PrngSeed.BYTES;

  public SealSeed {
    java.util.Objects.requireNonNull(type);
    java.util.Objects.requireNonNull(seed);
  }

  /** A fresh PRNG positioned at the start of this seed's stream. */
  public SealPrng newPrng() {
    return SealPrng.create(type, seed);
  }

  void write(SealOutput out) {
    new SealHeader(ComprMode.NONE, SAVE_BYTES).write(out);
    out.u8(type.code());
    out.bytes(seed.bytes());
  }

  static SealSeed read(SealInput in) {
    SealFraming.nestedHeader(in, SAVE_BYTES);
    PrngType type = PrngType.fromCode(in.u8());
    if (type == null) {
      throw SealFormatException.invalid("unknown PRNG type in seeded object");
    }
    return new SealSeed(type, PrngSeed.of(in.bytes(PrngSeed.BYTES)));
  }
}
