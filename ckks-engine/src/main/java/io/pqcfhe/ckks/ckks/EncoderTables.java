package io.pqcfhe.ckks.ckks;

/**
 * The floating-point tables of the canonical embedding for degree N, arranged so that encoding and
 * decoding need one complex FFT of size N/2 instead of N.
 *
 * <p>Slot i is m(ζ^g) with g = 3^i mod 2N and ζ = e^(iπ/N) (SEAL's order). Splitting m into halves,
 * m(ζ^g) = Σ_{k&lt;N/2} (c_k + c_{k+N/2}·ζ^(gN/2))·ζ^(gk), and ζ^(gN/2) = i^g is +i when g ≡ 1 (mod
 * 4), −i when g ≡ 3. With z_k = c_k + i·c_{k+N/2}: for g ≡ 1 the slot is Z(ζ^g); for g ≡ 3 it is
 * the conjugate of Z(ζ^(−g)), and −g ≡ 1. The points ζ^(1+4t), t &lt; N/2, are where Z is evaluated
 * by F_t = Σ_k (z_k·ζ^k)·ω^(tk) with ω = e^(2πi/(N/2)): one size-N/2 DFT after a twist. Every t is
 * the image of exactly one slot (±3^i cover all odd residues once). Immutable.
 */
final class EncoderTables {

  final int n;

  /** FFT size, N/2 (also the slot count). */
  final int m;

  final double[] twistCos;
  final double[] twistSin;

  /**
   * The FFT's twiddles stage by stage: for the stage of butterflies half a block of h apart (h a
   * power of two below m, from 4: the first two stages need no table), ω^(k·m/2h) = e^(iπk/h) for
   * k &lt; h sits at index h + k, so a stage reads its twiddles in order instead of every
   * (m/2h)-th of one table.
   */
  private final double[] stageCos;

  private final double[] stageSin;

  /** FFT position of each slot, and whether the slot is the conjugate of that position's value. */
  final int[] slotPosition;

  final boolean[] slotConjugated;

  /** Where {@link #fft} takes input k: its bit reversal (the permutation is the caller's). */
  final int[] bitReversal;

  /** Where encoding puts slot i's value before the FFT: its position, bit-reversed. */
  final int[] slotInput;

  EncoderTables(int n) {
    this.n = n;
    this.m = n / 2;
    twistCos = new double[m];
    twistSin = new double[m];
    for (int k = 0; k < m; k++) {
      double angle = Math.PI * k / n;
      twistCos[k] = Math.cos(angle);
      twistSin[k] = Math.sin(angle);
    }
    stageCos = new double[Math.max(m, 1)];
    stageSin = new double[Math.max(m, 1)];
    for (int half = 4; half < m; half <<= 1) {
      int stride = m / (2 * half);
      for (int k = 0; k < half; k++) {
        // the angle as it was computed for one table of m/2 entries, so the values are the same
        double angle = 2 * Math.PI * (k * stride) / m;
        stageCos[half + k] = Math.cos(angle);
        stageSin[half + k] = Math.sin(angle);
      }
    }
    slotPosition = new int[m];
    slotConjugated = new boolean[m];
    long twoN = 2L * n;
    long g = 1;
    for (int i = 0; i < m; i++) {
      if (g % 4 == 1) {
        slotPosition[i] = (int) ((g - 1) / 4);
      } else {
        slotPosition[i] = (int) ((twoN - g - 1) / 4);
        slotConjugated[i] = true;
      }
      g = g * 3 % twoN;
    }
    int logM = Integer.numberOfTrailingZeros(m);
    bitReversal = new int[m];
    for (int i = 0; i < m; i++) {
      bitReversal[i] = logM == 0 ? 0 : Integer.reverse(i) >>> (32 - logM);
    }
    slotInput = new int[m];
    for (int i = 0; i < m; i++) {
      slotInput[i] = bitReversal[slotPosition[i]];
    }
  }

  /**
   * In-place DFT of length N/2: X_t = Σ_k x_k · ω^(sign·k·t), radix-2, decimation in time. The
   * input comes bit-reversed, x_k at {@code bitReversal[k]}: the callers write it there as they fill
   * the arrays, which saves a pass of swaps. The output is in natural order.
   */
  void fft(double[] re, double[] im, int sign) {
    // The first two stages together, on blocks of four: their twiddles are 1 and ω^(sign·m/4) =
    // sign·i, which multiply without a multiplication.
    for (int a = 0; a < m; a += 4) {
      double r0 = re[a] + re[a + 1];
      double i0 = im[a] + im[a + 1];
      double r1 = re[a] - re[a + 1];
      double i1 = im[a] - im[a + 1];
      double r2 = re[a + 2] + re[a + 3];
      double i2 = im[a + 2] + im[a + 3];
      // (re[a+2] − re[a+3], im[a+2] − im[a+3]) times sign·i
      double r3 = -sign * (im[a + 2] - im[a + 3]);
      double i3 = sign * (re[a + 2] - re[a + 3]);
      re[a] = r0 + r2;
      im[a] = i0 + i2;
      re[a + 2] = r0 - r2;
      im[a + 2] = i0 - i2;
      re[a + 1] = r1 + r3;
      im[a + 1] = i1 + i3;
      re[a + 3] = r1 - r3;
      im[a + 3] = i1 - i3;
    }
    for (int len = 8; len <= m; len <<= 1) {
      int half = len >> 1;
      if (half < 32) {
        // short blocks: one twiddle per k, kept in registers across the blocks
        for (int k = 0; k < half; k++) {
          double wr = stageCos[half + k];
          double wi = sign * stageSin[half + k];
          for (int a = k; a < m; a += len) {
            butterfly(re, im, a, a + half, wr, wi);
          }
        }
      } else {
        // long blocks: walk each block in memory order (the same butterflies, so the same
        // results, without striding through the whole array once per twiddle)
        for (int start = 0; start < m; start += len) {
          for (int k = 0; k < half; k++) {
            butterfly(re, im, start + k, start + k + half, stageCos[half + k], sign * stageSin[half + k]);
          }
        }
      }
    }
  }

  private static void butterfly(double[] re, double[] im, int a, int b, double wr, double wi) {
    double xr = re[b] * wr - im[b] * wi;
    double xi = re[b] * wi + im[b] * wr;
    re[b] = re[a] - xr;
    im[b] = im[a] - xi;
    re[a] += xr;
    im[a] += xi;
  }
}
