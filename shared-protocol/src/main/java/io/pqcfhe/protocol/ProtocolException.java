package io.pqcfhe.protocol;

/**
 * Carries a {@link ProtocolError} through code that unwinds. Cheap to throw (no stack trace), and its
 * message is the error's public message only, so logging it leaks nothing beyond what the client sees.
 */
public final class ProtocolException extends RuntimeException {
  private final transient ProtocolError error;

  public ProtocolException(ProtocolError error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.error = error;
  }

  public ProtocolError error() {
    return error;
  }
}
