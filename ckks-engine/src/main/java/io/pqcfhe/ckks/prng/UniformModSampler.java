package io.pqcfhe.ckks.prng;

import io.pqcfhe.ckks.ring.Modulus;

/**
 * Samples a polynomial uniformly modulo each prime of an RNS basis from a {@link SealPrng}, value
 * for value as SEAL 4.1's {@code sample_poly_uniform} does, so a seed expands to the same
 * polynomial here and in SEAL.
 *
 * <p>The order matters and is SEAL's: first {@code k·n} 64-bit words are drawn in one go, filling
 * the output limb-major ({@code out[offset + j·n + i]} for prime j, coefficient i); then, prime by
 * prime and coefficient by coefficient, each word at or above {@code 2^64 − 1 − ((2^64 − 1) mod q)
 * − 1} is replaced by words drawn afresh from the stream until one is below it; the kept word is
 * reduced mod q. (The bound is one below the largest multiple of q that fits, as SEAL writes it: it
 * rejects slightly more than strictly necessary, which keeps the result uniform.)
 */
public final class UniformModSampler {

  private static final long MAX_RANDOM = 0xFFFF_FFFF_FFFF_FFFFL;

  private UniformModSampler() {}

  /**
   * Writes {@code moduli.length · n} values, each in [0, q_j), into {@code out} from {@code
   * offset}.
   *
   * @param moduli the primes, each in (1, 2^62)
   * @param n the polynomial degree (coefficients per prime)
   */
  public static void sample(SealPrng prng, long[] moduli, int n, long[] out, int offset) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be positive");
    }
    long count = (long) moduli.length * n;
    if (offset < 0 || count > out.length - (long) offset) {
      throw new IllegalArgumentException("output too small for " + count + " values at " + offset);
    }
    for (long q : moduli) {
      if (q <= 1 || q >>> 62 != 0) {
        throw new IllegalArgumentException("modulus out of range: " + q);
      }
    }
    prng.nextLongs(out, offset, (int) count);
    for (int j = 0; j < moduli.length; j++) {
      long q = moduli[j];
      long rejectFrom = MAX_RANDOM - Long.remainderUnsigned(MAX_RANDOM, q) - 1;
      int base = offset + j * n;
      // Barrett reduction gives the same remainder as a division at a fraction of its cost; it
      // covers the primes the engine uses (below 2^61), the division the rest.
      Modulus barrett = q >>> Modulus.MAX_BITS == 0 ? new Modulus(q) : null;
      for (int i = 0; i < n; i++) {
        long r = out[base + i];
        while (Long.compareUnsigned(r, rejectFrom) >= 0) {
          r = prng.nextLong();
        }
        out[base + i] = barrett != null ? barrett.reduce(r) : Long.remainderUnsigned(r, q);
      }
    }
  }
}
