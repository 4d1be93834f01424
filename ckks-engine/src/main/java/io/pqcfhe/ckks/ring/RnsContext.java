package io.pqcfhe.ckks.ring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The precomputed arithmetic of one RNS modulus chain q0, …, q(k−1) for degree N: a {@link Modulus}
 * and {@link NttTables} per prime, the constants for dividing by the last prime of any prefix of
 * the chain (rescaling, dropping the special prime after key switching), a {@link CrtComposer} per
 * level, and the NTT-domain permutations of Galois automorphisms (computed on first use and
 * cached).
 *
 * <p>Level ℓ means the first ℓ + 1 primes (SEAL's chain index); the key level is k − 1, where the
 * last prime is the special prime P. Built once per parameter set; immutable (the permutation cache
 * is concurrent) and shared by every thread.
 */
public final class RnsContext {

  private final int n;
  private final int logN;
  private final Modulus[] moduli;
  private final NttTables[] ntt;

  /** inverseOfPrime[last][i] = q_last^−1 mod q_i for i &lt; last, with Shoup companions. */
  private final long[][] inverseOfPrime;

  private final long[][] inverseOfPrimeShoup;

  /** halfOfPrime[last][i] = ⌊q_last/2⌋ mod q_i for i &lt;= last. */
  private final long[][] halfOfPrime;

  private final CrtComposer[] composers;
  private final Map<Integer, int[]> galoisPermutations = new ConcurrentHashMap<>();

  public RnsContext(int n, long[] primes) {
    if (n < 2 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("degree must be a power of two: " + n);
    }
    if (primes.length == 0) {
      throw new IllegalArgumentException("at least one prime is needed");
    }
    this.n = n;
    this.logN = Integer.numberOfTrailingZeros(n);
    int k = primes.length;
    moduli = new Modulus[k];
    ntt = new NttTables[k];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < j; i++) {
        if (primes[i] == primes[j]) {
          throw new IllegalArgumentException("primes must be distinct: " + primes[j]);
        }
      }
      moduli[j] = new Modulus(primes[j]);
      ntt[j] = new NttTables(n, moduli[j]);
    }
    inverseOfPrime = new long[k][];
    inverseOfPrimeShoup = new long[k][];
    halfOfPrime = new long[k][];
    for (int last = 0; last < k; last++) {
      long qLast = primes[last];
      inverseOfPrime[last] = new long[last];
      inverseOfPrimeShoup[last] = new long[last];
      halfOfPrime[last] = new long[last + 1];
      for (int i = 0; i <= last; i++) {
        halfOfPrime[last][i] = moduli[i].reduce(qLast >>> 1);
        if (i < last) {
          long inv = moduli[i].inverse(moduli[i].reduce(qLast));
          inverseOfPrime[last][i] = inv;
          inverseOfPrimeShoup[last][i] = moduli[i].shoup(inv);
        }
      }
    }
    composers = new CrtComposer[k];
    for (int level = 0; level < k; level++) {
      composers[level] = new CrtComposer(java.util.Arrays.copyOf(moduli, level + 1));
    }
  }

  public int degree() {
    return n;
  }

  public int logDegree() {
    return logN;
  }

  /** Number of primes in the whole chain (k). */
  public int primeCount() {
    return moduli.length;
  }

  public Modulus modulus(int j) {
    return moduli[j];
  }

  public NttTables ntt(int j) {
    return ntt[j];
  }

  /** The raw primes q0 … q(k−1) (a copy). */
  public long[] primes() {
    long[] out = new long[moduli.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = moduli[j].value();
    }
    return out;
  }

  public CrtComposer composer(int level) {
    return composers[level];
  }

  /**
   * Divides an NTT-form polynomial with limbs 0 … count−1 (at {@code data[off + j·N]}) by prime
   * {@code lastIndex}, rounding, given that polynomial's limb modulo that prime in {@code last}
   * (NTT form, at {@code lastOff}; destroyed): for each i, x_i ← (x_i − [x_last + ⌊q_last/2⌋ mod
   * q_i − ⌊q_last/2⌋]) · q_last^−1 (SEAL's divide_and_round_q_last_ntt). {@code scratch} holds N
   * values.
   */
  public void divideRoundByPrime(
      long[] data, int off, int count, long[] last, int lastOff, int lastIndex, long[] scratch) {
    ntt[lastIndex].inverse(last, lastOff);
    divideRoundByPrimeFromCoefficients(data, off, count, last, lastOff, lastIndex, scratch);
  }

  /**
   * As {@link #divideRoundByPrime}, with the quotient written to {@code dest[destOff + i·N]} and
   * {@code data} left as it was. {@code dest} may be {@code data} at the same or a lower offset by
   * a multiple of N (limb i is read before limb i of {@code dest} is written, and a lower offset
   * only overwrites limbs already read): rescaling in place compacts its polynomials this way.
   */
  public void divideRoundByPrime(
      long[] data,
      int off,
      int count,
      long[] last,
      int lastOff,
      int lastIndex,
      long[] scratch,
      long[] dest,
      int destOff) {
    ntt[lastIndex].inverse(last, lastOff);
    divideRound(data, off, count, last, lastOff, lastIndex, scratch, dest, destOff, false);
  }

  /** As {@link #divideRoundByPrime}, with the last limb already in coefficient form. */
  public void divideRoundByPrimeFromCoefficients(
      long[] data, int off, int count, long[] last, int lastOff, int lastIndex, long[] scratch) {
    divideRound(data, off, count, last, lastOff, lastIndex, scratch, data, off, false);
  }

  /**
   * As {@link #divideRoundByPrime}, but the quotient is added (mod q_i) to the polynomial at {@code
   * dest[destOff + i·N]} instead of replacing {@code data} (which is left as it was): the end of a
   * key switch, with one pass over the limbs instead of two. Here {@code data}'s limbs may be lazy,
   * in [0, 4q_i), and the last limb in [0, 2q) (the inverse NTT's input range).
   */
  public void divideRoundByPrimeAndAdd(
      long[] data,
      int off,
      int count,
      long[] last,
      int lastOff,
      int lastIndex,
      long[] scratch,
      long[] dest,
      int destOff) {
    ntt[lastIndex].inverse(last, lastOff);
    divideRound(data, off, count, last, lastOff, lastIndex, scratch, dest, destOff, true);
  }

  private void divideRound(
      long[] data,
      int off,
      int count,
      long[] last,
      int lastOff,
      int lastIndex,
      long[] scratch,
      long[] dest,
      int destOff,
      boolean add) {
    Modulus lastMod = moduli[lastIndex];
    long half = lastMod.value() >>> 1;
    for (int t = 0; t < n; t++) {
      last[lastOff + t] = lastMod.add(last[lastOff + t], half);
    }
    long qLast = lastMod.value();
    for (int i = 0; i < count; i++) {
      Modulus qi = moduli[i];
      long q = qi.value();
      long halfMod = halfOfPrime[lastIndex][i];
      boolean needsReduce = qLast > q;
      for (int t = 0; t < n; t++) {
        long x = last[lastOff + t];
        if (needsReduce) {
          x = qi.reduce(x);
        }
        scratch[t] = x - halfMod + q; // in (0, 2q): the forward NTT takes up to 4q
      }
      ntt[i].forwardLazy(scratch, 0);
      // data (below 4q) − scratch + bound is in (0, bound + 4q), below 2^63
      long bound = ntt[i].lazyBound();
      long inv = inverseOfPrime[lastIndex][i];
      long invShoup = inverseOfPrimeShoup[lastIndex][i];
      int base = off + i * n;
      int target = destOff + i * n;
      if (add) {
        for (int t = 0; t < n; t++) {
          long quotient = qi.mulShoup(data[base + t] - scratch[t] + bound, inv, invShoup);
          dest[target + t] = qi.add(dest[target + t], quotient);
        }
      } else {
        for (int t = 0; t < n; t++) {
          dest[target + t] = qi.mulShoup(data[base + t] - scratch[t] + bound, inv, invShoup);
        }
      }
    }
  }

  /**
   * As {@link #divideRoundByPrimeFromCoefficients}, with a coefficient-form addend for limbs 0 …
   * count−1 ({@code addend[addOff + i·N]}, values in [0, q_i)) added before the division: x_i ←
   * (x_i + NTT(addend_i) − NTT(r_i)) · q_last^−1 where r_i is the rounding term. By linearity that
   * is x_i + NTT(addend_i − r_i): one transform per limb instead of two (public-key encryption adds
   * its error this way). The result is the same residue, fully reduced, as adding the transformed
   * addend first.
   */
  public void divideRoundByPrimeWithAddend(
      long[] data,
      int off,
      int count,
      long[] last,
      int lastOff,
      int lastIndex,
      long[] addend,
      int addOff,
      long[] scratch) {
    Modulus lastMod = moduli[lastIndex];
    long half = lastMod.value() >>> 1;
    for (int t = 0; t < n; t++) {
      last[lastOff + t] = lastMod.add(last[lastOff + t], half);
    }
    long qLast = lastMod.value();
    for (int i = 0; i < count; i++) {
      Modulus qi = moduli[i];
      long q = qi.value();
      long halfMod = halfOfPrime[lastIndex][i];
      boolean needsReduce = qLast > q;
      int a = addOff + i * n;
      for (int t = 0; t < n; t++) {
        long x = last[lastOff + t];
        if (needsReduce) {
          x = qi.reduce(x);
        }
        long r = x - halfMod; // r in (−q, q)
        r += (r >> 63) & q;
        long d = addend[a + t] - r; // addend − r in (−q, q)
        scratch[t] = d + ((d >> 63) & q);
      }
      ntt[i].forwardLazy(scratch, 0); // data + scratch is below q + lazyBound, below 2^63
      long inv = inverseOfPrime[lastIndex][i];
      long invShoup = inverseOfPrimeShoup[lastIndex][i];
      int base = off + i * n;
      for (int t = 0; t < n; t++) {
        data[base + t] = qi.mulShoup(data[base + t] + scratch[t], inv, invShoup);
      }
    }
  }

  /**
   * Galois element for a left rotation by {@code step} slots: 3^step mod 2N (negative steps
   * allowed).
   */
  public int galoisElementForStep(int step) {
    int slots = n / 2;
    int s = Math.floorMod(step, slots);
    long m = 2L * n;
    long g = 1;
    for (int i = 0; i < s; i++) {
      g = (g * 3) % m;
    }
    return (int) g;
  }

  /** Galois element of complex conjugation, 2N − 1. */
  public int conjugationElement() {
    return 2 * n - 1;
  }

  /**
   * The NTT-domain permutation of the automorphism X ↦ X^g: out[k] = in[perm[k]], with perm[k] =
   * brv(((g·(2·brv(k)+1)) mod 2N − 1)/2).
   */
  private int[] galoisPermutation(int galoisElement) {
    if ((galoisElement & 1) == 0 || galoisElement <= 0 || galoisElement >= 2 * n) {
      throw new IllegalArgumentException("not a Galois element for N=" + n + ": " + galoisElement);
    }
    return galoisPermutations.computeIfAbsent(
        galoisElement,
        g -> {
          int[] perm = new int[n];
          long m = 2L * n;
          for (int k = 0; k < n; k++) {
            long exponent = (g * (2L * NttTables.bitReverse(k, logN) + 1)) % m;
            perm[k] = NttTables.bitReverse((int) ((exponent - 1) >>> 1), logN);
          }
          return perm;
        });
  }

  /**
   * Applies X ↦ X^g to {@code limbs} NTT-form limbs: {@code out[outOff + j·N + k] = in[inOff + j·N
   * + perm[k]]}. {@code in} and {@code out} must not overlap.
   */
  public void applyGalois(
      int galoisElement, long[] in, int inOff, long[] out, int outOff, int limbs) {
    int[] perm = galoisPermutation(galoisElement);
    for (int j = 0; j < limbs; j++) {
      int src = inOff + j * n;
      int dst = outOff + j * n;
      for (int k = 0; k < n; k++) {
        out[dst + k] = in[src + perm[k]];
      }
    }
  }
}
