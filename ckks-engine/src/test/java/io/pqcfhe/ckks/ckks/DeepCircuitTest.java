package io.pqcfhe.ckks.ckks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pqcfhe.ckks.error.LevelExhaustedException;
import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.rlwe.Ciphertext;
import io.pqcfhe.ckks.rlwe.Decryptor;
import io.pqcfhe.ckks.rlwe.Encryptor;
import io.pqcfhe.ckks.rlwe.KeyGenerator;
import io.pqcfhe.ckks.rlwe.SecretKey;
import io.pqcfhe.ckks.security.SecurityLevel;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * N=16384 [60,40,40,40,40,60]: a depth-4 circuit uses every level, then the next rescale is
 * refused.
 */
class DeepCircuitTest {

  @Test
  void depthFourPolynomialWithRotationAtN16384() {
    CkksParameters params =
        CkksParameters.create(
            16384, new int[] {60, 40, 40, 40, 40, 60}, 0x1p40, SecurityLevel.BITS_128);
    CkksContext ctx = new CkksContext(params);
    SecureRandom random = new SecureRandom();
    KeyGenerator keygen = new KeyGenerator(ctx.rns(), random);
    SecretKey sk = keygen.secretKey();
    CkksEvaluator ev =
        new CkksEvaluator(
            ctx,
            keygen.relinKeys(sk),
            keygen.galoisKeys(sk, new int[] {ctx.rns().galoisElementForStep(1)}));
    CkksEncoder encoder = new CkksEncoder(ctx);
    Encryptor enc = Encryptor.withPublicKey(ctx.rns(), keygen.publicKey(sk), random);
    Decryptor dec = new Decryptor(ctx.rns(), sk);

    SplittableRandom rnd = new SplittableRandom(9);
    double[] x = new double[ctx.slotCount()];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextDouble(-1.2, 1.2);
    }
    Ciphertext cx = enc.encrypt(encoder.encode(x, ctx.maxLevel(), params.defaultScale()));
    // p(x) = x^16 − 0.5·x^3 + rotate(x, 1), evaluated with depth 4
    Ciphertext x2 = ev.multiplyRelinRescaleNew(cx, cx);
    Ciphertext x4 = ev.multiplyRelinRescaleNew(x2, x2);
    Ciphertext x8 = ev.multiplyRelinRescaleNew(x4, x4);
    Ciphertext x16 = ev.multiplyRelinRescaleNew(x8, x8);
    assertEquals(0, x16.level());
    Ciphertext x3 = ev.multiplyRelinRescaleNew(x2, ev.rescaleNew(ev.multiplyConstantNew(cx, -0.5)));
    Ciphertext result = ev.addNew(ev.addNew(x16, x3), ev.rotateNew(cx, 1));
    double[] expected = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      expected[i] = Math.pow(x[i], 16) - 0.5 * Math.pow(x[i], 3) + x[(i + 1) % x.length];
    }
    PrecisionStats stats =
        PrecisionStats.of(expected, encoder.decode(dec.decrypt(result)), x.length);
    System.out.println("[logN=14 primes=6 scale=2^40] x^16 - 0.5x^3 + rot(x,1)   " + stats);
    assertTrue(stats.maxAbsError() < 1e-3, stats.toString());
    assertThrows(LevelExhaustedException.class, () -> ev.rescaleNew(result));
    sk.destroy();
    assertTrue(sk.isDestroyed());
    assertThrows(IllegalStateException.class, () -> dec.decrypt(result));
  }
}
