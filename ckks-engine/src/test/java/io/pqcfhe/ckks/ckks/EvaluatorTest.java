package io.pqcfhe.ckks.ckks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pqcfhe.ckks.error.CkksException;
import io.pqcfhe.ckks.error.LevelExhaustedException;
import io.pqcfhe.ckks.error.MissingGaloisKeyException;
import io.pqcfhe.ckks.error.MissingRelinKeysException;
import io.pqcfhe.ckks.error.ScaleOverflowException;
import io.pqcfhe.ckks.rlwe.Ciphertext;
import io.pqcfhe.ckks.rlwe.GaloisKeys;
import io.pqcfhe.ckks.rlwe.KeyGenerator;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/** Every evaluator operation checked slot by slot against plain double arithmetic. */
class EvaluatorTest {

  private final Fixture f = Fixture.reference();
  private final CkksEvaluator ev = f.evaluator;
  private final double[] x = f.randomValues(11, 10);
  private final double[] y = f.randomValues(12, 10);
  private final Ciphertext cx = f.encrypt(x);
  private final Ciphertext cy = f.encrypt(y);

  private static double[] map(double[] a, double[] b, DoubleBinaryOperator op) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = op.applyAsDouble(a[i], b[i]);
    }
    return out;
  }

  @Test
  void additiveOperations() {
    f.check("add", map(x, y, Double::sum), ev.addNew(cx, cy), 1e-6);
    f.check("sub", map(x, y, (a, b) -> a - b), ev.subNew(cx, cy), 1e-6);
    f.check("negate", map(x, x, (a, b) -> -a), ev.negateNew(cx), 1e-6);
    f.check("add_plain(vector)", map(x, y, Double::sum), ev.addPlainNew(cx, y), 1e-6);
    f.check("sub_plain(vector)", map(x, y, (a, b) -> a - b), ev.subPlainNew(cx, y), 1e-6);
    f.check("add_plain(scalar)", map(x, x, (a, b) -> a + 2.5), ev.addConstantNew(cx, 2.5), 1e-6);
    f.check(
        "multiply_by_integer", map(x, x, (a, b) -> -3 * a), ev.multiplyByIntegerNew(cx, -3), 1e-5);
    // in place: out is the first operand
    Ciphertext acc = cx.copy();
    ev.add(acc, cy, acc);
    ev.sub(acc, cy, acc);
    f.check("add+sub in place", x, acc, 1e-6);
  }

  @Test
  void multiplicationRelinearizationRescale() {
    double[] product = map(x, y, (a, b) -> a * b);
    Ciphertext raw = ev.multiplyNew(cx, cy);
    assertEquals(3, raw.size());
    f.check("multiply (size 3)", product, raw, 1e-5);
    Ciphertext relin = ev.relinearizeNew(raw);
    f.check("multiply+relinearize", product, relin, 1e-5);
    Ciphertext rescaled = ev.rescaleNew(relin);
    assertEquals(f.context.maxLevel() - 1, rescaled.level());
    f.check("multiply+relin+rescale", product, rescaled, 1e-5);
    f.check(
        "square+relin+rescale",
        map(x, x, (a, b) -> a * a),
        ev.rescaleNew(ev.relinearizeNew(ev.squareNew(cx))),
        1e-5);
    // depth 2: (x·y)·x, the fresh operand aligned automatically to the lower level
    Ciphertext depth2 = ev.multiplyRelinRescaleNew(rescaled, cx);
    assertEquals(0, depth2.level());
    f.check("depth 2 (x*y*x)", map(product, x, (a, b) -> a * b), depth2, 1e-4);
  }

  @Test
  void plainMultiplication() {
    Ciphertext byVector = ev.rescaleNew(ev.multiplyPlainNew(cx, y));
    assertEquals(cx.scale(), byVector.scale(), 0.0);
    f.check("multiply_plain(vector)+rescale", map(x, y, (a, b) -> a * b), byVector, 1e-5);
    Ciphertext byScalar = ev.rescaleNew(ev.multiplyConstantNew(cx, -1.75));
    assertEquals(cx.scale(), byScalar.scale(), 0.0);
    f.check("multiply_plain(scalar)+rescale", map(x, x, (a, b) -> -1.75 * a), byScalar, 1e-5);
  }

  @Test
  void rotationsMatchPlainRotation() {
    int slots = f.context.slotCount();
    for (int step : new int[] {1, 2, 4, -1, -8, 3, 7, 1000, -1234, slots - 1}) {
      double[] expected = new double[slots];
      for (int i = 0; i < slots; i++) {
        expected[i] = x[Math.floorMod(i + step, slots)];
      }
      f.check("rotate " + step, expected, ev.rotateNew(cx, step), 1e-5);
    }
    f.check("rotate 0", x, ev.rotateNew(cx, 0), 1e-6);
    Ciphertext inPlace = cx.copy();
    ev.rotate(inPlace, 5, inPlace);
    ev.rotate(inPlace, -5, inPlace);
    f.check("rotate 5 then -5 in place", x, inPlace, 1e-5);
  }

  @Test
  void conjugationConjugatesComplexSlots() {
    double[] re = f.randomValues(21, 5);
    double[] im = f.randomValues(22, 5);
    Ciphertext ct =
        f.encryptor.encrypt(f.encoder.encode(re, im, f.context.maxLevel(), Fixture.SCALE));
    double[][] out = f.encoder.decodeComplex(f.decryptor.decrypt(ev.conjugateNew(ct)));
    double maxErr = 0;
    for (int i = 0; i < re.length; i++) {
      maxErr = Math.max(maxErr, Math.abs(out[0][i] - re[i]));
      maxErr = Math.max(maxErr, Math.abs(out[1][i] + im[i]));
    }
    System.out.println("[conjugate] max |err| " + maxErr);
    assertEquals(0, maxErr, 1e-5);
  }

  @Test
  void sumOfAllSlots() {
    double total = 0;
    for (double v : x) {
      total += v;
    }
    double[] expected = new double[x.length];
    java.util.Arrays.fill(expected, total);
    f.check("sum", expected, ev.sumSlotsNew(cx), 1e-3);
  }

  @Test
  void levelsAndScalesAreAlignedAutomatically() {
    Ciphertext product = ev.multiplyRelinRescaleNew(cx, cy); // level 1, scale 2^80/q2
    double[] xy = map(x, y, (a, b) -> a * b);
    // different levels and scales: the fresh operand is corrected on its way down
    f.check("add(x*y, x) aligned", map(xy, x, Double::sum), ev.addNew(product, cx), 1e-5);
    f.check("sub(x, x*y) aligned", map(x, xy, (a, b) -> a - b), ev.subNew(cx, product), 1e-5);
    // same level, different scales: one level is consumed
    Ciphertext down = ev.modSwitchToNew(cx, product.level());
    Ciphertext sum = ev.addNew(product, down);
    assertEquals(product.level() - 1, sum.level());
    f.check("add same level, scales differ", map(xy, x, Double::sum), sum, 1e-5);
    // equal scales at different levels: mod-switch only
    Ciphertext low = ev.modSwitchToNew(cy, 0);
    Ciphertext mixed = ev.addNew(cx, low);
    assertEquals(0, mixed.level());
    f.check("add across levels", map(x, y, Double::sum), mixed, 1e-6);
  }

  @Test
  void refusals() {
    Ciphertext bottom = ev.modSwitchToNew(cx, 0);
    var exhausted = assertThrows(LevelExhaustedException.class, () -> ev.rescaleNew(bottom));
    assertEquals("level_exhausted", exhausted.reason());
    assertThrows(ScaleOverflowException.class, () -> ev.multiplyNew(bottom, bottom));

    CkksEvaluator keyless = new CkksEvaluator(f.context, null, null);
    Ciphertext raw = keyless.multiplyNew(cx, cy);
    CkksException relin =
        assertThrows(MissingRelinKeysException.class, () -> keyless.relinearizeNew(raw));
    assertEquals("missing_relin_keys", relin.reason());
    CkksException rot =
        assertThrows(MissingGaloisKeyException.class, () -> keyless.rotateNew(cx, 1));
    assertEquals("missing_galois_key", rot.reason());
    assertThrows(MissingGaloisKeyException.class, () -> keyless.conjugateNew(cx));

    // only the key for +1: step 3 = 4 − 1 cannot be composed, step 1 works, step 2 = 1 + 1 is not
    // NAF
    int[] elements =
        KeyGenerator.galoisElementsForSteps(f.context.rns(), new int[] {1, 0, 4096}, false);
    assertEquals(1, elements.length); // step 0 and a full turn are the identity
    GaloisKeys one =
        new KeyGenerator(f.context.rns(), new SecureRandom()).galoisKeys(f.secretKey, elements);
    CkksEvaluator partial = new CkksEvaluator(f.context, f.relinKeys, one);
    partial.rotateNew(cx, 1);
    assertThrows(MissingGaloisKeyException.class, () -> partial.rotateNew(cx, 3));
  }

  @Test
  void parallelKeySwitchingGivesTheSameCiphertexts() {
    CkksEvaluator parallel = new CkksEvaluator(f.context, f.relinKeys, f.galoisKeys, true);
    Ciphertext raw = ev.multiplyNew(cx, cy);
    assertArrayEquals(ev.relinearizeNew(raw).copyData(), parallel.relinearizeNew(raw).copyData());
    assertArrayEquals(ev.rotateNew(cx, 3).copyData(), parallel.rotateNew(cx, 3).copyData());
  }

  @Test
  void oneEvaluatorServesManyThreads() throws Exception {
    Ciphertext raw = ev.multiplyNew(cx, cy);
    long[] relin = ev.relinearizeNew(raw).copyData();
    long[] rotated = ev.rotateNew(cx, 7).copyData();
    long[] rescaled = ev.rescaleNew(cx).copyData();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () ->
                    java.util.Arrays.equals(relin, ev.relinearizeNew(raw).copyData())
                        && java.util.Arrays.equals(rotated, ev.rotateNew(cx, 7).copyData())
                        && java.util.Arrays.equals(rescaled, ev.rescaleNew(cx).copyData())));
      }
      for (var f : futures) {
        assertEquals(true, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void nonAdjacentForm() {
    assertEquals(List.of(-1, 8), CkksEvaluator.nonAdjacentForm(7));
    assertEquals(List.of(1, 4), CkksEvaluator.nonAdjacentForm(5));
    assertEquals(List.of(1, -4), CkksEvaluator.nonAdjacentForm(-3));
    assertEquals(List.of(), CkksEvaluator.nonAdjacentForm(0));
  }
}
