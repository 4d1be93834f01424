package io.pqcfhe.fhe.store.shared;

import io.pqcfhe.crypto.AesGcm;
import io.pqcfhe.crypto.AuthenticationFailedException;
import io.pqcfhe.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Seals secret keys before they enter a shared map: AES-256-GCM ({@link AesGcm}, the channel's own) under the
 * cluster state key, a fresh 12-byte nonce from {@link SecureRandom} per sealing, and as associated data a
 * format tag and the map key the value is stored under, so a sealed key opens only where it was put (not
 * under another context or session). Sealed form: nonce ‖ ciphertext ‖ 16-byte tag. Thread-safe.
 *
 * <p>The state key is copied into the bound cipher, which {@link #close()} drops (on JDK 17 the provider's
 * copies of a key cannot be wiped, only dropped).
 */
final class SecretKeySealer implements AutoCloseable {
  static final int KEY_BYTES = AesGcm.KEY_BYTES;
  private static final byte[] FORMAT = "pqcfhe sealed CKKS secret key v1\0".getBytes(StandardCharsets.US_ASCII);

  private final AesGcm.Bound cipher;
  private final SecureRandom random;

  /** @param key the 32-byte cluster state key, copied (the caller wipes its own) */
  SecretKeySealer(byte[] key, SecureRandom random) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("the state key must be 32 bytes");
    }
    SecretBytes copy = SecretBytes.copyOf(key);
    try {
      this.cipher = new AesGcm.Bound(copy);
    } finally {
      copy.destroy();
    }
    this.random = random;
  }

  /** The sealed form of {@code plaintext} for the map key {@code location}; the caller wipes the plaintext. */
  byte[] seal(byte[] plaintext, String location) {
    byte[] nonce = new byte[AesGcm.IV_BYTES];
    random.nextBytes(nonce);
    AesGcm.Sealed sealed = cipher.seal(nonce, plaintext, associatedData(location));
    byte[] ciphertext = sealed.ciphertext();
    byte[] out = Arrays.copyOf(nonce, nonce.length + ciphertext.length + AesGcm.TAG_BYTES);
    System.arraycopy(ciphertext, 0, out, nonce.length, ciphertext.length);
    System.arraycopy(sealed.tag(), 0, out, nonce.length + ciphertext.length, AesGcm.TAG_BYTES);
    return out;
  }

  /**
   * The plaintext of a value sealed for {@code location}; the caller must wipe it.
   *
   * @throws SealedKeyException when the bytes were altered, sealed for another location or another key
   */
  byte[] open(byte[] sealed, String location) {
    int ciphertextEnd = sealed.length - AesGcm.TAG_BYTES;
    if (ciphertextEnd < AesGcm.IV_BYTES) {
      throw new SealedKeyException();
    }
    try {
      return cipher.open(
          Arrays.copyOf(sealed, AesGcm.IV_BYTES),
          Arrays.copyOfRange(sealed, AesGcm.IV_BYTES, ciphertextEnd),
          Arrays.copyOfRange(sealed, ciphertextEnd, sealed.length),
          associatedData(location));
    } catch (AuthenticationFailedException e) {
      throw new SealedKeyException();
    }
  }

  private static byte[] associatedData(String location) {
    byte[] where = location.getBytes(StandardCharsets.UTF_8);
    byte[] aad = Arrays.copyOf(FORMAT, FORMAT.length + where.length);
    System.arraycopy(where, 0, aad, FORMAT.length, where.length);
    return aad;
  }

  /** Drops the state key; sealing and opening fail afterwards. */
  @Override
  public void close() {
    cipher.destroy();
  }

  /** A sealed secret key that does not open: altered, moved, or sealed under another state key. */
  static final class SealedKeyException extends IllegalStateException {
    SealedKeyException() {
      super("a sealed secret key failed authentication");
    }
  }
}
