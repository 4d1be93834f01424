package io.pqcfhe.protocol;

/** The error codes of the contract (PROTOCOL.md §8) with their HTTP equivalents. */
public enum ErrorCode {
  INVALID_REQUEST(400),
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  SESSION_NOT_FOUND(404),
  PQC_KEY_EXCHANGE_FAILED(400),
  SECURE_CHANNEL_ERROR(400),
  FHE_CONTEXT_ERROR(400),
  FHE_COMPUTATION_ERROR(400),
  NOISE_BUDGET_EXHAUSTED(400),
  RATE_LIMIT_EXCEEDED(429),
  SERVER_ERROR(500),
  SERVICE_UNAVAILABLE(503);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
