package io.pqcfhe.ckks.error;

/**
 * A refusal of the CKKS engine, with a stable machine-readable reason (e.g. {@code
 * missing_relin_keys}) that services map to protocol errors. Messages never contain key material or
 * plaintext values.
 */
public abstract class CkksException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  protected CkksException(String reason, String message) {
    // Expected refusals, not bugs: no stack trace is captured (cheap, and nothing to leak).
    super(message, null, false, false);
    this.reason = reason;
  }

  /** The stable reason code. */
  public String reason() {
    return reason;
  }
}
