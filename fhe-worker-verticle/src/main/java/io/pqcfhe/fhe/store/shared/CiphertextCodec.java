package io.pqcfhe.fhe.store.shared;

import io.pqcfhe.ckks.seal.ComprMode;
import io.pqcfhe.ckks.seal.SealFormatException;
import io.pqcfhe.ckks.seal.SealObjects;
import io.pqcfhe.fhe.store.ErrorEstimate;
import io.pqcfhe.fhe.store.StoredCiphertext;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * A ciphertext as the ciphertexts map keeps it, and back: version byte, its context id, the error estimate
 * (two doubles), the number of encrypted values (−1 when unknown), then its SEAL bytes, uncompressed (the
 * write is on the path of every operation: speed over size). Immutable once written.
 */
final class CiphertextCodec {
  private static final byte VERSION = 1;

  private CiphertextCodec() {}

  /** A ciphertext read back, with the context it belongs to. */
  record Entry(String contextId, StoredCiphertext ciphertext) {}

  static byte[] encode(String contextId, StoredCiphertext stored, SealObjects seal) {
    byte[] sealBytes = seal.save(stored.ciphertext(), ComprMode.NONE);
    byte[] id = contextId.getBytes(StandardCharsets.UTF_8);
    if (id.length > 0xFFFF) {
      throw new IllegalArgumentException("context id too long");
    }
    // Sized exactly and filled once: the SEAL bytes are copied a single time.
    ByteBuffer out = ByteBuffer.allocate(1 + 2 + id.length + 8 + 8 + 4 + sealBytes.length);
    out.put(VERSION)
        .putShort((short) id.length)
        .put(id)
        .putDouble(stored.estimate().magnitude())
        .putDouble(stored.estimate().error())
        .putInt(stored.length().orElse(-1))
        .put(sealBytes);
    return out.array();
  }

  /**
   * @param seal the bridge of the ciphertext's context
   * @throws IllegalStateException when the bytes are not a ciphertext record of that context's parameters
   */
  static Entry decode(byte[] value, SealObjects seal) {
    try {
      ByteBuffer in = ByteBuffer.wrap(value);
      if (in.get() != VERSION) {
        throw new IllegalArgumentException("unknown version");
      }
      String contextId = Encoding.readString(in);
      ErrorEstimate estimate = new ErrorEstimate(in.getDouble(), in.getDouble());
      int length = in.getInt();
      if (length < -1) {
        throw new IllegalArgumentException("bad length");
      }
      byte[] sealBytes = Arrays.copyOfRange(value, in.position(), value.length);
      StoredCiphertext stored =
          new StoredCiphertext(
              seal.loadCiphertext(sealBytes), estimate, length < 0 ? OptionalInt.empty() : OptionalInt.of(length));
      return new Entry(contextId, stored);
    } catch (BufferUnderflowException | IllegalArgumentException | SealFormatException e) {
      throw new IllegalStateException("corrupt ciphertext record");
    }
  }
}
