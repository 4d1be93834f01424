package io.pqcfhe.ckks.seal;

import io.pqcfhe.ckks.prng.PrngSeed;
import io.pqcfhe.ckks.prng.PrngType;
import io.pqcfhe.ckks.prng.UniformModSampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Well-formed SEAL objects with random values for codec tests. The codec does not care whether the
 * values encrypt anything, so tiny degrees keep the exhaustive refusal tests fast.
 */
final class SyntheticObjects {

  final SealModulusChain chain;
  final Random random;

  SyntheticObjects(int n, long[] moduli, long seed) {
    this.chain = SealModulusChain.of(n, moduli);
    this.random = new Random(seed);
  }

  /** A tiny chain: N = 16, three primes (the codec never needs them to be NTT-friendly). */
  static SyntheticObjects tiny() {
    return new SyntheticObjects(16, new long[] {1099511480321L, 1032193L, 1152921504606830593L}, 7);
  }

  /** SEAL's reference parameters: N = 8192, [60, 40, 40, 60]. */
  static SyntheticObjects reference() {
    return new SyntheticObjects(
        8192,
        new long[] {1152921504606748673L, 1099510890497L, 1099511480321L, 1152921504606830593L},
        8);
  }

  SealCiphertext ciphertext(SealLevel level, int size, double scale) {
    return new SealCiphertext(
        level.parmsId(),
        level.polyModulusDegree(),
        level.primeCount(),
        size,
        scale,
        values(level, size),
        null);
  }

  /** A two-polynomial object whose second polynomial is the expansion of a random seed. */
  SealCiphertext seeded(SealLevel level, double scale) {
    return seeded(level, scale, PrngType.BLAKE2XB);
  }

  SealCiphertext seeded(SealLevel level, double scale, PrngType type) {
    byte[] s = new byte[PrngSeed.BYTES];
    random.nextBytes(s);
    SealSeed seed = new SealSeed(type, PrngSeed.of(s));
    long[] data = values(level, 2);
    int poly = level.primeCount() * level.polyModulusDegree();
    UniformModSampler.sample(seed.newPrng(), level.moduli(), level.polyModulusDegree(), data, poly);
    return new SealCiphertext(
        level.parmsId(), level.polyModulusDegree(), level.primeCount(), 2, scale, data, seed);
  }

  SealSecretKey secretKey() {
    SealLevel key = chain.keyLevel();
    return new SealSecretKey(
        key.parmsId(), key.polyModulusDegree(), key.primeCount(), values(key, 1));
  }

  /**
   * Key-switching keys with the given entries present (others empty); one shared key if {@code
   * shared}.
   */
  SealKeySwitchKeys keySwitchKeys(int entries, int[] present, boolean seeded) {
    SealLevel key = chain.keyLevel();
    int digits = chain.firstDataLevel().primeCount();
    List<List<SealCiphertext>> keys = new ArrayList<>();
    for (int e = 0; e < entries; e++) {
      keys.add(List.of());
    }
    for (int e : present) {
      List<SealCiphertext> entry = new ArrayList<>();
      for (int d = 0; d < digits; d++) {
        entry.add(seeded ? seeded(key, 1.0) : ciphertext(key, 2, 1.0));
      }
      keys.set(e, entry);
    }
    return new SealKeySwitchKeys(key.parmsId(), keys);
  }

  long[] values(SealLevel level, int polys) {
    int n = level.polyModulusDegree();
    long[] data = new long[polys * level.primeCount() * n];
    for (int p = 0; p < polys; p++) {
      for (int j = 0; j < level.primeCount(); j++) {
        long q = level.moduli()[j];
        for (int i = 0; i < n; i++) {
          data[(p * level.primeCount() + j) * n + i] = Math.floorMod(random.nextLong(), q);
        }
      }
    }
    return data;
  }
}
