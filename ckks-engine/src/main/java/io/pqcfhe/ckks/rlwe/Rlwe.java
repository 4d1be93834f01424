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

    private Rlwe() {
    }

    /**
     * Writes a symmetric encryption of zero over the first {@code limbs} primes, NTT form, as SEAL's
     * encrypt_zero_symmetric: c1 = a (expanded from a fresh seed with SEAL's PRNG, used directly as NTT
     * values), c0 = −(a·s + e). Polynomial 0 at {@code off}, polynomial 1 at {@code off + limbs·N}.
     */
    static UniformSeed encryptZeroSymmetric(RnsContext ctx, long[] secret, int limbs, SecureRandom random,
                                            long[] out, int off) {
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
            for (int i = 0; i < n; i++) {
                long as = q.mul(out[aBase + i], secret[sBase + i]);
                out[base + i] = q.negate(q.add(as, out[base + i]));
            }
        }
        return new UniformSeed(prng.type(), prng.seed());
    }

    /**
     * Writes a public-key encryption of zero over the first {@code limbs} primes, NTT form, as SEAL's
     * encrypt_zero_asymmetric: (u·pk0 + e0, u·pk1 + e1) with u ternary — except that the last limb of each
     * polynomial is left in coefficient form, since the caller divides by that prime next (which starts
     * with an inverse NTT of it): the error is added there without a forward transform.
     */
    static void encryptZeroAsymmetricLastLimbInCoefficients(RnsContext ctx, long[] publicKey, int limbs,
                                                             SecureRandom random, long[] out, int off) {
        int n = ctx.degree();
        int k = ctx.primeCount();
        int last = limbs - 1;
        long[] u = new long[limbs * n];
        try (NoiseSource noise = new NoiseSource(random)) {
            Samplers.ternary(noise, ctx, limbs, u, 0);
            for (int j = 0; j < limbs; j++) {
                ctx.ntt(j).forward(u, j * n);
            }
            for (int p = 0; p < 2; p++) {
                int polyOff = off + p * limbs * n;
                Samplers.centeredBinomial(noise, ctx, limbs, out, polyOff);
                for (int j = 0; j < limbs; j++) {
                    Modulus q = ctx.modulus(j);
                    int base = polyOff + j * n;
                    int keyBase = (p * k + j) * n;
                    int uBase = j * n;
                    if (j < last) {
                        ctx.ntt(j).forward(out, base);
                        for (int i = 0; i < n; i++) {
                            out[base + i] = q.add(q.mul(u[uBase + i], publicKey[keyBase + i]), out[base + i]);
                        }
                    } else {
                        long[] product = new long[n];
                        for (int i = 0; i < n; i++) {
                            product[i] = q.mul(u[uBase + i], publicKey[keyBase + i]);
                        }
                        ctx.ntt(j).inverse(product, 0);
                        for (int i = 0; i < n; i++) {
                            out[base + i] = q.add(product[i], out[base + i]);
                        }
                    }
                }
            }
        } finally {
            Arrays.fill(u, 0L);
        }
    }
}
