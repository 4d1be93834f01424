package io.pqcfhe.ckks.ring;

/**
 * The small-coefficient distributions of SEAL 4.1, written as RNS polynomials in coefficient form
 * (limb-major, {@code out[off + j·N + i]}) over the first {@code limbs} primes of a context.
 */
public final class Samplers {

  private static final long TWENTY_ONE_BITS = (1L << 21) - 1;

  private Samplers() {}

  /** Uniform ternary {−1, 0, 1} (the secret key and the encryption randomness u). */
  public static void ternary(NoiseSource random, RnsContext ctx, int limbs, long[] out, int off) {
    int n = ctx.degree();
    for (int i = 0; i < n; i++) {
      int b;
      do {
        b = random.nextByte();
      } while (b == 255); // 255 = 3 · 85: reject the excess so b mod 3 is uniform
      int v = b % 3 - 1;
      for (int j = 0; j < limbs; j++) {
        long q = ctx.modulus(j).value();
        out[off + j * n + i] = v < 0 ? q - 1 : v;
      }
    }
  }

  /**
   * Centered binomial error as SEAL: the difference of the Hamming weights of two 21-bit values (σ
   * = √(42/4) ≈ 3.24).
   */
  public static void centeredBinomial(
      NoiseSource random, RnsContext ctx, int limbs, long[] out, int off) {
    int n = ctx.degree();
    for (int i = 0; i < n; i++) {
      long r = random.nextLong();
      int e = Long.bitCount(r & TWENTY_ONE_BITS) - Long.bitCount((r >>> 21) & TWENTY_ONE_BITS);
      for (int j = 0; j < limbs; j++) {
        long q = ctx.modulus(j).value();
        out[off + j * n + i] = e < 0 ? q + e : e;
      }
    }
  }
}
