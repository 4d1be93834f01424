package io.pqcfhe.ckks.rlwe;

import io.pqcfhe.ckks.error.MissingGaloisKeyException;
import io.pqcfhe.ckks.error.MissingRelinKeysException;
import io.pqcfhe.ckks.ring.Modulus;
import io.pqcfhe.ckks.ring.NttTables;
import io.pqcfhe.ckks.ring.RnsContext;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Key switching with SEAL's hybrid decomposition (one digit per data prime, special prime P), and
 * the two operations built on it: relinearization and Galois automorphisms (rotations,
 * conjugation).
 *
 * <p>Switching d at a level with L primes: each digit d_j (coefficient form) is brought to every
 * target modulus r ∈ {q0 … q(L−1), P} and multiplied by part j of the key; the products are summed
 * in 128 bits and reduced once; the sum is divided by P with rounding and added to the ciphertext.
 *
 * <p>Thread-safe: each thread gets its own scratch buffers (allocated on first use, sized for the
 * whole chain), so the hot path allocates nothing but, where needed, the result.
 */
public final class KeySwitcher {

  private final RnsContext ctx;
  private final ThreadLocal<Workspace> workspaces;
  private final boolean parallel;

  /** A sequential key switcher (one thread per operation). */
  public KeySwitcher(RnsContext ctx) {
    this(ctx, false);
  }

  /**
   * With {@code parallelLimbs}, the independent per-prime work of one key switch (inverse
   * transforms of the digits, the accumulation for each target prime, the two divisions by P) runs
   * on the common fork-join pool: lower latency per operation when cores are idle, more total work.
   * Off by default.
   */
  public KeySwitcher(RnsContext ctx, boolean parallelLimbs) {
    this.parallel = parallelLimbs;
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.workspaces = ThreadLocal.withInitial(() -> new Workspace(ctx.degree(), ctx.primeCount()));
  }

  /** 128-bit accumulators of one target modulus, and a buffer for the digit being transformed. */
  private static final class Accumulators {
    final long[] lo0;
    final long[] hi0;
    final long[] lo1;
    final long[] hi1;
    final long[] operand;

    Accumulators(int n) {
      lo0 = new long[n];
      hi0 = new long[n];
      lo1 = new long[n];
      hi1 = new long[n];
      operand = new long[n];
    }
  }

  /** Per-thread scratch for one key switch at any level. */
  private static final class Workspace {
    final long[] coeff;
    final long[] products;
    final Accumulators accumulators;
    final long[] permuted;
    final long[] permuted2;

    Workspace(int n, int k) {
      coeff = new long[k * n];
      products = new long[2 * k * n];
      accumulators = new Accumulators(n);
      permuted = new long[k * n];
      permuted2 = new long[k * n];
    }
  }

  /** Relinearizes a size-3 ciphertext into {@code out} (may be {@code ct}: then in place). */
  public void relinearize(Ciphertext ct, RelinKeys keys, Ciphertext out) {
    if (keys == null) {
      throw new MissingRelinKeysException("relinearization needs relinearization keys");
    }
    if (ct.size() != 3) {
      throw new IllegalArgumentException(
          "relinearization needs a ciphertext of size 3, not " + ct.size());
    }
    int n = ctx.degree();
    int limbs = ct.limbCount();
    if (out == ct) {
      // polynomials 0 and 1 keep their places; c2 is read before anything is written
      switchKeyAndAdd(ct.data(), ct.offset(2, 0), limbs, keys.key(), ct.data(), 0, limbs * n);
      ct.reshape(2, ct.level(), ct.scale());
      return;
    }
    long[] src = ct.data();
    out.reset(2, ct.level(), ct.scale());
    System.arraycopy(src, 0, out.data(), 0, 2 * limbs * n);
    switchKeyAndAdd(src, ct.offset(2, 0), limbs, keys.key(), out.data(), 0, limbs * n);
  }

  /**
   * Applies X ↦ X^g and switches back to s with the Galois key for g, into {@code out} (may be
   * {@code ct}).
   */
  public void applyGalois(Ciphertext ct, int galoisElement, GaloisKeys keys, Ciphertext out) {
    KeySwitchKey key = keys == null ? null : keys.get(galoisElement);
    if (key == null) {
      throw new MissingGaloisKeyException("no Galois key for element " + galoisElement);
    }
    if (ct.size() != 2) {
      throw new IllegalArgumentException("Galois automorphisms need a ciphertext of size 2");
    }
    int n = ctx.degree();
    int limbs = ct.limbCount();
    Workspace w = workspaces.get();
    long[] src = ct.data();
    ctx.applyGalois(galoisElement, src, ct.offset(1, 0), w.permuted, 0, limbs);
    if (out == ct) {
      ctx.applyGalois(galoisElement, src, 0, w.permuted2, 0, limbs);
      System.arraycopy(w.permuted2, 0, src, 0, limbs * n);
    } else {
      out.reset(2, ct.level(), ct.scale());
      ctx.applyGalois(galoisElement, src, 0, out.data(), 0, limbs);
    }
    long[] dst = out.data();
    java.util.Arrays.fill(dst, limbs * n, 2 * limbs * n, 0L);
    switchKeyAndAdd(w.permuted, 0, limbs, key, dst, 0, limbs * n);
    out.reshape(2, ct.level(), ct.scale());
  }

  /**
   * Switches the NTT-form polynomial {@code d} (limbs 0 … limbs−1 at {@code dOff + j·N}) with
   * {@code key} and adds the result to the two polynomials at {@code c0Off} and {@code c1Off} of
   * {@code out} (limb j at {@code + j·N}).
   */
  public void switchKeyAndAdd(
      long[] d, int dOff, int limbs, KeySwitchKey key, long[] out, int c0Off, int c1Off) {
    int n = ctx.degree();
    int k = ctx.primeCount();
    if (limbs > k - 1 || key.size() < limbs) {
      throw new IllegalArgumentException("key-switching key does not cover " + limbs + " primes");
    }
    Workspace w = workspaces.get();
    long[] coeff = w.coeff;
    System.arraycopy(d, dOff, coeff, 0, limbs * n);
    forEach(limbs, j -> ctx.ntt(j).inverse(coeff, j * n));
    // products[comp][r] for r in 0..limbs (r = limbs is P), N values each
    int targets = limbs + 1;
    long[] products = w.products;
    forEach(
        targets,
        r ->
            accumulate(
                r,
                limbs,
                d,
                dOff,
                coeff,
                key,
                products,
                parallel ? new Accumulators(n) : w.accumulators));
    // Divide both components by P (their last limb) with rounding, then add into the ciphertext.
    forEach(
        2,
        comp -> {
          int base = comp * targets * n;
          long[] scratch = parallel ? new long[n] : w.accumulators.operand;
          ctx.divideRoundByPrimeAndAdd(
              products,
              base,
              limbs,
              products,
              base + limbs * n,
              k - 1,
              scratch,
              out,
              comp == 0 ? c0Off : c1Off);
        });
  }

  /**
   * Target r (a data prime, or P when r = limbs): Σ_j NTT_r(d_j mod r) · key_j[r], summed in 128
   * bits and reduced once, into {@code products} (component 0 at r·N, component 1 at
   * (limbs+1+r)·N).
   */
  private void accumulate(
      int r,
      int limbs,
      long[] d,
      int dOff,
      long[] coeff,
      KeySwitchKey key,
      long[] products,
      Accumulators acc) {
    int n = ctx.degree();
    int k = ctx.primeCount();
    int prime = r == limbs ? k - 1 : r;
    Modulus qr = ctx.modulus(prime);
    NttTables nttR = ctx.ntt(prime);
    long[] lo0 = acc.lo0;
    long[] hi0 = acc.hi0;
    long[] lo1 = acc.lo1;
    long[] hi1 = acc.hi1;
    long[] operand = acc.operand;
    int o0 = r * n;
    int o1 = (limbs + 1 + r) * n;
    boolean special = r == limbs;
    long twoQ = 2 * qr.value();
    for (int j = 0; j < limbs; j++) {
      long[] src;
      int srcOff;
      if (j == r) {
        src = d; // the digit is already in NTT form modulo its own prime
        srcOff = dOff + j * n;
      } else {
        long qj = ctx.modulus(j).value();
        int cBase = j * n;
        if (qj <= qr.value()) {
          System.arraycopy(coeff, cBase, operand, 0, n);
        } else {
          for (int i = 0; i < n; i++) {
            operand[i] = qr.reduce(coeff[cBase + i]);
          }
        }
        // below lazyBound: 4q < 2^62 (60-bit primes) or 2^53 (spacious ones); times a key value
        // below q, every product stays below 2^122
        nttR.forwardLazy(operand, 0);
        src = operand;
        srcOff = 0;
      }
      long[] part = key.part(j);
      int k0 = prime * n;
      int k1 = (k + prime) * n;
      // The first digit sets the accumulators (no clearing pass), the last one is added and reduced
      // in the same pass (no separate reduction pass over the accumulators).
      if (j == 0) {
        for (int i = 0; i < n; i++) {
          long x = src[srcOff + i];
          long y0 = part[k0 + i];
          long y1 = part[k1 + i];
          lo0[i] = x * y0;
          hi0[i] = Math.multiplyHigh(x, y0); // x < 2^63 and y < 2^61: the signed high word is exact
          lo1[i] = x * y1;
          hi1[i] = Math.multiplyHigh(x, y1);
        }
        if (limbs == 1) {
          for (int i = 0; i < n; i++) {
            products[o0 + i] = qr.reduceAccumulated(hi0[i], lo0[i]);
            products[o1 + i] = qr.reduceAccumulated(hi1[i], lo1[i]);
          }
        }
      } else if (j < limbs - 1) {
        for (int i = 0; i < n; i++) {
          long x = src[srcOff + i];
          long y0 = part[k0 + i];
          long y1 = part[k1 + i];
          long p0 = x * y0;
          long s0 = lo0[i] + p0;
          hi0[i] += Math.multiplyHigh(x, y0) + carry(lo0[i], p0, s0);
          lo0[i] = s0;
          long p1 = x * y1;
          long s1 = lo1[i] + p1;
          hi1[i] += Math.multiplyHigh(x, y1) + carry(lo1[i], p1, s1);
          lo1[i] = s1;
        }
      } else {
        for (int i = 0; i < n; i++) {
          long x = src[srcOff + i];
          long y0 = part[k0 + i];
          long y1 = part[k1 + i];
          long p0 = x * y0;
          long s0 = lo0[i] + p0;
          long h0 = hi0[i] + Math.multiplyHigh(x, y0) + carry(lo0[i], p0, s0);
          long p1 = x * y1;
          long s1 = lo1[i] + p1;
          long h1 = hi1[i] + Math.multiplyHigh(x, y1) + carry(lo1[i], p1, s1);
          // at most 15 products below 2^122 (primes of at most 60 bits): h0, h1 < 2^63
          long v0 = qr.reduceAccumulatedLazy(h0, s0); // [0, 4q): the division by P takes it
          long v1 = qr.reduceAccumulatedLazy(h1, s1);
          if (special) { // P's sums go through an inverse NTT, which needs [0, 2q)
            v0 = belowTwoQ(v0, twoQ);
            v1 = belowTwoQ(v1, twoQ);
          }
          products[o0 + i] = v0;
          products[o1 + i] = v1;
        }
      }
    }
  }

  /** v in [0, 4q) brought to [0, 2q). */
  private static long belowTwoQ(long v, long twoQ) {
    long r = v - twoQ;
    return r + ((r >> 63) & twoQ);
  }

  /**
   * The carry out of the 64-bit addition {@code sum = a + b}, computed with bit operations: the
   * carry is random, so a compare-and-branch (which the JIT may emit for {@code
   * Long.compareUnsigned}) mispredicts about every other time.
   */
  private static long carry(long a, long b, long sum) {
    return ((a & b) | ((a | b) & ~sum)) >>> 63;
  }

  private void forEach(int count, IntConsumer body) {
    if (parallel && count > 1) {
      IntStream.range(0, count).parallel().forEach(body);
    } else {
      for (int i = 0; i < count; i++) {
        body.accept(i);
      }
    }
  }
}
