package io.pqcfhe.crypto;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Secret key material behind a capability: the raw bytes leave this object only through
 * {@link #reveal(Function)} and {@link #revealCopy()}, so a grep for those two names finds every place
 * that touches a secret. {@link #destroy()} overwrites the bytes with zeros; a destroyed secret refuses
 * every further use.
 *
 * <p>Not thread-safe against a concurrent {@code destroy()}; owners serialise use and destruction.
 */
public final class SecretBytes {
  private final byte[] bytes;
  private boolean destroyed;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}; the caller remains responsible for wiping its own array. */
  public static SecretBytes copyOf(byte[] bytes) {
    return new SecretBytes(bytes.clone());
  }

  /** Takes ownership of {@code bytes} without copying: the caller must drop its reference. */
  public static SecretBytes wrap(byte[] bytes) {
    return new SecretBytes(bytes);
  }

  public int size() {
    return bytes.length;
  }

  /**
   * Lends the raw bytes to {@code use} without copying. {@code use} must neither keep nor modify the
   * array, and must not return it.
   */
  public <T> T reveal(Function<byte[], T> use) {
    checkNotDestroyed();
    return use.apply(bytes);
  }

  /** A copy of the raw bytes, which the caller must wipe when done. */
  public byte[] revealCopy() {
    checkNotDestroyed();
    return bytes.clone();
  }

  /** Overwrites the bytes with zeros. Idempotent. */
  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
    destroyed = true;
  }

  public boolean isDestroyed() {
    return destroyed;
  }

  private void checkNotDestroyed() {
    if (destroyed) {
      throw new IllegalStateException("secret already destroyed");
    }
  }

  /** Never prints the content. */
  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes" + (destroyed ? ", destroyed]" : "]");
  }
}
