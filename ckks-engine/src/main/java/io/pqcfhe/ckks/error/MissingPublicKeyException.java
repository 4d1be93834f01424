package io.pqcfhe.ckks.error;

/** Public-key encryption was asked for without a public key. */
public final class MissingPublicKeyException extends CkksException {

  private static final long serialVersionUID = 1L;

  public MissingPublicKeyException(String message) {
    super("missing_public_key", message);
  }
}
