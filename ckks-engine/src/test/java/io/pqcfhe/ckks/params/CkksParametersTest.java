package io.pqcfhe.ckks.params;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.ckks.security.SecurityLevel;
import org.junit.jupiter.api.Test;

class CkksParametersTest {

  @Test
  void primesAreSealsForTheReferenceParameters() {
    assertArrayEquals(
        new long[] {1152921504606748673L, 1099510890497L, 1099511480321L, 1152921504606830593L},
        CoeffModulus.create(8192, new int[] {60, 40, 40, 60}));
  }

  @Test
  void primeSelectionFollowsSealsOrderForOtherLists() {
    for (int n : new int[] {4096, 8192, 16384, 32768}) {
      for (int[] bits :
          new int[][] {{60, 40, 40, 60}, {50, 30, 30, 30, 50}, {30, 30, 31}, {60, 60, 60}}) {
        long[] primes = CoeffModulus.create(n, bits);
        for (int i = 0; i < primes.length; i++) {
          assertEquals(bits[i], 64 - Long.numberOfLeadingZeros(primes[i]));
          assertEquals(1, primes[i] % (2L * n));
          assertTrue(CoeffModulus.isPrime(primes[i]));
          for (int j = 0; j < i; j++) {
            if (bits[j] == bits[i]) {
              // earlier occurrences of a size get the smaller primes
              assertTrue(primes[j] < primes[i]);
            }
          }
        }
        // the largest primes of each size: no prime ≡ 1 mod 2N of that size lies above the largest
        for (int i = 0; i < primes.length; i++) {
          long max = 0;
          for (int j = 0; j < primes.length; j++) {
            if (bits[j] == bits[i]) {
              max = Math.max(max, primes[j]);
            }
          }
          for (long c = max + 2L * n; c < (1L << bits[i]); c += 2L * n) {
            assertTrue(!CoeffModulus.isPrime(c));
          }
        }
      }
    }
    var tooFew =
        assertThrows(
            IllegalArgumentException.class,
            () -> CoeffModulus.create(32768, new int[] {20, 20, 20, 20, 20, 20, 20, 20, 20, 20}));
    assertTrue(tooFew.getMessage().contains("20-bit"));
  }

  @Test
  void securityBoundsAreEnforcedPerLevel() {
    assertEquals(218, SecurityLevel.BITS_128.maxModulusBits(8192));
    assertEquals(152, SecurityLevel.BITS_192.maxModulusBits(8192));
    assertEquals(118, SecurityLevel.BITS_256.maxModulusBits(8192));
    assertEquals(881, SecurityLevel.BITS_128.maxModulusBits(32768));
    CkksParameters.create(
        8192, new int[] {60, 40, 40, 60}, Math.pow(2, 40), SecurityLevel.BITS_128);
    CkksParameters.create(8192, new int[] {50, 40, 60}, Math.pow(2, 40), SecurityLevel.BITS_192);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CkksParameters.create(
                8192, new int[] {60, 40, 40, 60}, Math.pow(2, 40), SecurityLevel.BITS_192));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CkksParameters.create(
                    8192, new int[] {40, 40, 40}, Math.pow(2, 30), SecurityLevel.BITS_256));
    assertTrue(e.getMessage().contains("coeff_modulus_bits"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CkksParameters.create(
                4096, new int[] {60, 40, 40}, Math.pow(2, 40), SecurityLevel.BITS_128));
    // the explicit opt-out admits the same toy set
    CkksParameters.create(4096, new int[] {60, 40, 40}, Math.pow(2, 40), SecurityLevel.NONE);
  }

  @Test
  void invalidFieldsAreNamed() {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    CkksParameters.create(
                        2048, new int[] {30, 30}, 1 << 20, SecurityLevel.BITS_128))
            .getMessage()
            .contains("poly_modulus_degree"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    CkksParameters.create(
                        8192, new int[] {60, 19, 60}, 1 << 20, SecurityLevel.BITS_128))
            .getMessage()
            .contains("coeff_modulus_bits[1]"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    CkksParameters.create(
                        8192, new int[] {60, 61}, 1 << 20, SecurityLevel.BITS_128))
            .getMessage()
            .contains("coeff_modulus_bits[1]"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    CkksParameters.create(
                        8192, new int[] {40, 60}, Math.pow(2, 45), SecurityLevel.BITS_128))
            .getMessage()
            .contains("scale"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    CkksParameters.create(
                        8192, new int[] {40, 60}, Double.NaN, SecurityLevel.BITS_128))
            .getMessage()
            .contains("scale"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> CkksParameters.create(8192, new int[] {60}, 1 << 20, SecurityLevel.BITS_128))
            .getMessage()
            .contains("coeff_modulus_bits"));
  }

  @Test
  void levelsFollowSealsChain() {
    CkksParameters p =
        CkksParameters.create(
            8192, new int[] {60, 40, 40, 60}, Math.pow(2, 40), SecurityLevel.BITS_128);
    assertEquals(2, p.maxLevel());
    assertEquals(3, p.keyLevel());
    assertEquals(4096, p.slotCount());
  }
}
