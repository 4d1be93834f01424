package io.pqcfhe.ckks.security;

/**
 * Classical security levels of the HomomorphicEncryption.org standard, with the maximum total
 * coefficient-modulus size (bits) for a ternary secret, as tabulated by SEAL 4.1 ({@code
 * util/hestdparms.h}).
 */
public enum SecurityLevel {
  BITS_128(128, 109, 218, 438, 881),
  BITS_192(192, 75, 152, 305, 611),
  BITS_256(256, 58, 118, 237, 476),
  /**
   * No bound: for tests of the arithmetic with toy parameters only. Never the default, never
   * accepted from a client.
   */
  NONE(0, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

  private final int bits;
  private final int[] maxModulusBits; // N = 4096, 8192, 16384, 32768

  SecurityLevel(int bits, int... maxModulusBits) {
    this.bits = bits;
    this.maxModulusBits = maxModulusBits;
  }

  /** The security level in bits (0 for {@link #NONE}). */
  public int bits() {
    return bits;
  }

  /**
   * The largest total coefficient-modulus bit count allowed for degree {@code n} (4096 … 32768).
   */
  public int maxModulusBits(int n) {
    return switch (n) {
      case 4096 -> maxModulusBits[0];
      case 8192 -> maxModulusBits[1];
      case 16384 -> maxModulusBits[2];
      case 32768 -> maxModulusBits[3];
      default ->
          throw new IllegalArgumentException("poly_modulus_degree not in the standard table: " + n);
    };
  }

  /** The level for 128, 192 or 256 bits. */
  public static SecurityLevel ofBits(int bits) {
    return switch (bits) {
      case 128 -> BITS_128;
      case 192 -> BITS_192;
      case 256 -> BITS_256;
      default ->
          throw new IllegalArgumentException("security_level must be 128, 192 or 256: " + bits);
    };
  }
}
