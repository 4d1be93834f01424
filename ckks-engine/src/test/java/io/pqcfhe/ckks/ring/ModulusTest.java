package io.pqcfhe.ckks.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModulusTest {

  /** The division-free companion of odd moduli, and the division of even ones, against BigInteger. */
  @ParameterizedTest
  @ValueSource(longs = {3L, 97L, 65537L, 1099511480321L, 1099511189505L, 1152921504606830593L, 2305843009213693951L, 2L, 1L << 40, 1000000000000L})
  void shoupCompanionIsTheFloorOfWTimes2To64OverQ(long q) {
    Modulus modulus = new Modulus(q);
    BigInteger bigQ = BigInteger.valueOf(q);
    SplittableRandom random = new SplittableRandom(q);
    for (int i = 0; i < 2000; i++) {
      long w = i < 3 ? new long[] {0, 1, q - 1}[i] : random.nextLong(q);
      long expected = BigInteger.valueOf(w).shiftLeft(64).divide(bigQ).longValue();
      assertEquals(expected, modulus.shoup(w), "w = " + w);
    }
  }
}
