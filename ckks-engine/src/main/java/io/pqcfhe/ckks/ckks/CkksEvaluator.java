package io.pqcfhe.ckks.ckks;

import io.pqcfhe.ckks.error.LevelExhaustedException;
import io.pqcfhe.ckks.error.MissingGaloisKeyException;
import io.pqcfhe.ckks.error.ScaleMismatchException;
import io.pqcfhe.ckks.error.ScaleOverflowException;
import io.pqcfhe.ckks.params.CkksParameters;
import io.pqcfhe.ckks.ring.Modulus;
import io.pqcfhe.ckks.ring.RnsContext;
import io.pqcfhe.ckks.rlwe.Ciphertext;
import io.pqcfhe.ckks.rlwe.GaloisKeys;
import io.pqcfhe.ckks.rlwe.KeySwitcher;
import io.pqcfhe.ckks.rlwe.Plaintext;
import io.pqcfhe.ckks.rlwe.RelinKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Homomorphic CKKS operations on NTT-form ciphertexts, SEAL-compatible in their results.
 *
 * <p><b>Naming.</b> {@code op(a, b, out)} writes into {@code out} (which may be one of the operands
 * and is reshaped as needed); {@code opNew(a, b)} allocates the result. Operands are never modified
 * unless passed as {@code out}.
 *
 * <p><b>Automatic alignment</b> (binary operations between ciphertexts, and a ciphertext with an
 * encoded plaintext):
 *
 * <ol>
 *   <li>Scales are <em>equal</em> when they differ by at most 2^−32 relatively; the result then
 *       takes the first operand's scale (the error this admits is below 2^−32 of the values).
 *   <li>Equal scales, different levels: the higher operand is mod-switched down (primes dropped;
 *       the scale is unchanged).
 *   <li>Different scales, different levels: the higher operand X is mod-switched to one level above
 *       the other operand Y, multiplied by the integer c = round(s_Y·q/s_X) (q the prime it is
 *       about to lose) and rescaled by q: it arrives at Y's level with scale s_X·c/q, within 2^−32
 *       of s_Y. This costs no level beyond the one X had to drop anyway.
 *   <li>Different scales, same level ℓ ≥ 1: the same correction on the first operand, ending both
 *       operands at level ℓ − 1 (one level is consumed; the second operand is mod-switched).
 *   <li>Otherwise (level 0, or a correction factor below 2^31): {@link ScaleMismatchException}.
 * </ol>
 *
 * Multiplication only aligns levels (scales multiply). Plain operands given as numbers are encoded
 * at the ciphertext's level: for additions at its scale; for multiplications at the scale q_ℓ (the
 * prime the next rescale divides by, so rescaling returns exactly to the ciphertext's scale), or
 * the default scale at level 0.
 *
 * <p>Thread-safe: the evaluator holds only immutable tables and keys; scratch buffers are per
 * thread.
 */
public final class CkksEvaluator {

  /** Relative scale difference below which scales count as equal. */
  public static final double SCALE_TOLERANCE = 0x1p-32;

  private static final double MIN_CORRECTION = 0x1p31;

  private final CkksContext context;
  private final CkksParameters params;
  private final RnsContext rns;
  private final CkksEncoder encoder;
  private final KeySwitcher keySwitcher;
  private final RelinKeys relinKeys;
  private final GaloisKeys galoisKeys;
  private final int n;

  /** Per-thread scratch of rescale: the last limbs of up to 3 polynomials, and one NTT buffer. */
  private final ThreadLocal<long[][]> rescaleScratch;

  /**
   * An evaluator; {@code relinKeys} and {@code galoisKeys} may be null (operations needing them
   * refuse).
   */
  public CkksEvaluator(CkksContext context, RelinKeys relinKeys, GaloisKeys galoisKeys) {
    this(context, relinKeys, galoisKeys, false);
  }

  /**
   * As above; {@code parallelLimbs} spreads the per-prime work of key switching (relinearization,
   * rotations) over the common fork-join pool (see {@link KeySwitcher}). Off by default.
   */
  public CkksEvaluator(
      CkksContext context, RelinKeys relinKeys, GaloisKeys galoisKeys, boolean parallelLimbs) {
    this.context = Objects.requireNonNull(context, "context");
    this.params = context.parameters();
    this.rns = context.rns();
    this.encoder = new CkksEncoder(context);
    this.keySwitcher = new KeySwitcher(rns, parallelLimbs);
    this.relinKeys = relinKeys;
    this.galoisKeys = galoisKeys;
    this.n = context.degree();
    this.rescaleScratch =
        ThreadLocal.withInitial(() -> new long[][] {new long[3 * n], new long[n]});
  }

  public CkksContext context() {
    return context;
  }

  // ---------------------------------------------------------------- addition and subtraction

  public void add(Ciphertext a, Ciphertext b, Ciphertext out) {
    addOrSub(a, b, out, false);
  }

  public Ciphertext addNew(Ciphertext a, Ciphertext b) {
    Ciphertext out = new Ciphertext(n);
    add(a, b, out);
    return out;
  }

  public void sub(Ciphertext a, Ciphertext b, Ciphertext out) {
    addOrSub(a, b, out, true);
  }

  public Ciphertext subNew(Ciphertext a, Ciphertext b) {
    Ciphertext out = new Ciphertext(n);
    sub(a, b, out);
    return out;
  }

  private void addOrSub(Ciphertext a0, Ciphertext b0, Ciphertext out, boolean subtract) {
    Ciphertext[] ab = alignForAddition(a0, b0);
    Ciphertext a = ab[0];
    Ciphertext b = ab[1];
    int limbs = a.limbCount();
    int sizeA = a.size();
    int sizeB = b.size();
    int size = Math.max(sizeA, sizeB);
    long[] da = a.data();
    long[] db = b.data();
    int stride = limbs * n;
    out.reset(size, a.level(), a.scale());
    long[] d = out.data();
    for (int p = 0; p < size; p++) {
      for (int j = 0; j < limbs; j++) {
        Modulus q = rns.modulus(j);
        long qv = q.value();
        int o = p * stride + j * n;
        if (p < sizeA && p < sizeB) {
          if (subtract) {
            for (int i = o, end = o + n; i < end; i++) {
              long x = da[i] - db[i];
              d[i] = x + ((x >> 63) & qv);
            }
          } else {
            for (int i = o, end = o + n; i < end; i++) {
              long x = da[i] + db[i] - qv;
              d[i] = x + ((x >> 63) & qv);
            }
          }
        } else if (p < sizeA) {
          System.arraycopy(da, o, d, o, n);
        } else if (subtract) {
          for (int i = o, end = o + n; i < end; i++) {
            d[i] = q.negate(db[i]);
          }
        } else {
          System.arraycopy(db, o, d, o, n);
        }
      }
    }
  }

  public void negate(Ciphertext a, Ciphertext out) {
    long[] da = a.data();
    int limbs = a.limbCount();
    int size = a.size();
    out.reset(size, a.level(), a.scale());
    long[] d = out.data();
    for (int p = 0; p < size; p++) {
      for (int j = 0; j < limbs; j++) {
        Modulus q = rns.modulus(j);
        int o = (p * limbs + j) * n;
        for (int i = o, end = o + n; i < end; i++) {
          d[i] = q.negate(da[i]);
        }
      }
    }
  }

  public Ciphertext negateNew(Ciphertext a) {
    Ciphertext out = new Ciphertext(n);
    negate(a, out);
    return out;
  }

  // ---------------------------------------------------------------- plain operands

  /**
   * ct + pt; the plaintext must be at the ciphertext's scale (within tolerance) and level or above.
   */
  public void addPlain(Ciphertext ct, Plaintext pt, Ciphertext out) {
    addPlain(ct, pt, out, false);
  }

  public void subPlain(Ciphertext ct, Plaintext pt, Ciphertext out) {
    addPlain(ct, pt, out, true);
  }

  /** ct + values (encoded at the ciphertext's level and scale; shorter arrays are zero-padded). */
  public Ciphertext addPlainNew(Ciphertext ct, double[] values) {
    Ciphertext out = new Ciphertext(n);
    addPlain(ct, encoder.encode(values, ct.level(), ct.scale()), out, false);
    return out;
  }

  public Ciphertext subPlainNew(Ciphertext ct, double[] values) {
    Ciphertext out = new Ciphertext(n);
    addPlain(ct, encoder.encode(values, ct.level(), ct.scale()), out, true);
    return out;
  }

  /** ct + value in every slot. */
  public Ciphertext addConstantNew(Ciphertext ct, double value) {
    Ciphertext out = new Ciphertext(n);
    addConstant(ct, value, out);
    return out;
  }

  public Ciphertext subConstantNew(Ciphertext ct, double value) {
    return addConstantNew(ct, -value);
  }

  public void addConstant(Ciphertext ct, double value, Ciphertext out) {
    long[] residues = encoder.constantResidues(value, ct.level(), ct.scale());
    copyInto(ct, out);
    long[] d = out.data();
    for (int j = 0; j < ct.limbCount(); j++) {
      Modulus q = rns.modulus(j);
      long r = residues[j];
      int o = j * n;
      for (int i = o, end = o + n; i < end; i++) {
        d[i] = q.add(d[i], r);
      }
    }
  }

  private void addPlain(Ciphertext ct0, Plaintext pt, Ciphertext out, boolean subtract) {
    if (!closeScales(ct0.scale(), pt.scale())) {
      throw new ScaleMismatchException(
          "plaintext scale " + pt.scale() + " differs from ciphertext scale " + ct0.scale());
    }
    Ciphertext ct = ct0.level() > pt.level() ? dropTo(ct0, pt.level()) : ct0;
    copyInto(ct, out);
    long[] d = out.data();
    for (int j = 0; j < ct.limbCount(); j++) {
      Modulus q = rns.modulus(j);
      int o = j * n;
      for (int i = 0; i < n; i++) {
        long m = pt.value(o + i);
        d[o + i] = subtract ? q.sub(d[o + i], m) : q.add(d[o + i], m);
      }
    }
  }

  /**
   * ct · pt (slot-wise); the scales multiply. The plaintext must be at the ciphertext's level or
   * above.
   */
  public void multiplyPlain(Ciphertext ct0, Plaintext pt, Ciphertext out) {
    Ciphertext ct = ct0.level() > pt.level() ? dropTo(ct0, pt.level()) : ct0;
    double scale = checkedProductScale(ct.scale(), pt.scale(), ct.level());
    long[] src = ct.data();
    int limbs = ct.limbCount();
    int size = ct.size();
    out.reset(size, ct.level(), scale);
    long[] d = out.data();
    for (int j = 0; j < limbs; j++) {
      Modulus q = rns.modulus(j);
      int po = j * n;
      for (int p = 0; p < size; p++) {
        int o = (p * limbs + j) * n;
        for (int i = 0; i < n; i++) {
          long x = src[o + i];
          long y = pt.value(po + i);
          d[o + i] = q.mul(x, y);
        }
      }
    }
  }

  /** ct · values, encoded at the ciphertext's level at the scale q_ℓ (see the class notes). */
  public Ciphertext multiplyPlainNew(Ciphertext ct, double[] values) {
    Ciphertext out = new Ciphertext(n);
    multiplyPlain(ct, encoder.encode(values, ct.level(), plainMultiplierScale(ct.level())), out);
    return out;
  }

  /** ct · value in every slot, encoded as a constant at the scale q_ℓ; no NTT needed. */
  public Ciphertext multiplyConstantNew(Ciphertext ct, double value) {
    double plainScale = plainMultiplierScale(ct.level());
    double scale = checkedProductScale(ct.scale(), plainScale, ct.level());
    long[] residues = encoder.constantResidues(value, ct.level(), plainScale);
    Ciphertext out = multiplyByResidues(ct, residues);
    out.setScale(scale);
    return out;
  }

  /** ct · k for an integer k: no level and no scale change. */
  public Ciphertext multiplyByIntegerNew(Ciphertext ct, long k) {
    long[] residues = new long[ct.limbCount()];
    for (int j = 0; j < residues.length; j++) {
      residues[j] = rns.modulus(j).fromSigned(k);
    }
    return multiplyByResidues(ct, residues);
  }

  /** The scale at which plain multipliers are encoded at a level. */
  public double plainMultiplierScale(int level) {
    return level > 0 ? (double) params.prime(level) : params.defaultScale();
  }

  private Ciphertext multiplyByResidues(Ciphertext ct, long[] residues) {
    Ciphertext out = new Ciphertext(n);
    long[] src = ct.data();
    int limbs = ct.limbCount();
    out.reset(ct.size(), ct.level(), ct.scale());
    long[] d = out.data();
    for (int j = 0; j < limbs; j++) {
      Modulus q = rns.modulus(j);
      long w = residues[j];
      long wShoup = q.shoup(w);
      for (int p = 0; p < ct.size(); p++) {
        int o = (p * limbs + j) * n;
        for (int i = o, end = o + n; i < end; i++) {
          d[i] = q.mulShoup(src[i], w, wShoup);
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- multiplication

  /** a · b without relinearization (result of size 3); levels are aligned, scales multiply. */
  public void multiply(Ciphertext a0, Ciphertext b0, Ciphertext out) {
    if (a0.size() != 2 || b0.size() != 2) {
      throw new IllegalArgumentException(
          "multiply needs ciphertexts of size 2 (relinearize first)");
    }
    if (a0 == b0) {
      square(a0, out);
      return;
    }
    int level = Math.min(a0.level(), b0.level());
    Ciphertext a = dropTo(a0, level);
    Ciphertext b = dropTo(b0, level);
    double scale = checkedProductScale(a.scale(), b.scale(), level);
    int limbs = level + 1;
    int stride = limbs * n;
    long[] da = a.data();
    long[] db = b.data();
    out.reset(3, level, scale);
    long[] d = out.data();
    for (int j = 0; j < limbs; j++) {
      Modulus q = rns.modulus(j);
      int o = j * n;
      for (int i = o, end = o + n; i < end; i++) {
        long a0v = da[i];
        long a1v = da[i + stride];
        long b0v = db[i];
        long b1v = db[i + stride];
        d[i] = q.mul(a0v, b0v);
        d[i + stride] = q.add(q.mul(a0v, b1v), q.mul(a1v, b0v));
        d[i + 2 * stride] = q.mul(a1v, b1v);
      }
    }
  }

  public Ciphertext multiplyNew(Ciphertext a, Ciphertext b) {
    Ciphertext out = new Ciphertext(n);
    multiply(a, b, out);
    return out;
  }

  public void square(Ciphertext a, Ciphertext out) {
    if (a.size() != 2) {
      throw new IllegalArgumentException("square needs a ciphertext of size 2 (relinearize first)");
    }
    int level = a.level();
    double scale = checkedProductScale(a.scale(), a.scale(), level);
    int limbs = level + 1;
    int stride = limbs * n;
    long[] da = a.data();
    out.reset(3, level, scale);
    long[] d = out.data();
    for (int j = 0; j < limbs; j++) {
      Modulus q = rns.modulus(j);
      int o = j * n;
      for (int i = o, end = o + n; i < end; i++) {
        long x0 = da[i];
        long x1 = da[i + stride];
        long cross = q.mul(x0, x1);
        d[i] = q.mul(x0, x0);
        d[i + stride] = q.add(cross, cross);
        d[i + 2 * stride] = q.mul(x1, x1);
      }
    }
  }

  public Ciphertext squareNew(Ciphertext a) {
    Ciphertext out = new Ciphertext(n);
    square(a, out);
    return out;
  }

  public void relinearize(Ciphertext ct, Ciphertext out) {
    keySwitcher.relinearize(ct, relinKeys, out);
  }

  public Ciphertext relinearizeNew(Ciphertext ct) {
    Ciphertext out = new Ciphertext(n);
    relinearize(ct, out);
    return out;
  }

  /** multiply, relinearize and rescale: the usual product of two fresh-like ciphertexts. */
  public Ciphertext multiplyRelinRescaleNew(Ciphertext a, Ciphertext b) {
    Ciphertext out = multiplyNew(a, b);
    relinearize(out, out);
    rescale(out, out);
    return out;
  }

  // ---------------------------------------------------------------- levels

  /** Divides by the last prime of the level with rounding; the scale is divided by that prime. */
  public void rescale(Ciphertext ct, Ciphertext out) {
    int level = ct.level();
    if (level == 0) {
      throw new LevelExhaustedException("rescale needs a level above 0");
    }
    int limbs = level + 1;
    int newLimbs = level;
    int size = ct.size();
    double newScale = ct.scale() / params.prime(level);
    long[] src = ct.data();
    long[][] scratch = rescaleScratch.get();
    long[] lasts = scratch[0];
    for (int p = 0; p < size; p++) {
      System.arraycopy(src, (p * limbs + level) * n, lasts, p * n, n);
    }
    long[] dst;
    if (out == ct) {
      dst = src; // the quotients compact the polynomials to the smaller stride, moving left
    } else {
      out.reset(size, level - 1, newScale);
      dst = out.data();
    }
    for (int p = 0; p < size; p++) {
      rns.divideRoundByPrime(
          src, p * limbs * n, newLimbs, lasts, p * n, level, scratch[1], dst, p * newLimbs * n);
    }
    out.reshape(size, level - 1, newScale);
  }

  public Ciphertext rescaleNew(Ciphertext ct) {
    Ciphertext out = new Ciphertext(n);
    rescale(ct, out);
    return out;
  }

  /** Drops primes down to {@code level} without dividing (scale unchanged). */
  public void modSwitchTo(Ciphertext ct, int level, Ciphertext out) {
    if (level > ct.level()) {
      throw new IllegalArgumentException(
          "cannot switch up from level " + ct.level() + " to " + level);
    }
    if (level < 0) {
      throw new LevelExhaustedException("no level below 0");
    }
    Ciphertext dropped = dropTo(ct, level);
    if (dropped == ct) {
      copyInto(ct, out);
    } else {
      out.replace(dropped.data(), dropped.size(), level, ct.scale());
    }
  }

  public Ciphertext modSwitchToNew(Ciphertext ct, int level) {
    Ciphertext out = new Ciphertext(n);
    modSwitchTo(ct, level, out);
    return out;
  }

  public Ciphertext modSwitchToNextNew(Ciphertext ct) {
    return modSwitchToNew(ct, ct.level() - 1);
  }

  // ---------------------------------------------------------------- rotations

  /**
   * Rotates left by {@code steps} (slot i+k moves to slot i; negative steps rotate right). A step
   * with no key of its own is composed from the keys present as a signed sum of powers of two
   * (non-adjacent form), as SEAL does; otherwise {@link MissingGaloisKeyException}.
   */
  public void rotate(Ciphertext ct, int steps, Ciphertext out) {
    int slots = context.slotCount();
    int s = Math.floorMod(steps, slots);
    if (s == 0) {
      copyInto(ct, out);
      return;
    }
    int g = rns.galoisElementForStep(s);
    if (galoisKeys != null && galoisKeys.has(g)) {
      keySwitcher.applyGalois(ct, g, galoisKeys, out);
      return;
    }
    List<Integer> plan = compose(s, slots);
    if (plan == null) {
      throw new MissingGaloisKeyException(
          "no Galois key for a rotation by "
              + steps
              + ", and it cannot be composed from the keys present");
    }
    Ciphertext current = ct;
    for (int step : plan) {
      Ciphertext next = new Ciphertext(n);
      keySwitcher.applyGalois(current, rns.galoisElementForStep(step), galoisKeys, next);
      current = next;
    }
    out.replace(current.data(), current.size(), current.level(), current.scale());
  }

  public Ciphertext rotateNew(Ciphertext ct, int steps) {
    Ciphertext out = new Ciphertext(n);
    rotate(ct, steps, out);
    return out;
  }

  /** Complex conjugation of every slot (needs the key for 2N − 1). */
  public void conjugate(Ciphertext ct, Ciphertext out) {
    keySwitcher.applyGalois(ct, rns.conjugationElement(), galoisKeys, out);
  }

  public Ciphertext conjugateNew(Ciphertext ct) {
    Ciphertext out = new Ciphertext(n);
    conjugate(ct, out);
    return out;
  }

  /** The sum of all slots in every slot: log2(N/2) rotations by powers of two and additions. */
  public Ciphertext sumSlotsNew(Ciphertext ct) {
    Ciphertext acc = ct.copy();
    for (int step = 1; step < context.slotCount(); step <<= 1) {
      Ciphertext rotated = rotateNew(acc, step);
      add(acc, rotated, acc);
    }
    return acc;
  }

  /**
   * Whether {@link #rotate} by {@code steps} has the keys it needs (its own, or keys it can be composed
   * from), so that a computation can be refused before it starts rather than halfway.
   */
  public boolean canRotate(int steps) {
    int s = Math.floorMod(steps, context.slotCount());
    return s == 0
        || galoisKeys != null && galoisKeys.has(rns.galoisElementForStep(s))
        || compose(s, context.slotCount()) != null;
  }

  /** Whether {@link #sumSlotsNew} has the keys it needs. */
  public boolean canSumSlots() {
    for (int step = 1; step < context.slotCount(); step <<= 1) {
      if (!canRotate(step)) {
        return false;
      }
    }
    return true;
  }

  /** Signed powers of two summing to s (or to s − slots), each with a key; null when impossible. */
  private List<Integer> compose(int s, int slots) {
    if (galoisKeys == null) {
      return null;
    }
    List<Integer> best = null;
    for (int target : new int[] {s, s - slots}) {
      List<Integer> terms = nonAdjacentForm(target);
      boolean available = true;
      for (int t : terms) {
        available &= galoisKeys.has(rns.galoisElementForStep(t));
      }
      if (available && (best == null || terms.size() < best.size())) {
        best = terms;
      }
    }
    return best;
  }

  static List<Integer> nonAdjacentForm(int value) {
    List<Integer> terms = new ArrayList<>();
    long x = value;
    long power = 1;
    while (x != 0) {
      if ((x & 1) != 0) {
        long z = 2 - Math.floorMod(x, 4); // ±1
        terms.add((int) (z * power));
        x -= z;
      }
      x >>= 1;
      power <<= 1;
    }
    return terms;
  }

  // ---------------------------------------------------------------- alignment helpers

  static boolean closeScales(double a, double b) {
    return Math.abs(a - b) <= SCALE_TOLERANCE * Math.max(a, b);
  }

  private Ciphertext[] alignForAddition(Ciphertext a, Ciphertext b) {
    if (closeScales(a.scale(), b.scale())) {
      int level = Math.min(a.level(), b.level());
      return new Ciphertext[] {dropTo(a, level), dropTo(b, level)};
    }
    if (a.level() > b.level()) {
      return new Ciphertext[] {correctScale(a, b.scale(), b.level()), b};
    }
    if (b.level() > a.level()) {
      return new Ciphertext[] {a, correctScale(b, a.scale(), a.level())};
    }
    if (a.level() == 0) {
      throw new ScaleMismatchException(
          "operand scales "
              + a.scale()
              + " and "
              + b.scale()
              + " differ at level 0, where they cannot be aligned");
    }
    int level = a.level() - 1;
    return new Ciphertext[] {correctScale(a, b.scale(), level), dropTo(b, level)};
  }

  /** Brings x to {@code level} (below its own) with scale within 2^−32 of {@code targetScale}. */
  private Ciphertext correctScale(Ciphertext x, double targetScale, int level) {
    Ciphertext above = dropTo(x, level + 1);
    double q = params.prime(level + 1);
    double c = targetScale * q / x.scale();
    if (!(c >= MIN_CORRECTION) || c >= 0x1p62) {
      throw new ScaleMismatchException(
          "operand scales " + x.scale() + " and " + targetScale + " are too far apart to align");
    }
    long factor = Math.round(c);
    Ciphertext multiplied = multiplyByIntegerNew(above, factor);
    multiplied.setScale(x.scale() * factor);
    return rescaleNew(multiplied);
  }

  private Ciphertext dropTo(Ciphertext ct, int level) {
    if (ct.level() == level) {
      return ct;
    }
    int limbs = level + 1;
    int oldLimbs = ct.limbCount();
    long[] src = ct.data();
    long[] dst = new long[ct.size() * limbs * n];
    for (int p = 0; p < ct.size(); p++) {
      System.arraycopy(src, p * oldLimbs * n, dst, p * limbs * n, limbs * n);
    }
    Ciphertext out = new Ciphertext(n);
    out.replace(dst, ct.size(), level, ct.scale());
    return out;
  }

  private void copyInto(Ciphertext ct, Ciphertext out) {
    if (ct == out) {
      out.reset(ct.size(), ct.level(), ct.scale());
      return;
    }
    long[] src = ct.data();
    int size = ct.size();
    out.reset(size, ct.level(), ct.scale());
    System.arraycopy(src, 0, out.data(), 0, size * ct.limbCount() * n);
  }

  private double checkedProductScale(double a, double b, int level) {
    double scale = a * b;
    if (!(Math.log(scale) / Math.log(2) < params.log2Modulus(level))) {
      throw new ScaleOverflowException(
          "the product scale 2^"
              + Math.round(Math.log(scale) / Math.log(2))
              + " does not fit the modulus at level "
              + level);
    }
    return scale;
  }
}
