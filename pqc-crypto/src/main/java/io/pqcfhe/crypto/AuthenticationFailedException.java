package io.pqcfhe.crypto;

/** An AEAD tag did not verify: the message was tampered with, or sealed under another key, IV or AAD. */
public final class AuthenticationFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public AuthenticationFailedException() {
    super("authentication tag mismatch", null, false, false);
  }
}
