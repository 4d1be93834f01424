package io.pqcfhe.ckks.ring;

/**
 * Exact Chinese-remainder composition of RNS values into centered integers, converted to double.
 *
 * <p>x = Σ_j [x_j · (Q/q_j)^−1 mod q_j] · (Q/q_j) mod Q is accumulated in multi-word (64-bit limb)
 * integers — no BigInteger, no allocation per coefficient — then values ≥ (Q+1)/2 are taken as negative,
 * as SEAL's decoder does. Works for any number of primes (Q up to 881 bits and beyond).
 *
 * <p>Immutable and thread-safe; {@link #composeCentered} uses caller-provided scratch.
 */
public final class CrtComposer {

    private final Modulus[] moduli;
    private final int words;
    /** Q as little-endian words (length words). */
    private final long[] modulusProduct;
    /** ⌈Q/2⌉ as words: values ≥ this are negative. */
    private final long[] halfProduct;
    /** Q/q_j as words, for each j. */
    private final long[][] punctured;
    private final long[] puncturedInverse;
    private final long[] puncturedInverseShoup;

    public CrtComposer(Modulus[] moduli) {
        this.moduli = moduli.clone();
        int l = moduli.length;
        this.words = l + 1;
        modulusProduct = new long[words];
        modulusProduct[0] = 1;
        for (Modulus m : moduli) {
            multiplyInPlace(modulusProduct, m.value());
        }
        punctured = new long[l][];
        puncturedInverse = new long[l];
        puncturedInverseShoup = new long[l];
        for (int j = 0; j < l; j++) {
            long[] p = new long[words];
            p[0] = 1;
            long residue = 1;
            for (int i = 0; i < l; i++) {
                if (i != j) {
                    multiplyInPlace(p, moduli[i].value());
                    residue = moduli[j].mul(residue, moduli[j].reduce(moduli[i].value()));
                }
            }
            punctured[j] = p;
            puncturedInverse[j] = moduli[j].inverse(residue);
            puncturedInverseShoup[j] = moduli[j].shoup(puncturedInverse[j]);
        }
        // (Q + 1) / 2, rounding up: Q is odd, so this is (Q >> 1) + 1.
        halfProduct = new long[words];
        for (int w = 0; w < words; w++) {
            long hi = w + 1 < words ? modulusProduct[w + 1] : 0;
            halfProduct[w] = (modulusProduct[w] >>> 1) | (hi << 63);
        }
        addOne(halfProduct);
    }

    public int primeCount() {
        return moduli.length;
    }

    /** Scratch length {@link #composeCentered} needs. */
    public int scratchLength() {
        return words;
    }

    /**
     * The centered value of coefficient {@code i} of an RNS polynomial in coefficient form (limb j at
     * {@code data[off + j·stride + i]}), divided by {@code divisor}.
     */
    public double composeCentered(long[] data, int off, int stride, int i, double divisor, long[] acc) {
        int l = moduli.length;
        if (l == 1) {
            long x = data[off + i];
            long q = moduli[0].value();
            return (x >= halfProduct[0] ? (double) (x - q) : (double) x) / divisor;
        }
        java.util.Arrays.fill(acc, 0, words, 0L);
        for (int j = 0; j < l; j++) {
            long y = moduli[j].mulShoup(data[off + j * stride + i], puncturedInverse[j],
                    puncturedInverseShoup[j]);
            multiplyAdd(acc, punctured[j], y);
        }
        while (compare(acc, modulusProduct) >= 0) {
            subtract(acc, modulusProduct);
        }
        boolean negative = compare(acc, halfProduct) >= 0;
        if (negative) {
            // acc ← Q − acc
            long borrow = 0;
            for (int w = 0; w < words; w++) {
                long a = modulusProduct[w];
                long b = acc[w];
                long d = a - b - borrow;
                borrow = (Long.compareUnsigned(a, b) < 0 || (borrow == 1 && a == b)) ? 1 : 0;
                acc[w] = d;
            }
        }
        double magnitude = toDouble(acc);
        return (negative ? -magnitude : magnitude) / divisor;
    }

    private static double toDouble(long[] x) {
        int top = x.length - 1;
        while (top > 0 && x[top] == 0) {
            top--;
        }
        double d = 0;
        // Three words carry far more than a double's 53 bits.
        for (int w = top; w >= Math.max(0, top - 2); w--) {
            d = d * 0x1p64 + unsignedToDouble(x[w]);
        }
        return Math.scalb(d, 64 * Math.max(0, top - 2));
    }

    private static double unsignedToDouble(long x) {
        if (x >= 0) {
            return (double) x;
        }
        return ((double) ((x >>> 1) | (x & 1))) * 2.0;
    }

    private static void multiplyInPlace(long[] x, long m) {
        long carry = 0;
        for (int w = 0; w < x.length; w++) {
            long lo = x[w] * m;
            long hi = Modulus.unsignedMultiplyHigh(x[w], m);
            long s = lo + carry;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            x[w] = s;
            carry = hi;
        }
        if (carry != 0) {
            throw new ArithmeticException("CRT product overflow");
        }
    }

    /** acc += p · y (acc has room for the carry). */
    private static void multiplyAdd(long[] acc, long[] p, long y) {
        long carry = 0;
        int len = acc.length;
        for (int w = 0; w < len; w++) {
            long lo = p[w] * y;
            long hi = Modulus.unsignedMultiplyHigh(p[w], y);
            long s = lo + carry;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            long t = acc[w] + s;
            hi += Long.compareUnsigned(t, s) < 0 ? 1 : 0;
            acc[w] = t;
            carry = hi;
        }
    }

    private static int compare(long[] a, long[] b) {
        for (int w = a.length - 1; w >= 0; w--) {
            if (a[w] != b[w]) {
                return Long.compareUnsigned(a[w], b[w]);
            }
        }
        return 0;
    }

    private static void subtract(long[] a, long[] b) {
        long borrow = 0;
        for (int w = 0; w < a.length; w++) {
            long x = a[w];
            long y = b[w];
            long d = x - y - borrow;
            borrow = (Long.compareUnsigned(x, y) < 0 || (borrow == 1 && x == y)) ? 1 : 0;
            a[w] = d;
        }
    }

    private static void addOne(long[] a) {
        for (int w = 0; w < a.length; w++) {
            a[w]++;
            if (a[w] != 0) {
                return;
            }
        }
    }
}
