package io.pqcfhe.ckks.rlwe;

import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * The secret key s (uniform ternary) in NTT form over all k primes (the key level), SEAL's layout:
 * prime j, value i at {@code j·N + i}. Immutable until {@link #destroy()}, which zeroes it;
 * thread-safe for readers. The values leave the object only through {@link #copyValues()},
 * grep-able on purpose.
 */
public final class SecretKey implements Destroyable {

  private final int degree;
  private final long[] data;
  private volatile boolean destroyed;

  /** Takes ownership of {@code values} (NTT form, k·N values). */
  public SecretKey(int degree, long[] values) {
    this.degree = degree;
    this.data = values;
  }

  public int degree() {
    return degree;
  }

  public int limbCount() {
    return data.length / degree;
  }

  /** A copy of the key material, e.g. for saving it in SEAL form; the caller must wipe it. */
  public long[] copyValues() {
    return Arrays.copyOf(live(), data.length);
  }

  /** The live key for the engine's loops (package-internal). */
  long[] live() {
    if (destroyed) {
      throw new IllegalStateException("secret key destroyed");
    }
    return data;
  }

  @Override
  public void destroy() {
    Arrays.fill(data, 0L);
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "SecretKey[N=" + degree + "]";
  }
}
