package io.pqcfhe.fhe.store.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secret keys before they enter a shared map: AES-256-GCM under the cluster state key, a fresh 12-byte
 * nonce from {@link SecureRandom} per sealing, and as associated data a format tag and the map key the value
 * is stored under, so a sealed key opens only where it was put (not under another context or session).
 * Sealed form: nonce ‖ ciphertext ‖ 16-byte tag. Thread-safe.
 *
 * <p>The state key is copied in and wiped by {@link #close()}; each operation builds its {@link SecretKeySpec}
 * from that copy (JDK 17 key specs cannot be destroyed, the {@link Cipher} keeps its own schedule: neither is
 * ours to wipe).
 */
final class SecretKeySealer implements AutoCloseable {
  static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final byte[] FORMAT = "pqcfhe sealed CKKS secret key v1".getBytes(StandardCharsets.US_ASCII);

  private final byte[] key;
  private final SecureRandom random;
  private volatile boolean closed;

  /** @param key the 32-byte cluster state key, copied (the caller wipes its own) */
  SecretKeySealer(byte[] key, SecureRandom random) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("the state key must be 32 bytes");
    }
    this.key = key.clone();
    this.random = random;
  }

  /** The sealed form of {@code plaintext} for the map key {@code location}; the caller wipes the plaintext. */
  byte[] seal(byte[] plaintext, String location) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, location);
      byte[] sealed = Arrays.copyOf(nonce, NONCE_BYTES + cipher.getOutputSize(plaintext.length));
      cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
      return sealed;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed", e);
    }
  }

  /**
   * The plaintext of a value sealed for {@code location}; the caller must wipe it.
   *
   * @throws SealedKeyException when the bytes were altered, sealed for another location or another key
   */
  byte[] open(byte[] sealed, String location) {
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SealedKeyException();
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, NONCE_BYTES), location);
      return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new SealedKeyException();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("opening failed", e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String location) throws GeneralSecurityException {
    if (closed) {
      throw new IllegalStateException("the sealer is closed");
    }
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(FORMAT);
    cipher.updateAAD(new byte[] {0});
    cipher.updateAAD(location.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  /** Wipes the state key; sealing and opening fail afterwards. */
  @Override
  public void close() {
    closed = true;
    Arrays.fill(key, (byte) 0);
  }

  /** A sealed secret key that does not open: altered, moved, or sealed under another state key. */
  static final class SealedKeyException extends IllegalStateException {
    SealedKeyException() {
      super("a sealed secret key failed authentication");
    }
  }
}
