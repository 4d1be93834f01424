package io.pqcfhe.ckks.ring;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * {@link NttTables}' transforms for primes below 2^{@value #MAX_BITS}, computed on doubles so that
 * HotSpot's superword pass turns every butterfly loop into vector instructions. The outputs are
 * SEAL's, to the bit: the same butterflies with the same twiddles, reduced to [0, q) at the end.
 *
 * <p>Why doubles: the 64-bit transforms are bound by the scalar high product ({@link
 * Math#multiplyHigh}), which the JIT does not vectorize. A product w·y of integers below 2^53 is
 * exact as a double pair h + l with h = fl(w·y) and l = fma(w, y, −h); the quotient estimate k =
 * round(h/q) then gives w·y − k·q = fma(−k, q, h) + l exactly, an integer of magnitude below q (the
 * estimate is off by less than one half for |y| &lt; 2^50). The values are kept signed and only
 * reduced once, at the end. Every step is an exact integer operation on doubles; nothing is
 * approximated.
 *
 * <p>Why the two layouts: the superword pass of JDK 17 does not vectorize a loop that loads and
 * stores a[j] and a[j + t] in one array with t unknown to it; it does vectorize one over x[j] and
 * y[j] in two different arrays (it takes different array objects as independent, which the rows
 * here are: each is its own allocation). So the N values live as rows: for the stages at
 * distance t ≥ W (W = 2^⌊log N / 2⌋) the {@code rows} layout (value r·W + c at rows[r][c]) puts
 * both operands of a butterfly in different rows at the same index, with one twiddle per pair of
 * rows; then a transpose moves them to the {@code columns} layout (value s·W + c at columns[c][s]),
 * where the stages at distance t &lt; W again pair two arrays at the same index, with twiddles laid
 * out per stage in the same order (their index grows with s).
 *
 * <p>The scratch rows are per thread and per degree; transforms allocate nothing once warm.
 * Immutable and thread-safe.
 */
final class DoubleNtt {

  /**
   * The largest prime size served (bits). With q &lt; 2^44 every value stays below 64q &lt; 2^50,
   * where {@link #mulMod} is exact: forward values grow by less than q per stage (19q after 15
   * stages from inputs below 4q), and the inverse reduces its sums before they pass 32q.
   */
  static final int MAX_BITS = 44;

  /** The smallest degree served: below it the rows are too short for vector loops to pay. */
  static final int MIN_DEGREE = 1024;

  /** x + ROUNDER − ROUNDER rounds a double |x| &lt; 2^51 to the nearest integer. */
  private static final double ROUNDER = 0x1.8p52;

  /** The bits of 2^52: ORed into 0 ≤ v &lt; 2^52 they give the double 2^52 + v. */
  private static final long TWO_POW_52_BITS = Double.doubleToRawLongBits(0x1p52);

  /** The inverse reduces its sums before they pass this many multiples of q. */
  private static final int SUM_LIMIT = 32;

  /** {@code -Dio.pqcfhe.ckks.vectorizedNtt=false} keeps the 64-bit transforms everywhere. */
  private static final boolean ENABLED =
      !"false".equals(System.getProperty("io.pqcfhe.ckks.vectorizedNtt"));

  /** Values per cache line: the transposing loops work on blocks of this many. */
  private static final int BLOCK = 8;

  private static final boolean HARDWARE_FMA = hardwareFma();

  private static final ThreadLocal<Scratch[]> SCRATCH =
      ThreadLocal.withInitial(() -> new Scratch[Integer.SIZE]);

  private final int n;
  private final int logN;
  private final int width;
  private final int height;
  private final double q;
  private final double qInverse;

  /** ψ^brv(k) as doubles, for the stages on rows (one twiddle per pair of rows). */
  private final double[] forwardTwiddles;

  /** For each column stage, the twiddles of column group g at [stage][g][s]. */
  private final double[][][] forwardColumnTwiddles;

  private final double[] inverseTwiddles;
  private final double[][][] inverseColumnTwiddles;
  private final double invN;
  private final double lastInverseTwiddleTimesInvN;

  DoubleNtt(
      int n,
      long modulus,
      long[] rootPowers,
      long[] invRootPowers,
      long invN,
      long lastInverseTwiddleTimesInvN) {
    if (!serves(n, modulus)) {
      throw new IllegalArgumentException("no double-precision NTT for N=" + n + ", q=" + modulus);
    }
    this.n = n;
    this.logN = Integer.numberOfTrailingZeros(n);
    this.width = 1 << (logN / 2);
    this.height = n / width;
    this.q = modulus;
    this.qInverse = 1.0 / modulus;
    this.forwardTwiddles = toDoubles(rootPowers);
    this.inverseTwiddles = toDoubles(invRootPowers);
    this.forwardColumnTwiddles = columnTwiddles(rootPowers, true);
    this.inverseColumnTwiddles = columnTwiddles(invRootPowers, false);
    this.invN = invN;
    this.lastInverseTwiddleTimesInvN = lastInverseTwiddleTimesInvN;
  }

  /**
   * Whether this class serves degree n and prime q: q small enough, n large enough, a JVM that
   * computes {@link Math#fma} in hardware (in software it is a BigDecimal computation), and not
   * switched off by the system property {@code io.pqcfhe.ckks.vectorizedNtt=false}.
   */
  static boolean serves(int n, long q) {
    return ENABLED && HARDWARE_FMA && n >= MIN_DEGREE && q >>> MAX_BITS == 0;
  }

  /** Forward transform of a[off .. off+N), inputs in [0, 4q), outputs in [0, q). */
  void forward(long[] a, int off) {
    Scratch scratch = scratch();
    double[][] rows = scratch.rows;
    double[][] columns = scratch.columns;
    for (int r = 0; r < height; r++) {
      loadRow(a, off + r * width, rows[r], width);
    }
    int m = 1;
    int t = n >> 1;
    for (; t >= width; t >>= 1, m <<= 1) {
      int span = t / width;
      for (int i = 0; i < m; i++) {
        double w = forwardTwiddles[m + i];
        for (int r = 2 * i * span, end = r + span; r < end; r++) {
          forwardButterflies(rows[r], rows[r + span], w, width);
        }
      }
    }
    transpose(rows, columns);
    for (int stage = 0; t > 1; t >>= 1, stage++) {
      double[][] twiddles = forwardColumnTwiddles[stage];
      for (int g = 0, groups = width / (2 * t); g < groups; g++) {
        double[] w = twiddles[g];
        for (int c = 2 * g * t, end = c + t; c < end; c++) {
          forwardButterflies(columns[c], columns[c + t], w, height);
        }
      }
    }
    double[][] lastTwiddles = forwardColumnTwiddles[forwardColumnTwiddles.length - 1];
    for (int c = 0; c < width; c += 2) {
      lastForwardButterflies(columns[c], columns[c + 1], lastTwiddles[c >> 1], height);
    }
    storeColumns(columns, a, off);
  }

  /** Inverse transform of a[off .. off+N), inputs in [0, 2q), outputs in [0, q), 1/N included. */
  void inverse(long[] a, int off) {
    Scratch scratch = scratch();
    double[][] rows = scratch.rows;
    double[][] columns = scratch.columns;
    loadColumns(a, off, columns);
    int bound = 2; // of every value, in multiples of q; products are below q, reduced sums too
    int t = 1;
    for (int stage = 0; t < width; t <<= 1, stage++) {
      boolean reduceSums = 2 * bound > SUM_LIMIT;
      double[][] twiddles = inverseColumnTwiddles[stage];
      for (int g = 0, groups = width / (2 * t); g < groups; g++) {
        double[] w = twiddles[g];
        for (int c = 2 * g * t, end = c + t; c < end; c++) {
          inverseButterflies(columns[c], columns[c + t], w, height, reduceSums);
        }
      }
      bound = reduceSums ? 1 : 2 * bound;
    }
    transpose(columns, rows);
    for (int h = n / (2 * t); h > 1; t <<= 1, h >>= 1) {
      boolean reduceSums = 2 * bound > SUM_LIMIT;
      int span = t / width;
      for (int i = 0; i < h; i++) {
        double w = inverseTwiddles[h + i];
        for (int r = 2 * i * span, end = r + span; r < end; r++) {
          inverseButterflies(rows[r], rows[r + span], w, width, reduceSums);
        }
      }
      bound = reduceSums ? 1 : 2 * bound;
    }
    // the last stage multiplies both outputs, by 1/N and by ψ^−1/N
    int span = height / 2;
    for (int r = 0; r < span; r++) {
      lastInverseButterflies(rows[r], rows[r + span], width);
    }
    for (int r = 0; r < height; r++) {
      storeRow(rows[r], a, off + r * width, width);
    }
  }

  /** x ← x + w·y, y ← x − w·y (Cooley–Tukey), w·y reduced to below q in magnitude. */
  private void forwardButterflies(double[] x, double[] y, double w, int len) {
    double p = q;
    double pInverse = qInverse;
    for (int j = 0; j < len; j++) {
      double u = x[j];
      double v = mulMod(y[j], w, p, pInverse);
      x[j] = u + v;
      y[j] = u - v;
    }
  }

  /** {@link #forwardButterflies} with one twiddle per index. */
  private void forwardButterflies(double[] x, double[] y, double[] w, int len) {
    double p = q;
    double pInverse = qInverse;
    for (int j = 0; j < len; j++) {
      double u = x[j];
      double v = mulMod(y[j], w[j], p, pInverse);
      x[j] = u + v;
      y[j] = u - v;
    }
  }

  /** {@link #forwardButterflies} at distance 1, with both outputs made residues. */
  private void lastForwardButterflies(double[] x, double[] y, double[] w, int len) {
    double p = q;
    double pInverse = qInverse;
    for (int j = 0; j < len; j++) {
      double u = x[j];
      double v = mulMod(y[j], w[j], p, pInverse);
      x[j] = residue(u + v, p, pInverse);
      y[j] = residue(u - v, p, pInverse);
    }
  }

  /** x ← x + y, y ← (x − y)·w (Gentleman–Sande); sums reduced when they would grow too large. */
  private void inverseButterflies(double[] x, double[] y, double w, int len, boolean reduceSums) {
    double p = q;
    double pInverse = qInverse;
    if (reduceSums) {
      for (int j = 0; j < len; j++) {
        double u = x[j];
        double v = y[j];
        x[j] = reduce(u + v, p, pInverse);
        y[j] = mulMod(u - v, w, p, pInverse);
      }
    } else {
      for (int j = 0; j < len; j++) {
        double u = x[j];
        double v = y[j];
        x[j] = u + v;
        y[j] = mulMod(u - v, w, p, pInverse);
      }
    }
  }

  /** {@link #inverseButterflies} with one twiddle per index. */
  private void inverseButterflies(
      double[] x, double[] y, double[] w, int len, boolean reduceSums) {
    double p = q;
    double pInverse = qInverse;
    if (reduceSums) {
      for (int j = 0; j < len; j++) {
        double u = x[j];
        double v = y[j];
        x[j] = reduce(u + v, p, pInverse);
        y[j] = mulMod(u - v, w[j], p, pInverse);
      }
    } else {
      for (int j = 0; j < len; j++) {
        double u = x[j];
        double v = y[j];
        x[j] = u + v;
        y[j] = mulMod(u - v, w[j], p, pInverse);
      }
    }
  }

  private void lastInverseButterflies(double[] x, double[] y, int len) {
    double p = q;
    double pInverse = qInverse;
    double scale = invN;
    double w = lastInverseTwiddleTimesInvN;
    for (int j = 0; j < len; j++) {
      double u = x[j];
      double v = y[j];
      x[j] = nonNegative(mulMod(u + v, scale, p, pInverse), p, pInverse);
      y[j] = nonNegative(mulMod(u - v, w, p, pInverse), p, pInverse);
    }
  }

  /**
   * y·w − k·q for k ≈ y·w/q, exactly, of magnitude below q, for integers |y| &lt; 2^50 and 0 ≤ w &lt;
   * q &lt; 2^44. The product is h + l with h = fl(y·w) and l = fma(y, w, −h) (exact). The computed
   * quotient fl(h·(1/q)) is within 3·2^−53 of y·w/q relatively, below 0.38 absolutely, so k, its
   * nearest integer, is within 0.88 of y·w/q. The remainder h − k·q is an integer below 2^53, which
   * the fma computes exactly, and so is its sum with l.
   */
  private static double mulMod(double y, double w, double q, double qInverse) {
    double h = y * w;
    double l = Math.fma(y, w, -h);
    double k = (h * qInverse + ROUNDER) - ROUNDER;
    return Math.fma(-k, q, h) + l;
  }

  /** x − round(x/q)·q, exact, of magnitude below q, for an integer |x| &lt; 2^50. */
  private static double reduce(double x, double q, double qInverse) {
    double k = (x * qInverse + ROUNDER) - ROUNDER;
    return Math.fma(-k, q, x);
  }

  /** The residue of an integer |x| &lt; 2^50 in [0, q). */
  private static double residue(double x, double q, double qInverse) {
    return nonNegative(reduce(x, q, qInverse), q, qInverse);
  }

  /**
   * The residue of an integer |r| &lt; q in [0, q): r − ⌊r/q⌋·q, where the quotient is −1 for a
   * negative r and 0 otherwise (r/q is computed to within 2^−52 of a value at most 1 − 1/q, so it
   * never rounds to 1).
   */
  private static double nonNegative(double r, double q, double qInverse) {
    return Math.fma(-Math.floor(r * qInverse), q, r);
  }

  /** Values in [0, 2^52) to doubles, by placing them in the mantissa of 2^52 (vectorizable). */
  private static void loadRow(long[] a, int from, double[] row, int len) {
    for (int j = 0; j < len; j++) {
      row[j] = Double.longBitsToDouble(a[from + j] | TWO_POW_52_BITS) - 0x1p52;
    }
  }

  /** columns[c][s] ← a[off + s·W + c], in blocks of eight s so that each cache line is used whole. */
  private void loadColumns(long[] a, int off, double[][] columns) {
    for (int s0 = 0; s0 < height; s0 += BLOCK) {
      for (int c = 0; c < width; c++) {
        double[] column = columns[c];
        for (int s = s0, base = off + s0 * width + c; s < s0 + BLOCK; s++, base += width) {
          column[s] = Double.longBitsToDouble(a[base] | TWO_POW_52_BITS) - 0x1p52;
        }
      }
    }
  }

  /** Residues in [0, q) held as doubles back to longs (the inverse of the load's conversion). */
  private static void storeRow(double[] row, long[] a, int from, int len) {
    for (int j = 0; j < len; j++) {
      a[from + j] = Double.doubleToRawLongBits(row[j] + 0x1p52) - TWO_POW_52_BITS;
    }
  }

  /** a[off + s·W + c] ← columns[c][s], residues, in blocks of eight s (see {@link #loadColumns}). */
  private void storeColumns(double[][] columns, long[] a, int off) {
    for (int s0 = 0; s0 < height; s0 += BLOCK) {
      for (int c = 0; c < width; c++) {
        double[] column = columns[c];
        for (int s = s0, base = off + s0 * width + c; s < s0 + BLOCK; s++, base += width) {
          a[base] = Double.doubleToRawLongBits(column[s] + 0x1p52) - TWO_POW_52_BITS;
        }
      }
    }
  }

  /** to[c][r] ← from[r][c], in blocks of eight r (see {@link #loadColumns}). */
  private static void transpose(double[][] from, double[][] to) {
    for (int r0 = 0; r0 < from.length; r0 += BLOCK) {
      for (int c = 0; c < to.length; c++) {
        double[] target = to[c];
        for (int r = r0; r < r0 + BLOCK; r++) {
          target[r] = from[r][c];
        }
      }
    }
  }

  /**
   * The twiddles of the column stages, stage by stage in the order the transform runs them
   * (distances W/2 down to 1 forward, 1 up to W/2 inverse): at distance t, value s·W + c is in
   * butterfly block s·(W/2t) + g with g = ⌊c/2t⌋, whose twiddle is powers[N/2t + s·(W/2t) + g].
   */
  private double[][][] columnTwiddles(long[] powers, boolean forward) {
    int stages = Integer.numberOfTrailingZeros(width);
    double[][][] tables = new double[stages][][];
    for (int k = 0; k < stages; k++) {
      int t = forward ? width >> (k + 1) : 1 << k;
      int groups = width / (2 * t);
      double[][] table = new double[groups][height];
      for (int g = 0; g < groups; g++) {
        for (int s = 0; s < height; s++) {
          table[g][s] = powers[n / (2 * t) + s * groups + g];
        }
      }
      tables[k] = table;
    }
    return tables;
  }

  private static double[] toDoubles(long[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private Scratch scratch() {
    Scratch[] byDegree = SCRATCH.get();
    Scratch scratch = byDegree[logN];
    if (scratch == null) {
      scratch = new Scratch(width, height);
      byDegree[logN] = scratch;
    }
    return scratch;
  }

  private static boolean hardwareFma() {
    try {
      HotSpotDiagnosticMXBean hotspot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return hotspot != null && Boolean.parseBoolean(hotspot.getVMOption("UseFMA").getValue());
    } catch (RuntimeException | LinkageError e) {
      return false; // not HotSpot, or no such option: keep the 64-bit transforms
    }
  }

  /** One thread's rows for one degree: {@code rows[height][width]} and {@code columns[width][height]}. */
  private static final class Scratch {
    final double[][] rows;
    final double[][] columns;

    Scratch(int width, int height) {
      rows = new double[height][width];
      columns = new double[width][height];
    }
  }
}
