package io.pqcfhe.ckks.ckks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The encoder's branch-free rounding is C's round (halves away from zero) below 2^62. */
class RoundingTest {

  @Test
  void roundsHalvesAwayFromZeroExactly() {
    double[] edges = {
      0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, Math.nextDown(0.5), -Math.nextDown(0.5),
      Math.nextUp(0.5), 0x1p52 - 0.5, -(0x1p52 - 0.5), 0x1p52 + 1, 0x1p53 - 1, 0x1p61,
      Math.nextDown(0x1p62), -Math.nextDown(0x1p62), 1e-300, 123456789.49999999
    };
    for (double c : edges) {
      assertEquals(expected(c), CkksEncoder.roundHalfAway(c), "c=" + c);
    }
    SplittableRandom rnd = new SplittableRandom(9);
    for (int i = 0; i < 100_000; i++) {
      double c = rnd.nextDouble(-1, 1) * Math.pow(2, rnd.nextInt(62));
      assertEquals(expected(c), CkksEncoder.roundHalfAway(c), "c=" + c);
      double half = Math.floor(c) + 0.5; // exact ties
      assertEquals(expected(half), CkksEncoder.roundHalfAway(half), "c=" + half);
    }
  }

  private static long expected(double c) {
    return new BigDecimal(c).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }
}
