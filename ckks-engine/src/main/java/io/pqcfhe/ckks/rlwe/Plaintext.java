package io.pqcfhe.ckks.rlwe;

import java.util.Arrays;

/**
 * An encoded CKKS plaintext in NTT form at a level ℓ: prime j, value i at {@code j·N + i} (SEAL's
 * order), with its scale. Immutable once built: {@link #data()} returns a copy; the engine reads
 * the values through {@link #values()} and never writes them.
 */
public final class Plaintext {

  private final int degree;
  private final long[] data;
  private final int level;
  private final double scale;

  /** Takes ownership of {@code values} (length (level+1)·N). */
  public Plaintext(int degree, int level, double scale, long[] values) {
    if (level < 0 || values.length != (level + 1) * degree) {
      throw new IllegalArgumentException("plaintext shape does not match its data length");
    }
    this.degree = degree;
    this.level = level;
    this.scale = scale;
    this.data = values;
  }

  public int degree() {
    return degree;
  }

  public int level() {
    return level;
  }

  public double scale() {
    return scale;
  }

  /** A copy of the values, SEAL order. */
  public long[] data() {
    return Arrays.copyOf(data, data.length);
  }

  /** The live values for the engine's read-only loops; never modify them. */
  long[] values() {
    return data;
  }

  /** Read access for other engine packages without copying: value at index. */
  public long value(int index) {
    return data[index];
  }

  /** Copies limbs into {@code out} (for evaluator loops). */
  public void copyTo(long[] out, int offset) {
    System.arraycopy(data, 0, out, offset, data.length);
  }
}
