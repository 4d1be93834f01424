package io.pqcfhe.ckks.error;

/** Operand scales differ and cannot be aligned at the available levels. */
public final class ScaleMismatchException extends CkksException {

  private static final long serialVersionUID = 1L;

  public ScaleMismatchException(String message) {
    super("scale_mismatch", message);
  }
}
