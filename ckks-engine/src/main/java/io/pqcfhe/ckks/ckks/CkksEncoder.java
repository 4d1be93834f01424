package io.pqcfhe.ckks.ckks;

import io.pqcfhe.ckks.ring.CrtComposer;
import io.pqcfhe.ckks.ring.Modulus;
import io.pqcfhe.ckks.ring.RnsContext;
import io.pqcfhe.ckks.rlwe.Plaintext;
import java.util.Objects;

/**
 * CKKS encoding with SEAL's slot order (slot i is the evaluation at ζ^(3^i mod 2N)). Encode: place
 * each slot (or its conjugate) at its position of a size-N/2 inverse FFT (see {@link
 * EncoderTables}), untwist, multiply by the scale, round each coefficient (halves away from zero,
 * as C's {@code round}), reduce modulo each prime of the level, forward NTT. Decode: inverse NTT,
 * exact CRT composition with the centered lift (values ≥ (Q+1)/2 are negative), divide by the
 * scale, twist, forward FFT.
 *
 * <p>Coefficients beyond 2^62 in magnitude are reduced exactly from their binary representation (a
 * double that large is an integer), so large scales work without BigInteger. Thread-safe.
 */
public final class CkksEncoder {

  private static final double TWO_POW_62 = 0x1p62;

  private final CkksContext context;
  private final RnsContext rns;
  private final EncoderTables tables;

  public CkksEncoder(CkksContext context) {
    this.context = Objects.requireNonNull(context, "context");
    this.rns = context.rns();
    this.tables = context.encoderTables();
  }

  /** Encodes real slot values (zero-padded to N/2) at a data level and scale. */
  public Plaintext encode(double[] values, int level, double scale) {
    return encode(values, null, level, scale);
  }

  /** Encodes complex slot values (imaginary parts may be null) at a data level and scale. */
  public Plaintext encode(double[] real, double[] imaginary, int level, double scale) {
    int n = tables.n;
    int slots = n / 2;
    checkLevelAndScale(level, scale);
    if (real.length > slots || (imaginary != null && imaginary.length > slots)) {
      throw new IllegalArgumentException("at most " + slots + " values fit in the slots");
    }
    int half = tables.m;
    double[] re = new double[half];
    double[] im = new double[half];
    int count = Math.max(real.length, imaginary == null ? 0 : imaginary.length);
    for (int i = 0; i < count; i++) {
      double x = i < real.length ? real[i] : 0.0;
      double y = imaginary != null && i < imaginary.length ? imaginary[i] : 0.0;
      if (!Double.isFinite(x) || !Double.isFinite(y)) {
        throw new IllegalArgumentException("values must be finite numbers");
      }
      int t = tables.slotInput[i];
      re[t] = x;
      im[t] = tables.slotConjugated[i] ? -y : y;
    }
    tables.fft(re, im, -1);
    double factor = scale / half;
    double limit = maxCoefficient(level);
    long[] data = new long[(level + 1) * n];
    boolean small = true;
    for (int k = 0; k < half; k++) {
      // z_k = (F⁻¹)_k · ζ^−k; c_k = Re z_k, c_{k+N/2} = Im z_k (times the scale)
      double cos = tables.twistCos[k];
      double sin = tables.twistSin[k];
      double low = (re[k] * cos + im[k] * sin) * factor;
      double high = (im[k] * cos - re[k] * sin) * factor;
      if (!(Math.abs(low) < limit) || !(Math.abs(high) < limit)) {
        throw new IllegalArgumentException(
            "encoded values are too large for the modulus of level " + level);
      }
      re[k] = low;
      im[k] = high;
      small &= Math.abs(low) < TWO_POW_62 && Math.abs(high) < TWO_POW_62;
    }
    if (small) {
      writeRoundedSmall(re, im, level, data);
    } else {
      for (int k = 0; k < half; k++) {
        writeRounded(re[k], k, level, data);
        writeRounded(im[k], k + half, level, data);
      }
    }
    for (int j = 0; j <= level; j++) {
      rns.ntt(j).forward(data, j * n);
    }
    return new Plaintext(n, level, scale, data);
  }

  /**
   * The constant polynomial round(value·scale), in NTT form (every evaluation equals the constant).
   */
  public Plaintext encodeConstant(double value, int level, double scale) {
    checkLevelAndScale(level, scale);
    int n = tables.n;
    long[] residues = constantResidues(value, level, scale);
    long[] data = new long[(level + 1) * n];
    for (int j = 0; j <= level; j++) {
      java.util.Arrays.fill(data, j * n, (j + 1) * n, residues[j]);
    }
    return new Plaintext(n, level, scale, data);
  }

  /** round(value·scale) modulo each prime of the level. */
  long[] constantResidues(double value, int level, double scale) {
    double c = value * scale;
    if (!Double.isFinite(value) || !(Math.abs(c) < maxCoefficient(level))) {
      throw new IllegalArgumentException(
          "encoded value is not finite or too large for level " + level);
    }
    long[] out = new long[level + 1];
    writeRounded(c, 0, level, out, 1);
    return out;
  }

  /** The real parts of the N/2 slots. */
  public double[] decode(Plaintext pt) {
    return decodeComplex(pt)[0];
  }

  /** {real parts, imaginary parts} of the N/2 slots. */
  public double[][] decodeComplex(Plaintext pt) {
    int n = tables.n;
    int limbs = pt.level() + 1;
    long[] coeff = pt.data();
    for (int j = 0; j < limbs; j++) {
      rns.ntt(j).inverse(coeff, j * n);
    }
    CrtComposer composer = rns.composer(pt.level());
    int half = tables.m;
    double[] re = new double[half];
    double[] im = new double[half];
    double[] composed = new double[n];
    composer.composeCenteredInPlace(coeff, 0, n, n, 1.0 / pt.scale(), composed);
    for (int k = 0; k < half; k++) {
      double low = composed[k];
      double high = composed[k + half];
      double cos = tables.twistCos[k];
      double sin = tables.twistSin[k];
      // (low + i·high)·ζ^k, input k of the FFT
      int t = tables.bitReversal[k];
      re[t] = low * cos - high * sin;
      im[t] = low * sin + high * cos;
    }
    tables.fft(re, im, 1);
    double[] outRe = new double[half];
    double[] outIm = new double[half];
    for (int i = 0; i < half; i++) {
      int t = tables.slotPosition[i];
      outRe[i] = re[t];
      outIm[i] = tables.slotConjugated[i] ? -im[t] : im[t];
    }
    return new double[][] {outRe, outIm};
  }

  private void checkLevelAndScale(int level, double scale) {
    if (level < 0 || level > context.maxLevel()) {
      throw new IllegalArgumentException(
          "level must be in [0, " + context.maxLevel() + "]: " + level);
    }
    if (!(scale >= 1.0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be finite and at least 1: " + scale);
    }
  }

  /** Half the modulus of the level, as a double: centered coefficients must stay below it. */
  private double maxCoefficient(int level) {
    return Math.pow(2, context.parameters().log2Modulus(level) - 1);
  }

  /**
   * The coefficients c_k = low[k], c_{k+N/2} = high[k] (all below 2^62 in magnitude) rounded and
   * reduced modulo each prime of the level, as {@link #writeRounded} does one at a time, but in
   * branch-free passes: the rounded signed values first (in the last limb's place, which is
   * overwritten last), then limb by limb. A prime above every magnitude (the usual case: values
   * of a few units at scale 2^40 give coefficients near 2^37) needs no reduction, only q added to
   * the negative values.
   */
  private void writeRoundedSmall(double[] low, double[] high, int level, long[] data) {
    int n = tables.n;
    int half = tables.m;
    int signedOff = level * n;
    // the or of the magnitudes bounds their maximum, and costs less than it
    long magnitudeBound = 0;
    for (int k = 0; k < half; k++) {
      long lowRounded = roundHalfAway(low[k]);
      long highRounded = roundHalfAway(high[k]);
      data[signedOff + k] = lowRounded;
      data[signedOff + half + k] = highRounded;
      magnitudeBound |= Math.abs(lowRounded) | Math.abs(highRounded);
    }
    for (int j = 0; j <= level; j++) {
      Modulus q = rns.modulus(j);
      long qv = q.value();
      int base = j * n;
      if (magnitudeBound < qv) {
        for (int i = 0; i < n; i++) {
          long r = data[signedOff + i];
          data[base + i] = r + ((r >> 63) & qv);
        }
        continue;
      }
      for (int i = 0; i < n; i++) {
        long r = data[signedOff + i];
        long sign = r >> 63; // all ones for a negative value
        long v = q.reduce((r ^ sign) - sign); // |r| mod q
        long residue = v ^ ((v ^ (qv - v)) & sign); // q − v when negative (q when v = 0 …)
        long d = residue - qv;
        data[base + i] = d + ((d >> 63) & qv); // … which becomes 0
      }
    }
  }

  /**
   * round(c) with halves away from zero for |c| &lt; 2^62: truncate, then add the truncation of
   * twice the fraction (exact, a power-of-two scaling), which is ±1 exactly when |fraction| ≥ 1/2.
   */
  static long roundHalfAway(double c) {
    long r = (long) c;
    return r + (long) (2 * (c - r));
  }

  private void writeRounded(double c, int k, int level, long[] data) {
    writeRounded(c, k, level, data, tables.n);
  }

  private void writeRounded(double c, int k, int level, long[] data, int stride) {
    if (Math.abs(c) < TWO_POW_62) {
      long r = (long) c; // truncation toward zero
      double frac = c - r;
      if (frac >= 0.5) {
        r++;
      } else if (frac <= -0.5) {
        r--;
      }
      boolean negative = r < 0;
      long magnitude = negative ? -r : r;
      for (int j = 0; j <= level; j++) {
        Modulus q = rns.modulus(j);
        long v = q.reduce(magnitude);
        data[j * stride + k] = negative ? q.negate(v) : v;
      }
    } else {
      // |c| ≥ 2^62 is an integer: c = ±mantissa · 2^exponent exactly.
      long bits = Double.doubleToRawLongBits(c);
      long mantissa = (bits & ((1L << 52) - 1)) | (1L << 52);
      int exponent = (int) ((bits >>> 52) & 0x7FF) - 1075;
      boolean negative = c < 0;
      for (int j = 0; j <= level; j++) {
        Modulus q = rns.modulus(j);
        long v = q.mul(q.reduce(mantissa), q.pow(2, exponent));
        data[j * stride + k] = negative ? q.negate(v) : v;
      }
    }
  }
}
