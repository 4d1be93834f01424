package io.pqcfhe.ckks.rlwe;

import java.util.Arrays;

/**
 * An RLWE ciphertext in NTT form: {@code size} polynomials (2 after encryption, 3 after a
 * multiplication before relinearization) at a level ℓ (SEAL's chain index; ℓ + 1 primes), with the
 * CKKS scale.
 *
 * <p>The data is one array in SEAL's wire order: value i of prime j of polynomial p at {@code
 * (p·(ℓ+1) + j)·N + i}, each in [0, q_j), so a SEAL converter copies it without reshuffling.
 *
 * <p>A mutable working object (evaluator results can be written into an existing ciphertext to
 * reuse its memory): not safe to share between threads while any thread may write it. Treat it as
 * immutable once published (e.g. stored for a session) and let the evaluator allocate new ones
 * ({@code ...New} methods).
 */
public final class Ciphertext {

  private final int degree;
  private long[] data;
  private int size;
  private int level;
  private double scale;

  /**
   * Set only while polynomial 1 is still the expansion of this seed (fresh symmetric encryption).
   */
  private UniformSeed seed;

  /** An empty ciphertext to be written by an evaluator. */
  public Ciphertext(int degree) {
    this.degree = degree;
    this.data = new long[0];
  }

  /**
   * A ciphertext over a copy of {@code values} (length size·(level+1)·N, SEAL order), e.g. from a
   * SEAL converter; values are checked by the caller against the primes of the level.
   */
  public static Ciphertext of(int degree, int size, int level, double scale, long[] values) {
    if (size < 2 || level < 0 || values.length != (long) size * (level + 1) * degree) {
      throw new IllegalArgumentException("ciphertext shape does not match its data length");
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be positive and finite: " + scale);
    }
    Ciphertext ct = new Ciphertext(degree);
    ct.data = values.clone();
    ct.size = size;
    ct.level = level;
    ct.scale = scale;
    return ct;
  }

  public int degree() {
    return degree;
  }

  public int size() {
    return size;
  }

  /** SEAL's chain index: ℓ + 1 primes are in use. */
  public int level() {
    return level;
  }

  public int limbCount() {
    return level + 1;
  }

  public double scale() {
    return scale;
  }

  /** Only the metadata changes, e.g. to declare an exactly known scale after alignment. */
  public void setScale(double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be positive and finite: " + scale);
    }
    this.scale = scale;
  }

  /**
   * The backing array in SEAL order (live, not a copy: the engine works on it in place). Only the
   * first size·(level+1)·N values are meaningful.
   */
  public long[] data() {
    return data;
  }

  /** A copy of the meaningful values in SEAL order. */
  public long[] copyData() {
    return Arrays.copyOf(data, size * (level + 1) * degree);
  }

  /** Offset of prime j of polynomial p in {@link #data()}. */
  public int offset(int poly, int prime) {
    return (poly * (level + 1) + prime) * degree;
  }

  /**
   * The seed of polynomial 1 if it is still the expansion of a seed, for SEAL's seeded form; else
   * null.
   */
  public UniformSeed seed() {
    return seed;
  }

  void setSeed(UniformSeed seed) {
    this.seed = seed;
  }

  /**
   * Reshapes this ciphertext for a result. The array is kept (with its contents) when the level is
   * unchanged and it is large enough, which lets element-wise operations run in place; otherwise a
   * new zeroed array is allocated. Clears the seed.
   */
  public void reset(int newSize, int newLevel, double newScale) {
    int needed = newSize * (newLevel + 1) * degree;
    if (newLevel != level || data.length < needed) {
      long[] fresh = new long[needed];
      if (newLevel == level) {
        System.arraycopy(data, 0, fresh, 0, Math.min(data.length, needed));
      }
      data = fresh;
    }
    size = newSize;
    level = newLevel;
    scale = newScale;
    seed = null;
  }

  /**
   * Declares a new shape over the same array, for engine code that has already laid the values out
   * in SEAL order for that shape (e.g. an in-place rescale or relinearization). Clears the seed.
   */
  public void reshape(int newSize, int newLevel, double newScale) {
    if (data.length < newSize * (newLevel + 1) * degree) {
      throw new IllegalArgumentException("data too short for the shape");
    }
    size = newSize;
    level = newLevel;
    scale = newScale;
    seed = null;
  }

  /** Replaces the contents by an array the caller hands over (not copied). Clears the seed. */
  public void replace(long[] values, int newSize, int newLevel, double newScale) {
    if (values.length < newSize * (newLevel + 1) * degree) {
      throw new IllegalArgumentException("data too short for the shape");
    }
    data = values;
    size = newSize;
    level = newLevel;
    scale = newScale;
    seed = null;
  }

  public Ciphertext copy() {
    Ciphertext ct = new Ciphertext(degree);
    ct.data = copyData();
    ct.size = size;
    ct.level = level;
    ct.scale = scale;
    ct.seed = seed;
    return ct;
  }

  @Override
  public String toString() {
    return "Ciphertext[N="
        + degree
        + ", size="
        + size
        + ", level="
        + level
        + ", scale="
        + scale
        + "]";
  }
}
