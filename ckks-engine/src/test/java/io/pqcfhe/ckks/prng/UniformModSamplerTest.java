package io.pqcfhe.ckks.prng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class UniformModSamplerTest {

  private static final PrngSeed SEED = PrngSeed.of(sequence(64));

  /**
   * SEAL's primes sit just below a power of two, so rejections almost never happen with them; a
   * modulus near 2^61.4 rejects about one word in six, which exercises the order in which
   * replacements are drawn: after the whole bulk, prime by prime, coefficient by coefficient.
   */
  @Test
  void rejectedWordsAreReplacedFromTheStreamAfterTheBulkInOrder() {
    long awkward = 0x2AAA_AAAA_AAAA_AAABL;
    long seal = 1099511480321L;
    long[] moduli = {awkward, seal};
    int n = 64;

    long[] actual = new long[2 * n + 3];
    UniformModSampler.sample(SealPrng.create(PrngType.BLAKE2XB, SEED), moduli, n, actual, 3);

    SealPrng stream = SealPrng.create(PrngType.BLAKE2XB, SEED);
    long[] bulk = new long[2 * n];
    for (int t = 0; t < bulk.length; t++) {
      bulk[t] = stream.nextLong();
    }
    List<Long> expected = new ArrayList<>();
    int rejections = 0;
    for (int j = 0; j < 2; j++) {
      long bound = -1L - Long.remainderUnsigned(-1L, moduli[j]) - 1;
      for (int i = 0; i < n; i++) {
        long r = bulk[j * n + i];
        while (Long.compareUnsigned(r, bound) >= 0) {
          rejections++;
          r = stream.nextLong();
        }
        expected.add(Long.remainderUnsigned(r, moduli[j]));
      }
    }
    assertTrue(rejections > 3, "the test modulus must cause rejections, saw " + rejections);
    for (int t = 0; t < 2 * n; t++) {
      assertEquals(expected.get(t), actual[3 + t], "value " + t);
    }
    assertEquals(0, actual[0] | actual[1] | actual[2], "nothing written before the offset");
  }

  @Test
  void everyValueIsBelowItsModulus() {
    long[] moduli = {1152921504606748673L, 1032193L, 3L};
    long[] out = new long[3 * 4096];
    UniformModSampler.sample(SealPrng.create(PrngType.SHAKE256, SEED), moduli, 4096, out, 0);
    for (int t = 0; t < out.length; t++) {
      long q = moduli[t / 4096];
      assertTrue(out[t] >= 0 && out[t] < q);
    }
    assertTrue(
        Arrays.stream(out, 8192, out.length).anyMatch(v -> v == 2), "all residues mod 3 appear");
  }

  @Test
  void refusesBadArguments() {
    SealPrng prng = SealPrng.create(PrngType.BLAKE2XB, SEED);
    assertThrows(
        IllegalArgumentException.class,
        () -> UniformModSampler.sample(prng, new long[] {17}, 8, new long[7], 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> UniformModSampler.sample(prng, new long[] {17}, 8, new long[8], 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> UniformModSampler.sample(prng, new long[] {1}, 8, new long[8], 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> UniformModSampler.sample(prng, new long[] {1L << 62}, 8, new long[8], 0));
  }

  static byte[] sequence(int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) i;
    }
    return b;
  }
}
