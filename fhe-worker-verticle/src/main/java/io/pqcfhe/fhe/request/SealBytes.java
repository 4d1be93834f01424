package io.pqcfhe.fhe.request;

import java.util.Arrays;

/** The bytes of a SEAL-serialized object as the client sent them (not yet loaded or validated). Immutable. */
public final class SealBytes {
  private final byte[] bytes;

  private SealBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  public static SealBytes copyOf(byte[] bytes) {
    return new SealBytes(bytes.clone());
  }

  /** Takes ownership of a freshly decoded array (no copy of what may be tens of megabytes). */
  static SealBytes adopt(byte[] decoded) {
    return new SealBytes(decoded);
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealBytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "SealBytes[" + bytes.length + " bytes]";
  }
}
