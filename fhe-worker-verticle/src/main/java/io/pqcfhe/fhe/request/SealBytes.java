package io.pqcfhe.fhe.request;

import java.util.Arrays;

/** The bytes of a SEAL-serialized object as the client sent them (not yet loaded or validated). Immutable. */
public final class SealBytes {
  private final byte[] bytes;

  SealBytes(byte[] bytes) {
    this.bytes = bytes.clone();
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
