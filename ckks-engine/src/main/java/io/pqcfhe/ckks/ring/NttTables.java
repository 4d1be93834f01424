package io.pqcfhe.ckks.ring;

/**
 * The negacyclic number-theoretic transform modulo one prime q ≡ 1 (mod 2N), as SEAL 4.1 computes
 * it.
 *
 * <p>ψ is the numerically smallest primitive 2N-th root of unity mod q. The forward transform takes
 * coefficients in natural order and returns evaluations in bit-reversed order: {@code out[k] =
 * a(ψ^(2·brv(k)+1))}. It is Cooley–Tukey with Harvey's lazy butterflies (values kept in [0, 4q)
 * between stages) and twiddles multiplied with Shoup's method; the inverse is Gentleman–Sande with
 * the same tricks and the factor 1/N folded into the last stage. Both transforms leave values fully
 * reduced in [0, q). Primes of at most ~47 bits need no per-stage correction at all (values grow
 * within a 64-bit word and are reduced once, see {@link #spacious}); the 60-bit ones keep Harvey's.
 * Middle stages run fused in pairs; the three at distances 4, 2, 1 (the forward transform's last,
 * the inverse's first) run on blocks of eight values held in locals.
 *
 * <p>The twiddles' Shoup companions are kept at 63 bits, w' = ⌊w·2^63/q⌋ &lt; 2^63, and a butterfly
 * operand x &lt; 4q is multiplied as {@code 2x}: because q &lt; 2^60, 2x &lt; 8q &lt; 2^63, so
 * Java's signed {@link Math#multiplyHigh} is the exact unsigned high product, with no correction
 * for a companion's top bit (three instructions saved per butterfly). The quotient estimate
 * ⌊x·w'/2^63⌋ is then below ⌊x·w/q⌋ by at most 1 (x·w/q − x·w'/2^63 &lt; x/2^63 &lt; 1), so x·w −
 * estimate·q stays in [0, 2q), Harvey's lazy range, exactly as with the 64-bit companion.
 *
 * <p>For primes below 2^{@value DoubleNtt#MAX_BITS} at degrees from {@value
 * DoubleNtt#MIN_DEGREE}, the transforms run on doubles instead ({@link DoubleNtt}), where the JIT
 * vectorizes them: about twice as fast, with the same outputs to the bit.
 *
 * <p>Immutable and thread-safe; the transforms work in place on a slice of a caller's array and
 * allocate nothing.
 */
public final class NttTables {

  /** The largest prime size the transforms support (bits), SEAL's own limit. */
  public static final int MAX_BITS = 60;

  private final Modulus modulus;
  private final int n;
  private final int logN;
  private final long psi;

  /** ψ^brv(k) and 63-bit companions, indexed as the forward butterflies consume them. */
  private final long[] rootPowers;

  private final long[] rootPowersShoup;

  /** ψ^−(brv(k)) for the inverse butterflies, in the order they are consumed. */
  private final long[] invRootPowers;

  private final long[] invRootPowersShoup;
  private final long invN;
  private final long invNShoup;

  /** ψ^−1 · N^−1, the twiddle of the very last inverse butterfly with 1/N folded in. */
  private final long lastInvRootTimesInvN;

  private final long lastInvRootTimesInvNShoup;

  /**
   * Whether q leaves enough headroom in a 64-bit word to skip Harvey's per-stage corrections
   * entirely (see {@link #spacious}); ⌊2^64/q⌋ then reduces the outputs once at the end.
   */
  private final boolean spacious;

  private final long wordRatio;

  private final long lazyBound;

  /** The same transforms on doubles, vectorized by the JIT, where {@link DoubleNtt} serves q. */
  private final DoubleNtt vectorized;

  public NttTables(int n, Modulus modulus) {
    this(n, modulus, true);
  }

  /**
   * @param vectorize whether to use {@link DoubleNtt} where it serves q; false keeps the 64-bit
   *     transforms (for the tests and benchmarks that compare the two)
   */
  NttTables(int n, Modulus modulus, boolean vectorize) {
    if (n < 16 || Integer.bitCount(n) != 1) {
      // the transforms handle their first or last three stages in blocks of 8, the inverse's last
      // stage apart from them
      throw new IllegalArgumentException("degree must be a power of two, at least 16: " + n);
    }
    long q = modulus.value();
    if (q >>> MAX_BITS != 0) {
      // the 63-bit companions need 8q < 2^63 (see the class comment); SEAL's primes have ≤ 60 bits
      throw new IllegalArgumentException("NTT modulus must be below 2^" + MAX_BITS + ": " + q);
    }
    if ((q - 1) % (2L * n) != 0) {
      throw new IllegalArgumentException("modulus " + q + " is not 1 mod 2N for N=" + n);
    }
    this.modulus = modulus;
    this.n = n;
    this.logN = Integer.numberOfTrailingZeros(n);
    this.psi = minimalPrimitiveRoot(2L * n, modulus);
    long psiInv = modulus.inverse(psi);

    rootPowers = new long[n];
    rootPowersShoup = new long[n];
    invRootPowers = new long[n];
    invRootPowersShoup = new long[n];
    long[] powers = new long[n];
    long[] invPowers = new long[n];
    powers[0] = 1;
    invPowers[0] = 1;
    for (int i = 1; i < n; i++) {
      powers[i] = modulus.mul(powers[i - 1], psi);
      invPowers[i] = modulus.mul(invPowers[i - 1], psiInv);
    }
    for (int k = 0; k < n; k++) {
      int r = bitReverse(k, logN);
      rootPowers[k] = powers[r];
      rootPowersShoup[k] = modulus.shoup(powers[r]) >>> 1;
      invRootPowers[k] = invPowers[r];
      invRootPowersShoup[k] = modulus.shoup(invPowers[r]) >>> 1;
    }
    invN = modulus.inverse(n);
    invNShoup = modulus.shoup(invN);
    lastInvRootTimesInvN = modulus.mul(invRootPowers[1], invN);
    lastInvRootTimesInvNShoup = modulus.shoup(lastInvRootTimesInvN);
    spacious = spacious(q, logN);
    wordRatio = Long.divideUnsigned(-1L, q);
    lazyBound = spacious ? (4L + 2L * logN) * q : 4 * q;
    vectorized =
        vectorize && DoubleNtt.serves(n, q)
            ? new DoubleNtt(n, q, rootPowers, invRootPowers, invN, lastInvRootTimesInvN)
            : null;
  }

  /**
   * Harvey's butterflies subtract 2q from one operand per butterfly to keep values in [0, 4q); that
   * is a third of a butterfly's instructions. For a prime of at most ~47 bits, values can instead
   * grow through all log N stages without any correction, and be reduced once at the end:
   *
   * <ul>
   *   <li>forward (Cooley–Tukey): x ± (w·y mod q in [0, 2q)) + 2q adds 2q per stage to the bound,
   *       so from inputs below 4q the outputs stay below (4 + 2·log N)·q;
   *   <li>inverse (Gentleman–Sande): the sum u + v doubles the bound B·q per stage, the difference
   *       u − v + B·q goes through a Shoup product back to [0, 2q); from inputs below 2q the last
   *       stage sees values below 2^(log N)·q.
   * </ul>
   *
   * Shoup's quotient needs twice the multiplied operand below 2^63, hence the two conditions.
   */
  static boolean spacious(long q, int logN) {
    boolean forwardFits = q < (1L << 62) / (2L * (4 + 2 * logN));
    boolean inverseFits = logN < 61 && q < 1L << (61 - logN);
    return forwardFits && inverseFits;
  }

  /**
   * The bound of {@link #forwardLazy}'s outputs: 4q, or (4 + 2·log N)·q (below 2^53) for a
   * spacious prime.
   */
  public long lazyBound() {
    return lazyBound;
  }

  /** Whether the transforms run on doubles ({@link DoubleNtt}). */
  boolean isVectorized() {
    return vectorized != null;
  }

  /** Whether this prime's transforms run without per-stage corrections. */
  boolean isSpacious() {
    return spacious;
  }

  public Modulus modulus() {
    return modulus;
  }

  public int degree() {
    return n;
  }

  /** SEAL's ψ: the smallest primitive 2N-th root of unity modulo q. */
  public long psi() {
    return psi;
  }

  /** In-place forward NTT of {@code a[off .. off+N)}; input in [0, 4q), output in [0, q). */
  public void forward(long[] a, int off) {
    if (vectorized != null) {
      vectorized.forward(a, off);
      return;
    }
    if (spacious) {
      forwardStagesSpacious(a, off);
      forwardTailSpacious(a, off, true);
      return;
    }
    forwardStages(a, off);
    forwardTail(a, off, true);
  }

  /**
   * Forward NTT leaving outputs in [0, {@link #lazyBound}); input in [0, 4q) is accepted too.
   */
  public void forwardLazy(long[] a, int off) {
    if (vectorized != null) {
      vectorized.forward(a, off);
      return;
    }
    if (spacious) {
      forwardStagesSpacious(a, off);
      forwardTailSpacious(a, off, false);
      return;
    }
    forwardStages(a, off);
    forwardTail(a, off, false);
  }

  /**
   * {@link #forwardStages} without corrections (spacious primes only): each stage adds 2q to the
   * bound, from 4q.
   */
  private void forwardStagesSpacious(long[] a, int off) {
    long q = modulus.value();
    long twoQ = 2 * q;
    int eighth = n >> 3;
    int t = n >> 1;
    int m = 1;
    while (m < eighth) {
      if (4 * m <= eighth) {
        int quarter = t >> 1;
        for (int i = 0; i < m; i++) {
          long w1 = rootPowers[m + i];
          long w1s = rootPowersShoup[m + i];
          long w2 = rootPowers[2 * m + 2 * i];
          long w2s = rootPowersShoup[2 * m + 2 * i];
          long w3 = rootPowers[2 * m + 2 * i + 1];
          long w3s = rootPowersShoup[2 * m + 2 * i + 1];
          int j1 = off + 2 * i * t;
          for (int j = j1, end = j1 + quarter; j < end; j++) {
            long x0 = a[j];
            long x1 = a[j + quarter];
            long x2 = a[j + t];
            long x3 = a[j + t + quarter];
            long v = x2 * w1 - Math.multiplyHigh(x2 << 1, w1s) * q;
            x2 = x0 - v + twoQ;
            x0 += v;
            v = x3 * w1 - Math.multiplyHigh(x3 << 1, w1s) * q;
            x3 = x1 - v + twoQ;
            x1 += v;
            v = x1 * w2 - Math.multiplyHigh(x1 << 1, w2s) * q;
            a[j] = x0 + v;
            a[j + quarter] = x0 - v + twoQ;
            v = x3 * w3 - Math.multiplyHigh(x3 << 1, w3s) * q;
            a[j + t] = x2 + v;
            a[j + t + quarter] = x2 - v + twoQ;
          }
        }
        m <<= 2;
        t >>= 2;
      } else {
        for (int i = 0; i < m; i++) {
          long w = rootPowers[m + i];
          long wShoup = rootPowersShoup[m + i];
          int j1 = off + 2 * i * t;
          for (int j = j1, end = j1 + t; j < end; j++) {
            long u = a[j];
            long x = a[j + t];
            long v = x * w - Math.multiplyHigh(x << 1, wShoup) * q;
            a[j] = u + v;
            a[j + t] = u - v + twoQ;
          }
        }
        m <<= 1;
        t >>= 1;
      }
    }
  }

  /**
   * All Cooley–Tukey stages but the last three (see {@link #forwardTail}), values kept in [0, 4q).
   * Stages are fused in pairs (radix 4: four values loaded, two levels of butterflies, four
   * stored), which halves the passes over memory; an odd stage left over runs alone.
   */
  private void forwardStages(long[] a, int off) {
    long q = modulus.value();
    long twoQ = 2 * q;
    int eighth = n >> 3;
    int t = n >> 1; // half-size of the butterflies at stage m
    int m = 1;
    while (m < eighth) {
      if (4 * m <= eighth) {
        int quarter = t >> 1;
        for (int i = 0; i < m; i++) {
          long w1 = rootPowers[m + i];
          long w1s = rootPowersShoup[m + i];
          long w2 = rootPowers[2 * m + 2 * i];
          long w2s = rootPowersShoup[2 * m + 2 * i];
          long w3 = rootPowers[2 * m + 2 * i + 1];
          long w3s = rootPowersShoup[2 * m + 2 * i + 1];
          int j1 = off + 2 * i * t;
          for (int j = j1, end = j1 + quarter; j < end; j++) {
            long x0 = a[j];
            long x1 = a[j + quarter];
            long x2 = a[j + t];
            long x3 = a[j + t + quarter];
            // stage m: (x0, x2) and (x1, x3) with w1
            x0 -= twoQ;
            x0 += (x0 >> 63) & twoQ;
            long v = x2 * w1 - Math.multiplyHigh(x2 << 1, w1s) * q;
            x2 = x0 - v + twoQ;
            x0 = x0 + v;
            x1 -= twoQ;
            x1 += (x1 >> 63) & twoQ;
            v = x3 * w1 - Math.multiplyHigh(x3 << 1, w1s) * q;
            x3 = x1 - v + twoQ;
            x1 = x1 + v;
            // stage 2m: (x0, x1) with w2, (x2, x3) with w3
            x0 -= twoQ;
            x0 += (x0 >> 63) & twoQ;
            v = x1 * w2 - Math.multiplyHigh(x1 << 1, w2s) * q;
            a[j] = x0 + v;
            a[j + quarter] = x0 - v + twoQ;
            x2 -= twoQ;
            x2 += (x2 >> 63) & twoQ;
            v = x3 * w3 - Math.multiplyHigh(x3 << 1, w3s) * q;
            a[j + t] = x2 + v;
            a[j + t + quarter] = x2 - v + twoQ;
          }
        }
        m <<= 2;
        t >>= 2;
      } else {
        for (int i = 0; i < m; i++) {
          long w = rootPowers[m + i];
          long wShoup = rootPowersShoup[m + i];
          int j1 = off + 2 * i * t;
          int j2 = j1 + t;
          for (int j = j1; j < j2; j++) {
            long u = a[j] - twoQ;
            u += (u >> 63) & twoQ; // branch-free: the comparison is unpredictable
            long x = a[j + t];
            long quotient = Math.multiplyHigh(x << 1, wShoup);
            long v = x * w - quotient * q;
            a[j] = u + v;
            a[j + t] = u - v + twoQ;
          }
        }
        m <<= 1;
        t >>= 1;
      }
    }
  }

  /**
   * The last three Cooley–Tukey stages (distances 4, 2 and 1) on blocks of eight values held in
   * locals: at these distances loops are too short for the JIT, and the twiddles of a block are
   * loaded once. Outputs in [0, 4q), or [0, q) with {@code reduce}.
   */
  private void forwardTail(long[] a, int off, boolean reduce) {
    long q = modulus.value();
    long twoQ = 2 * q;
    int m = n >> 3;
    for (int blk = 0; blk < m; blk++) {
      int j = off + 8 * blk;
      long wa = rootPowers[m + blk];
      long was = rootPowersShoup[m + blk];
      long wb = rootPowers[2 * m + 2 * blk];
      long wbs = rootPowersShoup[2 * m + 2 * blk];
      long wc = rootPowers[2 * m + 2 * blk + 1];
      long wcs = rootPowersShoup[2 * m + 2 * blk + 1];
      long w0 = rootPowers[4 * m + 4 * blk + 0];
      long w0s = rootPowersShoup[4 * m + 4 * blk + 0];
      long w1 = rootPowers[4 * m + 4 * blk + 1];
      long w1s = rootPowersShoup[4 * m + 4 * blk + 1];
      long w2 = rootPowers[4 * m + 4 * blk + 2];
      long w2s = rootPowersShoup[4 * m + 4 * blk + 2];
      long w3 = rootPowers[4 * m + 4 * blk + 3];
      long w3s = rootPowersShoup[4 * m + 4 * blk + 3];
      long x0 = a[j + 0];
      long x1 = a[j + 1];
      long x2 = a[j + 2];
      long x3 = a[j + 3];
      long x4 = a[j + 4];
      long x5 = a[j + 5];
      long x6 = a[j + 6];
      long x7 = a[j + 7];
      long v;
      // distance 4 (wa), 2 (wb, wc), 1 (w0 … w3)
      x0 -= twoQ;
      x0 += (x0 >> 63) & twoQ;
      v = x4 * wa - Math.multiplyHigh(x4 << 1, was) * q;
      x4 = x0 - v + twoQ;
      x0 += v;
      x1 -= twoQ;
      x1 += (x1 >> 63) & twoQ;
      v = x5 * wa - Math.multiplyHigh(x5 << 1, was) * q;
      x5 = x1 - v + twoQ;
      x1 += v;
      x2 -= twoQ;
      x2 += (x2 >> 63) & twoQ;
      v = x6 * wa - Math.multiplyHigh(x6 << 1, was) * q;
      x6 = x2 - v + twoQ;
      x2 += v;
      x3 -= twoQ;
      x3 += (x3 >> 63) & twoQ;
      v = x7 * wa - Math.multiplyHigh(x7 << 1, was) * q;
      x7 = x3 - v + twoQ;
      x3 += v;
      x0 -= twoQ;
      x0 += (x0 >> 63) & twoQ;
      v = x2 * wb - Math.multiplyHigh(x2 << 1, wbs) * q;
      x2 = x0 - v + twoQ;
      x0 += v;
      x1 -= twoQ;
      x1 += (x1 >> 63) & twoQ;
      v = x3 * wb - Math.multiplyHigh(x3 << 1, wbs) * q;
      x3 = x1 - v + twoQ;
      x1 += v;
      x4 -= twoQ;
      x4 += (x4 >> 63) & twoQ;
      v = x6 * wc - Math.multiplyHigh(x6 << 1, wcs) * q;
      x6 = x4 - v + twoQ;
      x4 += v;
      x5 -= twoQ;
      x5 += (x5 >> 63) & twoQ;
      v = x7 * wc - Math.multiplyHigh(x7 << 1, wcs) * q;
      x7 = x5 - v + twoQ;
      x5 += v;
      x0 -= twoQ;
      x0 += (x0 >> 63) & twoQ;
      v = x1 * w0 - Math.multiplyHigh(x1 << 1, w0s) * q;
      x1 = x0 - v + twoQ;
      x0 += v;
      x2 -= twoQ;
      x2 += (x2 >> 63) & twoQ;
      v = x3 * w1 - Math.multiplyHigh(x3 << 1, w1s) * q;
      x3 = x2 - v + twoQ;
      x2 += v;
      x4 -= twoQ;
      x4 += (x4 >> 63) & twoQ;
      v = x5 * w2 - Math.multiplyHigh(x5 << 1, w2s) * q;
      x5 = x4 - v + twoQ;
      x4 += v;
      x6 -= twoQ;
      x6 += (x6 >> 63) & twoQ;
      v = x7 * w3 - Math.multiplyHigh(x7 << 1, w3s) * q;
      x7 = x6 - v + twoQ;
      x6 += v;
      if (reduce) {
        x0 = reduceOnce(reduceOnce(x0, twoQ), q);
        x1 = reduceOnce(reduceOnce(x1, twoQ), q);
        x2 = reduceOnce(reduceOnce(x2, twoQ), q);
        x3 = reduceOnce(reduceOnce(x3, twoQ), q);
        x4 = reduceOnce(reduceOnce(x4, twoQ), q);
        x5 = reduceOnce(reduceOnce(x5, twoQ), q);
        x6 = reduceOnce(reduceOnce(x6, twoQ), q);
        x7 = reduceOnce(reduceOnce(x7, twoQ), q);
      }
      a[j + 0] = x0;
      a[j + 1] = x1;
      a[j + 2] = x2;
      a[j + 3] = x3;
      a[j + 4] = x4;
      a[j + 5] = x5;
      a[j + 6] = x6;
      a[j + 7] = x7;
    }
  }

  /**
   * {@link #forwardTail} for spacious primes. With {@code reduce}, each output is reduced by
   * ⌊2^64/q⌋ to [0, 2q) (for x &lt; 2^62 the estimate ⌊x·⌊2^64/q⌋/2^64⌋ is ⌊x/q⌋ or one less), then
   * to [0, q); without, the outputs are left below {@link #lazyBound}.
   */
  private void forwardTailSpacious(long[] a, int off, boolean reduce) {
    long q = modulus.value();
    long twoQ = 2 * q;
    long ratio = wordRatio;
    int m = n >> 3;
    for (int blk = 0; blk < m; blk++) {
      int j = off + 8 * blk;
      long wa = rootPowers[m + blk];
      long was = rootPowersShoup[m + blk];
      long wb = rootPowers[2 * m + 2 * blk];
      long wbs = rootPowersShoup[2 * m + 2 * blk];
      long wc = rootPowers[2 * m + 2 * blk + 1];
      long wcs = rootPowersShoup[2 * m + 2 * blk + 1];
      long w0 = rootPowers[4 * m + 4 * blk + 0];
      long w0s = rootPowersShoup[4 * m + 4 * blk + 0];
      long w1 = rootPowers[4 * m + 4 * blk + 1];
      long w1s = rootPowersShoup[4 * m + 4 * blk + 1];
      long w2 = rootPowers[4 * m + 4 * blk + 2];
      long w2s = rootPowersShoup[4 * m + 4 * blk + 2];
      long w3 = rootPowers[4 * m + 4 * blk + 3];
      long w3s = rootPowersShoup[4 * m + 4 * blk + 3];
      long x0 = a[j + 0];
      long x1 = a[j + 1];
      long x2 = a[j + 2];
      long x3 = a[j + 3];
      long x4 = a[j + 4];
      long x5 = a[j + 5];
      long x6 = a[j + 6];
      long x7 = a[j + 7];
      long v;
      // distance 4 (wa), 2 (wb, wc), 1 (w0 … w3)
      v = x4 * wa - Math.multiplyHigh(x4 << 1, was) * q;
      x4 = x0 - v + twoQ;
      x0 += v;
      v = x5 * wa - Math.multiplyHigh(x5 << 1, was) * q;
      x5 = x1 - v + twoQ;
      x1 += v;
      v = x6 * wa - Math.multiplyHigh(x6 << 1, was) * q;
      x6 = x2 - v + twoQ;
      x2 += v;
      v = x7 * wa - Math.multiplyHigh(x7 << 1, was) * q;
      x7 = x3 - v + twoQ;
      x3 += v;
      v = x2 * wb - Math.multiplyHigh(x2 << 1, wbs) * q;
      x2 = x0 - v + twoQ;
      x0 += v;
      v = x3 * wb - Math.multiplyHigh(x3 << 1, wbs) * q;
      x3 = x1 - v + twoQ;
      x1 += v;
      v = x6 * wc - Math.multiplyHigh(x6 << 1, wcs) * q;
      x6 = x4 - v + twoQ;
      x4 += v;
      v = x7 * wc - Math.multiplyHigh(x7 << 1, wcs) * q;
      x7 = x5 - v + twoQ;
      x5 += v;
      v = x1 * w0 - Math.multiplyHigh(x1 << 1, w0s) * q;
      x1 = x0 - v + twoQ;
      x0 += v;
      v = x3 * w1 - Math.multiplyHigh(x3 << 1, w1s) * q;
      x3 = x2 - v + twoQ;
      x2 += v;
      v = x5 * w2 - Math.multiplyHigh(x5 << 1, w2s) * q;
      x5 = x4 - v + twoQ;
      x4 += v;
      v = x7 * w3 - Math.multiplyHigh(x7 << 1, w3s) * q;
      x7 = x6 - v + twoQ;
      x6 += v;
      if (reduce) {
        x0 -= Math.multiplyHigh(x0, ratio) * q;
        x1 -= Math.multiplyHigh(x1, ratio) * q;
        x2 -= Math.multiplyHigh(x2, ratio) * q;
        x3 -= Math.multiplyHigh(x3, ratio) * q;
        x4 -= Math.multiplyHigh(x4, ratio) * q;
        x5 -= Math.multiplyHigh(x5, ratio) * q;
        x6 -= Math.multiplyHigh(x6, ratio) * q;
        x7 -= Math.multiplyHigh(x7, ratio) * q;
        x0 = reduceOnce(x0, q);
        x1 = reduceOnce(x1, q);
        x2 = reduceOnce(x2, q);
        x3 = reduceOnce(x3, q);
        x4 = reduceOnce(x4, q);
        x5 = reduceOnce(x5, q);
        x6 = reduceOnce(x6, q);
        x7 = reduceOnce(x7, q);
      }
      a[j + 0] = x0;
      a[j + 1] = x1;
      a[j + 2] = x2;
      a[j + 3] = x3;
      a[j + 4] = x4;
      a[j + 5] = x5;
      a[j + 6] = x6;
      a[j + 7] = x7;
    }
  }

  /** x − c if x ≥ c, else x (branch-free: the comparison is unpredictable). */
  private static long reduceOnce(long x, long c) {
    long r = x - c;
    return r + ((r >> 63) & c);
  }

  /** In-place inverse NTT of {@code a[off .. off+N)}; input in [0, 2q), output in [0, q). */
  public void inverse(long[] a, int off) {
    if (vectorized != null) {
      vectorized.inverse(a, off);
      return;
    }
    if (spacious) {
      inverseSpacious(a, off);
      return;
    }
    inverseHead(a, off);
    long q = modulus.value();
    long twoQ = 2 * q;
    // Middle stages: h twiddle blocks, butterflies at distance t, from h = N/16 down to h = 2. Pairs
    // of stages are fused (radix 4: four values loaded, two levels of butterflies, four stored),
    // which halves the passes over memory; a stage left over runs alone. Values stay in [0, 2q).
    int t = 8;
    int h = n >> 4;
    while (h > 1) {
      if (h >= 4) {
        int hh = h >> 1; // the second stage of the pair: hh twiddle blocks at distance 2t
        for (int i = 0; i < hh; i++) {
          long wa = invRootPowers[h + 2 * i];
          long was = invRootPowersShoup[h + 2 * i];
          long wb = invRootPowers[h + 2 * i + 1];
          long wbs = invRootPowersShoup[h + 2 * i + 1];
          long wc = invRootPowers[hh + i];
          long wcs = invRootPowersShoup[hh + i];
          int j1 = off + 4 * t * i;
          for (int j = j1, end = j1 + t; j < end; j++) {
            long x0 = a[j];
            long x1 = a[j + t];
            long x2 = a[j + 2 * t];
            long x3 = a[j + 3 * t];
            // stage h: (x0, x1) with wa, (x2, x3) with wb
            long s = x0 + x1 - twoQ;
            long d = x0 - x1 + twoQ;
            x0 = s + ((s >> 63) & twoQ);
            x1 = d * wa - Math.multiplyHigh(d << 1, was) * q;
            s = x2 + x3 - twoQ;
            d = x2 - x3 + twoQ;
            x2 = s + ((s >> 63) & twoQ);
            x3 = d * wb - Math.multiplyHigh(d << 1, wbs) * q;
            // stage h/2: (x0, x2) and (x1, x3) with wc
            s = x0 + x2 - twoQ;
            d = x0 - x2 + twoQ;
            a[j] = s + ((s >> 63) & twoQ);
            a[j + 2 * t] = d * wc - Math.multiplyHigh(d << 1, wcs) * q;
            s = x1 + x3 - twoQ;
            d = x1 - x3 + twoQ;
            a[j + t] = s + ((s >> 63) & twoQ);
            a[j + 3 * t] = d * wc - Math.multiplyHigh(d << 1, wcs) * q;
          }
        }
        h >>= 2;
        t <<= 2;
      } else {
        int j1 = off;
        for (int i = 0; i < h; i++) {
          long w = invRootPowers[h + i];
          long wShoup = invRootPowersShoup[h + i];
          int j2 = j1 + t;
          for (int j = j1; j < j2; j++) {
            long u = a[j];
            long v = a[j + t];
            long s = u + v - twoQ;
            a[j] = s + ((s >> 63) & twoQ);
            long d = u - v + twoQ;
            long quotient = Math.multiplyHigh(d << 1, wShoup);
            a[j + t] = d * w - quotient * q;
          }
          j1 += 2 * t;
        }
        h >>= 1;
        t <<= 1;
      }
    }
    // Last stage (m = 2): one twiddle ψ^−1; fold in 1/N on both outputs and reduce fully.
    long w = lastInvRootTimesInvN;
    long wShoup = lastInvRootTimesInvNShoup;
    for (int j = off, end = off + t; j < end; j++) {
      long u = a[j];
      long v = a[j + t];
      long s = u + v - twoQ;
      s += (s >> 63) & twoQ;
      a[j] = modulus.mulShoup(s, invN, invNShoup);
      a[j + t] = modulus.mulShoup(u - v + twoQ, w, wShoup);
    }
  }

  /**
   * {@link #inverse} without corrections (spacious primes only): before each stage every value is
   * below bound = B·q, the sums grow to 2B·q and the differences u − v + B·q are reduced to [0, 2q)
   * by their twiddle products.
   */
  private void inverseSpacious(long[] a, int off) {
    inverseHeadSpacious(a, off);
    long q = modulus.value();
    long bound = 16 * q; // values below 16q after the first three stages
    int t = 8;
    int h = n >> 4;
    while (h > 1) {
      if (h >= 4) {
        int hh = h >> 1;
        long bound2 = 2 * bound;
        for (int i = 0; i < hh; i++) {
          long wa = invRootPowers[h + 2 * i];
          long was = invRootPowersShoup[h + 2 * i];
          long wb = invRootPowers[h + 2 * i + 1];
          long wbs = invRootPowersShoup[h + 2 * i + 1];
          long wc = invRootPowers[hh + i];
          long wcs = invRootPowersShoup[hh + i];
          int j1 = off + 4 * t * i;
          for (int j = j1, end = j1 + t; j < end; j++) {
            long x0 = a[j];
            long x1 = a[j + t];
            long x2 = a[j + 2 * t];
            long x3 = a[j + 3 * t];
            long d = x0 - x1 + bound;
            x0 += x1;
            x1 = d * wa - Math.multiplyHigh(d << 1, was) * q;
            d = x2 - x3 + bound;
            x2 += x3;
            x3 = d * wb - Math.multiplyHigh(d << 1, wbs) * q;
            d = x0 - x2 + bound2;
            a[j] = x0 + x2;
            a[j + 2 * t] = d * wc - Math.multiplyHigh(d << 1, wcs) * q;
            d = x1 - x3 + bound2;
            a[j + t] = x1 + x3;
            a[j + 3 * t] = d * wc - Math.multiplyHigh(d << 1, wcs) * q;
          }
        }
        bound = 2 * bound2;
        h >>= 2;
        t <<= 2;
      } else {
        int j1 = off;
        for (int i = 0; i < h; i++) {
          long w = invRootPowers[h + i];
          long wShoup = invRootPowersShoup[h + i];
          for (int j = j1, end = j1 + t; j < end; j++) {
            long u = a[j];
            long v = a[j + t];
            long d = u - v + bound;
            a[j] = u + v;
            a[j + t] = d * w - Math.multiplyHigh(d << 1, wShoup) * q;
          }
          j1 += 2 * t;
        }
        bound *= 2;
        h >>= 1;
        t <<= 1;
      }
    }
    // Last stage: one twiddle ψ^−1, 1/N folded into both outputs, fully reduced by mulShoup.
    long w = lastInvRootTimesInvN;
    long wShoup = lastInvRootTimesInvNShoup;
    for (int j = off, end = off + t; j < end; j++) {
      long u = a[j];
      long v = a[j + t];
      a[j] = modulus.mulShoup(u + v, invN, invNShoup);
      a[j + t] = modulus.mulShoup(u - v + bound, w, wShoup);
    }
  }

  /**
   * The first three Gentleman–Sande stages (distances 1, 2 and 4) on blocks of eight values held in
   * locals (see {@link #forwardTail}); values in [0, 2q) before and after.
   */
  private void inverseHead(long[] a, int off) {
    long q = modulus.value();
    long twoQ = 2 * q;
    int m = n >> 3;
    for (int blk = 0; blk < m; blk++) {
      int j = off + 8 * blk;
      long w0 = invRootPowers[4 * m + 4 * blk + 0];
      long w0s = invRootPowersShoup[4 * m + 4 * blk + 0];
      long w1 = invRootPowers[4 * m + 4 * blk + 1];
      long w1s = invRootPowersShoup[4 * m + 4 * blk + 1];
      long w2 = invRootPowers[4 * m + 4 * blk + 2];
      long w2s = invRootPowersShoup[4 * m + 4 * blk + 2];
      long w3 = invRootPowers[4 * m + 4 * blk + 3];
      long w3s = invRootPowersShoup[4 * m + 4 * blk + 3];
      long wb = invRootPowers[2 * m + 2 * blk];
      long wbs = invRootPowersShoup[2 * m + 2 * blk];
      long wc = invRootPowers[2 * m + 2 * blk + 1];
      long wcs = invRootPowersShoup[2 * m + 2 * blk + 1];
      long wa = invRootPowers[m + blk];
      long was = invRootPowersShoup[m + blk];
      long x0 = a[j + 0];
      long x1 = a[j + 1];
      long x2 = a[j + 2];
      long x3 = a[j + 3];
      long x4 = a[j + 4];
      long x5 = a[j + 5];
      long x6 = a[j + 6];
      long x7 = a[j + 7];
      long d;
      // distance 1 (w0 … w3), 2 (wb, wc), 4 (wa)
      d = x0 - x1 + twoQ;
      x0 += x1 - twoQ;
      x0 += (x0 >> 63) & twoQ;
      x1 = d * w0 - Math.multiplyHigh(d << 1, w0s) * q;
      d = x2 - x3 + twoQ;
      x2 += x3 - twoQ;
      x2 += (x2 >> 63) & twoQ;
      x3 = d * w1 - Math.multiplyHigh(d << 1, w1s) * q;
      d = x4 - x5 + twoQ;
      x4 += x5 - twoQ;
      x4 += (x4 >> 63) & twoQ;
      x5 = d * w2 - Math.multiplyHigh(d << 1, w2s) * q;
      d = x6 - x7 + twoQ;
      x6 += x7 - twoQ;
      x6 += (x6 >> 63) & twoQ;
      x7 = d * w3 - Math.multiplyHigh(d << 1, w3s) * q;
      d = x0 - x2 + twoQ;
      x0 += x2 - twoQ;
      x0 += (x0 >> 63) & twoQ;
      x2 = d * wb - Math.multiplyHigh(d << 1, wbs) * q;
      d = x1 - x3 + twoQ;
      x1 += x3 - twoQ;
      x1 += (x1 >> 63) & twoQ;
      x3 = d * wb - Math.multiplyHigh(d << 1, wbs) * q;
      d = x4 - x6 + twoQ;
      x4 += x6 - twoQ;
      x4 += (x4 >> 63) & twoQ;
      x6 = d * wc - Math.multiplyHigh(d << 1, wcs) * q;
      d = x5 - x7 + twoQ;
      x5 += x7 - twoQ;
      x5 += (x5 >> 63) & twoQ;
      x7 = d * wc - Math.multiplyHigh(d << 1, wcs) * q;
      d = x0 - x4 + twoQ;
      x0 += x4 - twoQ;
      x0 += (x0 >> 63) & twoQ;
      x4 = d * wa - Math.multiplyHigh(d << 1, was) * q;
      d = x1 - x5 + twoQ;
      x1 += x5 - twoQ;
      x1 += (x1 >> 63) & twoQ;
      x5 = d * wa - Math.multiplyHigh(d << 1, was) * q;
      d = x2 - x6 + twoQ;
      x2 += x6 - twoQ;
      x2 += (x2 >> 63) & twoQ;
      x6 = d * wa - Math.multiplyHigh(d << 1, was) * q;
      d = x3 - x7 + twoQ;
      x3 += x7 - twoQ;
      x3 += (x3 >> 63) & twoQ;
      x7 = d * wa - Math.multiplyHigh(d << 1, was) * q;
      a[j + 0] = x0;
      a[j + 1] = x1;
      a[j + 2] = x2;
      a[j + 3] = x3;
      a[j + 4] = x4;
      a[j + 5] = x5;
      a[j + 6] = x6;
      a[j + 7] = x7;
    }
  }

  /**
   * {@link #inverseHead} for spacious primes: no corrections; inputs below 2q, outputs below 16q.
   */
  private void inverseHeadSpacious(long[] a, int off) {
    long q = modulus.value();
    long twoQ = 2 * q;
    long fourQ = 4 * q;
    long eightQ = 8 * q;
    int m = n >> 3;
    for (int blk = 0; blk < m; blk++) {
      int j = off + 8 * blk;
      long w0 = invRootPowers[4 * m + 4 * blk + 0];
      long w0s = invRootPowersShoup[4 * m + 4 * blk + 0];
      long w1 = invRootPowers[4 * m + 4 * blk + 1];
      long w1s = invRootPowersShoup[4 * m + 4 * blk + 1];
      long w2 = invRootPowers[4 * m + 4 * blk + 2];
      long w2s = invRootPowersShoup[4 * m + 4 * blk + 2];
      long w3 = invRootPowers[4 * m + 4 * blk + 3];
      long w3s = invRootPowersShoup[4 * m + 4 * blk + 3];
      long wb = invRootPowers[2 * m + 2 * blk];
      long wbs = invRootPowersShoup[2 * m + 2 * blk];
      long wc = invRootPowers[2 * m + 2 * blk + 1];
      long wcs = invRootPowersShoup[2 * m + 2 * blk + 1];
      long wa = invRootPowers[m + blk];
      long was = invRootPowersShoup[m + blk];
      long x0 = a[j + 0];
      long x1 = a[j + 1];
      long x2 = a[j + 2];
      long x3 = a[j + 3];
      long x4 = a[j + 4];
      long x5 = a[j + 5];
      long x6 = a[j + 6];
      long x7 = a[j + 7];
      long d;
      // distance 1 (w0 … w3), 2 (wb, wc), 4 (wa)
      d = x0 - x1 + twoQ;
      x0 += x1;
      x1 = d * w0 - Math.multiplyHigh(d << 1, w0s) * q;
      d = x2 - x3 + twoQ;
      x2 += x3;
      x3 = d * w1 - Math.multiplyHigh(d << 1, w1s) * q;
      d = x4 - x5 + twoQ;
      x4 += x5;
      x5 = d * w2 - Math.multiplyHigh(d << 1, w2s) * q;
      d = x6 - x7 + twoQ;
      x6 += x7;
      x7 = d * w3 - Math.multiplyHigh(d << 1, w3s) * q;
      d = x0 - x2 + fourQ;
      x0 += x2;
      x2 = d * wb - Math.multiplyHigh(d << 1, wbs) * q;
      d = x1 - x3 + fourQ;
      x1 += x3;
      x3 = d * wb - Math.multiplyHigh(d << 1, wbs) * q;
      d = x4 - x6 + fourQ;
      x4 += x6;
      x6 = d * wc - Math.multiplyHigh(d << 1, wcs) * q;
      d = x5 - x7 + fourQ;
      x5 += x7;
      x7 = d * wc - Math.multiplyHigh(d << 1, wcs) * q;
      d = x0 - x4 + eightQ;
      x0 += x4;
      x4 = d * wa - Math.multiplyHigh(d << 1, was) * q;
      d = x1 - x5 + eightQ;
      x1 += x5;
      x5 = d * wa - Math.multiplyHigh(d << 1, was) * q;
      d = x2 - x6 + eightQ;
      x2 += x6;
      x6 = d * wa - Math.multiplyHigh(d << 1, was) * q;
      d = x3 - x7 + eightQ;
      x3 += x7;
      x7 = d * wa - Math.multiplyHigh(d << 1, was) * q;
      a[j + 0] = x0;
      a[j + 1] = x1;
      a[j + 2] = x2;
      a[j + 3] = x3;
      a[j + 4] = x4;
      a[j + 5] = x5;
      a[j + 6] = x6;
      a[j + 7] = x7;
    }
  }

  public static int bitReverse(int x, int bits) {
    return bits == 0 ? 0 : Integer.reverse(x) >>> (32 - bits);
  }

  /**
   * The smallest g with g^(order/2) ≡ −1, i.e. the smallest primitive root of the power-of-two
   * order.
   */
  static long minimalPrimitiveRoot(long order, Modulus modulus) {
    long q = modulus.value();
    long cofactor = (q - 1) / order;
    // Find any primitive order-th root: x^cofactor for a non-residue-like x.
    long generator = 0;
    for (long x = 2; x < q; x++) {
      long candidate = modulus.pow(x, cofactor);
      if (modulus.pow(candidate, order / 2) == q - 1) {
        generator = candidate;
        break;
      }
    }
    if (generator == 0) {
      throw new IllegalArgumentException("no primitive " + order + "-th root modulo " + q);
    }
    // All primitive roots are generator^odd; walk them and keep the smallest.
    long square = modulus.mul(generator, generator);
    long current = generator;
    long smallest = generator;
    for (long i = 0; i < order / 2; i++) {
      if (current < smallest) {
        smallest = current;
      }
      current = modulus.mul(current, square);
    }
    return smallest;
  }
}
