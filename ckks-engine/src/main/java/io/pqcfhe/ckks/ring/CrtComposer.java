package io.pqcfhe.ckks.ring;

/**
 * Exact Chinese-remainder composition of RNS values into centered integers, converted to double.
 *
 * <p>Garner's mixed-radix conversion: x = a0 + a1·q0 + a2·q0·q1 + … with digits a_i in [0, q_i),
 * computed with word-size modular arithmetic only (no BigInteger, no multi-word products, no
 * allocation). The digits of Q − 1 are (q_i − 1) and those of (Q − 1)/2 are ((q_i − 1)/2), so
 * comparing digit vectors from the top tells whether x ≥ (Q+1)/2 (negative, as SEAL's decoder
 * centers), and Q − 1 − x has the digits (q_i − 1 − a_i) without borrows. The magnitude is then
 * evaluated by Horner's rule in double precision over non-negative terms only, so there is no
 * cancellation: the result is accurate to a few ulps for any number of primes (Q up to 881 bits and
 * beyond).
 *
 * <p>Immutable and thread-safe; {@link #composeCentered} uses caller-provided scratch.
 */
public final class CrtComposer {

  private final Modulus[] moduli;
  private final double[] primesAsDouble;

  /** inverse[i][k] = q_k^−1 mod q_i for k &lt; i, with Shoup companions. */
  private final long[][] inverse;

  private final long[][] inverseShoup;

  public CrtComposer(Modulus[] moduli) {
    this.moduli = moduli.clone();
    int l = moduli.length;
    primesAsDouble = new double[l];
    inverse = new long[l][];
    inverseShoup = new long[l][];
    for (int i = 0; i < l; i++) {
      primesAsDouble[i] = moduli[i].value();
      inverse[i] = new long[i];
      inverseShoup[i] = new long[i];
      for (int k = 0; k < i; k++) {
        long inv = moduli[i].inverse(moduli[i].reduce(moduli[k].value()));
        inverse[i][k] = inv;
        inverseShoup[i][k] = moduli[i].shoup(inv);
      }
    }
  }

  public int primeCount() {
    return moduli.length;
  }

  /** Scratch length {@link #composeCentered} needs. */
  public int scratchLength() {
    return moduli.length;
  }

  /**
   * The centered value of coefficient {@code i} of an RNS polynomial in coefficient form (limb j at
   * {@code data[off + j·stride + i]}), times {@code factor} (e.g. 1/scale: a multiplication is much
   * cheaper than a division here).
   */
  public double composeCentered(
      long[] data, int off, int stride, int i, double factor, long[] digits) {
    int l = moduli.length;
    // Garner: a_i = (((x_i − a_0)·q0^−1 − a_1)·q1^−1 − …) mod q_i
    for (int j = 0; j < l; j++) {
      Modulus qj = moduli[j];
      long v = data[off + j * stride + i];
      long[] inv = inverse[j];
      long[] invShoup = inverseShoup[j];
      for (int k = 0; k < j; k++) {
        long d = v - qj.reduce(digits[k]);
        d += (d >> 63) & qj.value();
        v = qj.mulShoup(d, inv[k], invShoup[k]);
      }
      digits[j] = v;
    }
    return centered(digits, 0, 1, factor);
  }

  /**
   * {@link #composeCentered} for coefficients 0 … count−1 at once, into {@code out}: the same
   * values, with Garner's steps run limb by limb over whole arrays (tight loops the JIT unrolls)
   * instead of coefficient by coefficient. The digits overwrite {@code data}.
   */
  public void composeCenteredInPlace(
      long[] data, int off, int stride, int count, double factor, double[] out) {
    int l = moduli.length;
    for (int j = 1; j < l; j++) {
      Modulus qj = moduli[j];
      long q = qj.value();
      int vj = off + j * stride;
      for (int k = 0; k < j; k++) {
        long inv = inverse[j][k];
        long invShoup = inverseShoup[j][k];
        int dk = off + k * stride;
        for (int i = 0; i < count; i++) {
          long d = data[vj + i] - qj.reduce(data[dk + i]);
          d += (d >> 63) & q;
          data[vj + i] = qj.mulShoup(d, inv, invShoup);
        }
      }
    }
    for (int i = 0; i < count; i++) {
      out[i] = centered(data, off + i, stride, factor);
    }
  }

  /** The centered value of the digits at {@code digits[off + j·stride]}, times factor. */
  private double centered(long[] digits, int off, int stride, double factor) {
    int l = moduli.length;
    // x ≥ (Q+1)/2 ⇔ digits > those of (Q−1)/2, compared from the most significant
    boolean negative = false;
    for (int j = l - 1; j >= 0; j--) {
      long half = (moduli[j].value() - 1) >>> 1;
      if (digits[off + j * stride] != half) {
        negative = digits[off + j * stride] > half;
        break;
      }
    }
    double magnitude;
    if (negative) {
      // Q − x = (Q − 1 − x) + 1, digits q_i − 1 − a_i
      magnitude = moduli[l - 1].value() - 1 - digits[off + (l - 1) * stride];
      for (int j = l - 2; j >= 0; j--) {
        long digit = moduli[j].value() - 1 - digits[off + j * stride];
        magnitude = magnitude * primesAsDouble[j] + (double) digit;
      }
      magnitude = -(magnitude + 1);
    } else {
      magnitude = digits[off + (l - 1) * stride];
      for (int j = l - 2; j >= 0; j--) {
        magnitude = magnitude * primesAsDouble[j] + (double) digits[off + j * stride];
      }
    }
    return magnitude * factor;
  }
}
