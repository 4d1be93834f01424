package io.pqcfhe.ckks.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.ckks.params.CoeffModulus;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NttTablesTest {

  private static final long[] SEAL_8192 = {
    1152921504606748673L, 1099510890497L, 1099511480321L, 1152921504606830593L
  };

  @Test
  void psiIsSealsSmallestPrimitiveRoot() {
    long[] expected = {100406242475323L, 5405730L, 30370987L, 25959043411404L};
    for (int j = 0; j < 4; j++) {
      assertEquals(expected[j], new NttTables(8192, new Modulus(SEAL_8192[j])).psi());
    }
  }

  @Test
  void forwardEvaluatesAtOddPowersInBitReversedOrder() {
    int n = 16;
    long q = CoeffModulus.create(4096, new int[] {30})[0];
    // a small modulus with 2N | q-1 for n = 16 works too since 8192 | q-1.
    Modulus m = new Modulus(q);
    NttTables t = new NttTables(n, m);
    long[] a = randomPoly(n, q, new SplittableRandom(1));
    long[] out = a.clone();
    t.forward(out, 0);
    for (int k = 0; k < n; k++) {
      long x = m.pow(t.psi(), 2L * NttTables.bitReverse(k, 4) + 1);
      long acc = 0;
      long p = 1;
      for (int i = 0; i < n; i++) {
        acc = m.add(acc, m.mul(a[i], p));
        p = m.mul(p, x);
      }
      assertEquals(acc, out[k], "k=" + k);
    }
  }

  @Test
  void nttMultiplicationMatchesSchoolbookNegacyclic() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int n : new int[] {16, 64, 4096}) {
      for (long q :
          new long[] {SEAL_8192[0], SEAL_8192[1], CoeffModulus.create(4096, new int[] {20})[0]}) {
        Modulus m = new Modulus(q);
        NttTables t = new NttTables(n, m);
        long[] a = randomPoly(n, q, rnd);
        long[] b = randomPoly(n, q, rnd);
        long[] expected = schoolbook(a, b, m);
        long[] fa = a.clone();
        long[] fb = b.clone();
        t.forward(fa, 0);
        t.forward(fb, 0);
        for (int i = 0; i < n; i++) {
          fa[i] = m.mul(fa[i], fb[i]);
        }
        t.inverse(fa, 0);
        assertArrayEquals(expected, fa, "n=" + n + " q=" + q);
        long[] round = a.clone();
        t.forward(round, 0);
        t.inverse(round, 0);
        assertArrayEquals(a, round);
      }
    }
  }

  @Test
  void modularArithmeticAgreesWithBigInteger() {
    SplittableRandom rnd = new SplittableRandom(3);
    long[] primes =
        java.util.stream.LongStream.concat(
                java.util.Arrays.stream(SEAL_8192),
                java.util.Arrays.stream(
                    CoeffModulus.create(4096, new int[] {20, 31, 32, 33, 45, 60})))
            .toArray();
    for (long q : primes) {
      Modulus m = new Modulus(q);
      java.math.BigInteger bq = java.math.BigInteger.valueOf(q);
      for (int i = 0; i < 2000; i++) {
        long a = rnd.nextLong(q);
        long b = rnd.nextLong(q);
        long expected =
            java.math.BigInteger.valueOf(a)
                .multiply(java.math.BigInteger.valueOf(b))
                .mod(bq)
                .longValueExact();
        assertEquals(expected, m.mul(a, b));
        assertEquals(expected, m.mulShoup(a, b, m.shoup(b)));
        long x = rnd.nextLong();
        assertEquals(
            java.math.BigInteger.valueOf(x)
                .and(java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE))
                .mod(bq)
                .longValueExact(),
            m.reduce(x));
        long hi = rnd.nextLong();
        long lo = rnd.nextLong();
        java.math.BigInteger big =
            new java.math.BigInteger(Long.toUnsignedString(hi))
                .shiftLeft(64)
                .add(new java.math.BigInteger(Long.toUnsignedString(lo)));
        assertEquals(big.mod(bq).longValueExact(), m.reduce128(hi, lo));
        long smallHi = hi >>> 1; // below 2^63
        java.math.BigInteger acc =
            java.math.BigInteger.valueOf(smallHi)
                .shiftLeft(64)
                .add(new java.math.BigInteger(Long.toUnsignedString(lo)));
        assertEquals(acc.mod(bq).longValueExact(), m.reduceAccumulated(smallHi, lo));
        long lazy = m.reduceAccumulatedLazy(smallHi, lo);
        assertTrue(lazy >= 0 && lazy < 4 * q, "lazy reduction out of range");
        assertEquals(acc.mod(bq).longValueExact(), lazy % q);
      }
    }
  }

  @Test
  void spaciousPrimesSkipTheCorrectionsOnlyWhereTheBoundsAllowIt() {
    assertTrue(NttTables.spacious(1099510890497L, 13)); // 40 bits
    assertTrue(NttTables.spacious((1L << 47) - 1, 13));
    assertFalse(NttTables.spacious((1L << 48) + 1, 13));
    assertFalse(NttTables.spacious(SEAL_8192[0], 13)); // 60 bits: Harvey's corrected stages
    assertFalse(NttTables.spacious((1L << 46) + 1, 15));
  }

  /**
   * Both transform variants (corrected stages for 60-bit primes, uncorrected for 40-bit ones) at
   * the sizes the engine uses: inputs anywhere in their documented lazy ranges give the reduced
   * transform, and the lazy forward output stays below its bound.
   */
  @Test
  void lazyInputRangesGiveTheReducedTransforms() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int n : new int[] {8192, 16384}) {
      for (long q : CoeffModulus.create(n, new int[] {60, 40, 45})) {
        Modulus m = new Modulus(q);
        NttTables t = new NttTables(n, m);
        assertEquals(q < 1L << 47, t.isSpacious(), "q=" + q + " n=" + n);
        assertTrue(t.lazyBound() == 4 * q || t.lazyBound() < 1L << 53);
        long[] a = randomPoly(n, q, rnd);
        long[] widened = a.clone();
        for (int i = 0; i < n; i++) {
          widened[i] += rnd.nextInt(4) * q; // [0, 4q)
        }
        long[] expected = a.clone();
        t.forward(expected, 0);
        long[] fromWide = widened.clone();
        t.forward(fromWide, 0);
        assertArrayEquals(expected, fromWide, "forward, q=" + q + " n=" + n);
        long[] lazy = widened.clone();
        t.forwardLazy(lazy, 0);
        for (int i = 0; i < n; i++) {
          assertTrue(lazy[i] >= 0 && lazy[i] < t.lazyBound(), "lazy output out of range");
          assertEquals(expected[i], lazy[i] % q);
        }
        long[] inverseInput = expected.clone();
        for (int i = 0; i < n; i++) {
          inverseInput[i] += rnd.nextInt(2) * q; // [0, 2q)
        }
        t.inverse(inverseInput, 0);
        assertArrayEquals(a, inverseInput, "inverse, q=" + q + " n=" + n);
      }
    }
  }

  static long[] randomPoly(int n, long q, SplittableRandom rnd) {
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = rnd.nextLong(q);
    }
    return a;
  }

  static long[] schoolbook(long[] a, long[] b, Modulus m) {
    int n = a.length;
    long[] c = new long[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        long p = m.mul(a[i], b[j]);
        int k = i + j;
        if (k < n) {
          c[k] = m.add(c[k], p);
        } else {
          c[k - n] = m.sub(c[k - n], p);
        }
      }
    }
    return c;
  }
}
