package io.pqcfhe.ckks.rlwe;

import io.pqcfhe.ckks.prng.SealPrng;
import io.pqcfhe.ckks.prng.UniformModSampler;
import io.pqcfhe.ckks.ring.Modulus;
import io.pqcfhe.ckks.ring.NoiseSource;
import io.pqcfhe.ckks.ring.RnsContext;
import io.pqcfhe.ckks.ring.Samplers;
import java.security.SecureRandom;
import java.util.Arrays;

/** The encryption-of-zero primitives shared by key generation and encryption (package-internal). */
final class Rlwe {

  private Rlwe() {}

  /**
   * Writes a symmetric encryption of zero over the first {@code limbs} primes, NTT form, as SEAL's
   * encrypt_zero_symmetric: c1 = a (expanded from a fresh seed with SEAL's PRNG, used directly as
   * NTT values), c0 = −(a·s + e). Polynomial 0 at {@code off}, polynomial 1 at {@code off +
   * limbs·N}. {@code secretShoup}: the Shoup companions of {@code secret}, for callers that encrypt
   * many times under one key (key-switching keys: one encryption per data prime and key), which
   * makes each a·s a Shoup product; null for a single encryption, whose a·s are Barrett products
   * (computing the companions would cost what they save).
   */
  static UniformSeed encryptZeroSymmetric(
      RnsContext ctx,
      long[] secret,
      long[] secretShoup,
      int limbs,
      SecureRandom random,
      long[] out,
      int off) {
    int n = ctx.degree();
    long[] primes = Arrays.copyOf(ctx.primes(), limbs);
    SealPrng prng = SealPrng.fresh(random);
    int aOff = off + limbs * n;
    UniformModSampler.sample(prng, primes, n, out, aOff);
    try (NoiseSource noise = new NoiseSource(random)) {
      Samplers.centeredBinomial(noise, ctx, limbs, out, off);
    }
    for (int j = 0; j < limbs; j++) {
      Modulus q = ctx.modulus(j);
      int base = off + j * n;
      ctx.ntt(j).forward(out, base);
      int aBase = aOff + j * n;
      int sBase = j * n;
      if (secretShoup != null) {
        for (int i = 0; i < n; i++) {
          long as = q.mulShoup(out[aBase + i], secret[sBase + i], secretShoup[sBase + i]);
          out[base + i] = q.negate(q.add(as, out[base + i]));
        }
        continue;
      }
      for (int i = 0; i < n; i++) {
        long as = q.mul(out[aBase + i], secret[sBase + i]);
        out[base + i] = q.negate(q.add(as, out[base + i]));
      }
    }
    return new UniformSeed(prng.type(), prng.seed());
  }

  /**
   * The parts of a public-key encryption of zero over the first {@code limbs} primes (SEAL's
   * encrypt_zero_asymmetric: (u·pk0 + e0, u·pk1 + e1), u ternary) laid out for the division by the
   * last prime that follows: limbs 0 … limbs−2 of each polynomial hold u·pk_p (NTT form) and the
   * errors e_p are written separately in coefficient form to {@code errors} (polynomial p at {@code
   * p·(limbs−1)·N}); the last limb holds u·pk_p + e_p in coefficient form, since the division
   * starts with an inverse NTT of it. {@link RnsContext#divideRoundByPrimeWithAddend} then adds
   * each error with the transform the division needs anyway, saving one forward NTT per limb.
   */
  static void encryptZeroAsymmetricForDivision(
      RnsContext ctx,
      long[] publicKey,
      int limbs,
      SecureRandom random,
      long[] out,
      int off,
      long[] errors) {
    int n = ctx.degree();
    int k = ctx.primeCount();
    int last = limbs - 1;
    long[] u = new long[limbs * n];
    long[] e = new long[limbs * n];
    try (NoiseSource noise = new NoiseSource(random)) {
      Samplers.ternary(noise, ctx, limbs, u, 0);
      for (int j = 0; j < limbs; j++) {
        ctx.ntt(j).forward(u, j * n);
      }
      for (int p = 0; p < 2; p++) {
        int polyOff = off + p * limbs * n;
        Samplers.centeredBinomial(noise, ctx, limbs, e, 0);
        System.arraycopy(e, 0, errors, p * last * n, last * n);
        for (int j = 0; j < limbs; j++) {
          Modulus q = ctx.modulus(j);
          int base = polyOff + j * n;
          int keyBase = (p * k + j) * n;
          int uBase = j * n;
          for (int i = 0; i < n; i++) {
            out[base + i] = q.mul(u[uBase + i], publicKey[keyBase + i]);
          }
          if (j == last) {
            ctx.ntt(j).inverse(out, base);
            for (int i = 0; i < n; i++) {
              out[base + i] = q.add(out[base + i], e[uBase + i]);
            }
          }
        }
      }
    } finally {
      Arrays.fill(u, 0L);
      Arrays.fill(e, 0L);
    }
  }
}
