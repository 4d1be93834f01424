package io.pqcfhe.ckks.ckks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.ckks.error.MissingPublicKeyException;
import io.pqcfhe.ckks.rlwe.Ciphertext;
import io.pqcfhe.ckks.rlwe.Encryptor;
import io.pqcfhe.ckks.rlwe.Plaintext;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class EncryptDecryptTest {

  private final Fixture f = Fixture.reference();

  @Test
  void encoderRoundTripIsAccurate() {
    double[] v = f.randomValues(1, 10);
    for (int level = 0; level <= f.context.maxLevel(); level++) {
      double[] back = f.encoder.decode(f.encoder.encode(v, level, Fixture.SCALE));
      PrecisionStats s = PrecisionStats.of(v, back, v.length);
      System.out.println("[encode/decode level " + level + "] " + s);
      assertTrue(s.maxAbsError() < 1e-9);
    }
  }

  @Test
  void slotsAreEvaluationsAtPowersOfThree() {
    // m(ζ^(3^i)) computed directly from the coefficients must equal scale·z_i.
    double[] re = f.randomValues(2, 1);
    double[] im = f.randomValues(3, 1);
    Plaintext pt = f.encoder.encode(re, im, 0, 0x1p30);
    long[] coeff = pt.data();
    int n = f.context.degree();
    f.context.rns().ntt(0).inverse(coeff, 0);
    long q = f.context.parameters().prime(0);
    for (int slot : new int[] {0, 1, 2, 77, n / 2 - 1}) {
      long exponent = 1;
      for (int t = 0; t < slot; t++) {
        exponent = exponent * 3 % (2L * n);
      }
      double sumRe = 0;
      double sumIm = 0;
      for (int k = 0; k < n; k++) {
        double c = coeff[k] > q / 2 ? coeff[k] - q : coeff[k];
        double angle = Math.PI * ((exponent * k) % (2L * n)) / n;
        sumRe += c * Math.cos(angle);
        sumIm += c * Math.sin(angle);
      }
      assertEquals(re[slot], sumRe / 0x1p30, 1e-6, "slot " + slot);
      assertEquals(im[slot], sumIm / 0x1p30, 1e-6, "slot " + slot);
    }
  }

  @Test
  void freshPublicKeyEncryptionIsAccurate() {
    double[] v = f.randomValues(4, 10);
    Ciphertext ct = f.encrypt(v);
    assertEquals(f.context.maxLevel(), ct.level());
    assertEquals(2, ct.size());
    f.check("encrypt(pk)/decrypt", v, ct, 1e-6);
  }

  @Test
  void symmetricEncryptionIsAccurateAndSeeded() {
    double[] v = f.randomValues(5, 10);
    Encryptor sym = Encryptor.withSecretKey(f.context.rns(), f.secretKey, new SecureRandom());
    Ciphertext ct = sym.encryptSymmetric(f.encoder.encode(v, f.context.maxLevel(), Fixture.SCALE));
    f.check("encrypt(sk)/decrypt", v, ct, 1e-6);
    assertNotNull(ct.seed());
    int limbs = ct.limbCount();
    int n = f.context.degree();
    long[] regenerated = new long[limbs * n];
    long[] primes = java.util.Arrays.copyOf(f.context.rns().primes(), limbs);
    ct.seed().expand(primes, n, regenerated, 0);
    long[] c1 = java.util.Arrays.copyOfRange(ct.data(), limbs * n, 2 * limbs * n);
    assertArrayEquals(c1, regenerated);
  }

  @Test
  void encryptionAtLowerLevelsWorks() {
    double[] v = f.randomValues(6, 10);
    for (int level = 0; level < f.context.maxLevel(); level++) {
      Ciphertext ct = f.encryptor.encrypt(f.encoder.encode(v, level, Fixture.SCALE));
      assertEquals(level, ct.level());
      f.check("encrypt(pk) at level " + level, v, ct, 1e-6);
    }
  }

  @Test
  void encryptionWithoutPublicKeyIsRefused() {
    Encryptor none = Encryptor.withPublicKey(f.context.rns(), null, new SecureRandom());
    Plaintext pt = f.encoder.encode(new double[] {1}, 0, Fixture.SCALE);
    var e = assertThrows(MissingPublicKeyException.class, () -> none.encrypt(pt));
    assertEquals("missing_public_key", e.reason());
  }

  @Test
  void oversizedInputsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> f.encoder.encode(new double[f.context.slotCount() + 1], 0, Fixture.SCALE));
    assertThrows(
        IllegalArgumentException.class,
        () -> f.encoder.encode(new double[] {Double.NaN}, 0, Fixture.SCALE));
    assertThrows(
        IllegalArgumentException.class,
        () -> f.encoder.encode(new double[] {1e30}, 0, Fixture.SCALE));
  }

  @Test
  void coefficientsBetweenThePrimeSizesEncodeExactly() {
    // at scale 2^55 the coefficients (near 2^52) are above the 40-bit primes, which reduce them, and
    // below the 60-bit one, which takes them as they are: decoding composes all three residues
    double[] v = f.randomValues(8, 10);
    double[] back = f.encoder.decode(f.encoder.encode(v, f.context.maxLevel(), 0x1p55));
    assertTrue(PrecisionStats.of(v, back, v.length).maxAbsError() < 1e-9);
  }

  @Test
  void largeScalesEncodeExactly() {
    // coefficients above 2^62 take the exact mantissa·2^exponent path
    double[] v = f.randomValues(7, 10);
    double scale = 0x1p80;
    double[] back = f.encoder.decode(f.encoder.encode(v, f.context.maxLevel(), scale));
    assertTrue(PrecisionStats.of(v, back, v.length).maxAbsError() < 1e-9);
  }
}
