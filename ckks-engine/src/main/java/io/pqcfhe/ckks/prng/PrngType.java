package io.pqcfhe.ckks.prng;

/**
 * SEAL's {@code prng_type}: the byte that names how a seeded object's uniform polynomials expand.
 */
public enum PrngType {
  /** SEAL's default, and what node-seal writes. */
  BLAKE2XB(1),
  SHAKE256(2);

  private final int code;

  PrngType(int code) {
    this.code = code;
  }

  /** The byte SEAL writes for this type. */
  public int code() {
    return code;
  }

  /**
   * The type for SEAL's byte, or {@code null} when the byte names no supported PRNG (0 is
   * "unknown").
   */
  public static PrngType fromCode(int code) {
    for (PrngType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
