package io.pqcfhe.ckks.error;

/** The result's scale would not fit below the modulus of its level. */
public final class ScaleOverflowException extends CkksException {

  private static final long serialVersionUID = 1L;

  public ScaleOverflowException(String message) {
    super("scale_overflow", message);
  }
}
