package io.pqcfhe.ckks.error;

/** No level is left for the operation (e.g. rescaling at level 0). */
public final class LevelExhaustedException extends CkksException {

  private static final long serialVersionUID = 1L;

  public LevelExhaustedException(String message) {
    super("level_exhausted", message);
  }
}
