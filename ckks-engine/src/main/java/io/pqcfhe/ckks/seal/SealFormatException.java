package io.pqcfhe.ckks.seal;

/**
 * SEAL bytes that cannot be accepted. The reason is the protocol's vocabulary; the message says
 * what was wrong in words safe to log (never the object's contents).
 */
public final class SealFormatException extends RuntimeException {

  /** Why the bytes were refused, as the protocol names it. */
  public enum Reason {
    /** Not a well-formed SEAL 4.1 object of the expected type, or its values are out of range. */
    INVALID_SEAL_OBJECT("invalid_seal_object"),
    /** Well formed, but made for parameters other than the ones it is loaded against. */
    PARMS_MISMATCH("parms_mismatch");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    /** The protocol's reason string. */
    public String code() {
      return code;
    }
  }

  private final Reason reason;

  SealFormatException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  static SealFormatException invalid(String message) {
    return new SealFormatException(Reason.INVALID_SEAL_OBJECT, message);
  }

  static SealFormatException mismatch(String message) {
    return new SealFormatException(Reason.PARMS_MISMATCH, message);
  }

  public Reason reason() {
    return reason;
  }
}
