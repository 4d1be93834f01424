package io.pqcfhe.ckks.error;

/** Relinearization needs relinearization keys, and none were given. */
public final class MissingRelinKeysException extends CkksException {

  private static final long serialVersionUID = 1L;

  public MissingRelinKeysException(String message) {
    super("missing_relin_keys", message);
  }
}
