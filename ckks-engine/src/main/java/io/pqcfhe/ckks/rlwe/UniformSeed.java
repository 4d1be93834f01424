package io.pqcfhe.ckks.rlwe;

import io.pqcfhe.ckks.prng.PrngSeed;
import io.pqcfhe.ckks.prng.PrngType;
import io.pqcfhe.ckks.prng.SealPrng;
import io.pqcfhe.ckks.prng.UniformModSampler;
import java.util.Objects;

/**
 * The seed from which a uniform polynomial {@code a} was expanded (SEAL's PRNG and rejection
 * sampler), so that an object can be saved in SEAL's seeded form. Public information.
 */
public record UniformSeed(PrngType type, PrngSeed seed) {

  public UniformSeed {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(seed, "seed");
  }

  /**
   * Re-expands the polynomial for the given primes into {@code out} from {@code offset},
   * limb-major.
   */
  public void expand(long[] primes, int n, long[] out, int offset) {
    UniformModSampler.sample(SealPrng.create(type, seed), primes, n, out, offset);
  }
}
