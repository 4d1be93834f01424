package io.pqcfhe.crypto;

/**
 * A peer's key (ML-KEM encapsulation key, X25519 public key, ciphertext) failed its input checks, or an
 * agreement produced an all-zero secret. The message names the check, never key bytes.
 */
public final class InvalidKeyMaterialException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidKeyMaterialException(String message) {
    super(message, null, false, false);
  }
}
