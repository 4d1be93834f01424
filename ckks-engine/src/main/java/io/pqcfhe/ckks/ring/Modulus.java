package io.pqcfhe.ckks.ring;

/**
 * A prime modulus q &lt; 2^61 with the constants for fast modular arithmetic on 64-bit words.
 *
 * <p>Two reductions are offered. Barrett reduction ({@link #reduce128}) with the two-word constant
 * ⌊2^128/q⌋ reduces any 128-bit value, so it serves products and lazily accumulated sums of
 * products. Shoup multiplication ({@link #mulShoup}) multiplies by a <em>fixed</em> operand w using
 * the precomputed w' = ⌊w·2^64/q⌋ with one high product and two low products; it is what the NTT
 * twiddles and the key-switching constants use. The bound q &lt; 2^61 leaves room for Harvey's lazy
 * values in [0, 4q).
 *
 * <p>Java 17 only has a <em>signed</em> {@link Math#multiplyHigh}; {@link #unsignedMultiplyHigh}
 * adds the correction for operands with the top bit set. Immutable and thread-safe.
 */
public final class Modulus {

  /** The largest prime size this arithmetic supports (bits). */
  public static final int MAX_BITS = 61;

  private final long value;
  private final int bitCount;
  private final long ratioHigh;
  private final long ratioLow;

  /**
   * ⌊2^(2k)/q⌋ for k = bitCount: the single-word Barrett constant for products of reduced values.
   */
  private final long productRatio;

  /** 2^64 mod q and its Shoup companion, for folding the high word of an accumulated sum. */
  private final long twoPow64;

  private final long twoPow64Shoup;

  /** q^−1 mod 2^64 for an odd q (0 for an even one), which makes {@link #shoup} a division-free product. */
  private final long inverseMod2To64;

  public Modulus(long value) {
    if (value < 2 || value >>> MAX_BITS != 0) {
      throw new IllegalArgumentException("modulus must be in [2, 2^61): " + value);
    }
    this.value = value;
    this.bitCount = 64 - Long.numberOfLeadingZeros(value);
    // floor(2^128 / q) as two words by schoolbook long division of 1:0:0 by q.
    long[] quotient = divide128By(1L, 0L, 0L, value);
    this.ratioHigh = quotient[0];
    this.ratioLow = quotient[1];
    // 2^(2k) = (2^(2k−64) : 0) when 2k ≥ 64, else a single word
    this.productRatio =
        2 * bitCount >= 64
            ? divide128By(0L, 1L << (2 * bitCount - 64), 0L, value)[1]
            : (1L << (2 * bitCount)) / value;
    long wrapped = reduce(-1L) + 1; // (2^64 − 1 mod q) + 1
    this.twoPow64 = wrapped == value ? 0 : wrapped;
    this.inverseMod2To64 = (value & 1) == 0 ? 0 : inverseMod2To64(value);
    this.twoPow64Shoup = shoup(twoPow64);
  }

  public long value() {
    return value;
  }

  public int bitCount() {
    return bitCount;
  }

  /** High 64 bits of the unsigned 128-bit product a·b. */
  public static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  /** (hi·2^64 + lo) mod q for any 128-bit unsigned value (SEAL's barrett_reduce_128). */
  public long reduce128(long hi, long lo) {
    long r0 = ratioLow;
    long r1 = ratioHigh;
    long carry = unsignedMultiplyHigh(lo, r0);
    long t2lo = lo * r1;
    long t2hi = unsignedMultiplyHigh(lo, r1);
    long t1 = t2lo + carry;
    long t3 = t2hi + (Long.compareUnsigned(t1, t2lo) < 0 ? 1 : 0);
    t2lo = hi * r0;
    t2hi = unsignedMultiplyHigh(hi, r0);
    long sum = t1 + t2lo;
    carry = t2hi + (Long.compareUnsigned(sum, t1) < 0 ? 1 : 0);
    long estimate = hi * r1 + t3 + carry;
    long r = lo - estimate * value - value;
    return r + ((r >> 63) & value);
  }

  /**
   * (hi·2^64 + lo) mod q for a sum of products with hi &lt; 2^63 (e.g. up to 2^(63+64−122) = 32
   * products of values below 2^61): hi·(2^64 mod q) by Shoup plus lo by Barrett, about half the
   * cost of {@link #reduce128}.
   */
  public long reduceAccumulated(long hi, long lo) {
    long high =
        hi * twoPow64
            - (Math.multiplyHigh(hi, twoPow64Shoup) + ((twoPow64Shoup >> 63) & hi)) * value;
    long r = high + reduce(lo) - value; // high in [0, 2q), reduce(lo) in [0, q)
    r += (r >> 63) & value;
    r -= value;
    return r + ((r >> 63) & value);
  }

  /**
   * (hi·2^64 + lo) mod q up to a multiple: {@link #reduceAccumulated} without its final
   * corrections, a value in [0, 4q) (the Shoup fold of hi and the Barrett estimate for lo each leave
   * [0, 2q)), for consumers that take lazy values.
   */
  public long reduceAccumulatedLazy(long hi, long lo) {
    long high =
        hi * twoPow64
            - (Math.multiplyHigh(hi, twoPow64Shoup) + ((twoPow64Shoup >> 63) & hi)) * value;
    return high + lo - unsignedMultiplyHigh(lo, ratioHigh) * value;
  }

  /** x mod q for any unsigned 64-bit x. */
  public long reduce(long x) {
    long estimate = unsignedMultiplyHigh(x, ratioHigh);
    long r = x - estimate * value - value;
    return r + ((r >> 63) & value);
  }

  /**
   * a·b mod q for a, b in [0, q): Barrett reduction of the 2k-bit product with the one-word
   * constant ⌊2^(2k)/q⌋ (two high products instead of the four of {@link #reduce128}).
   */
  public long mul(long a, long b) {
    long lo = a * b;
    long hi = Math.multiplyHigh(a, b); // a, b < 2^61: the signed high product is the unsigned one
    int k = bitCount;
    long t = (hi << (65 - k)) | (lo >>> (k - 1));
    long estimate =
        (Math.multiplyHigh(t, productRatio) << (63 - k)) | ((t * productRatio) >>> (k + 1));
    long r = lo - estimate * value - value; // lo − estimate·q is in [0, 3q)
    r += (r >> 63) & value;
    r -= value;
    return r + ((r >> 63) & value);
  }

  public long add(long a, long b) {
    long s = a + b - value;
    return s + ((s >> 63) & value);
  }

  public long sub(long a, long b) {
    long d = a - b;
    return d + ((d >> 63) & value);
  }

  public long negate(long a) {
    return a == 0 ? 0 : value - a;
  }

  /**
   * The Shoup companion ⌊w·2^64/q⌋ of a fixed operand w in [0, q). For an odd q without a division:
   * w·2^64 = q·w' + r with r = w·(2^64 mod q) mod q, so q·w' ≡ −r (mod 2^64), and w' &lt; 2^64 is
   * −r·q^−1 mod 2^64 exactly. A few nanoseconds instead of a long division, which lets key
   * generation precompute the companions of a whole secret key.
   */
  public long shoup(long w) {
    if (inverseMod2To64 == 0) {
      return divide128By(0L, w, 0L, value)[1];
    }
    return -mul(w, twoPow64) * inverseMod2To64;
  }

  /** x with q·x ≡ 1 (mod 2^64), q odd: Newton's iteration doubles the correct low bits each step. */
  private static long inverseMod2To64(long q) {
    long x = q; // q·q ≡ 1 (mod 8): three correct bits
    for (int i = 0; i < 5; i++) {
      x *= 2 - q * x;
    }
    return x;
  }

  /** a·w mod q, fully reduced, for a &lt; 2^63 and w in [0, q) with companion wShoup. */
  public long mulShoup(long a, long w, long wShoup) {
    long quotient = Math.multiplyHigh(a, wShoup) + ((wShoup >> 63) & a);
    long r = a * w - quotient * value - value;
    return r + ((r >> 63) & value);
  }

  /** a·w mod q in [0, 2q) (Harvey's lazy form), for a &lt; 2^63. */
  public long mulShoupLazy(long a, long w, long wShoup) {
    long quotient = Math.multiplyHigh(a, wShoup) + ((wShoup >> 63) & a);
    return a * w - quotient * value;
  }

  public long pow(long base, long exponent) {
    long result = 1 % value;
    long b = base % value;
    long e = exponent;
    while (e > 0) {
      if ((e & 1) != 0) {
        result = mul(result, b);
      }
      b = mul(b, b);
      e >>>= 1;
    }
    return result;
  }

  /** The inverse of a mod q (q prime, a not a multiple of q). */
  public long inverse(long a) {
    long r = a % value;
    if (r == 0) {
      throw new ArithmeticException("zero has no inverse modulo " + value);
    }
    return pow(r, value - 2);
  }

  /** A signed value reduced into [0, q). */
  public long fromSigned(long x) {
    long r = x % value;
    return r < 0 ? r + value : r;
  }

  /**
   * The quotient of the 192-bit value (a2:a1:a0) by d, as two words {high, low}; the caller
   * guarantees it fits in 128 bits. Bit-serial long division: only used for precomputation.
   */
  private static long[] divide128By(long a2, long a1, long a0, long d) {
    long rem = Long.remainderUnsigned(a2, d);
    long[] words = {a1, a0};
    long[] q = new long[2];
    for (int w = 0; w < 2; w++) {
      long word = words[w];
      long qw = 0;
      for (int bit = 63; bit >= 0; bit--) {
        rem = (rem << 1) | ((word >>> bit) & 1);
        qw <<= 1;
        if (rem >= d) {
          rem -= d;
          qw |= 1;
        }
      }
      q[w] = qw;
    }
    return q;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Modulus m && m.value == value;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
