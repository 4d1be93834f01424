package io.pqcfhe.protocol;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * An error as the contract describes it: a code, a human message, and machine-readable details
 * ({@code reason}, {@code field}, ...). Never carries a stack trace, a key or a secret-dependent value.
 */
public record ProtocolError(ErrorCode code, String message, JsonObject details) {

  public ProtocolError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    details = details == null ? new JsonObject() : details.copy();
  }

  @Override
  public JsonObject details() {
    return details.copy();
  }

  public static ProtocolError of(ErrorCode code, String message) {
    return new ProtocolError(code, message, new JsonObject());
  }

  /** An error whose {@code details.reason} is one of the contract's stable reason words. */
  public static ProtocolError withReason(ErrorCode code, String reason, String message) {
    return new ProtocolError(code, message, new JsonObject().put("reason", reason));
  }

  /** {@code INVALID_REQUEST} naming the offending field by its path, e.g. {@code payload.data[3]}. */
  public static ProtocolError invalidField(String fieldPath, String message) {
    return new ProtocolError(ErrorCode.INVALID_REQUEST, message, new JsonObject().put("field", fieldPath));
  }

  public ProtocolError withDetail(String key, Object value) {
    return new ProtocolError(code, message, details.copy().put(key, value));
  }

  public JsonObject toJson() {
    return new JsonObject().put("code", code.name()).put("message", message).put("details", details.copy());
  }

  public static ProtocolError fromJson(JsonObject json) {
    return new ProtocolError(
        ErrorCode.valueOf(json.getString("code")), json.getString("message"), json.getJsonObject("details"));
  }

  /** This error as an exception, for code paths that unwind; it records no stack trace. */
  public ProtocolException asException() {
    return new ProtocolException(this);
  }
}
