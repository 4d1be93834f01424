package io.pqcfhe.ckks.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.ckks.params.CoeffModulus;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DoubleNttTest {

  @Test
  void servesSmallPrimesAtLargeDegreesOnly() {
    assertTrue(DoubleNtt.serves(8192, CoeffModulus.create(8192, new int[] {40})[0]));
    assertTrue(DoubleNtt.serves(1024, CoeffModulus.create(1024, new int[] {44})[0]));
    assertFalse(DoubleNtt.serves(8192, CoeffModulus.create(8192, new int[] {45})[0]));
    assertFalse(DoubleNtt.serves(512, CoeffModulus.create(512, new int[] {40})[0]));
  }

  /**
   * Both transforms equal the 64-bit ones to the bit, from inputs at the edges of their ranges
   * (0, q − 1, 4q − 1 forward; 2q − 1 inverse) and random ones, for every degree and prime size
   * the double-precision path serves, the largest prime of each size included.
   */
  @Test
  void transformsEqualThe64BitOnes() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int logN = 10; logN <= 15; logN++) {
      int n = 1 << logN;
      for (int bits : new int[] {20, 30, 36, 40, 44}) {
        long q = CoeffModulus.create(n, new int[] {bits})[0];
        Modulus modulus = new Modulus(q);
        NttTables vectorized = new NttTables(n, modulus);
        NttTables scalar = new NttTables(n, modulus, false);
        assertTrue(vectorized.isVectorized());
        assertFalse(scalar.isVectorized());
        for (long[] input : inputs(n, q, 4 * q, rnd)) {
          assertArrayEquals(transform(scalar, input, true), transform(vectorized, input, true),
              "forward, N=" + n + " q=" + q);
        }
        for (long[] input : inputs(n, q, 2 * q, rnd)) {
          assertArrayEquals(transform(scalar, input, false), transform(vectorized, input, false),
              "inverse, N=" + n + " q=" + q);
        }
      }
    }
  }

  @Test
  void transformsWorkOnASliceAndLeaveTheRestAlone() {
    int n = 4096;
    long q = CoeffModulus.create(n, new int[] {40})[0];
    NttTables vectorized = new NttTables(n, new Modulus(q));
    NttTables scalar = new NttTables(n, new Modulus(q), false);
    long[] data = new SplittableRandom(5).longs(3L * n, 0, q).toArray();
    long[] expected = data.clone();
    long[] actual = data.clone();
    scalar.forward(expected, n);
    vectorized.forward(actual, n);
    assertArrayEquals(expected, actual);
    scalar.inverse(expected, 2 * n);
    vectorized.inverse(actual, 2 * n);
    assertArrayEquals(expected, actual);
  }

  private static long[][] inputs(int n, long q, long limit, SplittableRandom rnd) {
    long[] zeros = new long[n];
    long[] top = new long[n];
    long[] reducedTop = new long[n];
    java.util.Arrays.fill(top, limit - 1);
    java.util.Arrays.fill(reducedTop, q - 1);
    long[] alternating = new long[n];
    for (int i = 0; i < n; i++) {
      alternating[i] = (i & 1) == 0 ? limit - 1 : 0;
    }
    return new long[][] {
      zeros, top, reducedTop, alternating, rnd.longs(n, 0, limit).toArray(), rnd.longs(n, 0, q).toArray()
    };
  }

  private static long[] transform(NttTables tables, long[] input, boolean forward) {
    long[] out = input.clone();
    if (forward) {
      tables.forward(out, 0);
    } else {
      tables.inverse(out, 0);
    }
    return out;
  }
}
