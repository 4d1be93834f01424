package io.pqcfhe.fhe.expression;

import io.pqcfhe.protocol.ErrorCode;
import io.pqcfhe.protocol.ProtocolError;
import java.util.function.DoubleBinaryOperator;

/**
 * A reference interpreter of {@link CkksBackend} over clear slot vectors. Values are exact doubles; levels
 * and scales follow CKKS with a rescale after every multiplication exactly as the engine's do: a product's
 * scale is the product of the scales divided by the prime dropped, a multiplication at level 0 is refused,
 * additions need equal levels and scales (relative 1e-12, as SEAL's {@code are_close}).
 */
final class PlainBackend implements CkksBackend<PlainCiphertext> {
  private final int slotCount;
  private final double[] primes;
  private int operations;

  /**
   * @param primes the data primes q_0..q_L; level {@code l} drops q_l on rescale
   */
  PlainBackend(int slotCount, double[] primes) {
    this.slotCount = slotCount;
    this.primes = primes.clone();
  }

  /** SEAL-like primes: distinct, just below 2^bits, for a chain of {@code levels + 1} data primes. */
  static PlainBackend withPrimes(int slotCount, int levels, int bits) {
    double[] primes = new double[levels + 1];
    for (int i = 0; i <= levels; i++) {
      primes[i] = Math.scalb(1.0, bits) - (2 * i + 1) * 2.0 * slotCount * 2 + 1;
    }
    return new PlainBackend(slotCount, primes);
  }

  int topLevel() {
    return primes.length - 1;
  }

  int operations() {
    return operations;
  }

  /** The scale a ciphertext at {@code level} has when everything started at the top level with {@code scale}. */
  double canonicalScale(double scale, int level) {
    double s = scale;
    for (int l = topLevel(); l > level; l--) {
      s = s * s / primes[l];
    }
    return s;
  }

  PlainCiphertext encrypt(double[] values, int level, double scale) {
    if (values.length > slotCount) {
      throw new IllegalArgumentException("more values than slots");
    }
    double[] slots = new double[slotCount];
    System.arraycopy(values, 0, slots, 0, values.length);
    return new PlainCiphertext(slots, level, scale);
  }

  @Override
  public int level(PlainCiphertext c) {
    return c.level();
  }

  @Override
  public double scale(PlainCiphertext c) {
    return c.scale();
  }

  @Override
  public PlainCiphertext add(PlainCiphertext a, PlainCiphertext b) {
    requireAligned(a, b);
    return combine(a, b, Double::sum, a.level(), a.scale());
  }

  @Override
  public PlainCiphertext sub(PlainCiphertext a, PlainCiphertext b) {
    requireAligned(a, b);
    return combine(a, b, (x, y) -> x - y, a.level(), a.scale());
  }

  @Override
  public PlainCiphertext negate(PlainCiphertext a) {
    return map(a, x -> -x, a.level(), a.scale());
  }

  @Override
  public PlainCiphertext addPlain(PlainCiphertext a, double constant) {
    return map(a, x -> x + constant, a.level(), a.scale());
  }

  @Override
  public PlainCiphertext subPlain(PlainCiphertext a, double constant) {
    return map(a, x -> x - constant, a.level(), a.scale());
  }

  @Override
  public PlainCiphertext addPlain(PlainCiphertext a, double[] values) {
    return combine(a, padded(values), Double::sum, a.level(), a.scale());
  }

  @Override
  public PlainCiphertext subPlain(PlainCiphertext a, double[] values) {
    return combine(a, padded(values), (x, y) -> x - y, a.level(), a.scale());
  }

  @Override
  public PlainCiphertext multiply(PlainCiphertext a, PlainCiphertext b) {
    requireSameLevel(a, b);
    requireLevelToSpend(a);
    return combine(a, b, (x, y) -> x * y, a.level() - 1, a.scale() * b.scale() / primes[a.level()]);
  }

  @Override
  public PlainCiphertext square(PlainCiphertext a) {
    return multiply(a, a);
  }

  @Override
  public PlainCiphertext multiplyPlain(PlainCiphertext a, double constant) {
    requireLevelToSpend(a);
    return map(a, x -> x * constant, a.level() - 1, a.scale() * a.scale() / primes[a.level()]);
  }

  @Override
  public PlainCiphertext multiplyPlain(PlainCiphertext a, double[] values) {
    requireLevelToSpend(a);
    return combine(a, padded(values), (x, y) -> x * y, a.level() - 1, a.scale() * a.scale() / primes[a.level()]);
  }

  @Override
  public PlainCiphertext multiplyInteger(PlainCiphertext a, long factor) {
    if (Math.abs(factor) >= (1L << 31)) {
      throw new IllegalArgumentException("integer factor out of range");
    }
    return map(a, x -> x * factor, a.level(), a.scale());
  }

  @Override
  public PlainCiphertext rotate(PlainCiphertext a, int steps) {
    double[] in = a.slots();
    double[] out = new double[slotCount];
    for (int i = 0; i < slotCount; i++) {
      out[i] = in[Math.floorMod(i + steps, slotCount)];
    }
    operations++;
    return new PlainCiphertext(out, a.level(), a.scale());
  }

  @Override
  public PlainCiphertext sum(PlainCiphertext a) {
    double total = 0;
    for (double x : a.slots()) {
      total += x;
    }
    double t = total;
    return map(a, x -> t, a.level(), a.scale());
  }

  @Override
  public PlainCiphertext modSwitchTo(PlainCiphertext a, int level) {
    if (level >= a.level() || level < 0) {
      throw new IllegalArgumentException("mod switch must go down to a valid level");
    }
    return map(a, x -> x, level, a.scale());
  }

  @Override
  public PlainCiphertext rescaleToScale(PlainCiphertext a, double targetScale) {
    requireLevelToSpend(a);
    return map(a, x -> x, a.level() - 1, targetScale);
  }

  private void requireAligned(PlainCiphertext a, PlainCiphertext b) {
    requireSameLevel(a, b);
    if (Math.abs(a.scale() - b.scale()) > 1e-12 * Math.max(a.scale(), b.scale())) {
      throw new IllegalArgumentException("scale mismatch: " + a.scale() + " vs " + b.scale());
    }
  }

  private static void requireSameLevel(PlainCiphertext a, PlainCiphertext b) {
    if (a.level() != b.level()) {
      throw new IllegalArgumentException("level mismatch: " + a.level() + " vs " + b.level());
    }
  }

  private static void requireLevelToSpend(PlainCiphertext a) {
    if (a.level() < 1) {
      throw ProtocolError.withReason(ErrorCode.NOISE_BUDGET_EXHAUSTED, "no_level_left", "no level left").asException();
    }
  }

  private PlainCiphertext padded(double[] values) {
    return encrypt(values, 0, 1);
  }

  private PlainCiphertext map(
      PlainCiphertext a, java.util.function.DoubleUnaryOperator f, int level, double scale) {
    double[] in = a.slots();
    double[] out = new double[slotCount];
    for (int i = 0; i < slotCount; i++) {
      out[i] = f.applyAsDouble(in[i]);
    }
    operations++;
    return new PlainCiphertext(out, level, scale);
  }

  private PlainCiphertext combine(
      PlainCiphertext a, PlainCiphertext b, DoubleBinaryOperator f, int level, double scale) {
    double[] x = a.slots();
    double[] y = b.slots();
    double[] out = new double[slotCount];
    for (int i = 0; i < slotCount; i++) {
      out[i] = f.applyAsDouble(x[i], y[i]);
    }
    operations++;
    return new PlainCiphertext(out, level, scale);
  }
}
