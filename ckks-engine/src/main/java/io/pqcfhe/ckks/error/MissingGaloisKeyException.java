package io.pqcfhe.ckks.error;

/**
 * A rotation or conjugation needs a Galois key that is absent and cannot be composed from those
 * present.
 */
public final class MissingGaloisKeyException extends CkksException {

  private static final long serialVersionUID = 1L;

  public MissingGaloisKeyException(String message) {
    super("missing_galois_key", message);
  }
}
