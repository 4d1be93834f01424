package io.pqcfhe.ckks.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pqcfhe.ckks.params.CoeffModulus;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RNS decomposition then CRT composition returns the centered integer, up to 881-bit moduli. */
class CrtComposerTest {

  @Test
  void roundTripsCenteredIntegersForManyPrimeCounts() {
    SplittableRandom rnd = new SplittableRandom(5);
    int[] bits881 = {60, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 60};
    for (int[] bits : new int[][] {{40}, {60, 40}, {60, 40, 40}, {30, 50, 20}, bits881}) {
      long[] primes = CoeffModulus.create(32768, bits);
      Modulus[] moduli = new Modulus[primes.length];
      BigInteger q = BigInteger.ONE;
      for (int j = 0; j < primes.length; j++) {
        moduli[j] = new Modulus(primes[j]);
        q = q.multiply(BigInteger.valueOf(primes[j]));
      }
      CrtComposer composer = new CrtComposer(moduli);
      long[] scratch = new long[composer.scratchLength()];
      BigInteger half = q.shiftRight(1);
      int trials = 400;
      long[] limbMajor = new long[primes.length * trials]; // the same values, limb j at j·trials
      double[] one = new double[trials];
      for (int trial = 0; trial < trials; trial++) {
        BigInteger x;
        switch (trial % 4) {
          case 0 ->
              x =
                  new BigInteger(q.bitLength() + 8, new java.util.Random(trial))
                      .mod(q)
                      .subtract(half);
          case 1 -> x = BigInteger.valueOf(rnd.nextLong()).shiftRight(rnd.nextInt(60));
          case 2 -> x = half.subtract(BigInteger.valueOf(trial)); // extremes of the centered range
          default -> x = half.negate().add(BigInteger.valueOf(trial));
        }
        x = x.mod(q);
        if (x.compareTo(half) > 0) {
          x = x.subtract(q); // centered: (Q−1)/2 is the largest positive value
        }
        long[] residues = new long[primes.length];
        for (int j = 0; j < primes.length; j++) {
          residues[j] = x.mod(BigInteger.valueOf(primes[j])).longValueExact();
        }
        for (int j = 0; j < primes.length; j++) {
          limbMajor[j * trials + trial] = residues[j];
        }
        double got = composer.composeCentered(residues, 0, 1, 0, 1.0, scratch);
        one[trial] = got;
        double expected = new BigDecimal(x).round(MathContext.DECIMAL64).doubleValue();
        assertEquals(expected, got, Math.abs(expected) * 1e-14, "bits=" + bits.length + " x=" + x);
      }
      double[] all = new double[trials];
      composer.composeCenteredInPlace(limbMajor, 0, trials, trials, 1.0, all);
      assertArrayEquals(one, all, "whole-array composition, bits=" + bits.length);
    }
  }
}
